"""Analyst corrections (resolve/corrections.py): ``rename``, ``retype``, ``correct``, ``reject``, ``undo``."""

from __future__ import annotations

import click

from dossier import analyst
from dossier.cli.common import Context, emit_json, handle_errors
from dossier.cli.terminal import echo
from dossier.exc import UsageError
from dossier.model import EntityType
from dossier.model.facts import Fact
from dossier.model.resolution import Correction
from dossier.resolve import corrections as cx
from dossier.store.sqlite import SQLiteStore

_NOTE = click.option("--note", help="Why (kept with the correction).")


def _done(c: Correction, as_json: bool = False) -> None:
    if as_json:
        emit_json(c.as_json())
    else:
        echo(f"correction c{c.id}: {c.describe()} (by {c.who}; `dossier undo c{c.id}` to undo)")


@click.command()
@click.argument("entity")
@click.argument("name")
@_NOTE
@click.pass_obj
@handle_errors
def rename(obj: Context, entity: str, name: str, note: str | None) -> None:
    """Choose ENTITY's canonical NAME (its old name stays an alias). ENTITY: a name or an id."""
    with obj.store() as store:
        _done(cx.correct_entity(store, entity, "name", name, note))


@click.command()
@click.argument("entity")
@click.argument("type_", metavar="TYPE", type=click.Choice([t.value for t in EntityType]))
@_NOTE
@click.pass_obj
@handle_errors
def retype(obj: Context, entity: str, type_: str, note: str | None) -> None:
    """Change ENTITY's type."""
    with obj.store() as store:
        _done(cx.correct_entity(store, entity, "type", type_, note))


def _fact(store: SQLiteStore, kind: str, fact_id: str) -> Fact:
    from dossier.analyze import Analysis

    a = Analysis(store)
    facts: list[Fact] = [*(a.relations() if kind == "relation" else a.events() if kind == "event" else a.claims())]
    for f in facts:
        if f.id == fact_id:
            return f
    raise UsageError(f"no {kind} {fact_id!r} (see `dossier facts --json`)")


@click.group()
def correct() -> None:
    """Correct a report's metadata or an event (stored as a judgement: listed, undoable, kept on re-ingest)."""


@correct.command("report")
@click.argument("report")
@click.argument("field", type=click.Choice(cx.DOCUMENT_FIELDS))
@click.argument("value", required=False)
@_NOTE
@click.pass_obj
@handle_errors
def correct_report(obj: Context, report: str, field: str, value: str | None, note: str | None) -> None:
    """Set REPORT's date (published: YYYY[-MM[-DD]]), publisher or title. REPORT: its path, title or id."""
    with obj.store() as store:
        _done(analyst.correct_document(store, report, field, value, note))


@correct.command("event")
@click.argument("event_id")
@click.argument("field", type=click.Choice(["date", "place"]))
@click.argument("value", required=False)
@_NOTE
@click.pass_obj
@handle_errors
def correct_event(obj: Context, event_id: str, field: str, value: str | None, note: str | None) -> None:
    """Set an event's date (YYYY[-MM[-DD]], empty: undated) or place (a place's name, empty: none)."""
    with obj.store() as store:
        f = _fact(store, "event", event_id)
        _done(cx.correct_fact(store, "event", event_id, field, value, cx.fact_label(f), note))


@correct.command("merge-events")
@click.argument("event_a")
@click.argument("event_b")
@_NOTE
@click.pass_obj
@handle_errors
def merge_events(obj: Context, event_a: str, event_b: str, note: str | None) -> None:
    """Judge two events one: EVENT_B's reports join EVENT_A (which keeps its id). Events: fact ids."""
    with obj.store() as store:
        _done(analyst.merge_events(store, event_a, event_b, note))


@correct.command("split-event")
@click.argument("event_id")
@click.argument("reports", nargs=-1, required=True)
@_NOTE
@click.pass_obj
@handle_errors
def split_event(obj: Context, event_id: str, reports: tuple[str, ...], note: str | None) -> None:
    """Judge the telling of EVENT_ID by REPORTS (paths, titles or ids) a separate event."""
    with obj.store() as store:
        _done(analyst.split_event(store, event_id, list(reports), note))


@click.command()
@click.argument("kind", type=click.Choice(cx.FACT_KINDS))
@click.argument("fact_id")
@_NOTE
@click.pass_obj
@handle_errors
def reject(obj: Context, kind: str, fact_id: str, note: str | None) -> None:
    """Reject a relation, event or claim as wrong: it leaves the listings, the chart and the card (undoable)."""
    with obj.store() as store:
        f = _fact(store, kind, fact_id)
        _done(cx.correct_fact(store, kind, fact_id, "rejected", None, cx.fact_label(f), note))


@click.command()
@click.argument("correction")
@click.pass_obj
@handle_errors
def undo(obj: Context, correction: str) -> None:
    """Undo correction cN (as `dossier judgements` lists it). A merge or split is undone by the opposite one."""
    if not correction.lower().lstrip("c").isdigit():
        raise UsageError(f"{correction!r} is not a correction (cN, as `dossier judgements` lists it)")
    with obj.store() as store:
        c = analyst.undo_and_apply(store, int(correction.lower().lstrip("c")))
    echo(f"correction c{c.id} undone: {c.describe()}")
