"""``dossier import --format ftm|json PATH…``: merge a graph exported elsewhere into the store."""

from __future__ import annotations

import sys

import click

from dossier.cli.main import Context, handle_errors
from dossier.cli.terminal import echo


@click.command(name="import")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["json", "ftm"]), required=True,
              help="json: a `dossier export --format json --include-text` file; ftm: FollowTheMoney entities, "
                   "one JSON object per line, reports as Article entities with bodyText.")
@click.pass_obj
@handle_errors
def import_(obj: Context, paths: tuple[str, ...], fmt: str) -> None:
    """Import reports and their facts from exported files (docs/formats/import.md).

    Each report is re-read from its text and stored with the file's facts in one transaction, with its original
    source and evidence; reports already in the store are left as they are, so importing twice changes nothing.
    A bad report or fact is reported in one line naming the file and the field; the rest goes on, and the exit
    code is 1.
    """
    from dossier.importer.run import import_file

    problems = 0
    with obj.store() as store:
        for path in paths:
            stats = import_file(store, path, fmt)
            for line in stats.problems:
                echo(f"dossier: skipped {line}", err=True)
            problems += len(stats.problems)
            echo(f"dossier: {path}: {stats.added} imported, {stats.versions} new versions, "
                       f"{stats.existing} already present, {len(stats.problems)} problems", err=True)
    if problems:
        sys.exit(1)
