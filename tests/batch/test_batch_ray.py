"""``dossier batch`` on Ray in local mode (2 CPUs): the same store as ``dossier ingest``, a killed Ray worker
costs nothing, a document that hangs its parse process is rejected alone, and a batch resumes from its shards.

The exports compared are byte-identical: the JSON export holds no ingest time or run-specific id (what differs
between the two stores, ``documents.ingested_at`` and the like, is not exported).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.batch.inputs import read_documents
from dossier.batch.shards import read_rows
from dossier.cli.main import cli
from dossier.ingest.limits import Limits
from dossier.model import Document
from tests.conftest import EXAMPLES

ray = pytest.importorskip("ray")
psutil = pytest.importorskip("psutil")

REPO = Path(__file__).resolve().parents[2]
ISAF = Path(os.environ.get("DOSSIER_ISAF", REPO.parent / "shared" / "data" / "isaf")) / "dev.jsonl"
# every test ingests (spaCy loads): tests/conftest.py; ``dossier batch`` joins the folder's Ray (conftest.py)
pytestmark = [pytest.mark.model, pytest.mark.timeout(600), pytest.mark.usefixtures("local_ray")]


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _export(db: Path) -> bytes:
    out = db.with_suffix(".json")
    code, output = _invoke("--db", str(db), "export", "--format", "json", "--out", str(out))
    assert code == 0, output
    return out.read_bytes()


def _batch(db: Path, *args: str) -> tuple[int, str]:
    return _invoke("--db", str(db), "batch", "--cpus", "2", *args)


# what the resolver leaves in a store (docs/resolution.md): the distributed step must leave exactly the same
RESOLUTION = {
    "meta": "SELECT key, value FROM meta WHERE key = 'resolver'",
    "resolution_profiles": "SELECT * FROM resolution_profiles ORDER BY local_entity",
    "resolution_blocks": "SELECT * FROM resolution_blocks ORDER BY key, local_entity",
    "resolution_keys": "SELECT * FROM resolution_keys ORDER BY key",
    "resolution_pairs": "SELECT * FROM resolution_pairs ORDER BY a, b",
    "entity_links": "SELECT * FROM entity_links ORDER BY local_entity",
}


def _resolution(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as c:
        return {table: c.execute(query).fetchall() for table, query in RESOLUTION.items()}


def test_batch_gives_the_store_ingest_gives(example_db: Path, tmp_path: Path) -> None:
    code, output = _batch(tmp_path / "batch.db", str(EXAMPLES))
    assert code == 0, output
    assert _export(tmp_path / "batch.db") == _export(example_db)
    # resolved on Ray over crossdoc shards (a fresh store), with the resolver's tables as the engine writes them
    assert list((tmp_path / "batch.db.batch" / "crossdoc" / "resolved" / "entity_links").glob("part-*.parquet"))
    ours, engine = _resolution(tmp_path / "batch.db"), _resolution(example_db)
    assert ours["resolution_pairs"] and ours["entity_links"]
    assert ours == engine


def test_batch_of_isaf_releases_equals_ingest(tmp_path: Path) -> None:
    if not ISAF.exists():
        pytest.skip(f"ISAF data not found at {ISAF} (set DOSSIER_ISAF)")
    with ISAF.open(encoding="utf-8") as lines:  # a text may hold U+2028, which str.splitlines would split on
        releases = [json.loads(line) for line in itertools.islice(lines, 20)]
    folder = tmp_path / "isaf"
    folder.mkdir()
    for release in releases:
        (folder / f"{release['id']}.txt").write_text(release["text"], encoding="utf-8")
    code, output = _invoke("--db", str(tmp_path / "ingest.db"), "ingest", "-q", str(folder))
    assert code == 0, output
    (folder / "zz-copy.txt").write_text(releases[3]["text"], encoding="utf-8")  # in a later chunk than its original
    code, output = _batch(tmp_path / "batch.db", "--chunk", "7", str(folder))  # 3 chunks, read and loaded in turn
    assert code == 0, output
    assert "20 ingested, 0 new versions, 1 already present, 0 rejected" in output
    assert len(list((tmp_path / "batch.db.batch").glob("chunk-*/*.parquet"))) >= 3
    exported = _export(tmp_path / "batch.db")
    assert exported == _export(tmp_path / "ingest.db")
    assert len(json.loads(exported)["documents"]) == 20


def _actor_processes() -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if any("ExtractActor" in part for part in process.info["cmdline"] or ()):
            found.append(process)
    return found


def _busy(process: psutil.Process) -> float:
    """CPU seconds of an actor and its parse process: past the model load, it is extracting."""
    try:
        return sum(sum(p.cpu_times()[:2]) for p in [process, *process.children(recursive=True)])
    except psutil.Error:
        return 0.0


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    shutil.copytree(EXAMPLES, folder)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    assert len(texts) > 10
    # one long report (seconds of parsing), so that the worker holding it is surely mid-task when killed
    (folder / "long.txt").write_text("\n\n".join(texts * 3), encoding="utf-8")
    expected = {d.id for d in read_documents([str(folder)], Limits()) if isinstance(d, Document)}
    killed: list[int] = []

    def kill_one() -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not killed:
            for process in _actor_processes():
                if _busy(process) > 6.0:  # spaCy loaded (~3 s of CPU) and documents being extracted
                    process.kill()  # SIGKILL
                    killed.append(process.pid)
                    break
            time.sleep(0.2)

    killer = threading.Thread(target=kill_one, daemon=True)
    killer.start()
    shards = tmp_path / "shards"
    code, output = _batch(tmp_path / "batch.db", "--shards", str(shards), str(folder))
    killer.join(timeout=1)
    assert killed, "no Ray worker was extracting long enough to be killed"
    assert code == 0, output
    assert f"{len(expected)} ingested, 0 new versions, 0 already present, 0 rejected" in output
    rows = [row.id for row in read_rows(str(shards), pytest.fail)]
    assert set(rows) == expected
    exported = json.loads(_export(tmp_path / "batch.db"))
    assert sorted(d["id"] for d in exported["documents"]) == sorted(expected)


def test_a_hanging_document_is_rejected_alone_and_a_batch_resumes_from_its_shards(tmp_path: Path) -> None:
    reports = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")[:4]
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    for report in reports[:2]:
        shutil.copy(report, first)
    words = " ".join(f"Officials in Town{i} met Ahmed Khan{i} on Monday." for i in range(9000))
    (first / "slow.txt").write_text(words, encoding="utf-8")  # far more than 5 s of parsing
    shards = tmp_path / "shards"
    db = tmp_path / "batch.db"
    code, output = _batch(db, "--shards", str(shards), "--extract-timeout", "5", "--chunk", "2", str(first))
    assert code == 1
    assert "slow.txt: extraction timed out after 5 s" in output
    assert "2 ingested, 0 new versions, 0 already present, 1 rejected" in output

    second.mkdir()
    for report in reports[2:]:
        shutil.copy(report, second)
    code, output = _batch(db, "--shards", str(shards), str(first), str(second))
    assert code == 2 and "--resume" in output  # shards of an earlier batch are never overwritten silently
    resumed = tmp_path / "resumed.db"
    code, output = _batch(resumed, "--shards", str(shards), "--resume", "--extract-timeout", "5", "--chunk", "3",
                          str(first), str(second))  # other chunks than the first run's: rows found by their id
    assert code == 1, output
    # the three documents of the first run come from its shards (the slow one's rejection included)
    assert "4 ingested, 0 new versions, 0 already present, 1 rejected (3 from earlier shards)" in output
    code, output = _invoke("--db", str(tmp_path / "ingest.db"), "ingest", "-q", str(first / reports[0].name),
                           str(first / reports[1].name), str(second))
    assert code == 0, output
    assert _export(resumed) == _export(tmp_path / "ingest.db")
