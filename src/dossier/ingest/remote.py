"""URLs and feeds as ingest inputs: fetched here (network I/O), parsed in the workers like files.

:class:`RemoteInputs` yields, per URL, an :class:`InputRef` holding the fetched bytes, a :class:`Rejection`, or
:class:`Unchanged` when the server says (304) or the bytes show (same hash) that nothing changed since the last
run. The conditional-GET validators are written to the store's ``fetch_cache`` only by :meth:`remember`, which
the caller runs once the document is committed, so a crash between fetch and commit never hides a page from
the next run.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urljoin

from dossier.exc import InputRejected
from dossier.ingest.feeds import FeedEntry, parse_feed
from dossier.ingest.fetch import FEED_TYPES, PAGE_TYPES, Fetched, FetchPolicy, Validators, fetch, is_url
from dossier.ingest.limits import Limits, too_large_reason
from dossier.ingest.sources import InputRef, os_reason
from dossier.model.records import Document, Fetch, Rejection


@dataclass(frozen=True, slots=True)
class Unchanged:
    source: str
    why: str  # "not modified" (HTTP 304) or "same content"


class FetchCache(Protocol):
    """Where the validators of earlier fetches are kept (the store's ``fetch_cache``: ``store.fetch_cache.
    StoreFetchCache``); passed in, so that ingest never imports the store."""

    def validators(self, url: str) -> tuple[str | None, str | None, str | None] | None: ...
    def remember(self, fetch: Fetch) -> None: ...


def cached_validators(cache: FetchCache, url: str) -> Validators | None:
    found = cache.validators(url)
    return Validators(*found) if found else None


class RemoteInputs:
    """Fetch ``urls`` and the entries of ``feeds`` (URLs or files) in order; see the module docstring."""

    def __init__(self, cache: FetchCache, urls: Sequence[str], feeds: Sequence[str], policy: FetchPolicy,
                 limits: Limits) -> None:
        self.cache = cache
        self.urls = list(urls)
        self.feeds = list(feeds)
        self.policy = policy
        self.limits = limits
        self._fetched: dict[str, Fetched] = {}
        self._entries: dict[str, FeedEntry] = {}

    def __iter__(self) -> Iterator[InputRef | Rejection | Unchanged]:
        for url in self.urls:
            yield self._page(url)
        for feed in self.feeds:
            try:
                entries = self._feed_entries(feed)
            except InputRejected as err:
                yield Rejection(feed, err.reason)
                continue
            for entry in entries:
                self._entries[entry.link] = entry
                yield self._page(entry.link)

    def _feed_entries(self, feed: str) -> list[FeedEntry]:
        if is_url(feed):
            got = fetch(feed, self.policy, accept=FEED_TYPES + ("text/plain", "text/html"))
            entries = parse_feed_isolated(got.body, feed, self.limits)
            return [replace(e, link=urljoin(got.final_url, e.link)) for e in entries]
        data = _read_file(feed, self.limits)
        entries = parse_feed_isolated(data, feed, self.limits)
        return [e for e in entries if is_url(e.link)]

    def _page(self, url: str) -> InputRef | Rejection | Unchanged:
        validators = cached_validators(self.cache, url)
        try:
            got = fetch(url, self.policy, accept=PAGE_TYPES, validators=validators)
        except InputRejected as err:
            return Rejection(url, err.reason)
        if got.status == 304:
            return Unchanged(url, "not modified")
        if validators is not None and validators.content_hash == got.content_hash:
            self._fetched[url] = got
            self.remember(url, None)
            return Unchanged(url, "same content")
        self._fetched[url] = got
        return InputRef(source=url, data=got.body, media_type=got.media_type or None)

    def complete(self, doc: Document) -> Document:
        """The fetched document with its URL, and what its feed entry said where the page said nothing."""
        got = self._fetched.get(doc.source)
        if got is None:
            return doc
        doc = replace(doc, url=got.final_url)
        entry = self._entries.get(doc.source)
        if entry is not None:
            doc = replace(doc, title=doc.title or entry.title, publisher=doc.publisher or entry.feed_title,
                          author=doc.author or entry.author,
                          published=doc.published if doc.published and not doc.published_inferred
                          else entry.published or doc.published,
                          published_inferred=doc.published_inferred if not entry.published else False)
        return doc

    def remember(self, url: str, document: str | None) -> None:
        """Record the validators of ``url``'s fetch (after its document is committed, or found present; for a
        web archive fetched by URL, after the first of its pages)."""
        got = self._fetched.pop(url, None)
        if got is None:
            return
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.cache.remember(Fetch(url, got.final_url, got.etag, got.last_modified, got.status, got.content_hash,
                                  document, now))


def parse_feed_isolated(data: bytes, where: str, limits: Limits) -> list[FeedEntry]:
    """:func:`parse_feed` in a killable worker under the parse time and memory limits, as documents are parsed:
    a hostile feed (an entity expansion, a pathological document) costs a worker, not the run."""
    import multiprocessing
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired, ProcessPool

    from dossier.ingest.limits import timeout_reason
    from dossier.ingest.pool import _init_worker

    pool = ProcessPool(max_workers=1, initializer=_init_worker, initargs=(limits.worker_memory,),
                       context=multiprocessing.get_context("forkserver"))
    try:
        future = pool.schedule(parse_feed, args=(data, where), timeout=limits.parse_timeout)
        try:
            entries: list[FeedEntry] = future.result()
        except InputRejected:
            raise
        except FutureTimeout as err:
            raise InputRejected(timeout_reason(limits)) from err
        except ProcessExpired as err:
            raise InputRejected(f"feed parser crashed (exit code {err.exitcode})") from err
        except MemoryError as err:
            raise InputRejected("feed too large to parse within the memory limit") from err
        return entries
    finally:
        pool.stop()  # type: ignore[no-untyped-call]
        pool.join()


def _read_file(path: str, limits: Limits) -> bytes:
    """A feed file's bytes under ``--max-bytes`` (never a FIFO or device)."""
    try:
        st = os.stat(path)
    except OSError as err:
        raise InputRejected(os_reason(err, path)) from err
    if not stat.S_ISREG(st.st_mode):
        raise InputRejected("not a regular file")
    if st.st_size > limits.max_bytes:
        raise InputRejected(too_large_reason(st.st_size, limits))
    with open(path, "rb") as f:
        return f.read(limits.max_bytes + 1)
