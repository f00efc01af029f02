"""Name normalisation shared by typing, within-document clustering and (later) cross-document resolution.

Two keys, both pure functions of a string:

* ``name_key`` — exact comparison modulo case, accents, punctuation and spacing ("Jaish-e-Mohammed" ==
  "JAISH E MOHAMMED").
* ``skeleton_key`` — a looser transliteration skeleton that folds the spelling variation typical of names
  romanised from Arabic, Urdu and Persian (Mohammed/Muhammad, Qaddoumi/Kaddoumi, -e-/-i- particles, doubled
  letters). It is for *candidate* matching only; a decision always looks at more than the skeleton.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘`ʼʻ´"
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


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


_NON_WORD_IN_LINE = re.compile(r"[^\w\n]+", re.UNICODE)


def name_keys_uncached(names: list[str]) -> list[str]:
    """``name_key_uncached`` of each of ``names`` (none holding a line break), in one pass over them all: the
    gazetteer's 200,000 names cost one call of each string method instead of five calls per name (~0.4 s of
    every ingest's start). Each step works a character at a time (NFKD, dropping combining marks, case folding,
    the apostrophes) or within a run of non-word characters, which a line break between two names ends; so a
    name's key is the same as when keyed alone."""
    if not names:
        return []
    text = "\n".join(name if name.isascii() else strip_accents(name) for name in names).casefold()
    for apostrophe in _APOSTROPHES:  # str.translate is slow on a long non-ASCII string; replace is not
        text = text.replace(apostrophe, "")
    text = _NON_WORD_IN_LINE.sub(" ", text)
    return [key.strip(" ") for key in text.split("\n")]


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case-, accent-, apostrophe- and punctuation-insensitive key of a name."""
    return name_key_uncached(name)


_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\b(?:al|el|ul|ud|ur|us|as|ad|an|at|ash|ibn|bin|bint|abu|e|i|a|o|u)\b", " "),  # particles
        (r"ph", "f"),
        (r"q", "k"),
        (r"ck", "k"),
        (r"c(?=[aou])", "k"),
        (r"kh", "k"),
        (r"gh", "g"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"sh", "s"),
        (r"z", "s"),
        (r"j", "y"),
        (r"\b[aeiou]", "a"),  # a word-initial vowel is kept as one class
        (r"\B[aeiouyw]", ""),  # other vowels (and the semivowels y, w) vary too much in romanisation
        (r"(.)\1+", r"\1"),
    )
)


@lru_cache(maxsize=65536)
def skeleton_key(name: str) -> str:
    """Loose transliteration skeleton: 'Mohammed'/'Muhammad' → 'mhmd', 'Yousef'/'Yusuf' → 'ysf'.

    Consonants carry a romanised Arabic or Urdu name; vowels and doubled letters vary from outlet to outlet.
    """
    text = name_key(name)
    for pattern, repl in _SKELETON_RULES:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


def clean_surface(text: str) -> str:
    """Strip what is not part of a name: a leading article, a trailing possessive, surrounding punctuation."""
    text = text.strip().strip("\"'“”‘’«»()[]{},.;:!?-–—").strip()
    text = _LEADING_ARTICLE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return text.strip()


def is_acronym(text: str) -> bool:
    """'JeM', 'LeT', 'ISI', 'PoK', 'U.N.': short, starts upper-case, mostly capitals, no spaces."""
    t = text.replace(".", "")
    if not (2 <= len(t) <= 8) or " " in t or not t[0].isupper() or not t.isalpha():
        return False
    uppers = sum(1 for c in t if c.isupper())
    return uppers >= 2 and uppers >= len(t) / 2


_PUBLISHER_WORD = re.compile(r"\w+")


def publisher_key(publisher: str | None) -> str | None:
    """A publisher's name folded for comparison: "The Frontier-Wire" and "frontier wire" are one outlet."""
    if not publisher:
        return None
    text = unicodedata.normalize("NFKD", publisher).casefold()
    words = [w for w in _PUBLISHER_WORD.findall(text) if w not in {"the"}]
    return " ".join(words) or None
