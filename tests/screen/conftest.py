"""The store built from ../shared/seeds with the OFAC SDN snapshot added as list "ofac" (skipped without them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dossier.cli.main import cli

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("DOSSIER_SEEDS", REPO.parent / "shared" / "seeds"))
OFAC = Path(os.environ.get("DOSSIER_OFAC", REPO.parent / "shared" / "data" / "ofac_sdn"))


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir() or not (OFAC / "sdn.csv").exists():
        pytest.skip("shared seeds or OFAC data absent")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    assert run(db, "ingest", "-q", str(SEEDS)).exit_code == 0
    added = run(db, "watchlist", "add", "ofac", str(OFAC))
    assert added.exit_code == 0, added.stderr
    assert "watchlist ofac: 9,044 entries (ofac, sha256 " in added.stderr
    return db


