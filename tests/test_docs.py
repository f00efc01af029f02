"""Docs that are checked by code: the CLI reference and the README's promises."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _load(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    gen = _load(REPO / "scripts" / "gen_cli_docs.py")
    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8") == gen.render(), (
        "docs/cli.md is stale: run .venv/bin/python scripts/gen_cli_docs.py"
    )


def test_readme_gives_the_two_commands_and_ci_runs_one() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_doc_linked_from_the_readme_exists() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for token in readme.split():
        token = token.strip("`()[],.")
        if token.startswith("docs/") and token.endswith(".md"):
            assert (REPO / token).exists(), token
