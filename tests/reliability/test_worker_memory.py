"""Memory of one long report (issue 13, item 2): spaCy batches bounded by characters, the spaCy worker under an
address-space limit, and a report over it rejected in one line while the batch goes on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.extract import pipeline
from dossier.extract.pool import MEMORY_REASON, ExtractPool
from dossier.model import Document, Rejection
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py


class _Recorder:
    """Stands in for a spaCy Language: records the batches ``nlp.pipe`` is given."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def pipe(self, items: list[tuple[str, Any]], as_tuples: bool, batch_size: int) -> Iterator[tuple[str, Any]]:
        assert as_tuples and batch_size == len(items)
        self.batches.append(sum(len(t) for t, _ in items))
        yield from items


def test_batches_are_bounded_by_characters_whatever_one_report_holds() -> None:
    text = ("A paragraph of a very long report. " * 50 + "\n\n") * 1100  # ~1.9 M characters
    chunks = [(t, o) for o, t in pipeline.chunk_text(text)]
    assert len(chunks) >= 19
    rec = _Recorder()
    out = list(pipeline._pipe(rec, chunks, batch_size=32))  # type: ignore[arg-type]
    assert out == chunks  # every chunk, in order
    assert max(rec.batches) <= pipeline.BATCH_CHARS and len(rec.batches) >= 10
    short = [("x" * 3000, i) for i in range(40)]  # ordinary reports still batch by count
    rec = _Recorder()
    assert list(pipeline._pipe(rec, short, batch_size=32)) == short  # type: ignore[arg-type]
    assert rec.batches == [96_000, 24_000]


def _long_report(chars: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    out = ""
    while len(out) < chars:
        out += parts[len(out) % len(parts)] + "\n\n"
    return out[:chars]


@pytest.mark.timeout(600)
def test_report_over_the_worker_memory_is_rejected_in_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-long.txt").write_text(_long_report(400_000), encoding="utf-8")
    (folder / "b-short.txt").write_text((EXAMPLES / sorted(p.name for p in EXAMPLES.glob("*.txt"))[0])
                                        .read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "ingest", "--extract-workers", "1",
                                      "--worker-memory", str(640 << 20), str(folder)])
    assert result.exit_code == 1, result.output
    skipped = [line for line in result.output.splitlines() if "skipped" in line]
    assert len(skipped) == 1 and "a-long.txt" in skipped[0] and MEMORY_REASON in skipped[0], result.output
    assert "1 ingested" in result.output and "Traceback" not in result.output


def test_extract_pool_gives_the_memory_cap_to_its_worker() -> None:
    import resource

    import psutil

    doc = Document(Document.make_id("x"), "Dr. Ana Ruiz met officials in Lahore on Monday, police said.", "a.txt")
    with ExtractPool(1, memory=1 << 30) as pool:
        (result,) = list(pool.extract_all([doc]))
        caps = [c.rlimit(resource.RLIMIT_AS)[0] for c in psutil.Process().children(recursive=True)
                if "spawn_main" in " ".join(c.cmdline())]
    assert not isinstance(result, Rejection)
    assert caps == [1 << 30]
