"""Which local entities a resolution run must recluster, and the pairs, judgements and identity groups that
join them: the whole store on a first run (bulk reads), else the connected components around what changed.

Split from ``engine`` (which profiles, blocks and scores) so each module has one job; both read the store only
through id lists in TEMP tables (``Temp``), never through SQL built from values.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable

from dossier.resolve.profile import GROUP, PLACE

EdgeRow = tuple[float, int, int, str | None]  # score, weak_a, weak_b, applied
# region ids, accepted pairs, identity groups, merge judgements (pair → judgement id)
Region = tuple[set[str], dict[tuple[str, str], EdgeRow], list[list[str]], dict[tuple[str, str], int]]
IDENTITY_SQL = "(key LIKE 'r|%' OR key LIKE 'x|L|%' OR key LIKE 'x|G|%')"


class Temp:
    """A TEMP table of ids to join against (no SQL is ever built from values)."""

    _names = ("t_ids", "t_ids2", "t_keys", "t_docs")

    def __init__(self, c: sqlite3.Connection, name: str, values: Iterable[str]) -> None:
        assert name in self._names
        c.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (v TEXT PRIMARY KEY) WITHOUT ROWID")
        c.execute(f"DELETE FROM {name}")
        c.executemany(f"INSERT OR IGNORE INTO {name} VALUES (?)", ((v,) for v in values))
        self.name = name


def intern(x: str) -> str:
    return sys.intern(x)  # one string object per id, however many pairs name it


def everything(c: sqlite3.Connection, accepted: dict[tuple[str, str], EdgeRow] | None) -> Region:
    """The whole store as one region (a first or full run): bulk reads instead of a search. ``accepted`` are the
    run's accepted pairs when it wrote every pair there is (a first run), so they need not be read back."""
    region = {r[0] for r in c.execute("SELECT local_entity FROM resolution_profiles")}
    edges = accepted
    if edges is None:
        edges = {(intern(r[0]), intern(r[1])): (r[2], r[3], r[4], r[5]) for r in c.execute(
            "SELECT a, b, score, weak_a, weak_b, applied FROM resolution_pairs WHERE accepted = 1")}
    must = {(r[0], r[1]): r[2] for r in c.execute(
        "SELECT a, b, judgement FROM resolution_constraints WHERE decision='merge'")}
    members: dict[str, list[str]] = {}
    for lo, hi in (("r|", "r}"), (f"x|{PLACE}|", f"x|{PLACE}}}"), (f"x|{GROUP}|", f"x|{GROUP}}}")):
        for k, i in c.execute("SELECT key, local_entity FROM resolution_blocks WHERE key >= ? AND key < ?",
                              (lo, hi)):
            members.setdefault(k, []).append(i)
    groups = [members[k] for k in sorted(members)]
    return region, edges, groups, must


def search(c: sqlite3.Connection, dirty: set[str]) -> Region:
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
        Temp(c, "t_ids", frontier)
        for r in c.execute(
            "SELECT p.a, p.b, p.score, p.weak_a, p.weak_b, p.applied FROM t_ids t "
            "CROSS JOIN resolution_pairs p ON p.a = t.v WHERE p.accepted = 1 UNION "
            "SELECT p.a, p.b, p.score, p.weak_a, p.weak_b, p.applied FROM t_ids t "
            "CROSS JOIN resolution_pairs p ON p.b = t.v WHERE p.accepted = 1"
        ):
            edges[(intern(r[0]), intern(r[1]))] = (r[2], r[3], r[4], r[5])
            nxt.update((r[0], r[1]))
        for a, b, j in c.execute(
            "SELECT k.a, k.b, k.judgement FROM t_ids t CROSS JOIN resolution_constraints k ON k.a = t.v "
            "WHERE k.decision='merge' UNION SELECT k.a, k.b, k.judgement FROM t_ids t "
            "CROSS JOIN resolution_constraints k ON k.b = t.v WHERE k.decision='merge'"
        ):
            must[(a, b)] = j
            nxt.update((a, b))
        keys = [r[0] for r in c.execute(
            f"SELECT DISTINCT b.key FROM t_ids t CROSS JOIN resolution_blocks b ON b.local_entity = t.v "
            f"WHERE {IDENTITY_SQL}")]
        keys = [k for k in keys if k not in seen_keys]
        if keys:
            seen_keys.update(keys)
            Temp(c, "t_keys", keys)
            members: dict[str, list[str]] = {}
            for k, i in c.execute(
                "SELECT b.key, b.local_entity FROM t_keys t CROSS JOIN resolution_blocks b ON b.key = t.v"
            ):
                members.setdefault(k, []).append(i)
            for k in sorted(members):
                groups.append(members[k])
                nxt.update(members[k])
        frontier = sorted(nxt - region)
    return region, edges, groups, must
