"""Keep the derived analysis tables up to date: document signatures, cross-document event clusters, claim groups.

Called at the end of every ingest batch and after every resolution change (``resolve``, ``merge``, ``split``),
in one transaction, so a reader sees either the old state or the new one. Only what changed is recomputed
(new documents' signatures; event partitions whose members or entity keys changed; claim partitions whose
members changed).
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.analyze import claim_groups, event_groups, origins
from dossier.store.analysis import writing
from dossier.store.sqlite import SQLiteStore


@dataclass(frozen=True, slots=True)
class RefreshStats:
    signatures: int  # documents newly signed
    partitions: int
    reclustered: int
    events: int
    event_clusters: int
    claim_partitions: int = 0
    claims_regrouped: int = 0  # claim partitions whose groups were recomputed


def keep_computed(on: bool = True) -> None:
    """In a process that refreshes one store again and again (the web server's writer worker), keep the event
    records, views and blocks and the claims' shingles between refreshes (``event_groups.keep_records``,
    ``claim_groups.keep_words``): each kept value is used only for input equal to what it was computed from."""
    event_groups.keep_records(on)
    claim_groups.keep_words(on)


def refresh(store: SQLiteStore, *, full: bool = False) -> RefreshStats:
    """Update (``full``: rebuild) ``document_signatures``, ``event_clusters`` and ``claim_groups``."""
    with writing(store) as w:
        if full:
            w.clear_signatures()
        missing = w.unsigned_documents()
        w.add_signatures([(d, origins.signature(text)) for d, text in missing])
        ev = event_groups.update(w, full=full)
        cl = claim_groups.update(w, full=full)
    return RefreshStats(len(missing), ev.partitions, ev.reclustered, ev.events, ev.clusters, cl.partitions,
                        cl.regrouped)
