"""`dossier serve` as a user starts it: loopback by default, the token in the printed URL, usage errors."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.cli.serve_cmd import _loopback
from dossier.serve.harness import free_port


def test_serve_binds_loopback_and_prints_a_token(corpus_db: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dossier", "--db", str(corpus_db), "serve", "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/#token=" in line
        token = line.strip().rsplit("#token=", 1)[1]
        assert len(token) >= 16
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=30)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert health.status_code == 200 and health.json()["writable"] is True
        bad = httpx.post(f"http://127.0.0.1:{port}/api/judgements", json={"decision": "merge", "a": "x", "b": "y"})
        assert bad.status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_usage_errors(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "serve", "--token", "short"])
    assert r.exit_code == 2 and "at least 16" in r.output


def test_loopback_detection() -> None:
    assert _loopback("127.0.0.1") and _loopback("localhost") and _loopback("::1") and _loopback("[::1]")
    assert not _loopback("0.0.0.0") and not _loopback("192.168.1.5") and not _loopback("example.org")


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE t (x)")
    r = CliRunner().invoke(cli, ["--db", str(other), "serve", "--port", "0"])
    assert r.exit_code == 1 and r.output.startswith("dossier: error: ") and "other.db" in r.output
    assert "Traceback" not in r.output
