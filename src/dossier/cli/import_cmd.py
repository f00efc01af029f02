"""``dossier import --format ftm|json PATH…``: merge a graph exported elsewhere into the store."""

from __future__ import annotations

import sys

import click

from dossier.cli.common import Context, handle_errors
from dossier.cli.terminal import echo
from dossier.ingest.limits import Limits

_INGEST = Limits()
MAX_FILE_BYTES = 256 * 1024**2  # the default of importer.run.MAX_FILE_BYTES (not imported: keep --help fast)


@click.command(name="import")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["json", "ftm"]), required=True,
              help="json: a `dossier export --format json --include-text` file; ftm: FollowTheMoney entities, "
                   "one JSON object per line, reports as Article entities with bodyText.")
@click.option("--max-bytes", default=MAX_FILE_BYTES, show_default=True, type=click.IntRange(1),
              help="Largest file accepted, in bytes.")
@click.option("--max-chars", default=_INGEST.max_chars, show_default=True, type=click.IntRange(1),
              help="Longest report text accepted, in characters (as for ingest).")
@click.option("--extract-workers", type=click.IntRange(0, 64),
              help="spaCy processes (each under the time and memory limits); 0: in this process, without them. "
                   "Default: 1 where two or more CPUs are available, else 0.")
@click.pass_obj
@handle_errors
def import_(obj: Context, paths: tuple[str, ...], fmt: str, max_bytes: int, max_chars: int,
            extract_workers: int | None) -> None:
    """Import reports and their facts from exported files (docs/formats/import.md).

    Each report is held to ingest's rules (size, cleaning, minimum and maximum length, extraction limits),
    re-read from its text and stored with the file's facts in one transaction, with its original source and
    evidence; reports already in the store are left as they are, so importing twice changes nothing. A problem
    anywhere in a report's record rejects that report whole, in one line naming the file and the field; the rest
    goes on, and the exit code is 1.
    """
    from dossier.cli.ingest_cmd import default_extract_workers
    from dossier.importer.run import import_file

    limits = Limits(max_bytes=max_bytes, max_chars=max_chars)
    workers = default_extract_workers() if extract_workers is None else extract_workers
    problems = 0
    with obj.store() as store:
        for path in paths:
            stats = import_file(store, path, fmt, limits, workers)
            for line in stats.problems:
                echo(f"dossier: skipped {line}", err=True)
            problems += len(stats.problems)
            echo(f"dossier: {path}: {stats.added} imported, {stats.versions} new versions, "
                 f"{stats.existing} already present, {stats.rejected} rejected, {len(stats.problems)} problems",
                 err=True)
    if problems:
        sys.exit(1)
