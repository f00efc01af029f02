"""Which local entities a resolution run must recluster, and the pairs, judgements and identity groups that
join them: the whole store on a first run (bulk reads), else the connected components around what changed.

Split from ``engine`` (which profiles, blocks and scores) so each module has one job; both read the store only
through the run's ``ResolutionWriter`` (store/resolution.py).
"""

from __future__ import annotations

import sys

from dossier.resolve.profile import GROUP, PLACE
from dossier.store.resolution import ResolutionWriter

EdgeRow = tuple[float, int, int, str | None]  # score, weak_a, weak_b, applied
# region ids, accepted pairs, identity groups, merge judgements (pair → judgement id)
Region = tuple[set[str], dict[tuple[str, str], EdgeRow], list[list[str]], dict[tuple[str, str], int]]


def intern(x: str) -> str:
    return sys.intern(x)  # one string object per id, however many pairs name it


def everything(w: ResolutionWriter, accepted: dict[tuple[str, str], EdgeRow] | None) -> Region:
    """The whole store as one region (a first or full run): bulk reads instead of a search. ``accepted`` are the
    run's accepted pairs when it wrote every pair there is (a first run), so they need not be read back."""
    region = w.profiled()
    edges = accepted
    if edges is None:
        edges = {(intern(r[0]), intern(r[1])): (r[2], r[3], r[4], r[5]) for r in w.accepted_pairs()}
    must = {(r[0], r[1]): r[2] for r in w.merge_constraints()}
    members: dict[str, list[str]] = {}
    for lo, hi in (("r|", "r}"), (f"x|{PLACE}|", f"x|{PLACE}}}"), (f"x|{GROUP}|", f"x|{GROUP}}}")):
        for k, i in w.blocks_in_range(lo, hi):
            members.setdefault(k, []).append(i)
    groups = [members[k] for k in sorted(members)]
    return region, edges, groups, must


def search(w: ResolutionWriter, dirty: set[str]) -> Region:
    """The affected region: every local entity connected to a dirty one by an accepted pair, a merge
    judgement or an identity key (whole connected components, so clusters are recomputed whole)."""
    region: set[str] = set()
    frontier = sorted(dirty)
    seen_keys: set[str] = set()
    edges: dict[tuple[str, str], EdgeRow] = {}
    groups: list[list[str]] = []
    must: dict[tuple[str, str], int] = {}
    while frontier:
        region.update(frontier)
        nxt: set[str] = set()
        pairs, merges, keys = w.neighbours(frontier)
        for r in pairs:
            edges[(intern(r[0]), intern(r[1]))] = (r[2], r[3], r[4], r[5])
            nxt.update((r[0], r[1]))
        for a, b, j in merges:
            must[(a, b)] = j
            nxt.update((a, b))
        keys = [k for k in keys if k not in seen_keys]
        if keys:
            seen_keys.update(keys)
            members: dict[str, list[str]] = {}
            for k, i in w.block_members(keys):
                members.setdefault(k, []).append(i)
            for k in sorted(members):
                groups.append(members[k])
                nxt.update(members[k])
        frontier = sorted(nxt - region)
    return region, edges, groups, must
