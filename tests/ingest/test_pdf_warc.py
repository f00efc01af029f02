"""PDF and WARC inputs: real files generated here, through the same path, limits and rejections as files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dossier.ingest.limits import Limits
from dossier.ingest.pool import ParsePool, parse_inline
from dossier.ingest.sources import InputRef, iter_inputs
from dossier.model.pages import page_of
from dossier.model.records import Document, Rejection
from tests.ingest.docmakers import make_pdf, make_warc

Write = Callable[[str, str | bytes], Path]

PAGE1 = ["Kabul, 3 May 2021 (UN) The mission recorded attacks in Kandahar.",
         "Officials said the Taliban denied responsibility."]
PAGE3 = ["Annex: In Helmand, the governor Ahmad Khan met elders on 4 May 2021."]
ARTICLE = ("<html><head><title>Attack near Kunduz</title></head><body><article><h1>Attack near Kunduz</h1>"
           "<p>KUNDUZ, Afghanistan, June 2, 2021 - Gunmen attacked a checkpoint near Kunduz on Tuesday, "
           "officials said, killing three policemen.</p><p>The provincial police chief, Ahmad Zia, said the "
           "attackers fled.</p></article></body></html>")


def _all(paths: list[Path], limits: Limits | None = None) -> list[Document | Rejection]:
    lim = limits or Limits()
    return [r for _, r in parse_inline(iter_inputs([str(p) for p in paths], lim), lim)]


def test_pdf_text_page_map_and_metadata(write: Write) -> None:
    pdf = write("report.pdf", make_pdf([PAGE1, [], PAGE3], title="Protection of Civilians",
                                       author="UNAMA", created="20210510120000Z"))
    (doc,) = _all([pdf])
    assert isinstance(doc, Document), doc
    assert doc.media_type == "application/pdf"
    assert doc.title == "Protection of Civilians" and doc.author == "UNAMA"
    assert doc.publisher != "UNAMA"  # the Author is who wrote it, not the outlet
    assert doc.published == "2021-05-03"  # the dateline beats the file's creation date
    assert [page for page, _ in doc.pages] == [1, 3]  # the empty page 2 has no text, and keeps its number
    for line, page in ((PAGE1[1], 1), (PAGE3[0], 3)):
        start = doc.text.index("Taliban" if page == 1 else "Helmand")
        assert line.split()[1] in doc.text or page == 3
        assert page_of(doc.pages, start) == page
    assert doc.text[doc.pages[1][1]:].startswith("Annex")


def test_pdf_creation_date_used_without_dateline(write: Write) -> None:
    pdf = write("r.pdf", make_pdf([["The council met in Geneva and adopted a resolution on the matter."]],
                                  created="20200102"))
    (doc,) = _all([pdf])
    assert isinstance(doc, Document) and doc.published == "2020-01-02"


def test_pdf_rejections(write: Write) -> None:
    paths = [write("blank.pdf", make_pdf([[]])), write("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Cat"),
             write("big.pdf", make_pdf([["x" * 80] * 40]))]
    results = {Path(r.source).name: r for r in _all(paths[:2])}
    assert isinstance(results["blank.pdf"], Rejection)
    assert results["blank.pdf"].reason == "no text in PDF (scanned images need OCR first)"
    assert isinstance(results["broken.pdf"], Rejection)
    assert "PDF" in results["broken.pdf"].reason
    (big,) = _all([paths[2]], Limits(max_chars=1000))
    assert isinstance(big, Rejection) and "--max-chars" in big.reason


def test_warc_each_html_response_a_document(write: Write) -> None:
    other = ARTICLE.replace("Kunduz", "Herat").replace("three", "five")
    warc = make_warc([
        ("https://news.example/a", "text/html; charset=utf-8", ARTICLE.encode(), "2021-06-02T10:00:00Z"),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "2021-06-02T10:00:01Z"),
        ("https://news.example/b", "text/html", other.encode(), "2021-06-03T08:30:00Z"),
        ("https://news.example/empty", "text/html", b"<html><body></body></html>", "2021-06-03T08:31:00Z"),
    ])
    for name, data in (("crawl.warc.gz", warc), ("crawl.warc", make_warc([], gzip=False) + warc)):
        path = write(name, data)
        results = _all([path])
        docs = [r for r in results if isinstance(r, Document)]
        assert [d.source for d in docs] == ["https://news.example/a", "https://news.example/b"]
        assert [d.captured for d in docs] == ["2021-06-02T10:00:00Z", "2021-06-03T08:30:00Z"]
        assert all(d.url == d.source and d.archive == str(path) for d in docs)
        assert docs[0].title == "Attack near Kunduz" and "checkpoint near Kunduz" in docs[0].text
        (bad,) = [r for r in results if isinstance(r, Rejection)]
        assert bad.source == f"{path}: https://news.example/empty"
        assert bad.reason == "no article text found in HTML page"


def test_warc_in_worker_pool_and_limits(write: Write) -> None:
    warc = write("crawl.warc.gz", make_warc([("https://n.example/a", "text/html", ARTICLE.encode(),
                                               "2021-06-02T10:00:00Z")]))
    image = ("https://n.example/i", "image/png", b"\x89PNG", "2021-06-02T10:00:00Z")
    only_images = write("img.warc", make_warc([image], gzip=False))
    with ParsePool(Limits(), workers=1) as pool:
        results = [r for _, r in pool.parse_all([InputRef(str(warc), path=str(warc)),
                                                 InputRef(str(only_images), path=str(only_images))])]
    assert isinstance(results[0], Document) and results[0].captured == "2021-06-02T10:00:00Z"
    assert isinstance(results[1], Rejection) and results[1].reason == "no HTML pages in web archive (1 other record)"
    (tight,) = _all([warc], Limits(max_decompressed=100))
    assert isinstance(tight, Rejection) and "max_decompressed" in tight.reason


def test_folder_walk_reads_pdf_and_warc(write: Write, tmp_path: Path) -> None:
    write("d/a.pdf", make_pdf([PAGE1]))
    write("d/b.warc.gz", make_warc([("https://n.example/a", "text/html", ARTICLE.encode(), "2021-06-02T10:00:00Z")]))
    write("d/c.gz", b"\x1f\x8b\x08\x00")
    walk = iter_inputs([str(tmp_path / "d")], Limits())
    names = [Path(r.source).name for r in walk if isinstance(r, InputRef)]
    assert names == ["a.pdf", "b.warc.gz"] and dict(walk.skipped) == {".gz": 1}
