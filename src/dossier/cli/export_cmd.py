"""``dossier export``: hand the graph over (JSON now; more formats in docs/formats/)."""

from __future__ import annotations

import os
import sys
import tempfile

import click

from dossier.cli.main import Context, handle_errors
from dossier.exc import StoreError
from dossier.export.json_export import write_json


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("--out", "out_path", default="-", show_default=True, metavar="PATH", help="File, or - for stdout.")
@click.option("--include-text", is_flag=True, help="Add each document's stored text (the offsets' reference).")
@click.pass_obj
@handle_errors
def export(obj: Context, fmt: str, out_path: str, include_text: bool) -> None:
    """Export the graph. Files are written to a temporary name and renamed, never left half-written."""
    with obj.store(readonly=True) as store:
        if out_path == "-":
            write_json(store, sys.stdout, include_text=include_text)
            return
        directory = os.path.dirname(os.path.abspath(out_path))
        try:
            fd, tmp = tempfile.mkstemp(prefix=".dossier-export-", dir=directory)
        except OSError as e:
            raise StoreError(f"{out_path}: cannot write export ({e.strerror})") from e
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                write_json(store, f, include_text=include_text)
            os.replace(tmp, out_path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    click.echo(f"dossier: wrote {out_path}", err=True)
