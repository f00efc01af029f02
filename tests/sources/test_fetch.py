"""The SSRF guard and fetch limits, against a server on 127.0.0.1 (no test reaches beyond loopback)."""

from __future__ import annotations

import ipaddress
import time

import pytest

from dossier.exc import InputRejected
from dossier.ingest.fetch import USER_AGENT, FetchPolicy, Validators, check_url, fetch, is_url
from tests.sources.server import ARTICLE, Site

LOOPBACK_ONLY = FetchPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),), timeout=1.0, deadline=3.0,
                            max_bytes=1024 * 1024)


def _refused(url: str, policy: FetchPolicy) -> str:
    with pytest.raises(InputRejected) as caught:
        fetch(url, policy)
    return caught.value.reason


def test_guard_refuses_loopback_by_default_without_connecting(site: Site) -> None:
    site.routes["/a"] = (200, {"Content-Type": "text/html"}, ARTICLE.encode())
    for url in (f"{site.base}/a", f"http://localhost:{site.port}/a", f"http://[::1]:{site.port}/a",
                f"http://[::ffff:127.0.0.1]:{site.port}/a"):
        reason = _refused(url, FetchPolicy())
        assert reason.startswith("refused: ") and "--allow-private" in reason
    assert site.hits == []  # no connection was made


@pytest.mark.parametrize(("url", "why"), [
    ("ftp://example.org/x", "only http and https URLs are fetched, not ftp"),
    ("file:///etc/passwd", "only http and https URLs are fetched, not file"),
    ("http://user:pw@127.0.0.1/", "URLs with a user name or password are not fetched"),
    ("http://10.0.0.8/", "refused: 10.0.0.8 resolves to a private or local address (10.0.0.8)"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 resolves to a metadata address"),
    ("http://192.168.1.1/", "refused: 192.168.1.1 resolves to a private or local address"),
    ("http://[fe80::1]/", "refused: fe80::1 resolves to a private or local address"),
])
def test_guard_refusals_before_any_connection(url: str, why: str) -> None:
    with pytest.raises(InputRejected) as caught:
        check_url(url, FetchPolicy())
    assert caught.value.reason.startswith(why)


def test_metadata_refused_even_when_private_allowed() -> None:
    with pytest.raises(InputRejected, match="metadata"):
        check_url("http://169.254.169.254/", FetchPolicy(allow_private=True))
    assert check_url("http://10.0.0.8/", FetchPolicy(allow_private=True))[3] == "10.0.0.8"


def test_dns_resolved_once_and_pinned(site: Site) -> None:
    site.routes["/a"] = (200, {"Content-Type": "text/html"}, ARTICLE.encode())
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    policy = FetchPolicy(allowed_networks=LOOPBACK_ONLY.allowed_networks, resolver=resolver, timeout=1.0)
    got = fetch(f"http://news.test:{site.port}/a", policy)
    assert got.status == 200 and got.body == ARTICLE.encode() and got.media_type == "text/html"
    assert calls == ["news.test"]
    (path, headers), = site.hits
    assert headers["host"] == f"news.test:{site.port}"  # connected to the pinned address, named the host
    assert headers["user-agent"] == USER_AGENT
    # A resolver that answers with one public and one private address is refused as a whole.
    mixed = FetchPolicy(resolver=lambda h, p: ["93.184.216.34", "10.0.0.1"])
    with pytest.raises(InputRejected, match="10.0.0.1"):
        check_url("http://news.test/", mixed)


def test_redirects_rechecked(site: Site) -> None:
    site.routes["/a"] = (200, {"Content-Type": "text/html"}, ARTICLE.encode())
    site.routes["/to-local"] = (302, {"Location": f"http://127.0.0.1:{site.port}/a"}, b"")
    site.routes["/to-private"] = (301, {"Location": "http://10.20.30.40/internal"}, b"")
    site.routes["/to-metadata"] = (307, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
    site.routes["/relative"] = (302, {"Location": "/a"}, b"")
    site.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    got = fetch(f"{site.base}/to-local", LOOPBACK_ONLY)
    assert got.final_url == f"http://127.0.0.1:{site.port}/a" and got.body == ARTICLE.encode()
    assert fetch(f"{site.base}/relative", LOOPBACK_ONLY).final_url.endswith("/a")
    assert "10.20.30.40" in _refused(f"{site.base}/to-private", LOOPBACK_ONLY)
    assert "metadata" in _refused(f"{site.base}/to-metadata", LOOPBACK_ONLY)
    assert _refused(f"{site.base}/loop", LOOPBACK_ONLY) == "too many redirects (more than 5)"
    # A redirect from a loopback page to loopback is refused by default too (the first hop already is).
    assert _refused(f"{site.base}/to-local", FetchPolicy()).startswith("refused")


def test_limits_and_content_types(site: Site) -> None:
    site.routes["/image"] = (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n")
    site.routes["/big"] = (200, {"Content-Type": "text/html"}, b"<p>" + b"y" * (2 * 1024 * 1024))
    site.routes["/gone"] = (410, {"Content-Type": "text/html"}, b"gone")
    assert _refused(f"{site.base}/image", LOOPBACK_ONLY) == "unsupported content type image/png"
    assert _refused(f"{site.base}/slow", LOOPBACK_ONLY).startswith("timed out after 1 s")
    assert "exceeds --max-bytes (1 MiB)" in _refused(f"{site.base}/endless", LOOPBACK_ONLY)
    assert "exceeds --max-bytes (1 MiB)" in _refused(f"{site.base}/big", LOOPBACK_ONLY)
    assert _refused(f"{site.base}/gone", LOOPBACK_ONLY) == "HTTP 410 Gone"


def test_conditional_get(site: Site) -> None:
    site.routes["/a"] = (200, {"Content-Type": "text/html", "ETag": '"v1"'}, ARTICLE.encode())
    first = fetch(f"{site.base}/a", LOOPBACK_ONLY)
    assert first.etag == '"v1"'
    again = fetch(f"{site.base}/a", LOOPBACK_ONLY, validators=Validators(etag=first.etag))
    assert again.status == 304 and again.body == b""
    assert site.hits[-1][1]["if-none-match"] == '"v1"'


def test_is_url() -> None:
    assert is_url("https://x.org/a") and is_url("ftp://x") and not is_url("reports/a.txt")
    assert not is_url("C:\\reports") and not is_url("-")


def test_feed_parsed_in_a_worker_with_limits() -> None:
    from dossier.ingest.limits import Limits
    from dossier.ingest.remote import parse_feed_isolated

    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>A</title>'
            b"<link>https://news.example/a</link></item></channel></rss>")
    (entry,) = parse_feed_isolated(feed, "w.rss", Limits())
    assert entry.link == "https://news.example/a" and entry.feed_title == "W"
    laughs = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + b"x" * 1000 + b'">'
              + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 20) for i in range(8))
              + b']><rss version="2.0"><channel><title>&i;</title></channel></rss>')
    # Entity expansion (8 levels, 20 each) is refused by expat or stopped by the worker's limits: never a hang.
    started = time.monotonic()
    try:
        assert parse_feed_isolated(laughs, "laughs.rss", Limits(parse_timeout=5, worker_memory=512 << 20)) == []
    except InputRejected:
        pass
    assert time.monotonic() - started < 30
