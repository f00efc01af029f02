"""`dossier ingest URL… --feed …` end to end against a loopback server; re-runs fetch only what changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dossier.cli.main import cli
from tests.ingest.docmakers import make_pdf, make_warc
from tests.sources.server import ARTICLE, SECOND, Site, rss

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

FAST = ["--extract-workers", "0", "--fetch-timeout", "2"]


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "ingest", *FAST, *args], catch_exceptions=False)


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return [tuple(r) for r in conn.execute(sql)]


def test_urls_and_feeds_ingested_once(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    site.routes["/a"] = (200, {"Content-Type": "text/html; charset=utf-8", "ETag": '"a1"'}, ARTICLE.encode())
    site.routes["/b"] = (200, {"Content-Type": "text/html"}, SECOND.encode())  # no validators: hash compared
    pdf = make_pdf([["GENEVA, 4 June 2021 (UN) The commission said the attack in Kunduz killed civilians."]],
                   title="Commission statement")
    site.routes["/r.pdf"] = (200, {"Content-Type": "application/pdf"}, pdf)
    site.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"},
                            rss(site.base, [("/a", "Feed title A"), ("/b", "Feed title B")]))
    site.routes["/img"] = (200, {"Content-Type": "image/png"}, b"\x89PNG")

    refused = run(db, f"{site.base}/a")
    assert refused.exit_code == 1
    assert f"skipped {site.base}/a: refused: 127.0.0.1 resolves to a private or local address" in refused.stderr
    assert site.hits == []

    first = run(db, "--allow-private", f"{site.base}/a", f"{site.base}/r.pdf", f"{site.base}/img",
                "--feed", f"{site.base}/feed")
    assert first.exit_code == 1, first.stderr  # the image is rejected; the batch went on
    assert f"skipped {site.base}/img: unsupported content type image/png" in first.stderr
    assert "3 ingested" in first.stderr and "1 already present" in first.stderr  # /a again via the feed
    docs = dict(rows(db, "SELECT source, title FROM documents"))
    assert docs == {f"{site.base}/a": "Attack near Kunduz", f"{site.base}/b": "Attack near Herat",
                    f"{site.base}/r.pdf": "Commission statement"}
    origins = rows(db, "SELECT d.source, o.url, o.pages FROM document_origins o JOIN documents d ON d.id=o.document"
                       " ORDER BY d.source")
    assert origins == [(f"{site.base}/a", f"{site.base}/a", "[]"), (f"{site.base}/b", f"{site.base}/b", "[]"),
                       (f"{site.base}/r.pdf", f"{site.base}/r.pdf", "[[1, 0]]")]
    assert rows(db, "SELECT publisher FROM documents WHERE source LIKE '%/b'") == [("Example Wire",)]
    # the feed entry's author is the author (docs/sources.md), kept apart from the publisher
    assert rows(db, "SELECT a.author FROM document_authors a JOIN documents d ON d.id = a.document "
                    "WHERE d.source LIKE '%/b'") == [("desk@example.org",)]

    site.hits.clear()
    again = run(db, "--allow-private", f"{site.base}/a", "--feed", f"{site.base}/feed")
    assert again.exit_code == 0, again.stderr
    assert "0 ingested" in again.stderr and "3 already present" in again.stderr
    conditional = [h for p, h in site.hits if p == "/a"]
    assert conditional and all(h.get("if-none-match") == '"a1"' for h in conditional)
    assert rows(db, "SELECT count(*) FROM documents") == [(3,)]

    # A changed page is fetched and becomes a new version of the same source.
    site.routes["/b"] = (200, {"Content-Type": "text/html"}, SECOND.replace("five", "six").encode())
    changed = run(db, "--allow-private", "--feed", f"{site.base}/feed")
    assert "0 ingested, 1 new versions" in changed.stderr, changed.stderr
    assert rows(db, "SELECT count(*) FROM documents") == [(4,)]


def test_feed_file_and_bad_feed(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    site.routes["/a"] = (200, {"Content-Type": "text/html"}, ARTICLE.encode())
    feed = tmp_path / "wire.rss"
    feed.write_bytes(rss(site.base, [("/a", "A")]))
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"just some words, not a feed")
    result = run(db, "--allow-private", "--feed", str(feed), "--feed", str(bad))
    assert "1 ingested" in result.stderr
    assert f"skipped {bad}: not an RSS or Atom feed" in result.stderr


def test_watch_rounds_never_ingest_twice(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    site.routes["/a"] = (200, {"Content-Type": "text/html"}, ARTICLE.encode())
    site.routes["/feed"] = (200, {"Content-Type": "application/atom+xml"}, rss(site.base, [("/a", "A")]))
    listing = tmp_path / "watch.txt"
    listing.write_text(f"# what we follow\nfeed {site.base}/feed\n{site.base}/a  # the same page directly\n")
    result = CliRunner().invoke(cli, ["--db", str(db), "watch", str(listing), "--every", "0.1s", "--rounds", "2",
                                      "--allow-private"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    summaries = [line for line in result.stderr.splitlines() if "ingested" in line]
    assert summaries == ["dossier: 1 ingested, 0 new versions, 1 already present, 0 rejected",
                         "dossier: 0 ingested, 0 new versions, 2 already present, 0 rejected"]
    assert rows(db, "SELECT count(*) FROM documents") == [(1,)]
    listing.write_text("not a url\n")
    bad = CliRunner().invoke(cli, ["--db", str(db), "watch", str(listing), "--rounds", "1"])
    assert bad.exit_code == 2 and "watch.txt:1: expected a URL or 'feed URL|FILE'" in bad.stderr


def test_web_archive_by_url(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    warc = make_warc([("https://news.example/a", "text/html", ARTICLE.encode(), "2021-06-02T10:00:00Z"),
                      ("https://news.example/b", "text/html", SECOND.encode(), "2021-06-03T10:00:00Z")])
    site.routes["/crawl.warc.gz"] = (200, {"Content-Type": "application/warc", "ETag": '"w1"'}, warc)
    first = run(db, "--allow-private", f"{site.base}/crawl.warc.gz")
    assert first.exit_code == 0 and "2 ingested" in first.stderr, first.stderr
    assert rows(db, "SELECT d.source, o.url, o.captured, o.archive FROM documents d JOIN document_origins o "
                    "ON o.document = d.id ORDER BY d.source") == [
        ("https://news.example/a", "https://news.example/a", "2021-06-02T10:00:00Z", f"{site.base}/crawl.warc.gz"),
        ("https://news.example/b", "https://news.example/b", "2021-06-03T10:00:00Z", f"{site.base}/crawl.warc.gz")]
    again = run(db, "--allow-private", f"{site.base}/crawl.warc.gz")
    assert "0 ingested" in again.stderr and site.hits[-1][1].get("if-none-match") == '"w1"'
