"""Write endpoints and the server's safety rails: token, body limit, Host check, CSP; ingest from the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dossier.serve.config import Settings
from tests.serve.conftest import TOKEN, auth, client_for, copy_store

HOSTILE = (
    "Qamar Crest chairman Tariq <script>alert('x')</script> Bhatti met officials of the Lashkar-e-Sabeel "
    "in Multan on 3 March 2025, the Frontier Wire reported. <img src=x onerror=\"alert(1)\"> "
    "A statement at <a href=\"javascript:alert(2)\">this link</a> said the meeting was routine. "
    "Police in Multan said Bhatti was detained for questioning.\n"
)


def _error(r: object) -> dict:  # type: ignore[type-arg]
    body = r.json()  # type: ignore[attr-defined]
    assert set(body["error"]) == {"status", "code", "message", "details"}
    return body["error"]  # type: ignore[no-any-return]


def test_security_headers_on_pages_and_api(api: TestClient) -> None:
    for path in ("/", "/api/health", "/static/js/main.js"):
        r = api.get(path)
        assert r.status_code == 200
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "object-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_host_header_is_checked_on_loopback(api: TestClient) -> None:
    r = api.get("/api/health", headers={"Host": "evil.example:8765"})
    assert r.status_code == 400 and "Host" in _error(r)["message"]
    assert api.get("/api/health", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_writes_need_the_token(api: TestClient) -> None:
    r = api.post("/api/documents", content=HOSTILE.encode())
    assert r.status_code == 401 and _error(r)["code"] == "unauthorized"
    r = api.post("/api/documents", content=HOSTILE.encode(), headers={"Authorization": "Bearer wrong-token"})
    assert r.status_code == 401
    r = api.post("/api/judgements", json={"decision": "merge", "a": "x", "b": "y"})
    assert r.status_code == 401


def test_read_only_server_refuses_writes(corpus_db: Path) -> None:
    with client_for(Settings(db=str(corpus_db), token=None)) as client:
        r = client.post("/api/documents", content=HOSTILE.encode(), headers=auth())
        assert r.status_code == 403 and "disabled" in _error(r)["message"]
        assert client.get("/api/health").json()["writable"] is False


def test_request_size_limit(corpus_db: Path, tmp_path: Path) -> None:
    db = copy_store(corpus_db, tmp_path / "small.db")
    with client_for(Settings(db=str(db), token=TOKEN, max_upload=4096)) as client:
        r = client.post("/api/documents", content=b"x" * 5000, headers=auth())
        assert r.status_code == 413 and _error(r)["code"] == "payload_too_large"

        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(5):
                yield b"y" * 1000

        r = client.post("/api/documents", content=chunks(), headers=auth())  # no Content-Length: counted
        assert r.status_code == 413


def test_bad_uploads_are_clear_4xx(writable: TestClient) -> None:
    r = writable.post("/api/documents", content=b"   ", headers=auth())
    assert r.status_code == 422
    r = writable.post("/api/documents", params={"name": "photo.png"}, content=b"\x89PNG....", headers=auth())
    assert r.status_code == 422 and "unsupported" in _error(r)["message"]
    r = writable.post("/api/documents", content=b"\x00\x01\x02binary" * 50, headers=auth())
    assert r.status_code == 422 and _error(r)["code"] == "rejected"
    r = writable.post("/api/judgements", json={"decision": "marry", "a": "x", "b": "y"}, headers=auth())
    assert r.status_code == 422 and "decision" in {d["param"] for d in _error(r)["details"]}


def test_upload_appears_in_search_graph_and_documents(writable: TestClient) -> None:
    before = writable.get("/api/health").json()["documents"]
    r = writable.post("/api/documents", content=HOSTILE.encode(), headers=auth())
    assert r.status_code == 201, r.text
    done = r.json()
    assert done["status"] == "added" and done["source"].startswith("paste/")
    assert writable.get("/api/health").json()["documents"] == before + 1
    doc = writable.get(f"/api/documents/{done['document']}").json()
    assert "<script>" in doc["text"] or "alert" in doc["text"]  # stored as text, returned as JSON data
    names = {e["name"] for e in done["entities"]}
    assert any("Bhatti" in n for n in names)
    bhatti = next(e for e in done["entities"] if "Bhatti" in e["name"])
    hits = writable.get("/api/search", params={"q": "Bhatti"}).json()["items"]
    assert bhatti["id"] in [h["id"] for h in hits]
    again = writable.post("/api/documents", content=HOSTILE.encode(), headers=auth()).json()
    assert again["status"] == "exists" and again["document"] == done["document"]
    html = b"<html><body><article><h1>Raid</h1><p>" + HOSTILE.encode() + b"</p></article></body></html>"
    r = writable.post("/api/documents", params={"name": "../../etc/raid report.html"}, content=html, headers=auth())
    assert r.status_code == 201 and r.json()["source"] == "upload/raid_report.html"


def test_merge_and_split_judgements(writable: TestClient) -> None:
    people = writable.get("/api/entities", params={"type": "person", "limit": 2}).json()["items"]
    a, b = people[0], people[1]
    r = writable.post("/api/judgements", json={"decision": "merge", "a": a["id"], "b": b["id"], "note": "test"},
                      headers=auth())
    assert r.status_code == 201, r.text
    merged = r.json()
    assert merged["honoured"] and merged["a"]["entity"] == merged["b"]["entity"]
    card = writable.get(f"/api/entities/{merged['a']['entity']}").json()["entity"]
    assert {a["name"], b["name"]} <= {card["name"], *card["aliases"]}
    r = writable.post("/api/judgements", json={"decision": "split", "a": a["name"], "b": b["name"]}, headers=auth())
    assert r.status_code == 201 and r.json()["a"]["entity"] != r.json()["b"]["entity"]
    listed = writable.get("/api/judgements").json()["items"]
    assert [j["decision"] for j in listed] == ["merge", "split"]


@pytest.mark.parametrize("ref", ["", "   "])
def test_judgement_with_empty_reference(writable: TestClient, ref: str) -> None:
    r = writable.post("/api/judgements", json={"decision": "merge", "a": ref, "b": "x"}, headers=auth())
    assert r.status_code in (400, 422)
    _error(r)


def test_changes_by_another_process_are_picked_up(corpus_db: Path, tmp_path: Path) -> None:
    """A judgement made with the CLI while the server runs shows in the API (rebuilt in the background)."""
    import time

    from click.testing import CliRunner

    from dossier.cli.main import cli

    db = copy_store(corpus_db, tmp_path / "live.db")
    with client_for(Settings(db=str(db), token=TOKEN)) as client:
        a, b = client.get("/api/entities", params={"type": "place", "limit": 2}).json()["items"]
        assert a["id"] != b["id"]
        result = CliRunner().invoke(cli, ["--db", str(db), "merge", a["id"], b["id"]], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        deadline = time.monotonic() + 60
        while True:
            hit = client.get("/api/search", params={"q": b["name"]}).json()["items"][0]
            card = client.get(f"/api/entities/{hit['id']}").json()["entity"]
            if a["name"] in {card["name"], *card["aliases"]}:
                break
            assert time.monotonic() < deadline, "the server never saw the merge"
            time.sleep(0.2)


def test_event_merge_and_split_need_the_token_and_are_undoable(writable: TestClient) -> None:
    evs = writable.get("/api/events", params={"limit": 500}).json()["items"]
    singles = [f for f in evs if len({s["document"] for s in f["supports"]}) == 1]
    a = singles[0]
    b = next(f for f in singles if f["supports"][0]["document"] != a["supports"][0]["document"])
    body = {"a": a["id"], "b": b["id"], "note": "one meeting"}
    assert writable.post("/api/events/merge", json=body).status_code == 401
    assert writable.post("/api/events/merge", json={**body, "b": "evt_0000000000000000"},
                         headers=auth()).status_code == 404
    r = writable.post("/api/events/merge", json=body, headers=auth())
    assert r.status_code == 201 and r.json()["field"] == "merge" and r.json()["who"].endswith("(web)")
    merged = writable.get(f"/api/events/{a['id']}").json()
    assert len(merged["supports"]) == 2 and writable.get(f"/api/events/{b['id']}").status_code == 404
    assert writable.post("/api/events/merge", json=body, headers=auth()).status_code == 404  # b is no more
    split = {"event": a["id"], "reports": [b["supports"][0]["document"]]}
    assert writable.post("/api/events/split", json=split).status_code == 401
    s = writable.post("/api/events/split", json=split, headers=auth())
    assert s.status_code == 201 and writable.get(f"/api/events/{b['id']}").status_code == 200
    writable.post(f"/api/corrections/{s.json()['id']}/undo", headers=auth())
    writable.post(f"/api/corrections/{r.json()['id']}/undo", headers=auth())
    assert len(writable.get(f"/api/events/{a['id']}").json()["supports"]) == 1
    assert writable.get(f"/api/events/{b['id']}").status_code == 200
