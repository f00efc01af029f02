"""Clustering accepted pairs: components, judgements, weak names, contradictions, canonical ids."""

from __future__ import annotations

import itertools

from dossier.resolve.cluster import AMBIGUOUS, BLOCKED, KEPT_APART, LINKED, Edge, cluster


def edge(a: str, b: str, score: float = 3.0, weak_a: bool = False, weak_b: bool = False) -> Edge:
    return Edge(a, b, score, 0.9, weak_a, weak_b)


def ids_of(result_links: dict[str, object]) -> dict[str, str]:
    return {k: v.entity for k, v in result_links.items()}  # type: ignore[attr-defined]


EXACT = {"a": "ent_1", "b": "ent_2", "c": "ent_3", "d": "ent_4", "e": "ent_5"}
OWNERS = {v: k for k, v in EXACT.items()}


def test_connected_components_whatever_the_edge_order() -> None:
    edges = [edge("a", "b"), edge("b", "c"), edge("d", "e")]
    results = set()
    for perm in itertools.permutations(edges):
        r = cluster(list("edcba"), list(perm), [], [], [], EXACT, OWNERS)
        results.add(tuple(sorted(ids_of(r.links).items())))
    assert len(results) == 1
    [only] = results
    assert dict(only) == {"a": "ent_1", "b": "ent_1", "c": "ent_1", "d": "ent_4", "e": "ent_4"}


def test_canonical_id_is_the_smallest_exact_key_and_namesakes_get_derived_ids() -> None:
    exact = {"a": "ent_x", "b": "ent_x", "c": "ent_y"}
    r = cluster(["a", "b", "c"], [edge("b", "c")], [], [], [], exact, {"ent_x": "a", "ent_y": "c"})
    assert r.links["a"].entity == "ent_x"  # holds the owner of ent_x
    assert r.links["b"].entity == r.links["c"].entity != "ent_x"  # same key, not the owner: derived id
    assert r.links["b"].entity.startswith("ent_")


def test_must_link_and_cannot_link() -> None:
    r = cluster(list("abc"), [edge("a", "b"), edge("b", "c")], [], must=[("a", "d")], cannot=[("a", "c")],
                exact_ids=EXACT, owners=OWNERS)
    assert r.links["a"].entity == r.links["b"].entity != r.links["c"].entity
    assert r.applied[("b", "c")] == BLOCKED
    r = cluster(list("ac"), [], [], must=[("a", "c")], cannot=[], exact_ids=EXACT, owners=OWNERS)
    assert r.links["a"].entity == r.links["c"].entity and r.links["a"].method == "judgement"


def test_identity_groups_join_without_pairs() -> None:
    r = cluster(list("abc"), [], [["a", "b", "c"]], [], [], EXACT, OWNERS)
    assert len({ln.entity for ln in r.links.values()}) == 1
    assert {ln.method for ln in r.links.values()} == {"identity"}


def test_weak_name_joins_only_when_unambiguous() -> None:
    # "Azhar" (a) is a plausible match for two different people (b, c): no link
    r = cluster(list("abc"), [edge("a", "b", weak_a=True), edge("a", "c", weak_a=True)], [], [], [], EXACT, OWNERS)
    assert len({ln.entity for ln in r.links.values()}) == 3
    assert r.applied[("a", "b")] == r.applied[("a", "c")] == AMBIGUOUS
    # once b and c are known to be one person, "Azhar" joins them
    r = cluster(list("abc"), [edge("a", "b", weak_a=True), edge("a", "c", weak_a=True), edge("b", "c", 5.0)], [],
                [], [], EXACT, OWNERS)
    assert len({ln.entity for ln in r.links.values()}) == 1
    assert r.applied[("a", "b")] == LINKED


def test_contradictions_keep_namesakes_apart_unless_outvoted() -> None:
    # a-b and c-d are two people with one name; one chance link b-c, and two contradicted pairs a-c, b-d
    edges = [edge("a", "b", 8.0), edge("c", "d", 8.0), edge("b", "c", 1.0)]
    r = cluster(list("abcd"), edges, [], [], [], EXACT, OWNERS, apart=[("a", "c"), ("b", "d")])
    assert r.links["a"].entity == r.links["b"].entity != r.links["c"].entity == r.links["d"].entity
    assert r.applied[("b", "c")] == KEPT_APART
    # three links against one contradiction: one entity
    edges += [edge("a", "d", 1.0), edge("a", "c", 1.0)]
    r = cluster(list("abcd"), edges, [], [], [], EXACT, OWNERS, apart=[("b", "d")])
    assert len({ln.entity for ln in r.links.values()}) == 1


def test_counts_between_clusters_follow_the_unions() -> None:
    """The pairs between two clusters are counted over all their members, whichever unions made them: each
    cross attempt weighs all the accepted pairs between the two clusters (applied or not yet) against all the
    contradicted ones."""
    ids = ["a1", "a2", "a3", "b1", "b2", "b3"]
    exact = {i: f"ent_{i}" for i in ids}
    owners = {v: k for k, v in exact.items()}
    edges = [edge("a1", "a2", 9.0), edge("a2", "a3", 9.0), edge("b1", "b2", 9.0), edge("b2", "b3", 9.0),
             edge("a1", "b1", 5.0), edge("a2", "b2", 4.0), edge("a3", "b3", 3.0)]
    r = cluster(ids, edges, [], [], [], exact, owners, [("a2", "b3"), ("a3", "b1")])
    # every cross attempt sees all 3 accepted against 2 contradicted pairs between the two clusters: linked
    assert r.applied[("a1", "b1")] == LINKED
    assert len(set(ids_of(r.links).values())) == 1
    r = cluster(ids, edges, [], [], [], exact, owners, [("a2", "b3"), ("a3", "b1"), ("a1", "b2")])
    assert {r.applied[p] for p in [("a1", "b1"), ("a2", "b2"), ("a3", "b3")]} == {KEPT_APART}  # 3 against 3
    assert len(set(ids_of(r.links).values())) == 2


def test_many_refused_unions_stay_near_linear() -> None:
    """Two clusters of 20 000 local entities (an organisation named in every report and its namesake), 20 000
    accepted pairs between them and more contradicted ones: every cross pair is refused. Recounting the smaller
    cluster's members at each attempt took minutes (20 000 × 20 000 look-ups); counts per pair of clusters take
    well under a second."""
    import time

    n = 20_000
    a = [f"a{i:05d}" for i in range(n)]
    b = [f"b{i:05d}" for i in range(n)]
    exact = {i: "ent_a" if i[0] == "a" else "ent_b" for i in a + b}
    owners = {"ent_a": a[0], "ent_b": b[0]}
    edges = [edge(x, y, 9.0) for x, y in itertools.pairwise(a)] + [edge(x, y, 9.0) for x, y in itertools.pairwise(b)]
    edges += [edge(x, y, 2.0) for x, y in zip(a, b, strict=True)]
    apart = [(x, y) for x, y in zip(a, b[1:] + b[:1], strict=True)] + [(a[0], b[2])]
    started = time.process_time()
    r = cluster(a + b, edges, [], [], [], exact, owners, apart)
    seconds = time.process_time() - started
    assert {r.applied[(x, y)] for x, y in zip(a, b, strict=True)} == {KEPT_APART}
    assert set(ids_of(r.links).values()) == {"ent_a", "ent_b"}
    assert seconds < 20, seconds  # ~1 s on this machine; the recount took minutes
