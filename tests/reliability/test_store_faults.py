"""Store faults from the reliability audit (issue 13, item 5): each one line, nothing foreign ever modified."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.exc import SchemaVersionError, StoreError
from dossier.store import open_store
from tests.conftest import REPO, copy_db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes(body) VALUES ('another application''s data')")
    conn.commit()
    conn.close()
    return path


def test_write_command_never_changes_a_foreign_sqlite_file(tmp_path: Path) -> None:
    db = _foreign(tmp_path / "app.db")
    before = _digest(db)
    with pytest.raises(StoreError, match="is an SQLite database but not a dossier store"):
        open_store(db)
    assert _digest(db) == before
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
    conn.close()
    assert not (tmp_path / "app.db-wal").exists()


def test_summary_on_a_foreign_sqlite_file_says_so(tmp_path: Path) -> None:
    db = _foreign(tmp_path / "app.db")
    result = CliRunner().invoke(cli, ["--db", str(db), "summary"])
    assert result.exit_code != 0
    assert "not a dossier store" in result.output and "empty" not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["7a", "", "v4", "4.0.1"])
def test_unreadable_schema_version_is_one_line(tmp_path: Path, example_db: Path, value: str) -> None:
    db = copy_db(example_db, tmp_path / "s.db")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (value,))
    conn.commit()
    conn.close()
    with pytest.raises(SchemaVersionError, match="schema_version"):
        open_store(db, readonly=True)
    result = CliRunner().invoke(cli, ["--db", str(db), "summary"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("dossier: error:"), result.output


def test_readonly_open_never_writes(tmp_path: Path, example_db: Path) -> None:
    db = copy_db(example_db, tmp_path / "s.db")
    before = _digest(db)
    with open_store(db, readonly=True) as store:
        assert store.document_count() > 0
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("DELETE FROM meta")
    assert _digest(db) == before


def _can_mount_readonly(folder: Path) -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind {folder} {folder} && "
                            f"mount -o remount,bind,ro {folder} && ! touch {folder}/.probe"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.parametrize("command", [["summary"], ["export", "--format", "json"], ["documents"]])
def test_store_in_a_read_only_folder_is_readable(tmp_path: Path, example_db: Path, command: list[str]) -> None:
    """A WAL store whose folder cannot be written (no ``-shm`` can be created): opened immutable, read fine."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = copy_db(example_db, folder / "s.db")
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    if not _can_mount_readonly(folder):
        pytest.skip("needs a read-only bind mount (unshare -m as root)")
    run = f"{sys.executable} -m dossier --db {db} " + " ".join(command)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(["unshare", "-m", "sh", "-c",
                             f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && {run}"],
                            capture_output=True, text=True, timeout=120, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "Traceback" not in result.stderr



def test_serve_read_only_on_a_store_in_a_read_only_folder(tmp_path: Path, example_db: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = copy_db(example_db, folder / "s.db")
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    if not _can_mount_readonly(folder):
        pytest.skip("needs a read-only bind mount (unshare -m as root)")
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sys\n"
        "from fastapi.testclient import TestClient\n"
        "from dossier.serve.app import create_app\n"
        "from dossier.serve.config import Settings\n"
        "with TestClient(create_app(Settings(db=sys.argv[1], token=None)), base_url='http://127.0.0.1') as c:\n"
        "    r = c.get('/api/documents')\n"
        "    assert r.status_code == 200 and r.json()['total'] > 0, r.text\n"
        "    assert c.get('/api/entities').status_code == 200\n"
        "print('ok')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind {folder} {folder} && "
                             f"mount -o remount,bind,ro {folder} && {sys.executable} {probe} {db}"],
                            capture_output=True, text=True, timeout=180, env=env, cwd=REPO)
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr[-2000:]
