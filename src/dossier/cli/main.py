"""The ``dossier`` command: composable subcommands, data on stdout, progress and messages on stderr.

Exit codes: 0 all good; 1 when any input was rejected or the run failed; 2 for usage, schema and store-version
problems. No traceback reaches the user for an expected failure: every ``DossierError`` becomes one line.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import click

import dossier
from dossier.cli.common import Context
from dossier.store import DEFAULT_PATH


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", default=DEFAULT_PATH, show_default=True, envvar="DOSSIER_DB", metavar="PATH",
              help="The store file (also $DOSSIER_DB).")
@click.version_option(dossier.__version__, prog_name="dossier")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """dossier: news reports in, a sourced, cross-checked knowledge graph out."""
    ctx.obj = Context(db)


def _register() -> None:
    # imported here so `dossier --help` stays fast and each command lives in its own module
    from dossier.cli import export_cmd, facts_cmd, ingest_cmd, query_cmd, resolve_cmd

    cli.add_command(ingest_cmd.ingest)
    cli.add_command(query_cmd.summary)
    cli.add_command(query_cmd.documents)
    cli.add_command(query_cmd.entities)
    cli.add_command(query_cmd.show)
    cli.add_command(query_cmd.text)
    cli.add_command(export_cmd.export)
    cli.add_command(facts_cmd.relations)
    cli.add_command(facts_cmd.events)
    cli.add_command(facts_cmd.claims)
    cli.add_command(resolve_cmd.resolve)
    cli.add_command(resolve_cmd.why)
    cli.add_command(resolve_cmd.merge)
    cli.add_command(resolve_cmd.split)
    cli.add_command(resolve_cmd.judgements)

    from dossier.cli import import_cmd

    cli.add_command(import_cmd.import_)

    from dossier.cli import analyze_cmd

    for command in (analyze_cmd.facts, analyze_cmd.discrepancies, analyze_cmd.sources, analyze_cmd.rate,
                    analyze_cmd.analyze, analyze_cmd.upgrade):
        cli.add_command(command)

    from dossier.cli import watch_cmd

    cli.add_command(watch_cmd.watch)

    from dossier.cli import screen_cmd

    cli.add_command(screen_cmd.watchlist)
    cli.add_command(screen_cmd.screen)

    from dossier.cli import batch_cmd, digest_cmd

    cli.add_command(batch_cmd.batch)

    cli.add_command(digest_cmd.digest)
    from dossier.cli import search_cmd

    cli.add_command(search_cmd.search)

    from dossier.cli import correct_cmd

    for command in (correct_cmd.rename, correct_cmd.retype, correct_cmd.correct, correct_cmd.reject,
                    correct_cmd.undo):
        cli.add_command(command)

    from dossier.cli.serve_cmd import serve

    cli.add_command(serve)


_register()


def main() -> None:
    _as_package_main()
    cli(prog_name="dossier")


def _as_package_main() -> None:
    """Run the ``dossier`` console script as ``python -m dossier`` runs: a worker process that multiprocessing
    spawns (the parse and extraction pools) then skips re-running the script, which imports this whole command
    line (~0.35 s of CPU per worker, on every ingest) only to define ``main``."""
    script = sys.modules.get("__main__")
    if script is not None and getattr(script, "__spec__", None) is None \
            and Path(getattr(script, "__file__", "") or "").name in {"dossier", "dossier.exe"}:
        script.__spec__ = importlib.util.find_spec("dossier.__main__")
