"""An older store is refused with a clear message; `dossier upgrade` brings an additive version up to date."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.store.sqlite import SCHEMA_VERSION
from tests.conftest import copy_db


def _as_v3(db: Path) -> None:
    """What a v3 store looked like: no claim-group tables, version 3."""
    with sqlite3.connect(db) as c:
        c.execute("DROP TABLE claim_groups")
        c.execute("DROP TABLE claim_partitions")
        c.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def test_upgrade_adds_the_tables_and_keeps_the_facts(example_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    before = json.loads(runner.invoke(cli, ["--db", str(example_db), "facts", "claims", "--json"]).output)
    db = copy_db(example_db, tmp_path / "old.db")
    _as_v3(db)
    refused = runner.invoke(cli, ["--db", str(db), "facts", "claims"])
    assert refused.exit_code == 2
    assert "store schema v3 is older" in refused.output and "dossier upgrade" in refused.output
    done = runner.invoke(cli, ["--db", str(db), "upgrade"], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert f"v3 → v{SCHEMA_VERSION}" in done.output
    after = json.loads(runner.invoke(cli, ["--db", str(db), "facts", "claims", "--json"]).output)
    assert after == before
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM claim_groups").fetchone()[0] > 0


def test_a_store_from_before_the_additive_versions_must_be_reingested(example_db: Path, tmp_path: Path) -> None:
    db = copy_db(example_db, tmp_path / "ancient.db")
    with sqlite3.connect(db) as c:
        c.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    r = CliRunner().invoke(cli, ["--db", str(db), "upgrade"])
    assert r.exit_code == 2 and "re-ingest" in r.output
