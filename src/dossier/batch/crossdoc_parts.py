"""The partition-level work of the distributed cross-document step, as plain functions (no Ray in here).

Each function takes one partition's rows and returns rows bucketed for the next step; ``crossdoc`` runs them as
Ray tasks and moves the buckets between them (a map-reduce shuffle through Ray's object store). Kept free of Ray
so they can be read, typed and tested on their own, and so the rules stay exactly those of ``resolve``: profiles
(``profile.build_profiles``), blocking keys and the comparison rule (``blocking``), pair scores
(``scoring.score_pair``) and clusters (``cluster.cluster``) are imported, never re-implemented.

Ids: a local entity is carried as its id string and a *gid* = shard number << 32 | its index in the shard, which
the driver turns into a dense index for connected components.
"""

from __future__ import annotations

import json
import pickle
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from dossier.model.resolution import LocalRow, RelationRow
from dossier.resolve import blocking
from dossier.resolve.cluster import LINKED, Edge, cluster
from dossier.resolve.compare import DocContext, weak_name
from dossier.resolve.profile import Profile, build_profiles
from dossier.resolve.scoring import name_gate, probability, score_pair

# the columns read from each shard, as the store holds them (aliases and attributes are JSON text)
COLUMNS = {
    "local_entities": ("id", "document", "type", "name", "aliases", "attributes"),
    "mentions": ("document", "entity", "sentence"),
    "relations": ("id", "document", "subject", "predicate", "object", "role"),
}
SHIFT = 32

Member = tuple[str, str, int]  # key, local entity id, gid
ExactRow = tuple[str, str, int]  # exact-key id, local entity id, gid
Route = tuple[int, str]  # index in the shard, key
# key, local entity id, profile and its document's context (as ``dump_profile``/``dump_context`` bytes), its
# keys, gid: the id and keys decide which pairs the bucket scores before any profile is unpickled
Routed = tuple[str, str, bytes, bytes, tuple[str, ...], int]
Accepted = tuple[str, str, float, bool, bool, int, int]  # a, b, score, weak_a, weak_b, gids of a and b
Apart = tuple[str, str, int]  # a, b, gid of a
BigKeys = dict[str, frozenset[str]]  # key over the cap → its pivots (empty for a capped key: it compares nothing)


class ShardError(ValueError):
    """A shard that cannot be read: the message names the file and the field."""


def bucket(text: str, n: int) -> int:
    """A stable bucket (Python's ``hash`` differs between processes)."""
    return zlib.crc32(text.encode("utf-8")) % n


def read_table(path: Path, name: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    file = path / f"{name}.parquet"
    if not file.exists():
        if name == "local_entities":
            raise ShardError(f"{file}: missing (a shard needs local_entities.parquet)")
        return []
    try:
        table = pq.read_table(file)
    except Exception as e:  # pyarrow raises several kinds for a damaged file
        raise ShardError(f"{file}: not a readable Parquet file ({e})") from e
    missing = [c for c in COLUMNS[name] if c not in table.column_names]
    if missing:
        raise ShardError(f"{file}: missing column {missing[0]!r}")
    rows: list[dict[str, Any]] = table.select(list(COLUMNS[name])).to_pylist()
    return rows


@dataclass(slots=True)
class ShardProfiles:
    """One shard's profiles (sorted by document, then id), their documents' contexts and their blocking keys."""

    shard: int
    profiles: list[Profile]
    contexts: dict[str, DocContext]
    keys: list[tuple[str, ...]]


def _local_row(r: dict[str, Any], file: str) -> LocalRow:
    try:
        aliases = tuple(json.loads(r["aliases"] or "[]"))
        attributes = dict(json.loads(r["attributes"] or "{}"))
    except (TypeError, ValueError) as e:
        raise ShardError(f"{file}: local entity {r['id']}: aliases/attributes are not JSON ({e})") from e
    return LocalRow(r["id"], r["document"], r["type"], r["name"], aliases, attributes)


def profile_shard(path: Path, shard: int) -> ShardProfiles:
    """Profiles of every document of one shard (a shard holds whole documents), exactly as ``engine`` builds
    them: entities in id order, every mention's sentence, relations in id order."""
    ents: dict[str, list[LocalRow]] = {}
    file = str(path / "local_entities.parquet")
    for r in sorted(read_table(path, "local_entities"), key=lambda r: (r["document"], r["id"])):
        ents.setdefault(r["document"], []).append(_local_row(r, file))
    sents: dict[str, list[tuple[str, int]]] = {}
    for r in read_table(path, "mentions"):
        sents.setdefault(r["document"], []).append((r["entity"], int(r["sentence"])))
    rels: dict[str, list[RelationRow]] = {}
    for r in sorted(read_table(path, "relations"), key=lambda r: r["id"]):
        rels.setdefault(r["document"], []).append(RelationRow(r["subject"], r["predicate"], r["object"], r["role"]))
    out = ShardProfiles(shard, [], {}, [])
    for doc in sorted(ents):
        profiles = build_profiles(ents[doc], sents.get(doc, ()), rels.get(doc, ()))
        out.contexts[doc] = DocContext.of(profiles)
        for p in profiles:
            out.profiles.append(p)
            out.keys.append(tuple(blocking.block_keys(p)))
    return out


def shard_members(sp: ShardProfiles, n_buckets: int) -> tuple[list[list[Member]], list[list[ExactRow]]]:
    """Block memberships bucketed by key, and exact-key rows bucketed by exact-key id."""
    members: list[list[Member]] = [[] for _ in range(n_buckets)]
    exact: list[list[ExactRow]] = [[] for _ in range(n_buckets)]
    base = sp.shard << SHIFT
    for i, (p, keys) in enumerate(zip(sp.profiles, sp.keys, strict=True)):
        for k in keys:
            members[bucket(k, n_buckets)].append((k, p.id, base | i))
        exact[bucket(p.exact_id, n_buckets)].append((p.exact_id, p.id, base | i))
    return members, exact


def profile_rows(sp: ShardProfiles) -> dict[str, list[Any]]:
    """``resolution_profiles`` rows of a shard, column-wise (the explanation data ``dossier why`` reads)."""
    return {
        "local_entity": [p.id for p in sp.profiles],
        "document": [p.document for p in sp.profiles],
        "exact_id": [p.exact_id for p in sp.profiles],
        "weak": [int(weak_name(p)) for p in sp.profiles],
        "profile": [p.to_json() for p in sp.profiles],
    }


@dataclass(slots=True)
class BlockResult:
    routes: list[list[Route]]  # per shard: (index in shard, key) for every key that compares something
    big: BigKeys
    identity: list[tuple[str, list[str], list[int]]]  # identity key → member ids and gids (2 or more)
    blocks: dict[str, list[Any]]  # resolution_blocks rows, column-wise
    keys: dict[str, list[Any]]  # resolution_keys rows


def block_bucket(parts: Iterable[Sequence[Member]], n_shards: int) -> BlockResult:
    """Group one bucket's memberships by key: the key's size, pivots and kind decide what it compares
    (``blocking.partners``); identity keys become groups to join, keys that compare become routes that bring
    their members' profiles to this bucket."""
    by_key: dict[str, list[tuple[str, int]]] = {}
    for part in parts:
        for k, i, gid in part:
            by_key.setdefault(k, []).append((i, gid))
    out = BlockResult([[] for _ in range(n_shards)], {}, [], {"key": [], "local_entity": []},
                      {"key": [], "size": []})
    mask = (1 << SHIFT) - 1
    for k in sorted(by_key):
        members = sorted(by_key[k])
        size = len(members)
        out.keys["key"].append(k)
        out.keys["size"].append(size)
        out.blocks["key"].extend([k] * size)
        out.blocks["local_entity"].extend(i for i, _ in members)
        kind = blocking.key_kind(k)
        if kind == blocking.IDENTITY:
            if size > 1:
                out.identity.append((k, [i for i, _ in members], [g for _, g in members]))
            continue
        if size > blocking.CAP:
            out.big[k] = frozenset(i for i, _ in members[:blocking.PIVOTS]) if kind == blocking.PIVOT else frozenset()
            if kind == blocking.CAPPED:
                continue
        if size < 2:
            continue
        for _, g in members:
            out.routes[g >> SHIFT].append((g & mask, k))
    return out


_PROFILE_FIELDS = tuple(f.name for f in fields(Profile))
_PROFILE_SETTERS = tuple(getattr(Profile, n).__set__ for n in _PROFILE_FIELDS)  # the slots' own setters


def dump_profile(p: Profile) -> bytes:
    """A profile as the pickled tuple of its fields (derived ones included, so nothing is recomputed). A score
    task unpickles each routed profile once per bucket, so the cost of a load is paid ~3 times per local
    entity; a plain tuple loads in about half the time of the dataclass, whose pickle goes through
    ``dataclasses``' generic ``__setstate__`` (``fields()`` looked up again for every object)."""
    return pickle.dumps(tuple([getattr(p, n) for n in _PROFILE_FIELDS]), protocol=5)


def load_profile(blob: bytes) -> Profile:
    """The profile ``dump_profile`` wrote, equal field by field."""
    p = object.__new__(Profile)
    for put, v in zip(_PROFILE_SETTERS, pickle.loads(blob), strict=True):
        put(p, v)
    return p


def dump_context(ctx: DocContext) -> bytes:
    """A report's context as the pickled pair (entries, union): plain tuples and frozensets load in C."""
    return pickle.dumps((ctx.entries, ctx.union), protocol=5)


def load_context(blob: bytes) -> DocContext:
    entries, union = pickle.loads(blob)
    return DocContext(entries, union)


@dataclass(slots=True)
class Packed:
    """One shard's profiles as they travel from the shard task to the route task: each profile and each
    document's context pickled once, by the task that built them (``dump_profile``, ``dump_context``). The
    route task only moves these bytes to the buckets and the score task unpickles what it reads, where sending
    objects would unpickle every profile in the route task and pickle it again for every bucket."""

    shard: int
    profiles: list[bytes]
    ids: list[str]  # each profile's local entity id
    documents: list[str]  # each profile's document
    contexts: dict[str, bytes]  # document → its context, as ``dump_context`` bytes
    keys: list[tuple[str, ...]]


def pack(sp: ShardProfiles) -> Packed:
    return Packed(sp.shard, [dump_profile(p) for p in sp.profiles], [p.id for p in sp.profiles],
                  [p.document for p in sp.profiles],
                  {d: dump_context(c) for d, c in sp.contexts.items()}, sp.keys)


def route_profiles(sp: Packed, routes: Iterable[Sequence[Route]], n_buckets: int) -> list[list[Routed]]:
    """Send each (pickled) profile, with its document's context and its keys, to the buckets of the keys that
    compare it. Pickling memoises shared objects, so a profile or a context goes once per bucket, however many
    keys name it."""
    out: list[list[Routed]] = [[] for _ in range(n_buckets)]
    base = sp.shard << SHIFT
    for part in routes:
        for idx, k in part:
            out[bucket(k, n_buckets)].append((k, sp.ids[idx], sp.profiles[idx], sp.contexts[sp.documents[idx]],
                                              sp.keys[idx], base | idx))
    return out


class _Justify:
    """Which key a pair is scored under: the smallest shared key that qualifies it (``blocking.qualifies``,
    from the global table of keys over the cap). Key kinds are looked up once per key, not once per pair."""

    def __init__(self, big: BigKeys) -> None:
        self.big = big
        self.rule: dict[str, frozenset[str] | bool] = {}  # True: any pair, False: none, a set: its pivots

    def _rule(self, k: str) -> frozenset[str] | bool:
        r = self.rule.get(k)
        if r is None:
            if blocking.key_kind(k) == blocking.IDENTITY:
                r = False
            else:
                r = self.big.get(k, True)  # 2..CAP members: any pair; over the cap: a pivot on one side
            self.rule[k] = r
        return r

    def first_is(self, k: str, keys_a: tuple[str, ...], set_b: frozenset[str], a: str, b: str) -> bool:
        """Is ``k`` (a key both share that qualifies the pair) the smallest shared key that qualifies it?
        ``keys_a`` is sorted (``blocking.block_keys``)."""
        for s in keys_a:
            if s >= k:
                return True
            if s in set_b:
                r = self._rule(s)
                if r is True or (r is not False and (a in r or b in r)):
                    return False
        return True


@dataclass(slots=True)
class ScoreResult:
    accepted: list[Accepted]
    apart: list[Apart]
    pairs: dict[str, list[Any]]  # resolution_pairs rows (without ``applied``), column-wise
    compared: int  # candidate pairs (including those the name gate dropped), as engine's pairs_scored
    routed: int = 0  # (key, profile) memberships the bucket received: its size
    contexts: int = 0  # report contexts the bucket unpickled (only those a scored pair read)
    profiles: int = 0  # profiles the bucket unpickled (only those a pair it scores reads)


def score_bucket(parts: Iterable[Sequence[Routed]], big: BigKeys) -> ScoreResult:
    """Score the candidate pairs of one bucket's keys. A pair two keys both justify is scored once, in the
    bucket of the smallest key that justifies it, so every pair is scored exactly once in the whole run.

    A profile is unpickled only when a pair this bucket scores reads it, and a report's context only when a
    pair that passes the name gate does: a report's profiles reach as many buckets as their keys hash to, but
    many of them meet no partner here that a smaller key does not already justify (that pair is scored in
    another bucket), and most meet no partner worth scoring."""
    Member_ = tuple[str, bytes, bytes, tuple[str, ...], frozenset[str], int]
    seen: dict[int, Member_] = {}  # a profile routed under several keys of this bucket is one member
    loaded: dict[int, tuple[Profile, bool]] = {}  # gid → the unpickled profile and its weak-name flag
    contexts: dict[str, DocContext] = {}

    by_key: dict[str, list[Member_]] = {}
    for part in parts:
        for k, id_, blob, ctx_blob, keys, gid in part:
            m = seen.get(gid)
            if m is None:
                m = seen[gid] = (id_, blob, ctx_blob, keys, frozenset(keys), gid)
            by_key.setdefault(k, []).append(m)
    out = ScoreResult([], [], {"a": [], "b": [], "score": [], "accepted": [], "weak_a": [], "weak_b": [],
                               "features": []}, 0)
    cols = out.pairs
    ca_, cb_, cs_, cv_, cwa, cwb, cf_ = (cols["a"], cols["b"], cols["score"], cols["accepted"], cols["weak_a"],
                                         cols["weak_b"], cols["features"])
    justify = _Justify(big)
    first_is = justify.first_is
    compared = 0
    for k in sorted(by_key):
        members = sorted(by_key[k], key=lambda m: m[0])
        piv = big.get(k)
        if piv is None:
            pairs: Iterable[tuple[Member_, Member_]] = (
                (x, y) for n, x in enumerate(members) for y in members[n + 1:])
        else:  # a pivot key over the cap: each member with each pivot
            pairs = [(x, y) if x[0] < y[0] else (y, x)
                     for x in members if x[0] in piv for y in members
                     if y[0] != x[0] and not (y[0] in piv and y[0] < x[0])]
        for (ia, blob_a, cblob_a, ka, _sa, ga), (ib, blob_b, cblob_b, _kb, sb, gb) in pairs:
            if not first_is(k, ka, sb, ia, ib):
                continue  # scored in the bucket of the smallest key that justifies it
            compared += 1
            la = loaded.get(ga)
            if la is None:
                p = load_profile(blob_a)
                la = loaded[ga] = (p, weak_name(p))
            lb = loaded.get(gb)
            if lb is None:
                p = load_profile(blob_b)
                lb = loaded[gb] = (p, weak_name(p))
            pa, wa = la
            pb, wb = lb
            level = name_gate(pa, pb)
            if level is None:
                continue
            cx = contexts.get(pa.document)
            if cx is None:
                cx = contexts[pa.document] = load_context(cblob_a)
            cy = contexts.get(pb.document)
            if cy is None:
                cy = contexts[pb.document] = load_context(cblob_b)
            s = score_pair(pa, pb, cx, cy, level)
            verdict = 1 if s.accepted else -1 if s.contradicted else 0
            ca_.append(s.a)
            cb_.append(s.b)
            cs_.append(s.score)
            cv_.append(verdict)
            cwa.append(int(wa))
            cwb.append(int(wb))
            cf_.append(s.stored_levels())
            if verdict == 1:
                out.accepted.append((s.a, s.b, s.score, wa, wb, ga, gb))
            elif verdict == -1:
                out.apart.append((s.a, s.b, ga))
    out.compared = compared
    out.routed = sum(len(m) for m in by_key.values())
    out.contexts = len(contexts)
    out.profiles = len(loaded)
    return out


def owner_bucket(parts: Iterable[Sequence[ExactRow]]) -> list[tuple[str, str, str, int]]:
    """(id, exact-key id, owner, gid) for one bucket of exact-key ids: the owner is the smallest local entity
    with that exact-key id anywhere (it keeps the id when namesakes are kept apart, as in ``engine``)."""
    rows = [r for part in parts for r in part]
    owner: dict[str, str] = {}
    for e, i, _g in rows:
        if e not in owner or i < owner[e]:
            owner[e] = i
    return [(i, e, owner[e], g) for e, i, g in rows]


def split_by_component(rows: Sequence[tuple[Any, ...]], buckets: Iterable[int], n: int) -> list[list[Any]]:
    """Bucket rows (in their order) by ``buckets``: for each row, its component's bucket (``crossdoc`` looks the
    components up for all rows at once, in numpy)."""
    out: list[list[Any]] = [[] for _ in range(n)]
    for r, c in zip(rows, buckets, strict=True):
        out[c].append(r)
    return out


@dataclass(slots=True)
class ClusterResult:
    links: dict[str, list[Any]]  # entity_links rows, column-wise
    notes: dict[str, list[Any]]  # refusals on accepted pairs: a, b, applied (ambiguous, blocked, kept-apart)


def cluster_bucket(entities: Iterable[Sequence[tuple[str, str, str, int]]], edges: Iterable[Sequence[Accepted]],
                   apart: Iterable[Sequence[Apart]],
                   groups: Iterable[Sequence[tuple[str, list[str], list[int]]]]) -> ClusterResult:
    """Cluster whole connected components with ``resolve.cluster.cluster``, exactly as ``engine`` does on a
    first run. ``entities`` are (id, exact-key id, owner of that exact-key id in the whole corpus, gid).

    The result equals one call over everything: ``cluster`` never lets one component affect another (unions,
    constraint counts and the weak-name groups all stay inside a component, and a cluster's id depends only on
    its members and the global owners)."""
    ids: list[str] = []
    exact: dict[str, str] = {}
    owners: dict[str, str] = {}
    for part in entities:
        for i, e, o, _g in part:
            ids.append(i)
            exact[i] = e
            owners[e] = o
    prob: dict[float, float] = {}
    edge_list = [Edge(a, b, sc, prob[sc] if sc in prob else prob.setdefault(sc, probability(sc)), wa, wb)
                 for part in edges for a, b, sc, wa, wb, _ga, _gb in part]
    apart_pairs = [(a, b) for part in apart for a, b, _g in part]
    identity = sorted((k, m) for part in groups for k, m, _g in part)
    result = cluster(ids, edge_list, [m for _k, m in identity], [], [], exact, owners, apart_pairs)
    links: dict[str, list[Any]] = {"local_entity": [], "entity": [], "method": [], "score": []}
    for i, ln in sorted(result.links.items()):
        links["local_entity"].append(i)
        links["entity"].append(ln.entity)
        links["method"].append(ln.method)
        links["score"].append(ln.score)
    notes: dict[str, list[Any]] = {"a": [], "b": [], "applied": []}
    for (a, b), note in sorted(kv for kv in result.applied.items() if kv[1] != LINKED):  # few: filter, then sort
        notes["a"].append(a)
        notes["b"].append(b)
        notes["applied"].append(note)
    return ClusterResult(links, notes)
