"""Server state: per-thread read-only store connections and the index cached per store generation.

A *generation* is read with a few primary-key look-ups (the highest row ids of documents, entity links and
judgements, and the source ratings), so every request can check it for free. When another process ingests while
the server runs (WAL allows it), the next request sees a new generation: the first request ever builds the
index synchronously; later changes are rebuilt in the background while the previous index keeps answering, and the
server's own writes (upload, judgements) rebuild before they return, so the analyst sees the result at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dossier.serve.config import Settings
from dossier.serve.index import Index, build_index
from dossier.serve.patch import patch
from dossier.store import generation as gen
from dossier.store.sqlite import SQLiteStore


class State:
    def __init__(self, settings: Settings, builder: Callable[[SQLiteStore, tuple[Any, ...]], Index] = build_index):
        self.settings = settings
        self._builder = builder
        self._local = threading.local()
        self._index: Index | None = None
        self._lock = threading.Lock()  # one build at a time
        self._rebuilding = False
        self.write_lock = threading.Lock()  # one upload or judgement at a time
        self.patched = 0  # indexes patched after an upload rather than built in full (tests read it)
        self.refused = ""  # why the last upload's index could not be patched
        if not Path(settings.db).exists():
            SQLiteStore(settings.db).close()  # an empty store, so the UI can ingest into it

    def reader(self) -> SQLiteStore:
        """This thread's read-only connection (sqlite3 connections are not shared between threads)."""
        store: SQLiteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = SQLiteStore(self.settings.db, readonly=True)
            self._local.store = store
        return store

    def generation(self) -> tuple[Any, ...]:
        """The store generation, recomputed only when SQLite says another connection committed since this
        thread's connection last looked (``store.generation.data_version``; this server's readers never write)."""
        reader = self.reader()
        version = gen.data_version(reader)
        cached: tuple[int, tuple[Any, ...]] | None = getattr(self._local, "generation", None)
        if cached is not None and cached[0] == version:
            return cached[1]
        key = gen.generation(reader)
        self._local.generation = (version, key)
        return key

    def index(self) -> Index:
        key = self.generation()
        current = self._index
        if current is not None and current.key == key:
            return current
        if current is None:
            return self._build(key)
        if self.write_lock.locked():
            return current  # this server is writing: its own refresh follows (patched, not rebuilt)
        with self._lock:
            if not self._rebuilding:
                self._rebuilding = True
                threading.Thread(target=self._background, args=(key,), daemon=True).start()
        return current

    def refresh(self, added: str | None = None) -> Index:
        """Rebuild now if the store changed (after this server's own writes). After an upload (``added``: the
        new report) the index is patched where only that report changed it (``patch.py``), not rebuilt."""
        key = self.generation()
        current = self._index
        if current is not None and current.key == key:
            return current
        if added is not None and current is not None:
            with self._lock:
                if self._index is current:
                    store = SQLiteStore(self.settings.db, readonly=True)
                    try:
                        patched = patch(current, store, key, added)
                    finally:
                        store.close()
                    if isinstance(patched, Index):
                        self.patched += 1
                        self._index = patched
                        return patched
                    self.refused = patched
        return self._build(key)

    def _build(self, key: tuple[Any, ...]) -> Index:
        with self._lock:
            current = self._index
            if current is not None and current.key == key:
                return current
            store = SQLiteStore(self.settings.db, readonly=True)
            try:
                built = self._builder(store, key)
            finally:
                store.close()
            self._index = built
            return built

    def _background(self, key: tuple[Any, ...]) -> None:
        try:
            self._build(key)
        finally:
            self._rebuilding = False

    def upload_ready(self) -> bool:
        """Whether an upload would start at once: writable, and the writer worker's pipeline loaded."""
        from dossier.serve import writer

        return bool(self.settings.token) and writer.shared().ready()

    def warm_writer(self) -> None:
        """Start the parse and writer workers (``writer.py``), so that the first upload need not wait for them."""
        from dossier.ingest.limits import Limits
        from dossier.ingest.sources import InputRef
        from dossier.serve import writer

        writer.shared().start()
        if Path(self.settings.db).exists():
            writer.shared().prepare(self.settings.db)
        writer.parse(Limits(max_bytes=self.settings.max_upload), InputRef(source="warm-up", data=b"Warm-up."))

    def writer(self) -> SQLiteStore:
        return SQLiteStore(self.settings.db)
