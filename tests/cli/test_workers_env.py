"""``$DOSSIER_WORKERS`` sets the default number of spaCy parse workers; a bad value is one line, not a run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli.ingest_cmd import default_extract_workers
from dossier.cli.main import cli
from dossier.exc import UsageError


def test_the_environment_sets_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_WORKERS", "3")
    assert default_extract_workers() == 3
    monkeypatch.setenv("DOSSIER_WORKERS", "0")
    assert default_extract_workers() == 0
    monkeypatch.delenv("DOSSIER_WORKERS")
    assert default_extract_workers() >= 0


@pytest.mark.parametrize("value", ["two", "-1", "65"])
def test_a_bad_value_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("DOSSIER_WORKERS", value)
    with pytest.raises(UsageError, match="DOSSIER_WORKERS"):
        default_extract_workers()


def test_a_bad_value_is_one_line_and_nothing_is_ingested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("Ahmed Khan met Sara Ali in Lahore on Monday to discuss the budget.\n")
    monkeypatch.setenv("DOSSIER_WORKERS", "two")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "ingest", str(tmp_path / "a.txt")])
    assert result.exit_code != 0
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "DOSSIER_WORKERS='two'" in lines[0] and "Traceback" not in result.output


SCRIPT = """import sys
from dossier.cli.main import _as_package_main
if __name__ == "__main__":
    if sys.argv[1] == "fixed":
        _as_package_main()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from tests.cli.spawned_modules import loaded
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        print(" ".join(pool.submit(loaded).result()))
"""


def test_a_worker_of_the_console_script_does_not_import_the_command_line(tmp_path: Path) -> None:
    """The ``dossier`` script runs as ``python -m dossier``: the parse and extraction workers it spawns skip
    re-running it (which would import the whole command line in each, ~0.35 s of CPU apiece)."""
    import os
    import subprocess
    import sys

    script = tmp_path / "dossier"  # the name pip gives the console script
    script.write_text(SCRIPT, encoding="utf-8")
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(repo / "src"), str(repo)])}

    def child_modules(mode: str) -> set[str]:
        run = subprocess.run([sys.executable, str(script), mode], capture_output=True, text=True, check=True,
                             env=env, cwd=tmp_path)
        return set(run.stdout.split())

    assert "dossier.cli.main" in child_modules("plain")  # what the fix is for
    assert "dossier.cli.main" not in child_modules("fixed")
