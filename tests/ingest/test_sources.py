"""iter_inputs: what is read, in which order, and what is refused before reading (RELIABILITY I1, I3, I25)."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.ingest.limits import Limits
from dossier.ingest.pool import parse_inline
from dossier.ingest.sources import InputRef, iter_inputs
from dossier.model.records import Document, Rejection

from .helpers import doc

Write = Callable[[str, str | bytes], Path]
BODY = "Kabul, March 3, 2025 (Pajhwok) — Officials met in the capital on Monday to discuss the talks.\n"


def _split(items: list[InputRef | Rejection]) -> tuple[list[str], dict[str, str]]:
    refs = [os.path.basename(i.source) for i in items if isinstance(i, InputRef)]
    rejections = {os.path.basename(i.source): i.reason for i in items if isinstance(i, Rejection)}
    return refs, rejections


@pytest.mark.timeout(60)
def test_big_file_rejected_by_size_before_reading(tmp_path: Path) -> None:
    """I1: a 50 MB .txt is refused from its stat() size; the limit is overridable."""
    big = tmp_path / "big.txt"
    line = (BODY * 10).encode()
    with big.open("wb") as f:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    size = big.stat().st_size
    good = tmp_path / "good.txt"
    good.write_text(BODY)
    started = time.perf_counter()
    item, other = list(iter_inputs([str(big), str(good)], Limits()))
    assert time.perf_counter() - started < 0.5
    assert other == InputRef(source=str(good), path=str(good))  # nothing else affected
    assert isinstance(item, Rejection)
    assert item.message() == f"{big}: {size / 2**20:.1f} MiB exceeds --max-bytes (20 MiB)"
    # Overridden: the file is read and parsed; its text then meets the character cap, also overridable.
    limits = Limits(max_bytes=64 * 1024 * 1024, max_chars=60_000_000)
    ((ref, result),) = list(parse_inline(iter_inputs([str(big)], limits), limits))
    assert isinstance(result, Document) and len(result.text) > 50_000_000


@pytest.mark.timeout(30)
def test_folder_order_hidden_and_unsupported(write: Write, tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.html", "sub/z.htm", "A.TXT", ".hidden.txt", ".git/x.txt",
                 "photo.png", "sub/scan.pdf", "sub/data.csv", "README", "sub/page.XHTML"]:  # fmt: skip
        write(name, BODY)
    walk = iter_inputs([str(tmp_path)], Limits())
    refs, rejections = _split(list(walk))
    assert refs == ["A.TXT", "a.md", "b.txt", "c.html", "page.XHTML", "scan.pdf", "z.htm"]
    assert rejections == {}
    assert dict(walk.skipped) == {".png": 1, ".csv": 1, "": 1}
    assert walk.skipped_message() == "3 files skipped (unsupported extension: (none) 1, .csv 1, .png 1)"
    # Run twice: same order (deterministic).
    assert _split(list(iter_inputs([str(tmp_path)], Limits())))[0] == refs


@pytest.mark.timeout(30)
def test_explicit_files(write: Write, tmp_path: Path) -> None:
    paths = [write("photo.png", b"\x89PNG"), write("scan.PDF", b"%PDF"), write("feed.rss", b"<rss/>"),
             write("notes", BODY), write(".hidden.txt", BODY)]  # fmt: skip
    refs, rejections = _split(list(iter_inputs([str(p) for p in paths] + [str(tmp_path / "gone.txt")], Limits())))
    assert refs == ["scan.PDF", ".hidden.txt"]  # named explicitly: read even though hidden
    assert rejections == {
        "photo.png": "unsupported file type (.png)",
        "feed.rss": "a feed: use --feed FILE",
        "notes": "unsupported file type (no extension)",
        "gone.txt": "no such file or directory",
    }


@pytest.mark.timeout(60)
def test_directory_of_binaries(write: Write, tmp_path: Path) -> None:
    """I3: binaries under document names are sniffed by the parser; others are counted as skipped."""
    write("bin/a.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    write("bin/b.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    write("bin/c.bin", os.urandom(1024))
    write("bin/d.jpg", b"\xff\xd8\xff" + os.urandom(1024))
    walk = iter_inputs([str(tmp_path / "bin")], Limits())
    results = {os.path.basename(ref.source): r for ref, r in parse_inline(walk, Limits())}
    assert {k: getattr(v, "reason", None) for k, v in results.items()} == {
        "a.txt": "not a text document (looks like ELF executable)",
        "b.html": "not a text document (looks like PNG)",
    }
    assert walk.skipped_total == 2


@pytest.mark.timeout(30)
def test_symlink_loops_fifo_and_broken_links(write: Write, tmp_path: Path) -> None:
    """I25: every odd entry is a rejection with a reason; nothing blocks (a FIFO is never opened)."""
    root = tmp_path / "in"
    write("in/good.txt", BODY)
    write("in/sub/also.txt", BODY)
    os.symlink("loop1.txt", root / "loop2.txt")
    os.symlink("loop2.txt", root / "loop1.txt")
    os.symlink("..", root / "sub" / "up")  # a folder that contains its own link
    os.symlink("missing.txt", root / "dangling.txt")
    os.symlink("good.txt", root / "link.txt")  # a link to a file is read as that file
    os.mkfifo(root / "pipe.txt")
    os.mkfifo(root / "pipe-noext")
    refs, rejections = _split(list(iter_inputs([str(root)], Limits())))
    assert refs == ["good.txt", "link.txt", "also.txt"]
    assert rejections == {
        "dangling.txt": "broken symlink (target does not exist)",
        "loop1.txt": "symlink loop",
        "loop2.txt": "symlink loop",
        "pipe-noext": "not a regular file (a FIFO)",
        "pipe.txt": "not a regular file (a FIFO)",
        "up": "symlink loop (links to a folder that contains it)",
    }
    # Named explicitly, a FIFO is refused the same way, without blocking.
    (item,) = list(iter_inputs([str(root / "pipe.txt")], Limits()))
    assert isinstance(item, Rejection) and item.reason == "not a regular file (a FIFO)"


@pytest.mark.timeout(30)
def test_fifo_swapped_in_after_stat_does_not_block(tmp_path: Path) -> None:
    """The worker re-checks with fstat on an O_NONBLOCK descriptor: a FIFO that replaced a file is refused."""
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    ((_, result),) = list(parse_inline([InputRef(str(fifo), path=str(fifo))], Limits()))
    assert isinstance(result, Rejection) and result.reason == "not a regular file (a FIFO)"


@pytest.mark.timeout(30)
@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files, so 'unreadable' cannot be built")
def test_unreadable_file(write: Write) -> None:
    path = write("secret.txt", BODY)
    path.chmod(0)
    try:
        (item,) = list(iter_inputs([str(path)], Limits()))
        assert isinstance(item, Rejection) and item.reason == "permission denied"
    finally:
        path.chmod(0o600)


@pytest.mark.timeout(30)
def test_stdin() -> None:
    items = list(iter_inputs(["-"], Limits(), stdin=io.BytesIO(BODY.encode())))
    assert items == [InputRef(source="<stdin>", data=BODY.encode())]
    ((_, result),) = list(parse_inline(items, Limits()))
    assert doc(result).source == "<stdin>"
    (over,) = list(iter_inputs(["-"], Limits(max_bytes=10), stdin=io.BytesIO(BODY.encode())))
    assert isinstance(over, Rejection) and over.reason == "more than 10 B: exceeds --max-bytes (10 B)"


def test_limits_are_validated() -> None:
    from dossier.exc import UsageError

    with pytest.raises(UsageError, match="max_bytes"):
        Limits(max_bytes=0)
    with pytest.raises(UsageError, match="parse_timeout"):
        Limits(parse_timeout=float("nan"))


@pytest.mark.timeout(60)
def test_very_deep_folder_tree(tmp_path: Path) -> None:
    """A tree deeper than Python's recursion limit is walked (the walk keeps its own stack)."""
    depth = 1200  # > sys.getrecursionlimit(); 2,400 characters of path, under PATH_MAX
    levels = [tmp_path.joinpath(*["d"] * k) for k in range(1, depth + 1)]
    leaf = levels[-1] / "leaf.txt"
    try:
        for level in levels:  # one by one: Path.mkdir(parents=True) itself recurses
            level.mkdir()
        leaf.write_text(BODY)
        items = list(iter_inputs([str(tmp_path)], Limits()))
        assert items == [InputRef(source=str(leaf), path=str(leaf))]
    finally:
        # pytest's clean-up of old temporary folders recurses too and would fail on this tree: remove it here.
        leaf.unlink(missing_ok=True)
        for level in reversed(levels):
            if level.exists():
                level.rmdir()
