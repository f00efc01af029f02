"""Full-text search over the reports and analyst corrections through the API, on the example corpus."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.serve.conftest import auth


def get(client: TestClient, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def fix(client: TestClient, **body: Any) -> Any:
    r = client.post("/api/corrections", json=body, headers=auth())
    assert r.status_code == 201, r.text
    return r.json()


def test_full_text_search_finds_a_report_by_a_word_of_its_text(api: TestClient) -> None:
    docs = get(api, "/api/documents", limit=500)["items"]
    doc = get(api, f"/api/documents/{docs[0]['id']}")
    words = re.findall(r"[A-Za-z]{9,}", doc["text"])
    assert words
    word = words[len(words) // 2]
    body = get(api, "/api/search/documents", q=word, limit=100)
    hit = next(h for h in body["items"] if h["id"] == doc["id"])
    assert hit["title"] and not hit["source"].startswith("/")
    marked = [s["text"] for s in hit["snippet"] if s["hit"]]
    assert marked and all(m.casefold() == word.casefold() for m in marked)
    assert body["total"] >= 1
    # the filters: a publisher nobody has, a date range before every report
    assert get(api, "/api/search/documents", q=word, publisher="no such publisher zz")["total"] == 0
    assert get(api, "/api/search/documents", q=word, date_to="1900")["total"] == 0
    # a phrase of the text is found; query syntax never reaches FTS5 raw
    phrase = " ".join(doc["text"].split()[5:8])
    assert doc["id"] in [h["id"] for h in get(api, "/api/search/documents", q=f'"{phrase}"', limit=100)["items"]]
    r = api.get("/api/search/documents", params={"q": '" OR NEAR('})
    assert r.status_code in (200, 422)
    assert api.get("/api/search/documents", params={"q": '"'}).status_code == 422


def test_documents_are_named_by_title_and_relative_path(api: TestClient) -> None:
    for d in get(api, "/api/documents", limit=500)["items"]:
        assert d["title"] and not d["source"].startswith("/") and "examples/reports" not in d["source"]
    for f in get(api, "/api/relations", limit=50)["items"]:
        assert "/examples/" not in str(f.get("grade_reason") or "")


def test_corrections_need_the_token(writable: TestClient) -> None:
    top = get(writable, "/api/entities", limit=1)["items"][0]
    r = writable.post("/api/corrections", json={"target": "entity", "id": top["id"], "field": "name", "value": "X"})
    assert r.status_code == 401


def test_rename_retype_and_undo_an_entity(writable: TestClient) -> None:
    top = get(writable, "/api/entities", limit=1)["items"][0]
    new = f"{top['name']} Corrected"
    c = fix(writable, target="entity", id=top["id"], field="name", value=new, note="house style")
    assert c["who"] and c["at"] and c["note"] == "house style"
    card = get(writable, f"/api/entities/{top['id']}")
    assert card["entity"]["name"] == new and top["name"] in card["entity"]["aliases"]
    assert top["id"] in [i["id"] for i in get(writable, "/api/search", q="Corrected")["items"]]
    for f in card["relations"]["items"]:  # the facts name it by its new name too
        assert top["id"] not in (f["subject"]["id"], f["object"]["id"]) or new in (f["subject"]["name"],
                                                                                   f["object"]["name"])
    other = next(t for t in ("person", "organization", "place", "group") if t != top["type"])
    fix(writable, target="entity", id=top["id"], field="type", value=other)
    assert get(writable, f"/api/entities/{top['id']}")["entity"]["type"] == other
    bad = writable.post("/api/corrections", json={"target": "entity", "id": top["id"], "field": "type",
                                                  "value": "planet"}, headers=auth())
    assert bad.status_code == 422 and "planet" in bad.json()["error"]["message"]
    r = writable.post(f"/api/corrections/{c['id']}/undo", headers=auth())
    assert r.status_code == 200 and r.json()["undone_at"]
    assert get(writable, f"/api/entities/{top['id']}")["entity"]["name"] == top["name"]
    listed = get(writable, "/api/corrections")["items"]
    assert [x["id"] for x in listed][:2] == [c["id"], c["id"] + 1] and listed[0]["undone_at"]
    assert writable.post(f"/api/corrections/{c['id']}/undo", headers=auth()).status_code == 409


def test_correct_a_report_and_reject_a_relation(writable: TestClient) -> None:
    doc = get(writable, "/api/documents", limit=1)["items"][0]
    fix(writable, target="document", id=doc["id"], field="title", value="A corrected title")
    fix(writable, target="document", id=doc["id"], field="publisher", value="Corrected Press")
    fix(writable, target="document", id=doc["id"], field="published", value="2001-02-03")
    shown = get(writable, f"/api/documents/{doc['id']}")
    assert (shown["title"], shown["publisher"], shown["published"]) == ("A corrected title", "Corrected Press",
                                                                      "2001-02-03")
    assert set(shown["corrected"]) == {"title", "publisher", "published"}
    bad = writable.post("/api/corrections", json={"target": "document", "id": doc["id"], "field": "published",
                                                  "value": "yesterday"}, headers=auth())
    assert bad.status_code == 422
    rel = get(writable, "/api/relations", limit=1)["items"][0]
    total = get(writable, "/api/relations")["total"]
    c = fix(writable, target="relation", id=rel["id"], field="rejected")
    assert get(writable, "/api/relations")["total"] == total - 1
    assert writable.get(f"/api/relations/{rel['id']}").status_code == 404
    writable.post(f"/api/corrections/{c['id']}/undo", headers=auth())
    assert get(writable, "/api/relations")["total"] == total


def test_set_an_event_date(writable: TestClient) -> None:
    ev = get(writable, "/api/events", limit=1)["items"][0]
    fix(writable, target="event", id=ev["id"], field="date", value="1999-12")
    got = get(writable, f"/api/events/{ev['id']}")
    assert got["date"] == "1999-12" and got["corrected"] == ["date"]
    assert ev["id"] in [f["id"] for f in get(writable, "/api/timeline", limit=500)["items"]]


def test_sources_list_and_rating(writable: TestClient) -> None:
    body = get(writable, "/api/sources")
    named = [s for s in body["items"] if s["publisher"]]
    assert named and all(s["reliability"] == "F" for s in named)
    assert sum(s["reports"] for s in body["items"]) == get(writable, "/api/health")["documents"]
    pub = named[0]["publisher"]
    assert writable.post("/api/sources/ratings", json={"publisher": pub, "reliability": "B"}).status_code == 401
    r = writable.post("/api/sources/ratings", json={"publisher": pub, "reliability": "B", "note": "track record"},
                      headers=auth())
    assert r.status_code == 201, r.text
    row = next(s for s in get(writable, "/api/sources")["items"] if s["publisher"] == pub)
    assert (row["reliability"], row["note"]) == ("B", "track record")
    graded = [f for f in get(writable, "/api/relations", limit=500)["items"]
              if any(s.get("publisher") == pub for s in f["supports"])]
    assert graded and all(str(f["grade"]).startswith(("A", "B")) for f in graded)
