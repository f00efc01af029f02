"""``make screenshots`` refuses a shot that would show a local path or an internal id, and finds the seeds."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots", REPO / "scripts" / "screenshots.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class _Page:
    def __init__(self, text: str) -> None:
        self.text = text

    def inner_text(self, _selector: str) -> str:
        return self.text


@pytest.mark.parametrize("text", ["opened /tmp/tmpab12/shots.db", "report doc_2ea63cbcf26fa557 shown",
                                  f"from {REPO}/examples/reports/01.txt"])
def test_a_leak_stops_the_run(text: str) -> None:
    with pytest.raises(SystemExit, match="would show"):
        _script().check_page(_Page(text), "entity", [str(REPO)])


def test_titles_and_relative_paths_pass() -> None:
    _script().check_page(_Page("Is Pakistan a Safe Haven? — NationPress · shared/seeds/003_40d9771e6bfba74f.txt "
                               "2025-09-17 and/or 1/2 of reports"), "fulltext", [str(REPO)])


def test_seeds_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOSSIER_SEEDS", str(tmp_path))
    assert _script().seeds_dir() == tmp_path
    monkeypatch.delenv("DOSSIER_SEEDS")
    assert _script().seeds_dir() == REPO.parent / "shared" / "seeds"
