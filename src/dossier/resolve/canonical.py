"""How a cluster of local entities is named and typed: pure rules over its members' names and types."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from dossier.extract.names import is_acronym, name_key
from dossier.model import EntityType
from dossier.resolve.profile import strip_titles

TYPE_ORDER = tuple(t.value for t in EntityType)


def _full(name: str) -> bool:
    return len(name_key(name).split()) >= 2 and not is_acronym(name.replace(" ", ""))


def canonical_name(names: Sequence[str], type_: str | None = None) -> str:
    """The best name form among the members' names (each member is one document's local entity).

    For a person (and when the type is not given): the most frequent *full form* — among the names of two or more
    tokens that are not acronyms when there are any; the most frequent by name key (ties: more tokens, longer,
    alphabetical); shown in its most frequent spelling (ties: not all capitals, then alphabetical). Leading
    titles are dropped.

    For an organisation, a place or a group, the *most frequent* non-acronym form wins and a longer form only
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
        pool = [n for n in stripped if not is_acronym(n.replace(" ", ""))] or stripped
    by_key = Counter(name_key(n) for n in pool)
    best_key = min(by_key, key=lambda k: (-by_key[k], -len(k.split()), -len(k), k))
    spellings = Counter(n for n in pool if name_key(n) == best_key)
    return min(spellings, key=lambda n: (-spellings[n], n.isupper(), n))


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
