"""Fetch web pages and feeds for ingest, behind an SSRF guard (docs/sources.md).

dossier may run next to services that must not be reachable through it (a cloud metadata endpoint, an admin
page on localhost, the office network), and a page or feed names URLs that anyone can choose. So every URL,
and every redirect, is checked before a connection is made: only http and https; the host name is resolved
once, every address it resolves to must be public (not private, loopback, link-local, multicast, reserved or
a metadata address) unless the policy allows it, and the connection goes to that resolved address (pinned:
a second DNS answer cannot swap in another), with the original host in the Host header and TLS SNI. Bodies
are read in chunks up to the byte limit, under a connect/read timeout and a wall-clock deadline, so an
endless or trickling body ends in a rejection, not a hung run.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

import dossier
from dossier.exc import InputRejected
from dossier.ingest.limits import format_bytes, format_seconds

USER_AGENT = f"dossier/{dossier.__version__} (news ingest for analysts; one request per page)"
MAX_REDIRECTS = 5
# Cloud instance metadata: refused even with --allow-private (never a news source, always a credential store).
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200"))
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown", "application/pdf",
              "application/warc")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
              "application/feed+json")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What may be fetched, and how much. ``allow_private`` opens every non-public address except metadata;
    ``allowed_networks`` opens only those (tests allow 127.0.0.0/8 and nothing else)."""

    allow_private: bool = False
    allowed_networks: tuple[Network, ...] = ()
    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 20.0  # connect and per-read timeout, seconds
    deadline: float = 60.0  # wall clock for one URL, redirects and body included
    max_redirects: int = MAX_REDIRECTS
    user_agent: str = USER_AGENT
    resolver: Resolver = field(default=_system_resolver)

    def permits(self, ip: IPAddress) -> bool:
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if ip in METADATA_ADDRESSES:
            return False
        if ip.is_global and not ip.is_multicast:
            return True
        if self.allow_private:
            return not ip.is_multicast and not ip.is_unspecified
        return any(ip in net for net in self.allowed_networks)


@dataclass(frozen=True, slots=True)
class Validators:
    """What a previous fetch left for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # as requested
    final_url: str  # after redirects
    status: int  # 200, or 304 (not modified: body empty)
    media_type: str
    body: bytes
    etag: str | None
    last_modified: str | None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


def is_url(value: str) -> bool:
    """Whether a command-line argument names a URL (any scheme) rather than a path."""
    scheme, sep, _ = value.partition("://")
    return bool(sep) and scheme.isascii() and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum()


def check_url(url: str, policy: FetchPolicy) -> tuple[str, str, int, str]:
    """(scheme, host, port, pinned address) for ``url``, or :class:`InputRejected` saying why not."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise InputRejected(f"invalid URL ({err})") from err
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputRejected(f"only http and https URLs are fetched, not {scheme or 'a URL without scheme'}")
    if parts.username or parts.password:
        raise InputRejected("URLs with a user name or password are not fetched")
    host = parts.hostname
    if not host:
        raise InputRejected("URL has no host")
    port = port or (443 if scheme == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = policy.resolver(host, port)
        except (OSError, UnicodeError) as err:
            raise InputRejected(f"cannot resolve host {host}") from err
    if not addresses:
        raise InputRejected(f"cannot resolve host {host}")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not policy.permits(ip):
            what = "a metadata" if ip in METADATA_ADDRESSES else "a private or local"
            raise InputRejected(f"refused: {host} resolves to {what} address ({ip}); "
                                "use --allow-private to fetch from local networks")
    return scheme, host, port, addresses[0].split("%")[0]


def _media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def fetch(url: str, policy: FetchPolicy, accept: tuple[str, ...] = PAGE_TYPES,
          validators: Validators | None = None, client: httpx.Client | None = None) -> Fetched:
    """GET ``url`` under ``policy``, following (and re-checking) redirects; a conditional GET when
    ``validators`` has an ETag or Last-Modified. Every failure is :class:`InputRejected` with one line."""
    own = client is None
    http = client or httpx.Client(follow_redirects=False, trust_env=False, verify=True)
    started = time.monotonic()
    current = url
    try:
        for _ in range(policy.max_redirects + 1):
            scheme, host, port, address = check_url(current, policy)
            response = _get(http, current, scheme, host, port, address, policy, accept, validators, started)
            if isinstance(response, str):  # a redirect: check the target like the first URL
                current = response
                continue
            return Fetched(url, current, *response)
        raise InputRejected(f"too many redirects (more than {policy.max_redirects})")
    finally:
        if own:
            http.close()


def _get(http: httpx.Client, url: str, scheme: str, host: str, port: int, address: str, policy: FetchPolicy,
         accept: tuple[str, ...], validators: Validators | None, started: float
         ) -> str | tuple[int, str, bytes, str | None, str | None]:
    """One request to the pinned address: a redirect target (str) or (status, type, body, etag, modified)."""
    parts = urlsplit(url)
    ip_host = f"[{address}]" if ":" in address else address
    default_port = (scheme == "https" and port == 443) or (scheme == "http" and port == 80)
    pinned = urlunsplit((scheme, ip_host if default_port else f"{ip_host}:{port}", parts.path or "/",
                         parts.query, ""))
    headers = {"Host": host if default_port else f"{host}:{port}", "User-Agent": policy.user_agent,
               "Accept": ", ".join(accept) + ", */*;q=0.1", "Accept-Encoding": "identity"}
    if validators is not None and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators is not None and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    timeout = httpx.Timeout(policy.timeout)
    extensions = {"sni_hostname": host} if scheme == "https" else {}
    try:
        with http.stream("GET", pinned, headers=headers, timeout=timeout, extensions=extensions) as response:
            if response.status_code in (301, 302, 303, 307, 308):
                location = str(response.headers.get("location") or "")
                if not location:
                    raise InputRejected(f"HTTP {response.status_code} redirect without a Location")
                return urljoin(url, location.strip())
            if response.status_code == 304:
                return 304, "", b"", validators.etag if validators else None, \
                    validators.last_modified if validators else None
            if response.status_code != 200:
                raise InputRejected(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            media = _media_type(response.headers.get("content-type"))
            if media and media not in accept:
                raise InputRejected(f"unsupported content type {media}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                raise InputRejected(f"{format_bytes(int(declared))} exceeds --max-bytes "
                                    f"({format_bytes(policy.max_bytes)})")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_raw():
                size += len(chunk)
                if size > policy.max_bytes:
                    raise InputRejected(f"more than {format_bytes(policy.max_bytes)}: exceeds --max-bytes "
                                        f"({format_bytes(policy.max_bytes)})")
                if time.monotonic() - started > policy.deadline:
                    raise InputRejected(f"fetch took longer than {format_seconds(policy.deadline)}")
                chunks.append(chunk)
            return 200, media, b"".join(chunks), response.headers.get("etag"), response.headers.get("last-modified")
    except httpx.TimeoutException as err:
        raise InputRejected(f"timed out after {format_seconds(policy.timeout)} ({type(err).__name__})") from err
    except httpx.HTTPError as err:
        raise InputRejected(f"fetch failed: {type(err).__name__}: {' '.join(str(err).split())[:120]}") from err
