"""Screenshots of each view of the web UI (``make screenshots``), for the README and docs/web.md.

Ingests the example corpus and the real seed reports (``../shared/seeds`` relative to the repository, or
$DOSSIER_SEEDS; skipped with a note when absent) into a temporary store with the real CLI (or uses ``--db``),
serves it on loopback and drives Debian's chromium with Playwright through search, entity card, evidence, link
chart (with a path through an event), timeline, map, discrepancies, full-text search, the judgements page and
the ingest page. Every page shot is checked first: no absolute path, no temporary folder and no internal report
id may show (the run stops naming the view), and what the script prints is relative to the repository.
"""

from __future__ import annotations

import argparse
import os
import re
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


def seeds_dir() -> Path:
    return Path(os.environ.get("DOSSIER_SEEDS") or REPO.parent / "shared" / "seeds")


def _ingest(db: Path, folders: list[Path]) -> None:
    from click.testing import CliRunner

    from dossier.cli.main import cli

    for folder in folders:
        result = CliRunner().invoke(cli, ["--db", str(db), "ingest", "-q", str(folder)])
        if result.exit_code != 0:
            sys.exit(f"ingest of {folder.name} failed: {result.output}")
    CliRunner().invoke(cli, ["--db", str(db), "resolve"])


_LEAKS = re.compile(r"(?:^|[\s(\"'])/(?:tmp|home|work|root|Users|var)/|\bdoc_[0-9a-f]{16}\b")


def check_page(page: Any, view: str, forbidden: list[str]) -> None:
    """Stop when a shot would show an absolute path, a temporary folder or an internal report id."""
    text = page.inner_text("body")
    for bad in forbidden:
        if bad and bad in text:
            sys.exit(f"screenshot {view!r} would show a local path ({Path(bad).name}): fix the view first")
    m = _LEAKS.search(text)
    if m:
        sys.exit(f"screenshot {view!r} would show {m.group(0).strip()!r}: fix the view first")


def _entity(base: str, q: str) -> dict[str, Any] | None:
    items = httpx.get(f"{base}/api/search", params={"q": q, "limit": 1}).json()["items"]
    return items[0] if items else None


def shoot(base: str, out: Path, forbidden: list[str], seeds: bool) -> list[Path]:
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
            check_page(page, name, forbidden)
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
        # the analyst's question on the seed reports: how is Jaish-e-Mohammed tied to Hamas? (else two examples)
        a, b = (_entity(base, "Jaish-e-Mohammed"), _entity(base, "Hamas")) if seeds else (None, None)
        if not (a and b):
            a, b = top, _entity(base, "Tehran")
        if a and b:
            page.goto(f"{base}/#/graph/{a['id']}")
            _ready(page)
            page.fill("#path-to", b["name"])
            page.click("#find-path")
            page.wait_for_timeout(2500)
            snap("paths")
        for name, route in (("timeline", "#/timeline"), ("map", "#/map"), ("discrepancies", "#/discrepancies"),
                            ("ingest", "#/ingest")):
            page.goto(f"{base}/{route}")
            _ready(page)
            snap(name)
        page.goto(f"{base}/#/search?q=" + ("Rawalakot" if seeds else "Multan"))
        _ready(page)
        snap("fulltext")
        # a correction made through the API as the UI does, then the judgements page that lists and undoes it
        httpx.post(f"{base}/api/corrections", headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"target": "entity", "id": top["id"], "field": "type", "value": "group",
                         "note": "a movement, not a registered organisation"}).raise_for_status()
        page.goto(f"{base}/#/judgements")
        _ready(page)
        snap("judgements")
        browser.close()
    return shots


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="store to show (default: the example corpus, ingested afresh)")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    seeds = seeds_dir()
    have_seeds = seeds.is_dir() and any(seeds.iterdir())
    if not args.db and not have_seeds:
        print("seed reports not found (../shared/seeds or $DOSSIER_SEEDS): shots of the examples only")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "shots.db"
        if args.db:
            shutil.copy(args.db, db)
        else:
            _ingest(db, [REPO / "examples" / "reports", *([seeds] if have_seeds else [])])
        forbidden = [tmp, str(REPO), str(seeds.resolve()), str(Path.home())]
        with serve_in_thread(Settings(db=str(db), token=TOKEN)) as base:
            for path in shoot(base, args.out, forbidden, have_seeds and not args.db):
                print(path.relative_to(REPO) if path.is_relative_to(REPO) else path.name)


if __name__ == "__main__":
    main()
