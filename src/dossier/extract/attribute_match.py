"""The attribute ruler's matches by table look-up: the same list as spaCy's ``Matcher``, at a tenth of the CPU.

The small English model's ``attribute_ruler`` (tag → POS and morphology, plus exceptions) holds 179 rules, and
spaCy's ``Matcher`` tries every one at every token: 13 % of the whole parse's CPU, as much as the parser itself
(docs/scale.md, session 17). Every one of them is a fixed run of one or two tokens compared on a few attributes
(``{"TAG": "NN"}``, ``{"TAG": "VB", "LOWER": {"IN": [...]}}``, ``[{"LOWER": "gon"}, {"LOWER": "na"}]``), which
a dictionary keyed by one token's tag or lower-cased form finds directly. :func:`speed_up` gives the ruler a
``match`` that looks the rules up that way, leaves any it cannot read (an ``OP``, an extension attribute, a
fuzzy match) to a ``Matcher`` that holds only them, and sorts the whole as ``AttributeRuler.match`` does. The
ruler's ``set_annotations`` is untouched, so the tokens get the same attributes (tested: the matches equal
spaCy's on real reports, and an ingest's exports are byte-identical).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, cast

from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

Match = tuple[int, int, int, int]  # (rule index, match id, start, end), as AttributeRuler.match gives them
Test = tuple[int, int, str, Any]  # (token offset in the pattern, table column, operator, value or values)
Pattern = tuple[int, int, list[Test]]  # (rule index, length in tokens, tests)
_UNREAD = frozenset({"OP", "_", "TEXT", "IS_SENT_START", "SENT_START", "MORPH", "ENT_IOB", "LENGTH", "SPACY"})


class AttributeMatch:
    """``AttributeRuler.match`` for one ruler: its patterns found by look-up, any others by a smaller Matcher.

    Each pattern is filed under the values one of its tests accepts (an equality's value, or each value of an
    ``IN`` list), so that at a token only the patterns filed under its values are checked; a pattern with
    neither is checked at every token. The tests are the Matcher's: strings compare by the string store's hash
    (the empty string is 0, an unset attribute), booleans as 0/1, ``REGEX`` searches the attribute's string.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs: list[int | str] = []  # spaCy attribute ids of the token table's columns
        self._columns: dict[str, int] = {}
        self._regexes: list[tuple[re.Pattern[str], dict[int, bool]]] = []  # each with its answers by value
        self.rest = Matcher(ruler.vocab)
        self.match_ids = [ruler.vocab.strings.add(str(i)) for i in range(len(ruler.patterns))]
        self.by_value: dict[tuple[int, int], list[tuple[int, Pattern]]] = {}  # (column, value) → (offset, pattern)
        self.everywhere: list[Pattern] = []
        self.deduplicate = False  # a rule with two patterns can match one span twice; the Matcher reports it once
        for index, rule in enumerate(ruler.patterns):
            specs = cast(list[list[dict[str, Any]]], rule["patterns"])
            patterns = [self._pattern(index, tokens) for tokens in specs]
            if any(p is None for p in patterns):
                self.rest.add(self.match_ids[index], specs)
                continue
            self.deduplicate |= len(patterns) > 1
            for pattern in patterns:
                assert pattern is not None
                self._file(pattern)
        self.anchor_columns = sorted({column for column, _ in self.by_value})

    def _pattern(self, index: int, tokens: Sequence[dict[str, Any]]) -> Pattern | None:
        tests: list[Test] = []
        for offset, spec in enumerate(tokens):
            if not isinstance(spec, dict):
                return None
            for key, value in spec.items():
                name = key.upper() if isinstance(key, str) else None
                if name is None or name not in IDS or name in _UNREAD:
                    return None
                if name not in self._columns:
                    self._columns[name] = len(self.attrs)
                    self.attrs.append(IDS[name])
                test = self._test(offset, self._columns[name], value)
                if test is None:
                    return None
                tests.append(test)
        return (index, len(tokens), tests) if tokens else None

    def _test(self, offset: int, column: int, value: object) -> Test | None:
        if isinstance(value, bool):
            return offset, column, "eq", int(value)
        if isinstance(value, int):
            return offset, column, "eq", value
        if isinstance(value, str):
            return offset, column, "eq", get_string_id(value)
        if isinstance(value, dict) and len(value) == 1:
            (op, values), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(values, list) and all(isinstance(v, str) for v in values):
                return offset, column, op.lower(), frozenset(get_string_id(v) for v in values)
            if op == "REGEX" and isinstance(values, str):
                self._regexes.append((re.compile(values), {}))
                return offset, column, "regex", len(self._regexes) - 1
        return None

    def _file(self, pattern: Pattern) -> None:
        anchors = [t for t in pattern[2] if t[2] in ("eq", "in")]
        if not anchors:
            self.everywhere.append(pattern)
            return
        anchor = min(anchors, key=lambda t: (t[2] != "eq", t[0], t[1]))  # an equality first
        offset, column, op, value = anchor
        rest = (pattern[0], pattern[1], [t for t in pattern[2] if t is not anchor])
        for one in (value,) if op == "eq" else value:
            self.by_value.setdefault((column, one), []).append((offset, rest))

    def __call__(self, doc: Doc) -> list[Match]:
        found: list[Match] = []
        n = len(doc)
        if n and self.attrs:
            rows = cast(list[list[int]], doc.to_array(self.attrs).reshape(n, len(self.attrs)).tolist())
            strings = doc.vocab.strings
            ids, by_value, columns = self.match_ids, self.by_value, self.anchor_columns
            for i, row in enumerate(rows):
                for column in columns:
                    for offset, (index, length, tests) in by_value.get((column, row[column]), ()):
                        start = i - offset
                        if start >= 0 and start + length <= n and self._passes(rows, start, tests, strings):
                            found.append((index, ids[index], start, start + length))
                for index, length, tests in self.everywhere:
                    if i + length <= n and self._passes(rows, i, tests, strings):
                        found.append((index, ids[index], i, i + length))
        if len(self.rest):
            strings = doc.vocab.strings
            found.extend((int(strings[m_id]), m_id, s, e)
                         for m_id, s, e in self.rest(doc, allow_missing=True, as_spans=False))
        if self.deduplicate:
            found = list(set(found))
        found.sort()
        return found

    def _passes(self, rows: list[list[int]], start: int, tests: list[Test], strings: StringStore) -> bool:
        for offset, column, op, value in tests:
            got = rows[start + offset][column]
            if op == "eq":
                if got != value:
                    return False
            elif op == "in":
                if got not in value:
                    return False
            elif op == "not_in":
                if got in value:
                    return False
            else:
                regex, answers = self._regexes[value]
                answer = answers.get(got)
                if answer is None:
                    answer = answers[got] = bool(regex.search(strings[got]))
                if not answer:
                    return False
        return True


def speed_up(ruler: AttributeRuler) -> Callable[[Doc], list[Match]]:
    """Give ``ruler`` the look-up ``match`` (an instance attribute: ``AttributeRuler.__call__`` calls
    ``self.match``); returns it. The ruler's patterns must not change afterwards (none of dossier's code adds any)."""
    match = AttributeMatch(ruler)
    ruler.match = match  # type: ignore[method-assign]
    return match
