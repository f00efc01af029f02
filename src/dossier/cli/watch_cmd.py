"""``dossier watch LIST``: poll feeds and pages, ingest what is new, forever (or ``--rounds N``).

Each round is one ``dossier ingest`` of the list: conditional GETs and the store's document ids make a round
that finds nothing new cheap and never ingest a document twice, so a cron line running ``ingest`` does the same
job (docs/sources.md).
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import click

from dossier.cli.common import handle_errors
from dossier.cli.ingest_cmd import ingest
from dossier.exc import UsageError
from dossier.ingest.fetch import is_url

_EVERY = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    m = _EVERY.fullmatch(value.strip())
    if not m or float(m.group(1)) <= 0:
        raise UsageError(f"--every {value!r}: use a number with s, m, h or d (e.g. 15m)")
    return float(m.group(1)) * _UNIT[m.group(2)]


def read_watch_list(path: str) -> tuple[list[str], list[str]]:
    """(pages, feeds) from a list file: one per line, ``feed URL|FILE`` for a feed, ``#`` starts a comment."""
    pages: list[str] = []
    feeds: list[str] = []
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"{path}: cannot read the watch list ({type(err).__name__})") from err
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        kind, _, rest = line.partition(" ")
        if kind == "feed" and rest.strip():
            feeds.append(rest.strip())
        elif is_url(line) and " " not in line:
            pages.append(line)
        else:
            raise UsageError(f"{path}:{number}: expected a URL or 'feed URL|FILE', got {line!r}")
    return pages, feeds


@click.command()
@click.argument("watch_list", metavar="LIST")
@click.option("--every", default="15m", show_default=True, help="Time between rounds (s, m, h, d).")
@click.option("--rounds", type=click.IntRange(1), help="Stop after this many rounds (default: run until stopped).")
@click.option("--allow-private", is_flag=True, help="Let URLs reach private and loopback addresses.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line per round.")
@click.pass_context
@handle_errors
def watch(ctx: click.Context, watch_list: str, every: str, rounds: int | None, allow_private: bool,
          quiet: bool) -> None:
    """Poll the feeds and pages in LIST and ingest what is new, every --every.

    LIST has one entry a line: a page URL, or 'feed URL|FILE'. A page or entry already ingested is not
    fetched again unless the server says it changed, and the same text is never stored twice.
    """
    interval = parse_every(every)
    done = 0
    while True:
        pages, feeds = read_watch_list(watch_list)  # re-read each round: edits apply without a restart
        if not quiet:
            click.echo(f"dossier: watch round {done + 1} at {datetime.now(UTC):%Y-%m-%d %H:%M:%SZ}", err=True)
        try:
            ctx.invoke(ingest, paths=tuple(pages), feeds=tuple(feeds), allow_private=allow_private, quiet=quiet)
        except SystemExit as stop:  # ingest exits 1 when an input was rejected; the watch goes on
            if stop.code not in (0, 1, None):
                raise
        done += 1
        if rounds is not None and done >= rounds:
            return
        time.sleep(interval)
