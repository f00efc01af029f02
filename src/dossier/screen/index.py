"""Blocking: compare each name with the few list names that could reach the threshold, not with all of them.

Every word of a list name is indexed under its ASCII form, its metaphone, its name symbols and (words of five
letters or more) its one-letter deletions, so words one edit apart meet. A name of N
words (not counting initials) can only reach ``min_score`` if at least h of its words pair with words of the
candidate, h = ceil(min_score·(N+I) − 0.7·I) for I initials; so a candidate must share a key with one of its
N − h + 1 rarest words (prefix filtering). Only those postings are read, which keeps a 10k × 50k screening
well under a minute (bench/screen_speed.py). Pairs that only a larger spelling distance would find (two or more
edits, no shared word, metaphone or symbol) are not candidates: recall traded for speed, documented in
docs/screening.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.screen.names import PreparedName, Token, prepare

SPELLING_KEY_MIN = 5  # words this long may pair by spelling alone (names.py: shorter ones must sound the same)


def spelling_keys(key: str) -> set[str]:
    """The word and the word less any one letter: two words one edit apart (a letter changed, added or
    dropped: ``chamenei``/``khamenei``, ``bagdadi``/``baghdadi``) share one of these keys even when their
    metaphones differ."""
    if len(key) < SPELLING_KEY_MIN:
        return set()
    return {"d:" + key} | {"d:" + key[:i] + key[i + 1:] for i in range(len(key))}


def token_keys(token: Token) -> set[str]:
    keys = {"k:" + token.key}
    if token.metaphone and len(token.key) >= 3:
        keys.add("m:" + token.metaphone)
    keys.update("s:" + s for s in token.symbols)
    keys |= spelling_keys(token.key)
    return keys


@dataclass(frozen=True, slots=True)
class IndexedName:
    entry: int  # position of the entry in the screened list
    name: PreparedName


def _significant(name: PreparedName) -> tuple[list[Token], int]:
    """(words that count and are indexed, number of initials that count)."""
    words = [t for t in name.tokens if len(t.key) > 1]
    initials = name.initials if name.kind == "person" else 0
    return words, initials


class NameIndex:
    def __init__(self, symbols: bool = False) -> None:
        self.symbols = symbols
        self.names: list[IndexedName] = []
        self.postings: dict[str, list[int]] = {}

    def add(self, entry: int, text: str, kind: str) -> None:
        name = prepare(text, kind, self.symbols)
        if not name.tokens:
            return
        position = len(self.names)
        self.names.append(IndexedName(entry, name))
        keys: set[str] = set()
        for token in _significant(name)[0]:
            keys |= token_keys(token)
        for key in keys:
            self.postings.setdefault(key, []).append(position)

    def candidates(self, query: PreparedName, min_score: float) -> Iterable[IndexedName]:
        words, initials = _significant(query)
        if not words:
            return []
        needed = max(1, math.ceil(min_score * (len(words) + initials) - 0.7 * initials - 1e-9))
        prefix = len(words) - needed + 1
        if prefix <= 0:
            return []
        sized = sorted(((sum(len(self.postings.get(k, ())) for k in token_keys(t)), i) for i, t in
                        enumerate(words)))
        seen: set[int] = set()
        for _, i in sized[:prefix]:
            for key in token_keys(words[i]):
                seen.update(self.postings.get(key, ()))
        return [self.names[p] for p in sorted(seen)]
