"""Compare two names and say why they match: which words paired, and how.

rigour (from the FollowTheMoney ecosystem) does the linguistics: it splits and normalises a name, marks
legal-form words ("Ltd", "GmbH", "LLC") and stop words ("al", "the"), transliterates Cyrillic, Greek and other
scripts, and tags words with name symbols (Wikidata ids shared by "Mohammed", "Muhammad", "Мухаммад" and
"محمد"; optional, see :func:`prepare`). rapidfuzz scores spelling variants. What is ours is the alignment
and its explanation: every word of
the shorter name is paired with its best partner in the longer one, and each pair says how it matched.

A pair scores 1.0 (same word), 0.95 (same word once transliterated), 0.9 (name equivalents by symbol), up to
0.9 (spelling variant, Jaro-Winkler ≥ 0.88), 0.8 (sounds alike: same metaphone) or 0.7 (an initial). The name
scores the sum of its pairs over the word count of the longer name, so a partial name ("Omar" against
"Mohammad Omar") scores at most 0.5.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from dossier.exc import require

EXACT, TRANSLIT, EQUIVALENT, SPELLING, SOUND, INITIAL = (
    "same word", "transliteration", "name equivalent", "spelling variant", "sounds alike", "initial")
_SCORE = {EXACT: 1.0, TRANSLIT: 0.95, EQUIVALENT: 0.9, SOUND: 0.8, INITIAL: 0.7}
SPELLING_MIN = 0.88
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ovych", "evych", "ogly", "oglu", "kyzy")
_SYMBOL_KINDS = ("NAME", "SYMBOL", "DOMAIN", "NICK")


@dataclass(frozen=True, slots=True)
class Token:
    form: str  # as written, lower-cased (any script)
    key: str  # ASCII transliteration
    metaphone: str | None
    symbols: frozenset[str]


@dataclass(frozen=True, slots=True)
class PreparedName:
    text: str
    kind: str  # "person", "org" or "any"
    tokens: tuple[Token, ...]
    legal: tuple[str, ...]  # legal-form words set aside
    latin: bool  # written in Latin script

    @property
    def initials(self) -> int:
        return sum(1 for t in self.tokens if len(t.key) == 1)


@dataclass(frozen=True, slots=True)
class Pairing:
    a: str
    b: str
    how: str
    score: float


@dataclass(frozen=True, slots=True)
class NameMatch:
    a: str
    b: str
    score: float
    pairs: tuple[Pairing, ...]
    reasons: tuple[str, ...]  # e.g. "transliteration", "word order", "legal-form words ignored (ltd)"


def _is_latin(text: str) -> bool:
    return all(not ch.isalpha() or ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in text)


@lru_cache(maxsize=200_000)
def prepare(text: str, kind: str = "any", symbols: bool = False) -> PreparedName:
    """Split and normalise ``text`` once (cached: a list's names are compared many times). ``symbols`` also tags
    words with rigour's name symbols, which pair names across scripts that transliteration cannot (Arabic
    "محمد" and "Mohammad"); it costs about 8 s of CPU once per process to load rigour's tables."""
    require("ftm", "screening")  # rigour (with followthemoney) needs PyICU, so it is not in the bare install
    from rigour.names import NamePartTag, NameTypeTag, analyze_names, extract_org_types
    from rigour.text import ascii_text

    tag = {"person": NameTypeTag.PER, "org": NameTypeTag.ORG}.get(kind, NameTypeTag.ENT)
    legal: list[str] = []
    bare = text
    if kind != "person":  # legal forms ("Ltd", "S.A.", "GmbH & Co. KG") are set aside before comparing
        for surface, _normal in extract_org_types(text):
            if surface in bare:
                legal.append(" ".join(surface.lower().split()))
                bare = bare.replace(surface, " ")
    names = analyze_names(tag, [bare if bare.strip() else text], symbols=symbols)
    if not names:
        return PreparedName(text, kind, (), (), _is_latin(text))
    name = max(names, key=lambda n: len(n.parts))
    span_symbols: dict[int, set[str]] = {}
    for span in name.spans:
        symbol = span.symbol
        if str(symbol.category).rsplit(".", 1)[-1] in _SYMBOL_KINDS:
            for part in span.parts:
                span_symbols.setdefault(part.index, set()).add(str(symbol))
    tokens: list[Token] = []
    for part in name.parts:
        if part.tag == NamePartTag.LEGAL:
            legal.append(part.form)
            continue
        if part.tag == NamePartTag.STOP and not (kind == "person" and len(part.form) == 1):
            continue  # "al", "the", "of"; but in a person's name "A." is an initial, not the article
        key = ascii_text(part.comparable) or part.comparable
        key = "".join(ch for ch in key.lower() if ch.isalnum())
        if not key:
            continue
        tokens.append(Token(part.form, key, part.metaphone, frozenset(span_symbols.get(part.index, ()))))
    return PreparedName(text, kind, tuple(tokens), tuple(legal), _is_latin(text))


def _pair(a: Token, b: Token, persons: bool, scripts_differ: bool) -> tuple[str, float] | None:
    if a.key == b.key:
        if a.form == b.form:
            return EXACT, 1.0
        return (TRANSLIT, 0.95) if scripts_differ or not (a.form.isascii() and b.form.isascii()) else (EXACT, 1.0)
    if persons and (len(a.key) == 1 or len(b.key) == 1):
        long, short = (a, b) if len(b.key) == 1 else (b, a)
        return (INITIAL, 0.7) if len(long.key) > 1 and long.key[0] == short.key[0] else None
    if a.symbols & b.symbols:
        return (TRANSLIT if scripts_differ else EQUIVALENT), 0.9
    if min(len(a.key), len(b.key)) >= 4:
        similarity = JaroWinkler.similarity(a.key, b.key)
        # A short word that changes a consonant is another name ("Omar", "Oman"): only a vowel may differ.
        short_ok = min(len(a.key), len(b.key)) > 4 or (a.metaphone is not None and a.metaphone == b.metaphone)
        # Across scripts, a near match of the transliterations is what transliteration variance looks like.
        if similarity >= SPELLING_MIN and short_ok:
            return (TRANSLIT if scripts_differ else SPELLING), round(0.9 * similarity, 3)
        if a.metaphone and a.metaphone == b.metaphone and similarity >= 0.75:
            return (TRANSLIT if scripts_differ else SOUND), 0.8
    return None


def _patronymic(key: str) -> bool:
    return len(key) > 6 and key.endswith(PATRONYMIC_ENDINGS)


def compare(a: PreparedName, b: PreparedName) -> NameMatch:
    """Pair the words of ``a`` and ``b`` (best pairs first, each word used once) and explain the score."""
    if not a.tokens or not b.tokens:
        return NameMatch(a.text, b.text, 0.0, (), ())
    persons = a.kind == "person" or b.kind == "person"
    scripts_differ = a.latin != b.latin
    candidates: list[tuple[float, int, int, str]] = []
    for i, ta in enumerate(a.tokens):
        for j, tb in enumerate(b.tokens):
            got = _pair(ta, tb, persons, scripts_differ)
            if got is not None:
                candidates.append((got[1], i, j, got[0]))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: list[tuple[int, int, str, float]] = []
    for score, i, j, how in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        chosen.append((i, j, how, score))
    chosen.sort()
    total = sum(score for *_, score in chosen)
    # One-letter words left unpaired in an organisation's name are connectors ("Tehrik-i-Taliban" beside
    # "Tehrik-e Taliban"), not part of what identifies it; a person's initials always count.
    # Likewise a patronymic ("Vladimirovich") that the other name leaves out, as reports usually do.
    def counted(tokens: tuple[Token, ...], used: set[int]) -> int:
        return sum(1 for k, t in enumerate(tokens) if k in used or (persons and not _patronymic(t.key))
                   or (not persons and len(t.key) > 1))

    longest = max(counted(a.tokens, used_a), counted(b.tokens, used_b), 1)
    score = round(total / longest, 3)
    reasons: list[str] = []
    for how in (TRANSLIT, EQUIVALENT, SPELLING, SOUND, INITIAL):
        if any(h == how for _, _, h, _ in chosen):
            reasons.append(how)
    js = [j for _, j, _, _ in chosen]
    if js != sorted(js):
        reasons.append("word order")
    unmatched = [t.form for k, t in enumerate(a.tokens) if k not in used_a] + \
                [t.form for k, t in enumerate(b.tokens) if k not in used_b]
    if longest > len(chosen):
        reasons.append(f"partial name (unmatched: {' '.join(unmatched)})")
    elif unmatched:
        what = "patronymic" if all(_patronymic(u) for u in unmatched) else "connecting words"
        reasons.append(f"{what} ignored ({' '.join(unmatched)})")
    legal = tuple(dict.fromkeys(a.legal + b.legal))
    if legal and chosen:
        reasons.append(f"legal-form words ignored ({', '.join(legal)})")
    if not reasons and chosen:
        reasons.append("same name")
    pairs = tuple(Pairing(a.tokens[i].form, b.tokens[j].form, how, s) for i, j, how, s in chosen)
    return NameMatch(a.text, b.text, score, pairs, tuple(reasons))
