"""Golden files under tests/golden/: compared byte for byte; ``DOSSIER_UPDATE_GOLDEN=1 pytest tests/export``
rewrites them from the current output (review the diff before committing)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def updating() -> bool:
    return os.environ.get("DOSSIER_UPDATE_GOLDEN") == "1"


def check(actual: Path, name: str) -> None:
    """``actual`` (a file, or a directory of files) must equal ``tests/golden/<name>``."""
    expected = GOLDEN / name
    files = sorted(p.relative_to(actual) for p in actual.rglob("*") if p.is_file()) if actual.is_dir() else [Path()]
    if updating():
        for rel in files:
            target = expected / rel if actual.is_dir() else expected
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((actual / rel).read_bytes() if actual.is_dir() else actual.read_bytes())
        return
    if actual.is_dir():
        assert sorted(p.relative_to(expected) for p in expected.rglob("*") if p.is_file()) == files
    for rel in files:
        got = (actual / rel if actual.is_dir() else actual).read_text(encoding="utf-8")
        want = (expected / rel if actual.is_dir() else expected).read_text(encoding="utf-8")
        if got != want:
            lines = difflib.unified_diff(want.splitlines(True), got.splitlines(True), "golden", "now")
            diff = "".join(list(lines)[:40])
            raise AssertionError(f"{name}/{rel} differs from the golden file (DOSSIER_UPDATE_GOLDEN=1 to accept):\n"
                                 f"{diff}")
