"""``dossier export``: hand the graph over in the format the next tool reads (docs/formats/README.md).

Every format reads the store through one ``Selection``, so the filters mean the same everywhere. Single-file
formats go to ``--out`` (or stdout); table formats (csv, parquet, neo4j) write a directory of files. Files are
written under a temporary name and renamed when complete, never left half-written.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click

from dossier.cli.common import Context, handle_errors
from dossier.cli.terminal import echo
from dossier.exc import StoreError, UsageError, require
from dossier.export.json_export import write_json
from dossier.export.select import ExportFilters, Selection
from dossier.model import EntityType, Modality

FILE_FORMATS = ("json", "ftm", "stix", "graphml", "gexf")
DIRECTORY_FORMATS = ("csv", "parquet", "neo4j")
FORMATS = FILE_FORMATS + DIRECTORY_FORMATS
FORMAT_EXTRAS = {"ftm": "ftm", "parquet": "parquet"}  # formats whose library is an optional extra


def _writer(fmt: str) -> Callable[[Selection, Any], Any]:
    """The ``write(selection, out)`` of a format's module (ftm and stix live in their own modules)."""
    if fmt in FORMAT_EXTRAS:
        require(FORMAT_EXTRAS[fmt], f"--format {fmt}")
    if fmt == "csv" or fmt == "parquet":
        from dossier.export import tables

        return tables.write_csv if fmt == "csv" else tables.write_parquet
    module = importlib.import_module(f"dossier.export.{fmt}")
    write: Callable[[Selection, Any], Any] = module.write
    return write


def _write_file(out_path: str, write: Callable[[TextIO], None]) -> None:
    if out_path == "-":
        write(sys.stdout)
        return
    directory = os.path.dirname(os.path.abspath(out_path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".dossier-export-", dir=directory)
    except OSError as e:
        raise StoreError(f"{out_path}: cannot write export ({e.strerror})") from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            write(f)
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _filters(types: tuple[str, ...], predicates: tuple[str, ...], event_types: tuple[str, ...],
             modalities: tuple[str, ...], min_sources: int, date_from: str | None, date_to: str | None,
             around: tuple[str, ...], hops: int) -> ExportFilters:
    return ExportFilters(
        entity_types=frozenset(types) or None, predicates=frozenset(predicates) or None,
        event_types=frozenset(event_types) or None, modalities=frozenset(modalities) or None,
        min_sources=min_sources, date_from=date_from, date_to=date_to, around=around, hops=hops,
    )


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json, ftm (FollowTheMoney), stix (STIX 2.1), graphml, gexf: one file. csv, parquet, neo4j: "
                   "a directory of files.")
@click.option("--out", "out_path", default="-", show_default=True, metavar="PATH",
              help="File (or - for stdout) for one-file formats; directory for csv, parquet and neo4j.")
@click.option("--include-text", is_flag=True, help="json: add each document's stored text (the offsets' reference).")
@click.option("--type", "types", multiple=True, type=click.Choice([t.value for t in EntityType]),
              help="Only entities of this type (repeatable).")
@click.option("--predicate", "predicates", multiple=True, metavar="NAME",
              help="Only relations with this predicate, e.g. membership (repeatable).")
@click.option("--event-type", "event_types", multiple=True, metavar="TYPE",
              help="Only events of this type (repeatable).")
@click.option("--modality", "modalities", multiple=True, type=click.Choice([m.value for m in Modality]),
              help="Only facts stated with this modality (repeatable).")
@click.option("--min-sources", type=click.IntRange(min=0), default=0, show_default=True,
              help="Only facts backed by at least this many independent sources.")
@click.option("--from", "date_from", metavar="DATE", help="Only facts dated on or after this ISO date.")
@click.option("--to", "date_to", metavar="DATE", help="Only facts dated on or before this ISO date.")
@click.option("--around", multiple=True, metavar="NAME",
              help="Only the subgraph around this entity (repeatable); see --hops.")
@click.option("--hops", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --around: how many steps from the named entities.")
@click.pass_obj
@handle_errors
def export(obj: Context, fmt: str, out_path: str, include_text: bool, types: tuple[str, ...],
           predicates: tuple[str, ...], event_types: tuple[str, ...], modalities: tuple[str, ...],
           min_sources: int, date_from: str | None, date_to: str | None, around: tuple[str, ...],
           hops: int) -> None:
    """Export the graph, or the part the filters select (the filters apply to every format)."""
    filters = _filters(types, predicates, event_types, modalities, min_sources, date_from, date_to, around, hops)
    if fmt in DIRECTORY_FORMATS and out_path == "-":
        raise UsageError(f"--format {fmt} writes several files: give a directory with --out")
    if include_text and fmt != "json":
        raise UsageError("--include-text applies to --format json only")
    with obj.store(readonly=True) as store:
        selection = Selection(store, filters)
        if fmt == "json":
            _write_file(out_path, lambda f: write_json(store, f, include_text=include_text,
                                                       selection=selection if filters.active() else None))
        elif fmt in DIRECTORY_FORMATS:
            directory = Path(out_path)
            if directory.exists() and not directory.is_dir():
                raise UsageError(f"--out {out_path}: not a directory (--format {fmt} writes several files)")
            _writer(fmt)(selection, directory)
        else:
            write = _writer(fmt)
            _write_file(out_path, lambda f: write(selection, f))
    if out_path != "-":
        echo(f"dossier: wrote {out_path}", err=True)
