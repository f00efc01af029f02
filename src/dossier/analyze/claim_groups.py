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
        w.replace_claim_partition(part, group_partition(part, members), sig)
    return UpdateStats(len(by_part), redone)
