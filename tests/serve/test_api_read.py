"""Every read endpoint against the example corpus, cross-checked with the store; bad parameters give one error
shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.model.names import name_key
from dossier.store.sqlite import SQLiteStore

Json = dict[str, Any]


def get(api: TestClient, path: str, **params: Any) -> Json:
    r = api.get(path, params=params)
    assert r.status_code == 200, r.text
    body: Json = r.json()
    return body


@pytest.fixture(scope="module")
def store(corpus_db: Path) -> SQLiteStore:
    return SQLiteStore(corpus_db, readonly=True)


@pytest.fixture(scope="module")
def top_org(api: TestClient) -> Json:
    items: list[Json] = get(api, "/api/entities", type="organization", limit=1)["items"]
    return items[0]


def store_published(store: SQLiteStore, doc: str) -> str:
    return str(store.query("SELECT published FROM documents WHERE id = ?", (doc,))[0][0] or "")


def _text(store: SQLiteStore, doc: str) -> str:
    text = store.document_text(doc)
    assert text is not None
    return text


def test_health_counts_match_the_store(api: TestClient, store: SQLiteStore) -> None:
    h = get(api, "/api/health")
    counts = store.counts()
    assert h["documents"] == counts["documents"] > 0
    assert h["entities"] == counts["entities"]
    assert h["writable"] is True


def test_search_is_type_ahead_over_names_and_aliases(api: TestClient, store: SQLiteStore) -> None:
    top = store.entities("organization")[0]
    prefix = top.name[: max(3, len(top.name) // 3)]
    hits = get(api, "/api/search", q=prefix)["items"]
    assert top.id in [h["id"] for h in hits]
    assert all(any(name_key(n).startswith(name_key(prefix)) or f" {name_key(prefix)}" in name_key(n)
                   for n in (h["name"], *h["aliases"])) or h["match"] == "word" for h in hits)
    alias = next(e for e in store.entities() if e.aliases)
    by_alias = get(api, "/api/search", q=alias.aliases[0])["items"]
    assert alias.id in [h["id"] for h in by_alias]
    exact = get(api, "/api/search", q=top.name)["items"]
    assert exact[0]["id"] == top.id and exact[0]["match"] == "exact"
    places = get(api, "/api/search", q=prefix, type="place")["items"]
    assert all(h["type"] == "place" for h in places)
    assert get(api, "/api/search", q="zzzzqqqq")["items"] == []


def test_entities_paginate_and_filter(api: TestClient, store: SQLiteStore) -> None:
    everything = get(api, "/api/entities", limit=500)
    assert everything["total"] == len(store.entities())
    first = get(api, "/api/entities", limit=5, offset=0)["items"]
    second = get(api, "/api/entities", limit=5, offset=5)["items"]
    assert [e["id"] for e in first + second] == [e["id"] for e in everything["items"][:10]]
    people = get(api, "/api/entities", type="person", limit=500)
    assert people["total"] == len(store.entities("person")) and all(e["type"] == "person" for e in people["items"])


def test_entity_card_evidence_points_into_documents(api: TestClient, store: SQLiteStore, top_org: Json) -> None:
    card = get(api, f"/api/entities/{top_org['id']}")
    assert card["entity"]["name"] == top_org["name"]
    assert card["relations"]["total"] > 0 and card["mentions"]["total"] == top_org["mentions"]
    assert len(card["mentions"]["items"]) == min(200, top_org["mentions"])
    published = [store_published(store, m["document"]) for m in card["mentions"]["items"]]
    assert published == sorted(published, reverse=True)  # newest reports first
    for rel in card["relations"]["items"]:
        assert top_org["id"] in (rel["subject"]["id"], rel["object"]["id"])
        assert rel["modality"] in {"asserted", "reported", "alleged", "denied", "speculative"}
        assert rel["independent_sources"] >= 1 and rel["supports"]
        for s in rel["supports"]:
            for ev in s["evidence"]:
                assert _text(store, ev["document"])[ev["start"]:ev["end"]] == ev["text"]
    for m in card["mentions"]["items"]:
        text = _text(store, m["document"])
        assert text[m["start"]:m["end"]] == m["text"]
        assert m["sentence"]["start"] <= m["start"] < m["end"] <= m["sentence"]["end"]
    for ev in card["events"]["items"]:
        involved = {p["entity"]["id"] for p in ev["participants"]} | {(ev["place"] or {}).get("id")}
        assert top_org["id"] in involved


def test_place_cards_carry_coordinates(api: TestClient) -> None:
    place = get(api, "/api/entities", type="place", limit=1)["items"][0]
    card = get(api, f"/api/entities/{place['id']}")
    assert -90 <= card["entity"]["coordinates"]["lat"] <= 90


def test_relations_filters(api: TestClient) -> None:
    everything = get(api, "/api/relations", limit=500)
    assert everything["total"] > 0
    some = everything["items"][0]
    by_pred = get(api, "/api/relations", predicate=some["predicate"], limit=500)
    assert by_pred["total"] == sum(r["predicate"] == some["predicate"] for r in everything["items"])
    alleged = get(api, "/api/relations", modality=["alleged", "denied"], limit=500)["items"]
    assert all(r["modality"] in {"alleged", "denied"} for r in alleged)
    two = get(api, "/api/relations", min_sources=2, limit=500)
    assert two["total"] == sum(r["independent_sources"] >= 2 for r in everything["items"])
    dated = [r for r in everything["items"] if r["first_seen"]]
    day = max(r["last_seen"] for r in dated)
    late = get(api, "/api/relations", date_from=day, limit=500)["items"]
    assert late and all(r["last_seen"] >= day for r in late)
    one = get(api, f"/api/relations/{some['id']}")
    assert one["id"] == some["id"] and one["supports_total"] == len(one["supports"])
    mine = get(api, "/api/relations", entity=some["subject"]["id"], limit=500)["items"]
    assert some["id"] in [r["id"] for r in mine]


def test_events_claims_timeline(api: TestClient) -> None:
    events = get(api, "/api/events", limit=500)["items"]
    assert events
    dates = [e["date"] for e in events if e["date"]]
    assert dates == sorted(dates)
    kind = events[0]["type"]
    assert all(e["type"] == kind for e in get(api, "/api/events", type=kind, limit=500)["items"])
    assert get(api, f"/api/events/{events[0]['id']}")["id"] == events[0]["id"]
    tl = get(api, "/api/timeline", limit=500)
    assert tl["total"] == len(dates) and all(e["date"] for e in tl["items"])
    assert sum(m["events"] for m in tl["months"]) == tl["total"]
    claims = get(api, "/api/claims", limit=500)["items"]
    assert claims
    word = claims[0]["proposition"].split()[0]
    found = get(api, "/api/claims", text=word, limit=500)["items"]
    assert claims[0]["id"] in [c["id"] for c in found]
    assert all(word.casefold() in c["proposition"].casefold() for c in found)
    assert get(api, f"/api/claims/{claims[0]['id']}")["id"] == claims[0]["id"]


def test_places_count_events_there(api: TestClient) -> None:
    places = get(api, "/api/places")["items"]
    assert places
    events = get(api, "/api/events", limit=500)["items"]
    for p in places:
        assert p["events"] == sum((e["place"] or {}).get("id") == p["id"] for e in events)
        assert -180 <= p["lon"] <= 180


def test_neighbourhood_and_paths(api: TestClient, top_org: Json) -> None:
    one = get(api, f"/api/entities/{top_org['id']}/neighbourhood")
    ids = {n["id"] for n in one["nodes"]}
    assert top_org["id"] in ids and len(ids) > 1
    assert all(e["source"] in ids and e["target"] in ids for e in one["edges"])
    two = get(api, f"/api/entities/{top_org['id']}/neighbourhood", depth=2)
    assert ids <= {n["id"] for n in two["nodes"]}
    strong = get(api, f"/api/entities/{top_org['id']}/neighbourhood", min_sources=2)
    assert all(e["independent_sources"] >= 2 for e in strong["edges"])
    assert len(strong["edges"]) < len(one["edges"])
    cut = get(api, f"/api/entities/{top_org['id']}/neighbourhood", depth=2, limit=3)
    assert len(cut["nodes"]) == 3 and cut["truncated"]
    far = next(n for n in two["nodes"] if n["depth"] == 2)
    found = get(api, "/api/paths", **{"from": top_org["id"], "to": far["id"]})
    assert found["paths"] and all(p["length"] == 2 for p in found["paths"])
    edges = {e["id"]: e for e in found["edges"]}
    for p in found["paths"]:
        assert p["nodes"][0] == top_org["id"] and p["nodes"][-1] == far["id"]
        for (a, b), eid in zip(zip(p["nodes"], p["nodes"][1:], strict=False), p["edges"], strict=True):
            assert {edges[eid]["source"], edges[eid]["target"]} == {a, b}
    assert get(api, "/api/paths", **{"from": top_org["id"], "to": far["id"], "max_length": 1})["paths"] == []


def test_discrepancies_refer_to_facts(api: TestClient) -> None:
    body = get(api, "/api/discrepancies", limit=500)
    facts = {f["id"] for kind in ("relations", "events", "claims")
             for f in get(api, f"/api/{kind}", limit=500)["items"]}
    for d in body["items"]:
        assert d["fact"] in facts and len(d["values"]) >= 2
    if body["items"]:
        kind = body["items"][0]["kind"]
        assert all(d["kind"] == kind for d in get(api, "/api/discrepancies", kind=kind, limit=500)["items"])


def test_documents_list_and_view(api: TestClient, store: SQLiteStore) -> None:
    docs = get(api, "/api/documents", limit=500)
    assert docs["total"] == store.counts()["documents"]
    first = docs["items"][0]
    assert first["id"] in [d["id"] for d in get(api, "/api/documents", q=first["title"][:12], limit=500)["items"]]
    view = get(api, f"/api/documents/{first['id']}")
    assert view["text"] == store.document_text(first["id"])
    assert view["mentions"]
    for m in view["mentions"]:
        assert view["text"][m["start"]:m["end"]] == m["text"]
    linked = [m for m in view["mentions"] if m["entity"]]
    assert linked and all(m["entity"]["id"].startswith("ent_") for m in linked)


def test_openapi_documents_every_endpoint(api: TestClient) -> None:
    paths = set(api.get("/openapi.json").json()["paths"])
    for p in ("/api/search", "/api/entities", "/api/entities/{entity_id}", "/api/entities/{entity_id}/neighbourhood",
              "/api/paths", "/api/relations", "/api/events", "/api/claims", "/api/timeline", "/api/places",
              "/api/discrepancies", "/api/documents", "/api/documents/{doc_id}", "/api/judgements"):
        assert p in paths
    docs = api.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


@pytest.mark.parametrize(("path", "params", "status", "param"), [
    ("/api/search", {}, 422, "q"),
    ("/api/search", {"q": "a", "limit": 0}, 422, "limit"),
    ("/api/entities", {"limit": "many"}, 422, "limit"),
    ("/api/entities", {"offset": -1}, 422, "offset"),
    ("/api/relations", {"modality": "rumoured"}, 422, "modality"),
    ("/api/relations", {"min_sources": -2}, 422, "min_sources"),
    ("/api/events", {"date_from": "last tuesday"}, 422, "date_from"),
    ("/api/events", {"date_from": "2025-03-01", "date_to": "2025-01-01"}, 422, "date_from"),
    ("/api/relations", {"entity": "ent_nope"}, 404, "entity"),
    ("/api/entities/ent_nope", {}, 404, "entity"),
    ("/api/entities/ent_nope/neighbourhood", {}, 404, "entity"),
    ("/api/paths", {"from": "ent_nope"}, 422, "to"),
    ("/api/paths", {"from": "ent_nope", "to": "ent_nope"}, 404, "from"),
    ("/api/documents/doc_nope", {}, 404, None),
    ("/api/relations/rel_nope", {}, 404, None),
    ("/api/no/such/thing", {}, 404, None),
])
def test_bad_requests_share_one_error_shape(api: TestClient, path: str, params: Json, status: int,
                                            param: str | None) -> None:
    r = api.get(path, params=params)
    assert r.status_code == status
    err = r.json()["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status and err["message"]
    if param:
        assert param in {d["param"] for d in err["details"]}
