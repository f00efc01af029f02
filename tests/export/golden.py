"""Golden files under tests/golden/: compared byte for byte; ``DOSSIER_UPDATE_GOLDEN=1 pytest tests/export``
rewrites them from the current output (review the diff before committing)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def updating() -> bool:
    return os.environ.get("DOSSIER_UPDATE_GOLDEN") == "1"


REPO = GOLDEN.parents[1]


def checkout_free(text: str) -> str:
    """The shared corpus is ingested by absolute path (tests/conftest.py): golden files show sources relative to
    the repository, so they do not depend on where the checkout lives."""
    return text.replace(f"{REPO}{os.sep}", "")


def check(actual: Path, name: str) -> None:
    """``actual`` (a file, or a directory of files) must equal ``tests/golden/<name>``."""
    expected = GOLDEN / name
    files = sorted(p.relative_to(actual) for p in actual.rglob("*") if p.is_file()) if actual.is_dir() else [Path()]
    if updating():
        for rel in files:
            target = expected / rel if actual.is_dir() else expected
            target.parent.mkdir(parents=True, exist_ok=True)
            source = actual / rel if actual.is_dir() else actual
            target.write_bytes(checkout_free(source.read_bytes().decode("utf-8")).encode("utf-8"))
        return
    if actual.is_dir():
        assert sorted(p.relative_to(expected) for p in expected.rglob("*") if p.is_file()) == files
    for rel in files:
        got = checkout_free((actual / rel if actual.is_dir() else actual).read_text(encoding="utf-8"))
        want = (expected / rel if actual.is_dir() else expected).read_text(encoding="utf-8")
        if got != want:
            lines = difflib.unified_diff(want.splitlines(True), got.splitlines(True), "golden", "now")
            diff = "".join(list(lines)[:40])
            raise AssertionError(f"{name}/{rel} differs from the golden file (DOSSIER_UPDATE_GOLDEN=1 to accept):\n"
                                 f"{diff}")
