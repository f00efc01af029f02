"""Claim groups kept in the store, so claim facts can be streamed in group order instead of built in memory.

A claim fact is one proposition of one source (docs/corroboration.md). Grouping needs near-duplicate detection
(``analysis._group_claims``), which cannot be done row by row in SQL, so it is done at refresh time and kept in
``claim_groups``: each current claim record's group (the claim fact id). Groups never cross a source key, so the
grouping runs per source key (a *partition*) and a partition is regrouped only when its members or their words
change (``claim_partitions`` keeps its signature). Each partition's answer depends on its own members alone, so
the stored groups equal those ``Analysis.all_claims`` computes over the whole store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from dossier.analyze import origins
from dossier.model import stable_id
from dossier.model.analysis import CurrentClaim
from dossier.model.names import publisher_key
from dossier.store.analysis import AnalysisWriter


@dataclass(frozen=True, slots=True)
class UpdateStats:
    partitions: int
    regrouped: int


def source_key(src: str | None, source: str) -> str:
    """A claim's source key as ``Analysis.all_claims`` computes it: the canonical source entity (the local one
    when unresolved), else the publisher-folded source words."""
    return src or publisher_key(source) or "?"


def _signature(members: list[CurrentClaim]) -> str:
    h = hashlib.sha1()
    for m in members:
        h.update(repr((m.id, m.document, m.proposition)).encode())
    return h.hexdigest()


def group_partition(key: str, members: list[CurrentClaim]) -> list[tuple[str, str]]:
    """``(claim id, claim fact id)`` for one source key's claims, by ``analysis._group_claims``."""
    from dossier.analyze.analysis import _group_claims

    keyed = [(key, m) for m in members]
    rows: list[tuple[str, str]] = []
    for group in _group_claims(keyed):
        fact_id = stable_id("clm", key, keyed[group[0]][1].id)  # group[0]: the first by (document, id)
        rows.extend((keyed[i][1].id, fact_id) for i in group)
    return rows


def _regrouped(w: AnalysisWriter, part: str, members: list[CurrentClaim], known: str | None
               ) -> tuple[list[tuple[str, str]], dict[str, str] | None]:
    """A changed partition's groups: extended by its added claims when nothing else changed (the members
    without them have the signature the stored groups were computed for), else grouped again; and the stored
    groups the rows extend (None: grouped again)."""
    if known is not None:
        stored = w.claim_partition_groups(part)
        ids = {m.id for m in members}
        if stored and set(stored) <= ids and len(stored) < len(members) and \
                _signature([m for m in members if m.id in stored]) == known:
            return _extended(part, members, stored), stored
    return group_partition(part, members), None


class _Kept:
    """Each wording's 3-word shingles and MinHash values, kept by a process that groups the same claims again
    and again (the web server's writer worker: ``keep_words``); both are functions of the words alone."""

    on = False
    shingles: dict[str, list[bytes]] = {}
    hashes: dict[str, Any] = {}


_KEPT_MAX = 200_000  # wordings kept at most (their MinHash values: 1 KiB each)


def keep_words(on: bool = True) -> None:
    """Keep each wording's shingles and MinHash values for the next refreshes."""
    _Kept.on, _Kept.shingles, _Kept.hashes = on, {}, {}


def _words(text: str) -> list[bytes]:
    from dossier.analyze.analysis import _shingles

    if not _Kept.on:
        return _shingles(text)
    if text not in _Kept.shingles:
        if len(_Kept.shingles) > _KEPT_MAX:  # bounded: a long-lived process on a store that keeps growing
            keep_words()
        _Kept.shingles[text] = _shingles(text)
    return _Kept.shingles[text]


def _extended(part: str, members: list[CurrentClaim], stored: dict[str, str]) -> list[tuple[str, str]]:
    """``group_partition(part, members)`` when only claims were added to a partition whose groups are
    ``stored``: the old groups stay as they are, and only the added claims are compared with the members.

    ``_group_claims`` joins two wordings when they are the same or near-identical (an LSH candidate — some band
    of their MinHash values equal — with an estimated Jaccard of at least ``CLAIM_SIMILARITY``), transitively;
    so its groups are the connected components of that relation, whatever the order, and adding claims can only
    join groups through the added claims' own pairs. A pair can only be near-identical if the two share a
    3-word shingle (an estimate of 0.5 is half of the minimum hashes equal, which two disjoint shingle sets reach
    only through as many hash collisions), so an added claim is compared only with the members that share one.
    The group's id is its first member's (``group_partition``), recomputed for the joined groups."""
    from dossier.analyze.analysis import CLAIM_SIMILARITY

    order = sorted(members, key=lambda m: (m.document, m.id))
    added = [m for m in order if m.id not in stored]
    groups = origins.Groups([m.id for m in order])
    first: dict[str, str] = {}
    for m in order:
        if m.id in stored:
            g = stored[m.id]
            if g in first:
                groups.join(first[g], m.id)
            else:
                first[g] = m.id
    shingles = {m.id: _words(m.proposition) for m in order}
    text = {m.id: m.proposition for m in order}
    holders: dict[bytes, list[str]] = {}
    for cid, sh in shingles.items():
        for x in sh:
            holders.setdefault(x, []).append(cid)
    b, r = origins.lsh_params(CLAIM_SIMILARITY)
    hashes: dict[str, Any] = {}

    def minhash(cid: str) -> Any:
        if cid not in hashes:
            kept = _Kept.hashes.get(text[cid]) if _Kept.on else None
            if kept is None:
                m = origins.new_minhash()
                m.update_batch(shingles[cid])
                kept = m.hashvalues
                if _Kept.on:
                    _Kept.hashes[text[cid]] = kept
            hashes[cid] = kept
        return hashes[cid]

    for a in added:
        aid = a.id
        for other in sorted({o for x in shingles[aid] for o in holders[x]} - {aid}):
            if groups.find(other) == groups.find(aid):
                continue
            if shingles[other] == shingles[aid]:
                groups.join(other, aid)
                continue
            ha, ho = minhash(aid), minhash(other)
            same = ha == ho
            candidate = any(same[i * r:(i + 1) * r].all() for i in range(b))
            if candidate and float(same.sum()) / len(same) >= CLAIM_SIMILARITY:
                groups.join(other, aid)
    head: dict[str, str] = {}
    for m in order:  # in (document, id) order: a group's first member names it
        head.setdefault(groups.find(m.id), m.id)
    return [(m.id, stable_id("clm", part, head[groups.find(m.id)])) for m in order]


def update(w: AnalysisWriter, *, full: bool = False) -> UpdateStats:
    """Bring ``claim_groups`` up to date inside the caller's transaction."""
    by_part: dict[str, list[CurrentClaim]] = {}
    for claim in w.current_claims():
        by_part.setdefault(source_key(claim.src, claim.source), []).append(claim)
    if full:
        w.clear_claim_groups()
    known, stored = w.claim_partitions()
    for part in sorted(set(known) - set(by_part)):
        w.drop_claim_partition(part)
    redone = 0
    for part in sorted(by_part):
        members = sorted(by_part[part], key=lambda m: (m.document, m.id))
        sig = _signature(members)
        if known.get(part) == sig and stored.get(part) == len(members):  # unchanged, and no row lost
            continue
        redone += 1
        rows, extended = _regrouped(w, part, members, known.get(part))
        if extended is None:
            w.replace_claim_partition(part, rows, sig)
        else:  # the stored rows stay; those of the added claims and of the groups they joined are written
            w.update_claim_partition(part, [(k, g) for k, g in rows if extended.get(k) != g], sig)
    return UpdateStats(len(by_part), redone)
