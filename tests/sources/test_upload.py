"""A PDF uploaded through the web API is read like `dossier ingest report.pdf`; a web archive is refused there."""

from __future__ import annotations

from pathlib import Path

from dossier.serve.config import Settings
from tests.ingest.docmakers import make_pdf, make_warc
from tests.serve.conftest import TOKEN, auth, client_for
from tests.sources.server import ARTICLE


def test_pdf_upload_and_warc_refusal(tmp_path: Path) -> None:
    pdf = make_pdf([["KABUL, 3 May 2021 (UN) The mission said the Taliban attacked a checkpoint in Kandahar."]],
                   title="Mission statement")
    warc = make_warc([("https://n.example/a", "text/html", ARTICLE.encode(), "2021-06-02T10:00:00Z")])
    with client_for(Settings(db=str(tmp_path / "u.db"), token=TOKEN)) as client:
        r = client.post("/api/documents", params={"name": "statement.pdf"}, content=pdf, headers=auth())
        assert r.status_code == 201, r.text
        doc = client.get(f"/api/documents/{r.json()['document']}").json()
        assert doc["media_type"] == "application/pdf" and doc["title"] == "Mission statement"
        r = client.post("/api/documents", params={"name": "crawl.warc.gz"}, content=warc, headers=auth())
        assert r.status_code == 422 and "unsupported file type (.warc.gz)" in r.text
        r = client.post("/api/documents", content=warc, headers=auth())  # pasted: told by its content
        assert r.status_code == 422 and "ingest it with `dossier ingest`" in r.text
