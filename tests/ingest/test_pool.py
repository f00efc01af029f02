"""ParsePool: killable workers, bounded streaming, input order, no exception out (RELIABILITY I7, I10, I27).

The measured numbers printed here (run with ``-s``) are the ones quoted in docs/limits.md.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

import dossier.ingest.pool as pool_module
from dossier.exc import RunError
from dossier.ingest.limits import Limits
from dossier.ingest.pool import ParsePool, parse_inline
from dossier.ingest.sources import InputRef, iter_inputs
from dossier.model.records import Document, Rejection

from .helpers import SEED_SHAPED, doc

Write = Callable[[str, str | bytes], Path]
BODY = "Kabul, March 3, 2025 (Pajhwok) — Officials met in the capital on Monday to discuss the talks.\n"


def _ref(path: Path) -> InputRef:
    return InputRef(source=str(path), path=str(path))


def _workers() -> list[psutil.Process]:
    """Parse workers: the children of the forkserver that this process started."""
    found = []
    for child in psutil.Process().children():
        try:
            if any("forkserver" in part for part in child.cmdline()):
                found.extend(child.children())
        except psutil.Error:
            pass
    return found


def _attribute_bomb() -> str:
    """One <p> with 100,000 attributes (~1 MB): minutes in libxml2 (RELIABILITY finding 2)."""
    attrs = " ".join(f'a{i}="x"' for i in range(100_000))
    return f"<html><body><p {attrs}>hello</p><p>{BODY}</p></body></html>"


@pytest.mark.timeout(60)
def test_attribute_bomb_is_killed_and_the_next_document_parsed(write: Write) -> None:
    """I7: the worker is killed at the timeout; the following document is parsed normally."""
    bomb = write("bomb.html", _attribute_bomb())
    good = write("good.txt", SEED_SHAPED)
    limits = Limits(parse_timeout=3)
    with ParsePool(limits) as pool:
        list(pool.parse_all([_ref(good)]))  # warm up: start-up time is not parse time
        started = time.perf_counter()
        results = pool.parse_all([_ref(bomb), _ref(good)])
        ref, first = next(results)
        killed_after = time.perf_counter() - started
        _, second = next(results)
    assert isinstance(first, Rejection) and first.reason == "parsing timed out after 3 s"
    assert first.message() == f"{bomb}: parsing timed out after 3 s"
    assert doc(second).published == "2025-09-17"
    assert 3 <= killed_after < 10
    print(f"\nattribute bomb ({bomb.stat().st_size:,} bytes) rejected after {killed_after:.2f} s (timeout 3 s)")


@pytest.mark.timeout(120)
def test_gzip_bombs_rejected_without_decompressing(tmp_path: Path) -> None:
    """I10: 200 KB → 200 MB and 2 MB → 2 GB gzip streams named .html are refused from their magic bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
    chunk = b"<p>" + b"A" * (1024 * 1024 - 7) + b"</p>\n"
    member = b"".join(compressor.compress(chunk) for _ in range(200)) + compressor.flush()
    # A real bomb: a bounded inflate of the first member already yields 10 MiB (we never inflate it fully).
    assert len(zlib.decompressobj(31).decompress(member, 10 * 2**20)) == 10 * 2**20
    small = tmp_path / "small-bomb.html"
    small.write_bytes(member)  # ~200 KB that would expand to 200 MB
    large = tmp_path / "large-bomb.html"
    large.write_bytes(member * 10)  # ten gzip members: ~2 MB that would expand to 2 GB
    good = tmp_path / "good.txt"
    good.write_text(SEED_SHAPED)
    with ParsePool(Limits(worker_memory=512 * 1024 * 1024)) as pool:
        list(pool.parse_all([_ref(good)]))  # warm up
        timings = []
        for bomb in (small, large):
            started = time.perf_counter()
            ((_, result),) = list(pool.parse_all([_ref(bomb)]))
            timings.append((time.perf_counter() - started) * 1000)
            assert isinstance(result, Rejection)
            assert result.reason == "compressed content is not supported (looks like gzip); decompress it first"
        rss = max(w.memory_info().rss for w in _workers())
        ((_, after),) = list(pool.parse_all([_ref(good)]))
    assert isinstance(after, Document)
    assert rss < 200 * 1024 * 1024
    print(
        f"\ngzip bombs ({small.stat().st_size:,} and {large.stat().st_size:,} bytes) rejected in "
        f"{timings[0]:.1f} ms and {timings[1]:.1f} ms through the pool; worker RSS {rss / 2**20:.0f} MiB"
    )


@pytest.mark.timeout(60)
def test_memory_cap_becomes_a_rejection(write: Write) -> None:
    """A worker over RLIMIT_AS raises MemoryError: the document is rejected, the next one parsed."""
    big = write("big.txt", "Ünïcödé 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text line with astral characters in it\n" * 250_000)
    small = write("small.txt", SEED_SHAPED)
    with ParsePool(Limits(worker_memory=200 * 1024 * 1024)) as pool:
        results = list(pool.parse_all([_ref(big), _ref(small)]))
    assert isinstance(results[0][1], Rejection)
    assert results[0][1].reason == "document too large to parse within the memory limit"
    assert isinstance(results[1][1], Document)


@pytest.mark.timeout(60)
def test_crashed_worker_becomes_a_rejection(write: Write) -> None:
    bomb = write("bomb.html", _attribute_bomb())
    good = write("good.txt", SEED_SHAPED)
    with ParsePool(Limits(parse_timeout=30)) as pool:
        list(pool.parse_all([_ref(good)]))  # warm up, so that the worker exists

        (worker,) = _workers()

        def kill_busy_worker() -> None:
            time.sleep(1.0)  # the bomb keeps libxml2 busy for minutes: the worker is surely in it by now
            os.kill(worker.pid, signal.SIGKILL)

        killer = threading.Thread(target=kill_busy_worker)
        killer.start()
        results = list(pool.parse_all([_ref(bomb), _ref(good)]))
        killer.join()
    assert isinstance(results[0][1], Rejection)
    assert results[0][1].reason == "parser crashed: killed (SIGKILL; out of memory?)"
    assert isinstance(results[1][1], Document)


@pytest.mark.timeout(60)
def test_order_passthrough_and_same_results_as_inline(write: Write, tmp_path: Path) -> None:
    for i in range(40):
        write(f"in/{i:03d}.txt", f"Report {i}\n\n{BODY}" if i % 3 else f"{i}")
    write("in/photo.png", b"\x89PNG")
    write("in/zz.html", b"\x7fELF" + bytes(range(256)))
    os.symlink("nowhere.txt", tmp_path / "in" / "broken.txt")
    limits = Limits()
    inline = [(r.source, res) for r, res in parse_inline(iter_inputs([str(tmp_path / "in")], limits), limits)]
    with ParsePool(limits, workers=2) as pool:
        pooled = [(r.source, res) for r, res in pool.parse_all(iter_inputs([str(tmp_path / "in")], limits))]
    assert pooled == inline
    names = [os.path.basename(source) for source, _ in pooled]
    assert names == sorted(names) and len(names) == 42  # 40 texts, the broken link, zz.html
    assert sum(isinstance(res, Rejection) for _, res in pooled) == 14 + 2  # 14 short texts, link, ELF


@pytest.mark.timeout(60)
def test_consumer_stopping_early_does_not_hang(write: Write) -> None:
    paths = [write(f"{i}.txt", f"Report {i}\n\n{BODY}") for i in range(100)]
    with ParsePool(Limits(), workers=2) as pool:
        results = pool.parse_all(_ref(p) for p in paths)
        _, first = next(results)
        results.close()
    assert isinstance(first, Document)


def _exit_at_start(memory: int) -> None:
    os._exit(3)  # a worker that dies before it can take any work


@pytest.mark.timeout(60)
def test_workers_that_cannot_start_stop_the_run(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_module, "_init_worker", _exit_at_start)
    monkeypatch.setattr(pool_module, "STARTUP_GRACE", 3.0)
    path = write("a.txt", SEED_SHAPED)
    with ParsePool(Limits()) as pool, pytest.raises(RunError, match="parse workers failed"):
        list(pool.parse_all([_ref(path)]))


@pytest.mark.timeout(120)
def test_many_tiny_files_stream_in_bounded_memory(tmp_path: Path) -> None:
    """I27: 10,000 tiny files through iter_inputs + ParsePool: RSS growth < 50 MB, well under 60 s."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(f"Report number {i}\n\n{BODY}")
    process = psutil.Process()
    limits = Limits()
    before = process.memory_info().rss
    started = time.perf_counter()
    with ParsePool(limits, workers=2) as pool:
        count = 0
        for _, result in pool.parse_all(iter_inputs([str(folder)], limits)):
            assert isinstance(result, Document)
            count += 1
            if count == 500:
                warm = process.memory_info().rss  # pool threads and imports are in by now
        elapsed = time.perf_counter() - started
        after = process.memory_info().rss
    assert count == 10_000
    assert after - before < 50 * 1024 * 1024
    assert after - warm < 10 * 1024 * 1024  # nothing accumulates per file
    assert elapsed < 60
    print(
        f"\n10,000 tiny files in {elapsed:.1f} s with 2 workers; main-process RSS growth "
        f"{(after - before) / 2**20:.1f} MiB in all, {(after - warm) / 2**20:.1f} MiB after the first 500"
    )
