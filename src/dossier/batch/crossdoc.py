"""Cross-document entity resolution as a distributed job on Ray: the same answers as ``resolve.engine`` on a
first (full) run, for corpora far beyond one process's memory.

Entry point::

    resolve_shards(shard_dirs, out_dir, *, address=None, num_cpus=None) -> Path

``shard_dirs``: directories, each holding whole documents as Parquet tables with the store's columns:
``local_entities.parquet`` (id, document, type, name, aliases, attributes; aliases and attributes as JSON text),
``mentions.parquet`` (document, entity, sentence) and ``relations.parquet`` (id, document, subject, predicate,
object, role). ``address``: a Ray cluster (``ray://…`` or ``auto``); None starts Ray on this machine
(``num_cpus`` of its cores). Returns ``out_dir / "entity_links"``. ``out_dir`` receives one Parquet dataset per
table the resolver writes to the store, each as ``part-NNNNN.parquet`` files:

* ``entity_links``: local_entity, entity, method, score (the cluster assignment);
* ``resolution_pairs``: a, b, score, accepted (1/0/−1), weak_a, weak_b, features (every compared pair the names
  did not rule out), and ``pair_notes``: a, b, applied (accepted pairs that were not linked, and why);
* ``resolution_profiles``, ``resolution_blocks``, ``resolution_keys``: what ``dossier why`` reads.

The job, as a map-reduce scheduled by Ray (P key buckets, S shards, C component buckets); what one step hands
the next (profiles, memberships, routed profiles, accepted pairs, component parts) travels as pickled files under
``out_dir/_shuffle`` (removed at the end), and only small values (counts, paths, tables of keys) through Ray's
object store:

1. per shard: profiles (``profile.build_profiles``) and blocking keys; memberships bucketed by key;
2. per key bucket: block sizes and pivots; identity keys become groups; keys that compare send routes back;
3. per shard: each profile goes to the buckets of its comparing keys (with its document's context);
4. per key bucket: candidate pairs by ``blocking``'s rule, each scored once (in the bucket of the smallest key
   that justifies it) by ``scoring.score_pair``; a report's context is unpickled only when a scored pair reads
   it (so the contexts a bucket loads do not grow with the buckets its reports' keys reach);
5. in the driver: connected components of accepted pairs and identity groups (``scipy.sparse.csgraph``, over
   dense int32 indices that tasks compute: the driver never holds an id string);
6. per component bucket: ``cluster.cluster`` on whole components, with the corpus-wide owners of exact-key ids
   (near-linear in a component's size: ``cluster`` keeps the pair counts between clusters as it goes).

Every task runs with Python's cyclic garbage collector paused (``_gc_off``): they build millions of small
containers and no cycles, and the collector's walks over them cost more than the work they slowed.

Judgements (``dossier merge``/``split``) live in a store, not in shards: they are applied when the result is
loaded into a store and ``dossier resolve`` runs there. Shards are resolved from scratch (a full run).
"""

from __future__ import annotations

import functools
import math
import os
import pickle
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from dossier.batch import crossdoc_parts as parts
from dossier.model.collector import collector_paused

TABLES = ("entity_links", "resolution_pairs", "pair_notes", "resolution_profiles", "resolution_blocks",
          "resolution_keys")
ENTITIES_PER_BUCKET = 100_000


@dataclass(slots=True)
class CrossdocStats:
    shards: int = 0
    buckets: int = 0
    local_entities: int = 0
    pairs_compared: int = 0
    pairs_stored: int = 0
    accepted: int = 0
    components: int = 0
    largest_component: int = 0
    largest_bucket: int = 0  # the most (key, profile) memberships one score task received
    contexts_loaded: int = 0  # report contexts unpickled by score tasks, all buckets (the context fan-out)
    keys_over_cap: int = 0  # pivot and capped keys with more than blocking.CAP members
    entities: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)


def _ray() -> Any:
    from dossier.exc import require

    require("ray", "cross-document resolution on Ray")  # ray[data] brings pyarrow too
    import ray

    return ray


def object_store_bytes() -> int:
    """The object store of a local run: ``$DOSSIER_OBJECT_STORE_MB``, else an eighth of this machine's memory
    between 1 and 2 GiB. Ray's default (30% of memory) let the shuffle's objects fill 7 GB at 10M mentions,
    and every worker that reads them maps those pages, so a worker's resident size grew with the corpus (10.1
    GB); the shuffle now goes through files (``_put``), so the store holds only small values and never
    spills."""
    mb = os.environ.get("DOSSIER_OBJECT_STORE_MB")
    if mb:
        return int(mb) * 2**20
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return int(min(2 * 2**30, max(2**30, total // 8)))


def start_ray(address: str | None = None, num_cpus: int | None = None, tries: int = 5) -> None:
    """``ray.init`` for a local run (``num_cpus`` of this machine's cores, an object store of
    ``object_store_bytes()``) or a cluster (``address``: sized by ``ray start``). Ray gives a starting node 30 s
    to register, which an overloaded machine can miss: a failed start is retried."""
    ray = _ray()
    for attempt in range(tries):
        try:
            ray.init(address=address, num_cpus=None if address else (num_cpus or os.cpu_count()),
                     object_store_memory=None if address else object_store_bytes(),
                     include_dashboard=False, log_to_driver=False, logging_level="ERROR")
            return
        except Exception:  # Ray raises a bare Exception when the node times out during startup
            ray.shutdown()
            if attempt == tries - 1:
                raise


def _write(out: Path, table: str, n: int, columns: dict[str, list[Any]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = out / table
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"part-{n:05d}.parquet"
    part = final.with_suffix(f".{os.getpid()}.tmp")  # renamed when whole: a killed task leaves no half file
    pq.write_table(pa.table(columns), part)
    part.replace(final)
    return len(next(iter(columns.values()), []))


def _count_entities(shard_dirs: Sequence[Path]) -> int:
    import pyarrow.parquet as pq

    total = 0
    for d in shard_dirs:
        f = d / "local_entities.parquet"
        if not f.exists():
            raise parts.ShardError(f"{f}: missing (a shard needs local_entities.parquet)")
        total += pq.ParquetFile(f).metadata.num_rows
    return total


SHUFFLE = "_shuffle"  # the folder under out_dir that carries what moves between tasks (removed at the end)


def _put(out: str, name: str, value: Any) -> str:
    """Hand ``value`` to a later task through a file under ``out_dir`` (pickled whole, renamed when complete):
    what moves between steps outgrows any object store that leaves the workers room (several GB at 10M
    mentions), and past its size Ray spills objects to disk and restores them through its IO workers. A file
    costs the same pickle, one write into the page cache and one read, and no process maps it."""
    folder = Path(out) / SHUFFLE
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{name}.pkl"
    part = final.with_suffix(f".{os.getpid()}.tmp")
    with part.open("wb") as f:
        pickle.dump(value, f, protocol=5)
    part.replace(final)
    return str(final)


def _get(path: str) -> Any:
    with open(path, "rb") as f:
        return pickle.load(f)


def _drop(out: Path, *prefixes: str) -> None:
    """Remove the hand-over files of a finished step (every reader has returned): the disk holds one step's."""
    for prefix in prefixes:
        for f in (out / SHUFFLE).glob(f"{prefix}-*.pkl"):
            f.unlink()


def _put_all(out: str, name: str, values: Sequence[Any]) -> tuple[str, ...]:
    return tuple(_put(out, f"{name}-{k:05d}", v) for k, v in enumerate(values))


F = TypeVar("F", bound=Callable[..., Any])


def _gc_off(fn: F) -> F:
    """Run a task with Python's cyclic garbage collector paused (back on, as it was, when the task returns).
    The tasks allocate millions of small containers (profiles, key tuples, pair rows) that form no cycles, and
    every collection of the oldest generation walks all of them: a score task that unpickles its profiles
    spent more time in those walks than in the unpickling, and the walks grow with the heap, i.e. with the
    bucket. Reference counting still frees everything as before; only the cycle search waits."""

    @functools.wraps(fn)
    def run(*args: Any) -> Any:
        with collector_paused():
            return fn(*args)

    return run  # type: ignore[return-value]


# -- the tasks (module-level so that Ray pickles them by reference); what they hand on travels as files (_put) --

@_gc_off
def _t_profile(path: str, shard: int, n_buckets: int, out: str) -> tuple[Any, ...]:
    sp = parts.profile_shard(Path(path), shard)
    _write(Path(out), "resolution_profiles", shard, parts.profile_rows(sp))
    members, exact = parts.shard_members(sp, n_buckets)
    return (_put(out, f"packed-{shard:05d}", parts.pack(sp)), len(sp.profiles),
            *_put_all(out, f"members-{shard:05d}", members), *_put_all(out, f"exact-{shard:05d}", exact))


@_gc_off
def _t_block(b: int, n_shards: int, out: str, *members: str) -> tuple[Any, ...]:
    r = parts.block_bucket([_get(m) for m in members], n_shards)
    _write(Path(out), "resolution_blocks", b, r.blocks)
    _write(Path(out), "resolution_keys", b, r.keys)
    return (r.big, _put(out, f"identity-{b:05d}", r.identity), *_put_all(out, f"routes-{b:05d}", r.routes))


@_gc_off
def _t_route(sp: str, n_buckets: int, out: str, *routes: str) -> tuple[Any, ...]:
    packed: parts.Packed = _get(sp)
    return _put_all(out, f"routed-{packed.shard:05d}",
                    parts.route_profiles(packed, [_get(r) for r in routes], n_buckets))


@_gc_off
def _t_score(b: int, big: parts.BigKeys, out: str, *routed: str) -> tuple[Any, ...]:
    r = parts.score_bucket([_get(x) for x in routed], big)
    _write(Path(out), "resolution_pairs", b, r.pairs)
    return (_put(out, f"accepted-{b:05d}", r.accepted), _put(out, f"apart-{b:05d}", r.apart), r.compared,
            len(r.pairs["a"]), r.routed, r.contexts)


def _split(rows: list[Any], gid_at: int, labels: Any, offsets: Any, n: int) -> list[list[Any]]:
    """Rows bucketed by the component of the local entity whose gid is at ``gid_at``: the components of all
    rows are looked up at once (numpy), not one numpy scalar at a time (~50M accepted pairs at 10M mentions)."""
    gids = np.fromiter((r[gid_at] for r in rows), dtype=np.int64, count=len(rows))
    buckets = (labels[_dense(gids, offsets)] % n).tolist()
    return parts.split_by_component(rows, buckets, n)


@_gc_off
def _t_split(name: str, rows: str, gid_at: int, labels: Any, offsets: Any, n: int, out: str) -> tuple[Any, ...]:
    return _put_all(out, name, _split(_get(rows), gid_at, labels, offsets, n))


@_gc_off
def _t_owners(name: str, labels: Any, offsets: Any, n: int, out: str, *exact: str) -> tuple[Any, ...]:
    rows = parts.owner_bucket([_get(e) for e in exact])
    return _put_all(out, name, _split(rows, 3, labels, offsets, n))


@_gc_off
def _t_groups(name: str, labels: Any, offsets: Any, n: int, out: str, identity: str) -> tuple[Any, ...]:
    rows = [(k, ids, gids, gids[0]) for k, ids, gids in _get(identity)]
    split = _split(rows, 3, labels, offsets, n)
    return _put_all(out, name, [[(k, ids, gids) for k, ids, gids, _g in part] for part in split])


@_gc_off
def _t_cluster(c: int, out: str, n_parts: tuple[int, int, int, int], *paths: str) -> tuple[int, int]:
    ne, nd, na, _ng = n_parts
    refs = [_get(x) for x in paths]
    r = parts.cluster_bucket(refs[:ne], refs[ne:ne + nd], refs[ne + nd:ne + nd + na], refs[ne + nd + na:])
    n = _write(Path(out), "entity_links", c, r.links)
    _write(Path(out), "pair_notes", c, r.notes)
    return n, len(set(r.links["entity"]))


def _components(n: int, edges: list[tuple[Any, Any]]) -> tuple[int, Any]:
    """Connected components over dense integer ids (scipy's C implementation; the driver holds only ints)."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rows = np.concatenate([a for a, _ in edges]) if edges else np.zeros(0, dtype=np.int32)
    cols = np.concatenate([b for _, b in edges]) if edges else np.zeros(0, dtype=np.int32)
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n)).tocsr()
    count, labels = connected_components(graph, directed=False)
    return int(count), labels.astype(np.int32)


def resolve_shards(shard_dirs: Sequence[str | Path], out_dir: str | Path, *, address: str | None = None,
                   num_cpus: int | None = None, n_buckets: int | None = None,
                   progress: Callable[[str], None] | None = None) -> Path:
    """Resolve the local entities of ``shard_dirs`` across documents on Ray (see the module docstring); returns
    the ``entity_links`` dataset folder."""
    resolve_shards_stats(shard_dirs, out_dir, address=address, num_cpus=num_cpus, n_buckets=n_buckets,
                         progress=progress)
    return Path(out_dir) / "entity_links"


def resolve_shards_stats(shard_dirs: Sequence[str | Path], out_dir: str | Path, *, address: str | None = None,
                         num_cpus: int | None = None, n_buckets: int | None = None,
                         progress: Callable[[str], None] | None = None) -> CrossdocStats:
    """``resolve_shards``, returning what the run did (counts, seconds per phase)."""
    ray = _ray()
    started = time.perf_counter()
    say = progress or (lambda _m: None)
    dirs = [Path(d) for d in shard_dirs]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for table in TABLES:  # a re-run replaces the previous result whole
        folder = out / table
        if folder.exists():
            for f in folder.glob("part-*.parquet"):
                f.unlink()
    shutil.rmtree(out / SHUFFLE, ignore_errors=True)
    stats = CrossdocStats(shards=len(dirs))
    total = _count_entities(dirs)
    p = n_buckets or max(2, math.ceil(total / ENTITIES_PER_BUCKET))
    stats.buckets = p
    s = len(dirs)
    own = not ray.is_initialized()
    if own:
        start_ray(address, num_cpus)
    try:
        rt = ray.remote
        t = time.perf_counter()

        def phase(name: str) -> None:
            nonlocal t
            stats.phases[name] = round(time.perf_counter() - t, 3)
            say(f"{name}: {stats.phases[name]:.1f} s")
            t = time.perf_counter()

        profile = rt(_t_profile).options(num_returns=2 + 2 * p)
        shard_out = [profile.remote(str(d), i, p, str(out)) for i, d in enumerate(dirs)]
        # only the references still needed are kept, so Ray frees each object once its readers are done
        sps = [r[0] for r in shard_out]
        members = [r[2:2 + p] for r in shard_out]
        exact = [r[2 + p:] for r in shard_out]
        counts = ray.get([r[1] for r in shard_out])
        del shard_out
        stats.local_entities = sum(counts)
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        phase("profile")

        block = rt(_t_block).options(num_returns=2 + s)
        block_out = [block.remote(b, s, str(out), *[m[b] for m in members]) for b in range(p)]
        del members
        big: parts.BigKeys = {}
        for d in ray.get([r[0] for r in block_out]):
            big.update(d)
        identity = [r[1] for r in block_out]
        routes = [r[2:] for r in block_out]
        del block_out
        _drop(out, "members")
        stats.keys_over_cap = len(big)
        big_ref = ray.put(big)
        phase("block")

        route = rt(_t_route).options(num_returns=p)
        route_out = [route.remote(sps[i], p, str(out), *[r[i] for r in routes]) for i in range(s)]
        del routes, sps
        score = rt(_t_score).options(num_returns=6)
        score_out = [score.remote(b, big_ref, str(out), *[r[b] for r in route_out]) for b in range(p)]
        stats.pairs_compared = sum(ray.get([r[2] for r in score_out]))
        stats.pairs_stored = sum(ray.get([r[3] for r in score_out]))
        stats.largest_bucket = max(ray.get([r[4] for r in score_out]))
        stats.contexts_loaded = sum(ray.get([r[5] for r in score_out]))
        del route_out
        _drop(out, "packed", "routes", "routed")
        phase("score")

        # connected components: the driver sees int32 arrays only (tasks turn gids into dense indices)
        offsets_ref = ray.put(offsets)
        b_gids, i_gids = rt(_b_gids), rt(_i_gids)
        edges: list[tuple[Any, Any]] = []
        for a_d, b_d in ray.get([b_gids.remote(r[0], offsets_ref) for r in score_out]):
            edges.append((a_d, b_d))
            stats.accepted += len(a_d)
        edges.extend(ray.get([i_gids.remote(r, offsets_ref) for r in identity]))
        stats.components, labels = _components(stats.local_entities, edges)
        stats.largest_component = int(np.bincount(labels).max()) if len(labels) else 0
        del edges
        phase("components")

        c = p  # at least 2, so every multi-return task returns a list
        labels_ref = ray.put(labels)
        split = rt(_t_split).options(num_returns=c)
        owners = rt(_t_owners).options(num_returns=c)
        groups = rt(_t_groups).options(num_returns=c)
        o = str(out)
        ent_parts = [owners.remote(f"owners-{b:05d}", labels_ref, offsets_ref, c, o, *[e[b] for e in exact])
                     for b in range(p)]
        del exact
        edge_parts = [split.remote(f"edges-{b:05d}", r[0], 5, labels_ref, offsets_ref, c, o)
                      for b, r in enumerate(score_out)]
        apart_parts = [split.remote(f"aparts-{b:05d}", r[1], 2, labels_ref, offsets_ref, c, o)
                       for b, r in enumerate(score_out)]
        del score_out
        group_parts = [groups.remote(f"groups-{b:05d}", labels_ref, offsets_ref, c, o, r)
                       for b, r in enumerate(identity)]
        del identity
        clus = rt(_t_cluster)
        results = ray.get([clus.remote(k, str(out), (p, p, p, p), *[e[k] for e in ent_parts],
                                       *[e[k] for e in edge_parts], *[e[k] for e in apart_parts],
                                       *[e[k] for e in group_parts]) for k in range(c)])
        stats.entities = sum(n for _l, n in results)
        phase("cluster")
    finally:
        shutil.rmtree(out / SHUFFLE, ignore_errors=True)
        if own:
            ray.shutdown()
    stats.seconds = round(time.perf_counter() - started, 3)
    return stats


def _dense(gids: Any, offsets: Any) -> Any:
    """gids (shard << SHIFT | index) as dense int32 indices over all local entities."""
    return (offsets[gids >> parts.SHIFT] + (gids & ((1 << parts.SHIFT) - 1))).astype(np.int32)


@_gc_off
def _b_gids(path: str, offsets: Any) -> tuple[Any, Any]:
    """The accepted pairs' two ends as dense index arrays (the b side's gid travels with the pair)."""
    accepted: list[parts.Accepted] = _get(path)
    a = np.fromiter((x[5] for x in accepted), dtype=np.int64, count=len(accepted))
    b = np.fromiter((x[6] for x in accepted), dtype=np.int64, count=len(accepted))
    return _dense(a, offsets), _dense(b, offsets)


@_gc_off
def _i_gids(path: str, offsets: Any) -> tuple[Any, Any]:
    """Identity groups as edges (each member to the group's first) in dense indices: the driver never holds
    the groups' id strings."""
    identity: list[tuple[str, list[str], list[int]]] = _get(path)
    firsts: list[int] = []
    rest: list[int] = []
    for _k, _ids, gids in identity:
        firsts.extend([gids[0]] * (len(gids) - 1))
        rest.extend(gids[1:])
    return (_dense(np.asarray(firsts, dtype=np.int64), offsets), _dense(np.asarray(rest, dtype=np.int64), offsets))
