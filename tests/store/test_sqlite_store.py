"""The embedded store: transactions, idempotency, versions, schema checks, faults."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.exc import SchemaVersionError, StoreError
from dossier.extract.pipeline import extract
from dossier.model import Rejection
from dossier.store import SCHEMA_VERSION, open_store
from tests.conftest import make_document

REPORT = (
    "Talks in Doha stall\n\nDOHA, March 3, 2025 (Gulf Ledger) - Envoy Karim Nassar of the Sumud Front (SF) met "
    "Qatari officials in Doha on Monday. Nassar said the SF would return to the talks."
)


def test_document_and_children_are_written_together(store_path: Path) -> None:
    x = extract(make_document(REPORT, source="a.txt"))
    with open_store(store_path) as store:
        result = store.add_extraction(x)
        assert result.status == "added" and result.version == 1
        assert pipeline.resolve(store).new_entities == len(x.entities)
        counts = store.counts()
        assert counts["documents"] == 1
        assert counts["mentions"] == len(x.mentions) > 0
        assert store.integrity_problems() == []
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"


def test_same_content_twice_changes_nothing(store_path: Path) -> None:
    x = extract(make_document(REPORT, source="a.txt"))
    with open_store(store_path) as store:
        store.add_extraction(x)
        pipeline.resolve(store)
        before = store.counts()
        again = store.add_extraction(x)
        assert again.status == "exists"
        assert pipeline.resolve(store).new_entities == 0
        assert store.counts() == before


def test_changed_report_becomes_a_new_version(store_path: Path) -> None:
    v1 = extract(make_document(REPORT, source="a.txt"))
    v2 = extract(make_document(REPORT.replace("Monday", "Tuesday"), source="a.txt"))
    with open_store(store_path) as store:
        store.add_extraction(v1)
        result = store.add_extraction(v2)
        assert result.status == "new-version" and result.version == 2 and result.previous == v1.document.id
        assert store.counts()["documents"] == 1 and store.counts()["versions"] == 2
        current = store.documents()
        assert [d["id"] for d in current] == [v2.document.id]
        assert store.document_text(v1.document.id) == v1.document.text  # the old version is kept


def test_entities_resolve_across_documents_by_exact_name(store_path: Path) -> None:
    a = extract(make_document(REPORT, source="a.txt"))
    b = extract(make_document("Karim Nassar arrived in Amman on Friday for consultations.", source="b.txt"))
    with open_store(store_path) as store:
        store.add_extraction(a)
        store.add_extraction(b)
        pipeline.resolve(store)
        [nassar] = store.find_entities("Karim Nassar")
        assert nassar.n_documents == 2
        assert nassar.type == "person"


def test_rejections_are_recorded_and_cleared_by_a_later_success(store_path: Path) -> None:
    with open_store(store_path) as store:
        store.add_rejection(Rejection("a.txt", "empty document (no text)"))
        assert store.counts()["rejected"] == 1
        store.add_extraction(extract(make_document(REPORT, source="a.txt")))
        assert store.counts()["rejected"] == 0


def test_newer_schema_is_refused_and_file_untouched(store_path: Path) -> None:
    open_store(store_path).close()
    con = sqlite3.connect(store_path)
    con.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 6),))
    con.commit()
    con.close()
    digest = hashlib.sha256(store_path.read_bytes()).hexdigest()
    with pytest.raises(SchemaVersionError, match=rf"schema v{SCHEMA_VERSION + 6} is newer than this dossier"):
        open_store(store_path)
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == digest


def test_foreign_files_are_not_stores(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a dossier store"):
        open_store(garbage)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a dossier store"):
        open_store(other)


def test_missing_parent_and_readonly_missing_are_clear(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "store.db")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "absent.db", readonly=True)
    assert not (tmp_path / "absent.db").exists()


def test_hostile_names_are_bound_not_interpolated(store_path: Path) -> None:
    with open_store(store_path) as store:
        store.add_extraction(extract(make_document(REPORT, source="a.txt")))
        pipeline.resolve(store)
        for probe in ["x' OR '1'='1", 'x"; DROP TABLE documents; --', "%", "_", "x] UNION SELECT *"]:
            assert store.find_entities(probe) == []
        assert store.counts()["documents"] == 1
