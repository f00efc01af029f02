"""How a cluster of local entities is named and typed: pure rules over its members' names and types.

In ``model`` (moved from ``resolve``) because the store names the entities it reads, and resolution strips
titles with the same table (``strip_titles``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

from dossier.model import EntityType
from dossier.model.names import is_acronym, name_key
from dossier.model.reference import division_abbreviation

TYPE_ORDER = tuple(t.value for t in EntityType)


@cache
def _title_sequences() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title phrases from the shipped list (``model.reference.titles``) as name_key token tuples, by first
    token, longest first."""
    from dossier.model.reference import titles

    seqs = {tuple(name_key(" ".join(t)).split()) for t in titles()}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for seq in sorted((s for s in seqs if s), key=lambda s: (-len(s), s)):
        by_first.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in by_first.items()}


def strip_titles(tokens: list[str]) -> list[str]:
    """Leading honorifics and ranks are not part of a name ("hafiz naveed sandhu" → "naveed sandhu")."""
    table = _title_sequences()
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for seq in table.get(tokens[0], ()):
            n = len(seq)
            if len(tokens) > n and tuple(tokens[:n]) == seq:
                tokens = tokens[n:]
                changed = True
                break
    return tokens


def _full(name: str) -> bool:
    return len(name_key(name).split()) >= 2 and not is_acronym(name.replace(" ", ""))


def canonical_name(names: Sequence[str], type_: str | None = None) -> str:
    """The best name form among the members' names (each member is one document's local entity).

    For a person (and when the type is not given): the most frequent *full form* — among the names of two or more
    tokens that are not acronyms when there are any; the most frequent by name key (ties: more tokens, longer,
    alphabetical); shown in its most frequent spelling (ties: not all capitals, then alphabetical). Leading
    titles are dropped.

    For an organisation, a place or a group, the *most frequent* form that is no acronym and no state's
    abbreviation ("Mich.") wins and a longer form only
    breaks ties: a longer name seen once is as likely a headline or a quoted title that contains the name
    ("Hamas Operation Al Aqsa Flood", "Coalition Force Captures Taliban") as a fuller name, and a person's full
    name has no such counterpart.

    "Harakat al-Sumud al-Watani" ×9 + "Harakat Al-Sumud Al-Watani" + "Sumud" + "HSW" → "Harakat al-Sumud al-Watani".
    """
    if not names:
        return ""
    stripped = [strip_title(n) for n in names]
    if type_ in (None, "person"):
        pool = [n for n in stripped if _full(n)] or stripped
    else:
        plain = [n for n in stripped if not is_acronym(n.replace(" ", ""))]
        pool = [n for n in plain if not _abbreviated_place(n)] or plain or stripped
    by_key = Counter(name_key(n) for n in pool)
    best_key = min(by_key, key=lambda k: (-by_key[k], -len(k.split()), -len(k), k))
    spellings = Counter(n for n in pool if name_key(n) == best_key)
    return min(spellings, key=lambda n: (-spellings[n], n.isupper(), n))


def _abbreviated_place(name: str) -> bool:
    """"Mich.", "B.C.": a state's or province's abbreviation, which yields to the name it stands for."""
    return name.endswith(".") and division_abbreviation(name) is not None


def strip_title(name: str) -> str:
    """'Hafiz Naveed Akhtar Sandhu' → 'Naveed Akhtar Sandhu' (an extractor slip kept the title in the name)."""
    words = name.split()
    keys = [name_key(w) for w in words]
    if not all(keys):
        return name
    kept = strip_titles(keys)
    return " ".join(words[len(words) - len(kept):])


def cluster_type(types: Sequence[str]) -> str:
    """The members' most common type (ties in the order person, organization, place, group)."""
    counts = Counter(types)
    rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    return min(counts, key=lambda t: (-counts[t], rank.get(t, len(rank)), t))
