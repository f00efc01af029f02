"""A local HTTP server on 127.0.0.1 for fetch tests: pages, feeds, PDFs, WARCs, redirects and hostile endpoints.

Nothing here ever connects anywhere: redirects to private or metadata addresses are only *offered* to the
client, whose guard must refuse them before any connection is made.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = ("<html><head><title>Attack near Kunduz</title></head><body><article><h1>Attack near Kunduz</h1>"
           "<p>KUNDUZ, Afghanistan, June 2, 2021 - Gunmen attacked a checkpoint near Kunduz on Tuesday, "
           "officials said, killing three policemen.</p><p>The provincial police chief, Ahmad Zia, said the "
           "attackers fled toward Imam Sahib district.</p></article></body></html>")
SECOND = ARTICLE.replace("Kunduz", "Herat").replace("three", "five").replace("Imam Sahib", "Shindand")


class Site:
    """Routes -> (status, headers, body); ``hits`` records every request (path, headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.hits.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                if self.path == "/slow":
                    time.sleep(3)
                if self.path == "/endless":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    try:
                        while True:
                            self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
                    except OSError:
                        return
                status, headers, body = site.routes.get(self.path, (404, {}, b"not found"))
                etag = headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

        return Handler

    def paths_hit(self) -> list[str]:
        return [p for p, _ in self.hits]


def serve() -> Iterator[Site]:
    site = Site()
    site.thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


def rss(base: str, links: list[tuple[str, str]]) -> bytes:
    items = "".join(f"<item><title>{title}</title><link>{base}{path}</link>"
                    f"<pubDate>Wed, 02 Jun 2021 10:00:00 GMT</pubDate><author>desk@example.org</author></item>"
                    for path, title in links)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
            f"<link>{base}/</link><description>news</description>{items}</channel></rss>").encode()
