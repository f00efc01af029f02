"""Name keys every stage compares names by (moved here from ``extract.names`` so that the store, resolution and
analysis need not import the extractor; ``extract.names`` re-exports them).

* ``name_key`` — exact comparison modulo case, accents, punctuation and spacing ("Jaish-e-Mohammed" ==
  "JAISH E MOHAMMED").
* ``is_acronym`` — 'JeM', 'LeT', 'ISI', 'U.N.'.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘`ʼʻ´"
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DROP_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)


def strip_accents(text: str) -> str:
    if text.isascii():  # ASCII is unchanged by NFKD and has no combining marks: the common case, done at once
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key_uncached(name: str) -> str:
    """``name_key`` without the cache, for bulk loads of distinct names (the gazetteer's 200,000) that would
    only evict the names a report repeats."""
    text = strip_accents(name).casefold().translate(_DROP_APOSTROPHES)
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case-, accent-, apostrophe- and punctuation-insensitive key of a name."""
    return name_key_uncached(name)


def is_acronym(text: str) -> bool:
    """'JeM', 'LeT', 'ISI', 'PoK', 'U.N.': short, starts upper-case, mostly capitals, no spaces."""
    t = text.replace(".", "")
    if not (2 <= len(t) <= 8) or " " in t or not t[0].isupper() or not t.isalpha():
        return False
    uppers = sum(1 for c in t if c.isupper())
    return uppers >= 2 and uppers >= len(t) / 2
