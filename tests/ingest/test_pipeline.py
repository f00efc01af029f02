"""dossier.pipeline: a batch goes on past bad documents, the store is never half-written, one refresh per upload."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from dossier import pipeline
from dossier.extract.pipeline import extract
from dossier.ingest.limits import Limits
from dossier.model import Rejection
from dossier.store import open_store
from tests.conftest import make_document

A = ("Talks in Doha stall\n\nDOHA, March 3, 2025 (Gulf Ledger) - Envoy Karim Nassar of the Sumud Front (SF) met "
     "Qatari officials in Doha on Monday. Nassar said the SF would return to the talks.")
B = ("Arrest in Lahore\n\nLAHORE, March 4, 2025 (Frontier Wire) - Police arrested Imran Qureshi, a financier of the "
     "Sumud Front, in Lahore on Tuesday, officials said.")
C = "Envoy meets minister\n\nKarim Nassar met Foreign Minister Sara Haddad in Amman on Wednesday, the ministry said."


def test_a_batch_goes_on_past_bad_documents_and_never_half_writes(store_path: Path) -> None:
    a, b, c = (extract(make_document(t, source=s)) for t, s in ((A, "a.txt"), (B, "b.txt"), (C, "c.txt")))
    broken = dataclasses.replace(c, mentions=(*c.mentions, c.mentions[0]))  # a duplicate id: the store refuses it
    batch = [a, Rejection("bad.txt", "empty document (no text)"), broken, b]
    outcomes: list[pipeline.Outcome] = []
    with open_store(store_path) as store:
        tally = pipeline.commit_batch(store, batch, on_outcome=outcomes.append)
        assert [o.source for o in outcomes] == ["a.txt", "bad.txt", "c.txt", "b.txt"]  # one per input, in order
        refused = outcomes[2].result
        assert isinstance(refused, Rejection) and refused.source == "c.txt" and "could not store" in refused.reason
        assert (tally.added, tally.rejected, tally.existing, tally.versions) == (2, 2, 0, 0)
        assert store.counts()["documents"] == 2 and not store.has_document(c.document.id)
        assert store.query("SELECT count(*) FROM mentions WHERE document = ?", (c.document.id,))[0][0] == 0
        assert store.integrity_problems() == []
        # resolved and refreshed once the batch is in: every local entity linked, every document signed
        unlinked = store.query("SELECT count(*) FROM local_entities le WHERE NOT EXISTS "
                               "(SELECT 1 FROM entity_links l WHERE l.local_entity = le.id)")[0][0]
        assert unlinked == 0 and store.query("SELECT count(*) FROM document_signatures")[0][0] == 2
        again = pipeline.commit_batch(store, [a, b])
        assert (again.existing, again.changed) == (2, 0)


def test_a_web_upload_resolves_and_refreshes_once(store_path: Path) -> None:
    from dossier.serve import writer
    from dossier.serve.ingest import ingest_report

    with open_store(store_path):
        pass  # the store exists before the server's writer worker opens it, as under `dossier serve`
    try:
        done = ingest_report(str(store_path), A.encode(), "doha.txt", Limits())
        assert done.status == "added" and done.source == "upload/doha.txt" and done.entities
        # one incremental refresh in the writer worker: the new document signed, its partition reclustered
        assert done.refresh["signatures"] == 1 and done.refresh["reclustered"] >= 1
        assert [step for step in done.seconds] == ["parse", "extract", "commit", "resolve", "refresh"]
        again = ingest_report(str(store_path), A.encode(), "doha.txt", Limits())
        assert again.status == "exists" and again.refresh == {}  # nothing new: nothing to resolve or refresh
    finally:
        writer.close_all()
    with open_store(store_path) as store:
        unlinked = store.query("SELECT count(*) FROM local_entities le WHERE NOT EXISTS "
                               "(SELECT 1 FROM entity_links l WHERE l.local_entity = le.id)")[0][0]
        assert store.counts()["documents"] == 1 and unlinked == 0
