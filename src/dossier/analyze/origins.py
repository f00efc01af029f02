"""Which documents are *independent* sources: syndicated copies and one outlet's reports count once.

A wire story reprinted by three papers is one source, not four. Two rules, applied per fact over the documents
that support it (docs/corroboration.md):

1. **Near-duplicate text.** Each document gets a MinHash signature (``datasketch``) of its word 4-gram shingles;
   an LSH index proposes candidate pairs and a pair whose estimated Jaccard similarity reaches
   ``SYNDICATION_THRESHOLD`` is one *syndication group* (transitively). Independent rewrites of one event share
   few 4-grams (< 0.1 on our corpora); a reprint with a new headline and a sentence added keeps > 0.8.
2. **Same outlet.** Reports by one publisher (case- and punctuation-insensitive) are one source.

Rule 2 is applied per fact, not globally: joining "Civic Herald" to "Frontier Wire" because Civic Herald once
reprinted a Frontier Wire story would wrongly make every later report of the two papers one source.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

import numpy as np
from datasketch import MinHash, MinHashLSH

from dossier.model.names import publisher_key

NUM_PERM: Final = 64
SHINGLE: Final = 4
SYNDICATION_THRESHOLD: Final = 0.5
_WORD = re.compile(r"\w+")
_SEED: Final = 7  # fixed: signatures must be comparable across runs and machines
SCHEME: Final = "affine32"  # datasketch 2.x default, named so stored signatures stay comparable


K = TypeVar("K", str, int)


class Groups(Generic[K]):
    """Disjoint sets whose representative is always the smallest member, so results never depend on order."""

    def __init__(self, items: Iterable[K]) -> None:
        self.parent: dict[K, K] = {x: x for x in items}

    def find(self, x: K) -> K:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def signature(text: str) -> bytes:
    """The MinHash signature of a text's word 4-grams, as bytes for the store."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    shingles = {" ".join(words[i:i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}
    m = new_minhash()
    m.update_batch(sorted(shingles))
    return bytes(np.asarray(m.hashvalues, dtype=np.uint64).tobytes())


@functools.cache
def lsh_params(threshold: float) -> tuple[int, int]:
    """LSH bands and rows for a threshold, computed once: datasketch integrates them numerically on every
    index it builds, and claim grouping builds one index per source."""
    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return index.b, index.r


def new_lsh(threshold: float) -> MinHashLSH:
    return MinHashLSH(threshold=threshold, num_perm=NUM_PERM, params=lsh_params(threshold))


@functools.cache
def _permutations() -> np.ndarray:
    """The permutation parameters of every MinHash here (fixed by ``_SEED``), drawn once: datasketch draws them
    again for each MinHash it makes (~1 ms each, most of a 10,000-report refresh), and never changes them."""
    perms: np.ndarray = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME).permutations
    perms.setflags(write=False)
    return perms


def new_minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    """A MinHash of this module's kind (``NUM_PERM``, ``_SEED``, ``SCHEME``), empty or of stored values."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME, hashvalues=hashvalues,
                   permutations=_permutations())


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.frombuffer(a, dtype=np.uint64) == np.frombuffer(b, dtype=np.uint64)))


def syndication_groups(signatures: Mapping[str, bytes]) -> dict[str, str]:
    """document id → syndication group id (the smallest document id in the group; a singleton is its own)."""
    ids = sorted(signatures)
    lsh = new_lsh(SYNDICATION_THRESHOLD)
    groups = Groups(ids)
    values: dict[str, np.ndarray] = {}
    for d in ids:
        values[d] = np.frombuffer(signatures[d], dtype=np.uint64)
        m = new_minhash(values[d])
        for other in sorted(lsh.query(m)):
            # a candidate already in d's group needs no check: wire copies come in dense groups;
            # the share of equal values is ``similarity``'s, without its per-call overhead
            if groups.find(other) != groups.find(d) and \
                    np.count_nonzero(values[d] == values[other]) / NUM_PERM >= SYNDICATION_THRESHOLD:
                groups.join(d, other)
        lsh.insert(d, m)
    return {d: groups.find(d) for d in ids}


@dataclass(frozen=True, slots=True)
class Origin:
    """Where one document comes from, for independence counting."""

    document: str
    publisher: str | None
    publisher_key: str | None
    group: str  # syndication group id (its other members: ``members_of``)


def build_origins(docs: Iterable[tuple[str, str | None]], groups: Mapping[str, str]) -> dict[str, Origin]:
    """Origins of ``(document id, publisher)`` pairs given their syndication groups."""
    return {d: Origin(d, pub, publisher_key(pub), groups.get(d, d)) for d, pub in docs}


def members_of(origins: Mapping[str, Origin]) -> dict[str, list[str]]:
    """syndication group id → its documents, sorted (kept once per group, not per document: a wire story
    reprinted a thousand times would otherwise cost a million references)."""
    out: dict[str, list[str]] = {}
    for d in sorted(origins):
        out.setdefault(origins[d].group, []).append(d)
    return out


def independent_groups(documents: Sequence[str], origins: Mapping[str, Origin]) -> list[list[str]]:
    """Partition the documents supporting one fact into independent sources (sorted, deterministic)."""
    docs = sorted(set(documents))
    groups = Groups(docs)
    first_by: dict[tuple[str, str], str] = {}
    for d in docs:
        o = origins.get(d)
        keys = [("group", o.group)] if o else [("doc", d)]
        if o and o.publisher_key:
            keys.append(("publisher", o.publisher_key))
        for key in keys:
            if key in first_by:
                groups.join(first_by[key], d)
            else:
                first_by[key] = d
    out: dict[str, list[str]] = {}
    for d in docs:
        out.setdefault(groups.find(d), []).append(d)
    return sorted(out.values())
