"""A PDF report through the CLI and the web app: evidence names its page (``report.pdf p. 3 [start:end]``), and
the PDF's Author is stored as the author, not the publisher (docs/sources.md)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from dossier.cli.main import cli
from dossier.serve.config import Settings
from tests.ingest.docmakers import make_pdf

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

PAGE1 = ["Kabul, 3 May 2021 (UN) The mission recorded attacks in Kandahar.",
         "Officials said the Taliban denied responsibility."]
PAGE3 = ["Annex: In Helmand, the governor Ahmad Khan met elders on 4 May 2021.",
         "Ahmad Khan is a member of the Afghan Red Crescent Society."]


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def pdf_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pdf")
    (root / "report.pdf").write_bytes(make_pdf([PAGE1, [], PAGE3], title="Protection of Civilians",
                                               author="UNAMA", created="20210510120000Z"))
    db = root / "p.db"
    assert run(db, "ingest", "-q", str(root / "report.pdf")).exit_code == 0
    return db


def test_cli_evidence_lines_name_the_page(pdf_db: Path) -> None:
    rels = run(pdf_db, "relations", "Ahmad Khan").stdout
    assert "report.pdf p. 3 [" in rels and "Ahmad Khan is a member of the Afghan Red Crescent Society." in rels
    events = run(pdf_db, "events").stdout
    assert "report.pdf p. 1 [" in events and "report.pdf p. 3 [" in events
    shown = run(pdf_db, "show", "Ahmad Khan").stdout
    lines = [line.strip() for line in shown.splitlines()]
    assert any(line.startswith("report.pdf p. 3 [") and "member of" in line for line in lines), shown
    assert any(line.startswith("- report.pdf p. 3 [") and "'Ahmad Khan'" in line for line in lines), shown
    # the offsets after the page still slice the stored text
    text = run(pdf_db, "text", next(iter(_doc_ids(pdf_db)))).stdout
    start, end = (int(x) for x in shown.split("report.pdf p. 3 [", 1)[1].split("]", 1)[0].split(":"))
    assert text[start:end].startswith("Ahmad Khan")


def _doc_ids(db: Path) -> list[str]:
    import json

    return [d["id"] for d in json.loads(run(db, "documents", "--json").stdout)]


def test_author_stored_and_shown_not_the_publisher(pdf_db: Path) -> None:
    import json

    (doc,) = json.loads(run(pdf_db, "documents", "--json").stdout)
    assert doc["author"] == "UNAMA" and doc["publisher"] != "UNAMA"
    assert "Protection of Civilians  by UNAMA" in run(pdf_db, "documents").stdout
    exported = json.loads(run(pdf_db, "export", "--format", "json").stdout)
    assert exported["documents"][0]["author"] == "UNAMA"
    import jsonschema

    from dossier.export.json_export import schema

    jsonschema.validate(exported, schema())
    ftm_lines = [json.loads(x) for x in run(pdf_db, "export", "--format", "ftm").stdout.splitlines()]
    (article,) = [x for x in ftm_lines if x["schema"] == "Article"]
    assert article["properties"]["author"] == ["UNAMA"] and "UNAMA" not in article["properties"].get("publisher", [])


def test_api_supports_carry_pages_and_author(pdf_db: Path) -> None:
    from tests.serve.conftest import client_for

    with client_for(Settings(db=str(pdf_db), token="t" * 24)) as api:
        rels = api.get("/api/relations").json()["items"]
        (member,) = [r for r in rels if r["subject"]["name"] == "Ahmad Khan"]
        spans = [ev for s in member["supports"] for ev in s["evidence"]]
        assert spans and all(ev["page"] == 3 for ev in spans)
        doc = api.get(f"/api/documents/{_doc_ids(pdf_db)[0]}").json()
        assert doc["author"] == "UNAMA"


@pytest.fixture
def page(pdf_db: Path) -> Iterator[tuple[Any, str]]:
    from dossier.serve.harness import CHROMIUM, launch_chromium, serve_in_thread

    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Debian's chromium (make chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with serve_in_thread(Settings(db=str(pdf_db), token="t" * 24)) as url, sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser.new_page(), url
        browser.close()


def test_browser_shows_page_with_evidence_and_author(page: tuple[Any, str]) -> None:
    import httpx

    pg, url = page
    khan = next(e for e in httpx.get(f"{url}/api/search", params={"q": "Ahmad Khan"}).json()["items"]
                if e["name"] == "Ahmad Khan")
    pg.goto(f"{url}/#/entity/{khan['id']}")
    pg.wait_for_selector('main[data-ready="true"]', timeout=30_000)
    fact = pg.locator(".facts.relations details.fact").first
    fact.locator("summary").click(position={"x": 4, "y": 8})
    support = fact.locator("li.support").first
    assert support.locator(".page").inner_text() == "p. 3"
    assert support.locator("a.doclink").inner_text() == "show in document (p. 3)"
    support.locator("a.doclink").click()
    pg.wait_for_selector("mark.evidence-hl", timeout=30_000)
    assert pg.locator(".doc-author").inner_text() == "by UNAMA"
