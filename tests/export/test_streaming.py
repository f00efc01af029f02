"""The writers stream: the memory they allocate while writing does not grow with the number of items.

A generated selection (items made on demand, none kept) of n and 4n items goes through every writer under
tracemalloc; the peak must stay about the same. The whole-store figures (1k vs 10k reports, including the
selection itself) are in bench/export_stream.py and docs/formats/README.md.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.export import gexf, graphml, neo4j, tables
from dossier.model.facts import (
    ClaimFact,
    ClaimSupport,
    EntityRef,
    EventFact,
    EventSupport,
    Evidence,
    RelationFact,
    RelationSupport,
    Role,
)


class Generated:
    """A selection of ``n`` relations, events, claims, entities, mentions and documents, built on the fly."""

    def __init__(self, n: int) -> None:
        self.n = n

    def _support(self, i: int) -> dict[str, Any]:
        return {"record": f"r{i}", "document": f"doc_{i % 50:04d}", "source": "s.txt", "title": None,
                "publisher": "P", "published": "2025-01-01", "origin": "o", "modality": "asserted",
                "attribution": "reporter",
                "evidence": (Evidence(f"doc_{i % 50:04d}", 0, 40,
                                      f"Evidence sentence number {i} of the generated set."),)}

    def _grading(self, i: int) -> dict[str, Any]:
        return {"modality": "asserted", "documents": 1, "independent_sources": 1, "grade": "F3", "confidence": 50,
                "grade_reason": "generated", "first_seen": "2025-01-01", "last_seen": "2025-02-01"}

    def documents(self) -> Iterator[dict[str, Any]]:
        for i in range(50):
            yield {"id": f"doc_{i:04d}", "source": "s.txt", "title": "T", "published": "2025-01-01",
                   "published_inferred": False, "publisher": "P", "dateline_place": None, "media_type": "text/plain",
                   "version": 1, "previous_version": None}

    def entities(self) -> Iterator[dict[str, Any]]:
        for i in range(self.n):
            yield {"id": f"ent_{i:08d}", "type": "person", "name": f"Person {i}", "aliases": [f"P{i}"],
                   "attributes": {}, "n_documents": 1}

    def mentions(self) -> Iterator[dict[str, Any]]:
        for i in range(self.n):
            yield {"entity": f"ent_{i:08d}", "document": f"doc_{i % 50:04d}", "start": 0, "end": 8,
                   "text": f"Person {i}", "sentence_start": 0, "sentence_end": 40}

    def _ref(self, i: int) -> EntityRef:
        return EntityRef(f"ent_{i % self.n:08d}", f"Person {i % self.n}", "person")

    def relations(self) -> Iterator[RelationFact]:
        for i in range(self.n):
            yield RelationFact(id=f"rel_{i:08d}", subject=self._ref(i), predicate="membership", object=self._ref(i + 1),
                               roles=("member",), supports=(RelationSupport(**self._support(i), role="member"),),
                               **self._grading(i))

    def events(self) -> Iterator[EventFact]:
        for i in range(self.n):
            support = EventSupport(**self._support(i), type="meeting", label="meeting", date="2025-01-01",
                                   date_granularity="day", place=self._ref(i + 2),
                                   participants=(Role(self._ref(i), "speaker"),), trigger="meeting")
            yield EventFact(id=f"evt_{i:08d}", type="meeting", label="meeting", date="2025-01-01",
                            date_granularity="day", place=self._ref(i + 2),
                            participants=(Role(self._ref(i), "speaker"),), supports=(support,), **self._grading(i))

    def claims(self) -> Iterator[ClaimFact]:
        for i in range(self.n):
            support = ClaimSupport(**self._support(i), cue="said", proposition=f"proposition {i}")
            yield ClaimFact(id=f"clm_{i:08d}", source="officials", source_entity=self._ref(i),
                            proposition=f"proposition {i}", cue="said", supports=(support,), **self._grading(i))


def _to_file(write: Callable[[Any, Any], Any]) -> Callable[[Any, Path], Any]:
    def run(sel: Any, out: Path) -> Any:
        with open(out, "w", encoding="utf-8") as f:
            return write(sel, f)
    return run


WRITERS: dict[str, Callable[[Any, Path], Any]] = {
    "graphml": _to_file(graphml.write), "gexf": _to_file(gexf.write), "csv": tables.write_csv,
    "parquet": tables.write_parquet, "neo4j": neo4j.write,
}


def _peak(fmt: str, n: int, out: Path) -> int:
    tracemalloc.start()
    try:
        WRITERS[fmt](Generated(n), out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_writer_memory_does_not_grow_with_the_export(tmp_path: Path, fmt: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "BATCH", 200)  # Parquet holds one row group: compare sizes past it
    small = _peak(fmt, 200, tmp_path / "small")
    large = _peak(fmt, 1000, tmp_path / "large")
    # holding the items would take 5x; the slack covers allocator and pyarrow noise
    assert large < 1.5 * small + 128 * 1024, (fmt, small, large)
