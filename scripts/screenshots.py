"""Screenshots of each view of the web UI (``make screenshots``), for the README and docs/web.md.

Ingests the example corpus into a temporary store with the real CLI (or uses ``--db``), serves it on loopback and
drives Debian's chromium with Playwright through search, entity card, evidence, link chart, timeline, map,
discrepancies and the ingest page.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from dossier.serve.config import Settings
from dossier.serve.harness import launch_chromium, serve_in_thread

REPO = Path(__file__).resolve().parents[1]
TOKEN = "screenshots-token-0123456789"


def _ready(page: Any) -> None:
    page.wait_for_selector('main[data-ready="true"]', timeout=30_000)
    page.wait_for_timeout(400)


def _ingest(db: Path) -> None:
    from click.testing import CliRunner

    from dossier.cli.main import cli

    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", "-q", str(REPO / "examples" / "reports")])
    if result.exit_code != 0:
        sys.exit(f"ingest failed: {result.output}")


def shoot(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    top = httpx.get(f"{base}/api/entities", params={"type": "organization", "limit": 1}).json()["items"][0]
    card = httpx.get(f"{base}/api/entities/{top['id']}").json()
    rel = card["relations"]["items"][0]
    ev = rel["supports"][0]["evidence"][0]
    shots: list[Path] = []
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, device_scale_factor=1)

        def snap(name: str, full: bool = False) -> None:
            path = out / f"{name}.png"
            page.screenshot(path=str(path), full_page=full)
            shots.append(path)

        page.goto(f"{base}/#token={TOKEN}")
        _ready(page)
        page.fill("#search", top["name"][:4])
        page.wait_for_selector("#suggestions li.suggestion")
        snap("search")
        page.goto(f"{base}/#/entity/{top['id']}")
        _ready(page)
        page.locator(f'details.fact[data-id="{rel["id"]}"] summary').first.click(position={"x": 4, "y": 8})
        snap("entity")
        page.goto(f"{base}/#/doc/{ev['document']}?hl={ev['start']}-{ev['end']}")
        _ready(page)
        snap("evidence")
        page.goto(f"{base}/#/graph/{top['id']}")
        _ready(page)
        snap("graph")
        for name, route in (("timeline", "#/timeline"), ("map", "#/map"), ("discrepancies", "#/discrepancies"),
                            ("ingest", "#/ingest")):
            page.goto(f"{base}/{route}")
            _ready(page)
            snap(name)
        browser.close()
    return shots


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="store to show (default: the example corpus, ingested afresh)")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "shots.db"
        if args.db:
            shutil.copy(args.db, db)
        else:
            _ingest(db)
        with serve_in_thread(Settings(db=str(db), token=TOKEN)) as base:
            for path in shoot(base, args.out):
                print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


if __name__ == "__main__":
    main()
