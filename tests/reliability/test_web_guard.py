"""Web write guards (issue 13, item 6): cross-site writes refused even with the token, strict Host, HEAD /."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dossier.serve.config import Settings
from dossier.serve.security import cross_site, host_name
from tests.serve.conftest import TOKEN, auth, client_for

REPORT = (b"DOHA, March 3, 2025 (Gulf Ledger) - Envoy Karim Nassar met Qatari officials in Doha on Monday. "
          b"Nassar said the talks would resume.")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(Settings(db=str(tmp_path / "s.db"), token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Origin": "http://127.0.0.1:8765.evil.example"},
    {"Origin": "http://127.0.0.1:9999"},
    {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
])
def test_cross_site_write_with_the_token_is_refused(client: TestClient, headers: dict[str, str]) -> None:
    before = client.get("/api/documents").json()["total"]
    r = client.post("/api/documents", content=REPORT, headers={**auth(), **headers})
    assert r.status_code == 403, r.text
    assert "cross-site" in r.json()["error"]["message"]
    assert client.get("/api/documents", headers=headers).status_code == 200  # reads are not writes
    assert client.get("/api/documents").json()["total"] == before


def test_same_origin_and_non_browser_writes_pass_to_the_token_check(client: TestClient) -> None:
    same = {"Origin": "http://127.0.0.1:8765", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/documents", content=REPORT, headers=same).status_code == 401  # no token
    r = client.post("/api/documents", content=REPORT, headers={**auth(), **same})
    assert r.status_code in (200, 201), r.text


@pytest.mark.parametrize("host", ["127.0.0.1:80@evil.com", "evil.com", "127.0.0.1.evil.com", "127.0.0.1:80/x",
                                  "127.0.0.1 :80", "localhost:abc", "[::1]x", ""])
def test_host_header_is_parsed_strictly(client: TestClient, host: str) -> None:
    r = client.get("/api/documents", headers={"Host": host})
    assert r.status_code == 400, (host, r.status_code)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8765", "localhost:1", "LOCALHOST", "[::1]:8765"])
def test_loopback_hosts_are_accepted(client: TestClient, host: str) -> None:
    assert client.get("/api/documents", headers={"Host": host}).status_code == 200


def test_head_of_the_home_page(client: TestClient) -> None:
    r = client.head("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")


def test_pure_functions() -> None:
    assert host_name("127.0.0.1:80@evil.com") is None
    assert host_name("[::1]:8765") == "[::1]"
    assert cross_site({}, "127.0.0.1:8765") is None
    assert cross_site({"sec-fetch-site": "none"}, "127.0.0.1:8765") is None  # typed into the address bar
