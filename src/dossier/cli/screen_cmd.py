"""``dossier watchlist add|list|remove|confirm|reject`` and ``dossier screen``: names in the store against lists."""

from __future__ import annotations

import os

import click

from dossier.cli.common import Context, emit_json, handle_errors
from dossier.cli.terminal import echo
from dossier.screen.engine import (
    DEFAULT_MIN_SCORE,
    Hit,
    add_list,
    judge,
    list_watchlists,
    remove_list,
    screen_store,
)
from dossier.screen.lists import FORMATS, read_list


@click.group()
def watchlist() -> None:
    """Sanctions and watch lists to screen the store's people and organisations against."""


@watchlist.command("add")
@click.argument("name")
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="ftm (FollowTheMoney JSON), ofac (SDN CSV folder), un (consolidated XML), csv (name, aliases). "
                   "Default: told by the path.")
@click.pass_obj
@handle_errors
def add(obj: Context, name: str, path: str, fmt: str | None) -> None:
    """Add (or replace) list NAME from PATH, a file or an OFAC SDN folder."""
    wl = read_list(path, fmt)
    with obj.store() as store:
        add_list(store, name, os.path.basename(os.path.normpath(path)), wl)
    version = f", version {wl.version}" if wl.version else ""
    echo(f"dossier: watchlist {name}: {len(wl.entries):,} entries ({wl.format}{version}, "
               f"sha256 {wl.sha256[:12]})", err=True)


@watchlist.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def list_(obj: Context, as_json: bool) -> None:
    """The lists in the store, with the file and version each came from."""
    with obj.store(readonly=True) as store:
        lists = list_watchlists(store)
    if as_json:
        emit_json([w.as_json() for w in lists])
        return
    for w in lists:
        version = f"  version {w.version}" if w.version else ""
        echo(f"{w.name}  {w.format}  {w.entries:,} entries  from {w.source}  "
                   f"sha256 {w.sha256[:12]}{version}  added {w.added_at}")


@watchlist.command("remove")
@click.argument("name")
@click.pass_obj
@handle_errors
def remove(obj: Context, name: str) -> None:
    """Remove list NAME and its hits (judgements are kept, in case it is added again)."""
    with obj.store() as store:
        remove_list(store, name)


def _judge_command(verdict: str) -> click.Command:
    @click.command("confirm" if verdict == "confirmed" else "reject")
    @click.argument("entity")
    @click.argument("list_name", metavar="LIST")
    @click.argument("entry")
    @click.option("--note", help="Why (kept with the judgement).")
    @click.pass_obj
    @handle_errors
    def command(obj: Context, entity: str, list_name: str, entry: str, note: str | None) -> None:
        with obj.store() as store:
            judge(store, entity, list_name, entry, verdict, note)

    command.help = (f"Judge that ENTITY (its name) {'is' if verdict == 'confirmed' else 'is not'} the person or "
                    "organisation ENTRY (the list's id) of LIST; kept across re-screening.")
    return command


watchlist.add_command(_judge_command("confirmed"))
watchlist.add_command(_judge_command("rejected"))


def hit_json(h: Hit) -> dict[str, object]:
    return {"entity": h.entity_name, "type": h.entity_type, "list": h.list, "entry": h.entry,
            "entry_name": h.entry_name, "schema": h.schema, "score": h.score, "verdict": h.verdict,
            "detail": h.detail, "reasons": h.reasons()}


@click.command()
@click.option("--list", "lists", multiple=True, metavar="NAME", help="Screen against this list only (repeatable).")
@click.option("--min-score", default=DEFAULT_MIN_SCORE, show_default=True, type=click.FloatRange(0.5, 1.0),
              help="Lowest name score reported as a hit.")
@click.option("--all", "show_all", is_flag=True, help="Also show hits the analyst rejected.")
@click.option("--symbols", is_flag=True,
              help="Also pair names across scripts by rigour's name symbols (Arabic and Latin); ~8 s to load.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def screen(obj: Context, lists: tuple[str, ...], min_score: float, show_all: bool, symbols: bool,
           as_json: bool) -> None:
    """Screen every person and organisation in the store against the watchlists, with the reasons."""
    with obj.store() as store:
        hits = screen_store(store, lists, min_score, symbols)
    shown = [h for h in hits if show_all or h.verdict != "rejected"]
    shown.sort(key=lambda h: (-h.score, h.entity_name, h.list, h.entry))
    if as_json:
        emit_json([hit_json(h) for h in shown])
        return
    for h in shown:
        verdict = f"  [{h.verdict}]" if h.verdict else ""
        programs = f"  ({h.detail['programs']})" if h.detail.get("programs") else ""
        alias = f" (as {h.match.b!r})" if h.match.b != h.entry_name else ""
        said = f" (as {h.match.a!r})" if h.match.a != h.entity_name else ""
        echo(f"{h.score:.2f}  {h.entity_name}{said} [{h.entity_type}]  ~  {h.entry_name}{alias}  "
                   f"{h.list}:{h.entry}{programs}{verdict}")
        words = ", ".join(f"{p.a}={p.b}" + ("" if p.how == "same word" else f" ({p.how})") for p in h.match.pairs)
        echo(f"      {'; '.join(h.match.reasons)}: {words}")
    echo(f"dossier: {len(shown)} hits ({len(hits) - len(shown)} rejected by the analyst hidden)", err=True)
