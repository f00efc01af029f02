"""HTML pages: main text only, no markup or script, nothing fetched (RELIABILITY I8, I9)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dossier.model.records import Document, Rejection

from .helpers import doc, rejected

Parse = Callable[..., Document | Rejection]
PARAGRAPHS = [
    "KABUL, March 3, 2025 (Pajhwok) — Officials from both delegations met in the capital on Monday to "
    "discuss the release of detainees and the reopening of the border crossing.",
    "The talks, the third round this year, were described by a spokesman as constructive and frank, "
    "and a further meeting is planned for the end of the month in Doha.",
    "Neither side gave details of the proposals, but a senior official said progress had been made on "
    "the question of humanitarian access to the eastern provinces.",
]
ARTICLE = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)


def page(head: str = "", body: str = ARTICLE, before: str = "", after: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{before}"
        f"<article><h1>Talks resume in Kabul</h1>{body}</article>{after}</body></html>"
    )


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 that records every request: any hit means extraction fetched something."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<html><body><p>FETCHED-CANARY</p></body></html>")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.timeout(60)
def test_hostile_markup_leaves_no_trace(parse: Parse, loopback: tuple[str, list[str]]) -> None:
    """I9: scripts, handlers, javascript: links, <base>, <meta refresh>: no markup, no script, no fetch."""
    url, hits = loopback
    head = (
        f"<base href='{url}/base/'><meta http-equiv='refresh' content='0; url={url}/refresh'>"
        f"<link rel='stylesheet' href='{url}/css'><script src='{url}/js'></script>"
        "<script>document.write('SCRIPT-CANARY'); var x = '<p>SCRIPT-CANARY</p>';</script>"
        f"<style>body {{ background: url({url}/bg) }} .STYLE-CANARY {{}}</style>"
        "<meta property='og:title' content='Talks resume in Kabul'>"
    )
    body = (
        ARTICLE + f"<p>See the <a href='javascript:alert(\"JSLINK-CANARY\")' onclick='alert(\"ONCLICK-CANARY\")'>"
        f"full statement</a> and <img src='{url}/img.png' onerror='alert(\"ONERROR-CANARY\")'> photo.</p>"
        f"<iframe src='{url}/frame'></iframe><object data='{url}/obj'></object>"
        "<svg><script>alert('SVG-CANARY')</script></svg>"
        "<p onmouseover='alert(\"HANDLER-CANARY\")'>Officials said a statement would follow.</p>"
    )
    d = doc(parse("page.html", page(head=head, body=body)))
    for paragraph in PARAGRAPHS:
        assert paragraph in d.text
    assert "full statement" in d.text
    for marker in ("CANARY", "<", ">", "javascript:", "alert(", "onerror", "onclick", url):
        assert marker not in d.text, marker
    assert hits == []
    assert d.media_type == "text/html"


@pytest.mark.timeout(30)
def test_html_metadata(parse: Parse) -> None:
    head = (
        "<title>Talks resume in Kabul | Example News</title>"
        "<meta property='og:title' content='Talks resume in Kabul'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2025-03-04T09:30:00+00:00'>"
    )
    d = doc(parse("page.htm", page(head=head)))
    assert d.title == "Talks resume in Kabul"
    assert d.publisher == "Example News"
    assert d.dateline_place == "KABUL"
    # The dateline's full date (March 3, 2025) beats the page's metadata (March 4).
    assert (d.published, d.published_inferred) == ("2025-03-03", False)


@pytest.mark.timeout(30)
def test_page_date_beats_inferred_year(parse: Parse) -> None:
    body = "".join(f"<p>{p.replace(', 2025', '')}</p>" for p in PARAGRAPHS) + "<p>It began on May 1, 2024.</p>"
    head = "<meta property='article:published_time' content='2025-03-03'>"
    d = doc(parse("page.html", page(head=head, body=body)))
    assert (d.published, d.published_inferred) == ("2025-03-03", False)


@pytest.mark.timeout(30)
def test_no_article_text(parse: Parse) -> None:
    empty = "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    assert rejected(parse("nav.html", empty)) == "no article text found in HTML page"
    assert rejected(parse("script.html", "<html><script>var a = 1;</script></html>")).startswith(
        "no article text found in HTML page"
    )


@pytest.mark.timeout(60)
def test_deep_div_nesting_still_yields_the_article(parse: Parse) -> None:
    """I8: 10,000 nested <div>s around a real article; layout wrappers are unwrapped and the text found."""
    d = doc(parse("deep.html", page(before="<div>" * 10_000, after="</div>" * 10_000)))
    for paragraph in PARAGRAPHS:
        assert paragraph in d.text


@pytest.mark.timeout(60)
@pytest.mark.parametrize("tag", ["blockquote", "b", "table"])
def test_deep_nesting_is_text_or_a_clear_rejection(parse: Parse, tag: str) -> None:
    """Other deep nesting: text, or a rejection that says why; never a silent empty document."""
    result = parse("deep.html", page(before=f"<{tag}>" * 10_000, after=f"</{tag}>" * 10_000))
    if isinstance(result, Document):
        assert PARAGRAPHS[0] in result.text
    else:
        assert result.reason == "no article text found in HTML page (nesting too deep?)"


@pytest.mark.timeout(30)
def test_xhtml_external_entity_is_not_expanded(parse: Parse, tmp_path: Path) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text("ENTITY-CANARY-CONTENT")
    xhtml = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [<!ENTITY e SYSTEM "file://{canary}">]>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><body><article>{ARTICLE}<p>Ref: &e;</p></article>'
        "</body></html>"
    )
    result = parse("page.xhtml", xhtml)
    if isinstance(result, Document):
        assert "ENTITY-CANARY" not in result.text and PARAGRAPHS[0] in result.text


@pytest.mark.timeout(30)
def test_declared_legacy_charset(parse: Parse) -> None:
    markup = page(body=ARTICLE + "<p>The café owner’s “naïve” remarks were quoted in Zürich.</p>")
    data = markup.replace("charset='utf-8'", "charset='windows-1252'").encode("cp1252")
    d = doc(parse("legacy.html", data))
    assert "The café owner’s “naïve” remarks were quoted in Zürich." in d.text
    assert d.warnings == ()  # declared by the page, decoded without error: nothing to warn about
