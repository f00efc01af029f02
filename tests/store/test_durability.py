"""Crash and fault tests against the real store file and the real `dossier ingest`, in child processes
(shared/RELIABILITY.md §4): kill -9 mid-batch, two writers, a file-size limit standing in for a full disk."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.store import open_store
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

ROUNDS = int(os.environ.get("DOSSIER_KILL_ROUNDS", "6"))
# CI kills once the batch is under way; `make soak` (500 rounds) from 50 ms on, so that kills also land in
# start-up, schema creation and the first transaction.
EARLIEST = float(os.environ.get("DOSSIER_KILL_EARLIEST", "1.5"))
DOSSIER = [sys.executable, "-m", "dossier"]


def _corpus(tmp_path: Path, copies: int = 4) -> Path:
    """The example reports, each in a few distinct variants (distinct content → distinct documents)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for report in sorted(EXAMPLES.iterdir()):
        if report.suffix != ".txt":
            continue
        text = report.read_text(encoding="utf-8")
        for k in range(copies):
            (folder / f"{report.stem}-{k}.txt").write_text(f"{text}\n\nUpdate {k}.\n", encoding="utf-8")
    return folder


def _acked(stderr: str) -> set[str]:
    return {line.split("(")[-1].split(",")[0] for line in stderr.splitlines() if line.startswith("dossier: committed")}


def _check(db: Path) -> int:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with open_store(db) as store:
        assert store.integrity_problems() == []
        return store.counts()["versions"]


@pytest.mark.timeout(600 + 20 * ROUNDS)
def test_kill_9_during_ingest_loses_nothing_acknowledged(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    db = tmp_path / "store.db"
    rng = random.Random(20250205)
    for _ in range(ROUNDS):
        proc = subprocess.Popen([*DOSSIER, "--db", str(db), "ingest", "-v", str(corpus)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(EARLIEST, 6.0))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
        if not db.exists():
            continue
        _check(db)
        with open_store(db) as store:
            present = {r["id"] for r in store.query("SELECT id FROM documents")}
        assert _acked(err) <= present
    # finishing the run gives exactly the state of one clean run
    done = subprocess.run([*DOSSIER, "--db", str(db), "ingest", str(corpus)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    clean_db = tmp_path / "clean.db"
    clean = subprocess.run([*DOSSIER, "--db", str(clean_db), "ingest", str(corpus)], capture_output=True,
                           text=True, timeout=300)
    assert clean.returncode == 0
    exports = [subprocess.run([*DOSSIER, "--db", str(p), "export"], capture_output=True, timeout=120).stdout
               for p in (db, clean_db)]
    assert exports[0] == exports[1]


@pytest.mark.timeout(300)
def test_two_writers_on_one_store(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, copies=1)
    db = tmp_path / "store.db"
    procs = [subprocess.Popen([*DOSSIER, "--db", str(db), "ingest", str(corpus)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=240), p.stderr.read() if p.stderr else "") for p in procs]
    for code, err in results:
        assert code == 0 or "store busy" in err, err
        assert "Traceback" not in err
    n = _check(db)
    assert n == len(list(corpus.iterdir()))  # every report once: the content id is unique


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (600_000, 600_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


@pytest.mark.timeout(300)
def test_full_disk_stops_cleanly_and_keeps_earlier_commits(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, copies=6)
    db = tmp_path / "store.db"
    proc = subprocess.run([*DOSSIER, "--db", str(db), "ingest", "-v", str(corpus)], capture_output=True,
                          text=True, timeout=240, preexec_fn=_limit_file_size)
    assert proc.returncode != 0
    assert "cannot write to store: disk full or file-size limit" in proc.stderr
    assert "Traceback" not in proc.stderr
    committed = _acked(proc.stderr)
    _check(db)
    with open_store(db) as store:
        present = {r["id"] for r in store.query("SELECT id FROM documents")}
    assert committed <= present
    rerun = subprocess.run([*DOSSIER, "--db", str(db), "ingest", str(corpus)], capture_output=True, text=True,
                           timeout=240)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(subprocess.run([*DOSSIER, "--db", str(db), "summary", "--json"], capture_output=True,
                                        timeout=60).stdout)
    assert summary["counts"]["documents"] == len(list(corpus.iterdir()))
