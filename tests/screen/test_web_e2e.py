"""The watchlist badge on the entity card and the What's new page, in Debian's chromium over a real server on
the seeds store screened against OFAC."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.serve.config import Settings
from dossier.serve.harness import CHROMIUM, launch_chromium, serve_in_thread
from tests.conftest import copy_db
from tests.screen.conftest import run

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium (make chromium)")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert run(seeds_db, "screen").exit_code == 0
    db = copy_db(seeds_db, tmp_path_factory.mktemp("web") / "web.db")
    with serve_in_thread(Settings(db=str(db), token="t" * 24)) as url:
        yield url


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        pg = browser.new_page()
        problems: list[str] = []
        pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        yield pg
        browser.close()
        assert not [p for p in problems if "page error" in p or "Content Security Policy" in p], problems


def _ready(page: Any) -> None:
    page.wait_for_selector('main[data-ready="true"]', timeout=30_000)


def test_badge_and_whats_new(page: Any, server: str) -> None:
    import httpx

    entities = httpx.get(f"{server}/api/search", params={"q": "Jaish"}).json()
    jem = next(e for e in entities["items"] if e["name"] == "Jaish-e-Mohammed")
    page.goto(f"{server}/#/entity/{jem['id']}")
    _ready(page)
    badge = page.locator(".card-head .badge.watchlist")
    assert badge.count() == 1 and badge.inner_text() == "ofac: JAISH-I-MOHAMMED"
    assert "connecting words ignored (e i)" in (badge.get_attribute("title") or "")
    page.goto(f"{server}/#/new?since=2000-01-01")
    _ready(page)
    headings = page.locator("#view h2").all_inner_texts()
    assert "New documents (2)" in headings and any(h.startswith("Watchlist hits") for h in headings)
    assert page.locator("ul.digest.watchlist_hits li").count() >= 3
