"""Regenerate docs/cli.md from the commands' own --help (tests fail when the two disagree).

Usage: python scripts/gen_cli_docs.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from dossier.cli.main import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render() -> str:
    runner = CliRunner()
    parts = [
        "# Command-line reference\n",
        "Generated from `dossier --help` by `scripts/gen_cli_docs.py`; a test fails when it is out of date.\n",
        "Exit codes: 0 success; 1 when any input was rejected or the run failed; 2 for usage errors and store "
        "schema mismatches. Data goes to stdout, progress and messages to stderr.\n",
    ]
    commands: list[list[str]] = [[]] + [[name] for name in sorted(cli.commands)]  # type: ignore[attr-defined]
    for args in commands:
        result = runner.invoke(cli, [*args, "--help"], prog_name="dossier", terminal_width=100)
        title = "dossier " + " ".join(args) if args else "dossier"
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        if DOC.read_text(encoding="utf-8") != text:
            raise SystemExit("docs/cli.md is out of date: run python scripts/gen_cli_docs.py")
        return
    DOC.write_text(text, encoding="utf-8")
    click.echo(f"wrote {DOC}")


if __name__ == "__main__":
    main()
