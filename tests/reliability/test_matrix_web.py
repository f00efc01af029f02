"""Rows of shared/RELIABILITY.md §3.3–3.5 not covered elsewhere: S2, S4, W3, W4, W7, W9, E1."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dossier.export.tables import safe_cell
from dossier.serve.app import create_app
from dossier.serve.config import Settings
from tests.serve.conftest import TOKEN, client_for


@pytest.fixture(scope="module")
def api(example_db: Path) -> Iterator[TestClient]:
    with client_for(Settings(db=str(example_db), token=TOKEN)) as client:
        yield client


@pytest.mark.parametrize("q", ['"', '""', "*", "NEAR(", "AND", "OR NOT", "park.", "-x", "(" * 200, "%", "_",
                               "x] UNION SELECT name FROM sqlite_master --", "'; DROP TABLE documents; --"])
def test_s2_search_strings_never_fail(api: TestClient, q: str) -> None:
    r = api.get("/api/search", params={"q": q})
    assert r.status_code == 200, (q, r.text)
    assert isinstance(r.json(), dict | list)


@pytest.mark.parametrize("params", [{"limit": 10**9}, {"offset": 10**12}, {"limit": -1}, {"limit": "abc"},
                                    {"offset": -5}, {"limit": "1e400"}])
def test_s4_out_of_range_paging_is_422_in_the_error_shape(api: TestClient, params: dict[str, object]) -> None:
    r = api.get("/api/entities", params=params)
    assert r.status_code == 422, (params, r.status_code)
    assert set(r.json()["error"]) >= {"status", "code", "message"}


@pytest.mark.parametrize("path", ["/api/entities/<script>x", "/nope/<img src=x onerror=alert(1)>",
                                  "/api/relations/<svg onload=alert(1)>"])
def test_w3_not_found_is_json_or_does_not_echo(api: TestClient, path: str) -> None:
    r = api.get(path)
    assert r.status_code == 404
    if not r.headers["content-type"].startswith("application/json"):
        assert "<img" not in r.text and "<script" not in r.text and "<svg" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["//evil.example", "/\\evil.example", "/%5Cevil.example/", "/%2F%2Fevil.example",
                                  "/static//evil.example"])
def test_w4_no_redirect_off_site(api: TestClient, path: str) -> None:
    r = api.get(path, follow_redirects=False)
    location = r.headers.get("location", "")
    assert "evil.example" not in location, (path, r.status_code, location)


def test_w7_every_write_route_needs_the_token(tmp_path: Path) -> None:
    """Enumerated from the OpenAPI description, so a write route added later is checked too."""
    app = create_app(Settings(db=str(tmp_path / "s.db"), token=TOKEN))
    writes = [(path, method.upper()) for path, ops in app.openapi()["paths"].items() for method in ops
              if method.upper() not in ("GET", "HEAD", "OPTIONS")]
    assert len(writes) >= 2, writes
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        for path, method in writes:
            concrete = path.replace("{", "").replace("}", "")
            for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}):
                r = client.request(method, concrete, content=b"x" * 40, headers=headers)
                assert r.status_code == 401, (method, path, headers, r.status_code)


def test_w9_many_ranges_answer_quickly(api: TestClient) -> None:
    import time

    ranges = ",".join(f"{i}-{i}" for i in range(0, 20_000, 2))
    start = time.monotonic()
    r = api.get("/static/index.html", headers={"Range": f"bytes={ranges}"})
    assert time.monotonic() - start < 1.0
    assert r.status_code in (200, 206, 416)


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "\n=1",
                                  '"=1"'])
def test_e1_formula_cells_are_neutralised(tmp_path: Path, cell: str) -> None:
    path = tmp_path / "t.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerow([safe_cell(cell)])
    with path.open(newline="", encoding="utf-8") as f:
        (value,) = next(csv.reader(f))
    assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), repr(value)
