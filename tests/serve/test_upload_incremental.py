"""An upload to a large store must stay incremental (issue 13): the writer worker refreshes only what the report
changes, and the server patches its index instead of rebuilding it; both must give what a full rebuild gives."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from dossier.serve import writer
from dossier.serve.config import Settings
from dossier.serve.index import Index, build_index
from dossier.serve.patch import patch
from dossier.store import generation as gen
from dossier.store.sqlite import SQLiteStore
from tests.serve.conftest import TOKEN, auth, client_for, copy_store

pytestmark = pytest.mark.model

# new people and an organisation, plus a person and a place the example corpus already names, so the patch has
# to rebuild existing entities' facts as well as add new ones
REPORT = ("Zubair Khanzada met Rashid Tanoli in Gilgit on April 2, 2025, police said. Khanzada, a senior official "
          "of the Gilgit Traders Association, later visited Kabul, the spokesman said.\n")


def _export(db: Path, out: Path) -> dict[str, object]:
    subprocess.run([sys.executable, "-m", "dossier", "--db", str(db), "export", "--format", "json", "--out",
                    str(out)], check=True, capture_output=True)
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    data.pop("exported_at", None)
    data.pop("generated", None)
    return data


def _index_fields(index: Index) -> dict[str, object]:
    return {f.name: getattr(index, f.name) for f in fields(index) if f.compare and f.name != "key"}


def test_upload_refresh_equals_a_full_refresh(corpus_db: Path, tmp_path: Path) -> None:
    """The upload path's refresh is incremental (few partitions redone) and the analysis it leaves equals
    ``analyze --full`` on the same store (compared through the JSON export)."""
    db = copy_store(corpus_db, tmp_path / "up.db")
    with client_for(Settings(db=str(db), token=TOKEN)) as client:
        client.get("/api/health")
        r = client.post("/api/documents", params={"name": "new.txt"}, content=REPORT.encode(), headers=auth())
        assert r.status_code == 201, r.text
        plan = r.json()["refresh"]
    # the refresh plan: incremental, and only the blocks/partitions the report touches were recomputed
    assert plan["signatures"] == 1
    assert 0 < plan["reclustered"] < plan["partitions"]
    assert plan["claims_regrouped"] <= 2  # the report's own speakers' partitions at most
    incremental = _export(db, tmp_path / "incremental.json")
    subprocess.run([sys.executable, "-m", "dossier", "--db", str(db), "analyze", "--full"], check=True,
                   capture_output=True)
    assert _export(db, tmp_path / "full.json") == incremental


def test_upload_patches_the_index_as_a_full_build_would(corpus_db: Path, tmp_path: Path) -> None:
    """After an upload the server patches its index (no full build), and the patched index equals a full
    build of the same store, field by field."""
    db = copy_store(corpus_db, tmp_path / "patch.db")
    settings = Settings(db=str(db), token=TOKEN)
    with client_for(settings) as client:
        client.get("/api/health")
        state = client.app.state.dossier  # type: ignore[attr-defined]
        builds = _count_builds(state)
        r = client.post("/api/documents", params={"name": "new.txt"}, content=REPORT.encode(), headers=auth())
        assert r.status_code == 201, r.text
        assert state.patched == 1 and builds() == 0, state.refused  # patched, never rebuilt
        assert r.json()["index"] == "patched"
        names = {e["name"] for e in r.json()["entities"]}
        assert {"Zubair Khanzada", "Rashid Tanoli"} <= names
        for e in r.json()["entities"]:
            assert client.get(f"/api/entities/{e['id']}").status_code == 200
        patched = state.index()
    store = SQLiteStore(str(db), readonly=True)
    try:
        full = build_index(store, gen.generation(store))
    finally:
        store.close()
    assert patched.key == full.key
    mine, theirs = _index_fields(patched), _index_fields(full)
    for name in mine:
        assert mine[name] == theirs[name], name
        if name in ("relations", "events", "claims", "entities", "documents"):  # their order is the API's
            assert list(mine[name]) == list(theirs[name]), name  # type: ignore[call-overload]


def test_patch_refuses_what_it_cannot_patch(corpus_db: Path, tmp_path: Path) -> None:
    """A generation that differs by more than one added report (here: nothing added) is built in full."""
    db = copy_store(corpus_db, tmp_path / "refuse.db")
    store = SQLiteStore(str(db), readonly=True)
    try:
        index = build_index(store, gen.generation(store))
        some = next(iter(index.documents))
        assert patch(index, store, gen.generation(store), some) == "the report was indexed already"
    finally:
        store.close()


def _count_builds(state: object) -> object:
    """A counter of full index builds on ``state`` from now on."""
    calls = []
    original = state._builder  # type: ignore[attr-defined]

    def counting(*args: object) -> object:
        calls.append(1)
        return original(*args)

    state._builder = counting  # type: ignore[attr-defined]
    return lambda: len(calls)


def test_writer_worker_extracts_out_of_process() -> None:
    """The writer is a separate process (spaCy never loads in the server for an upload)."""
    pool = writer.shared().start()
    assert pool.active

