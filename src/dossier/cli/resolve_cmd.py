"""Cross-document resolution commands: ``resolve``, ``why``, ``merge``, ``split``, ``judgements``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from dossier import pipeline
from dossier.cli.common import Context, emit_json, handle_errors
from dossier.cli.terminal import echo
from dossier.exc import UsageError
from dossier.resolve.engine import ResolveStats
from dossier.resolve.judgements import JudgementResult
from dossier.resolve.judgements import judgements as list_judgements


def _stats_json(s: ResolveStats) -> dict[str, Any]:
    return {"full": s.full, "documents": s.documents, "new_local_entities": s.new_entities,
            "pairs_scored": s.pairs_scored, "pairs_stored": s.pairs_stored, "pairs_removed": s.pairs_removed,
            "region": s.region, "entities_in_region": s.clusters, "links_written": s.links_written,
            "seconds": s.seconds}


@click.command()
@click.option("--pending", is_flag=True, help="Only what is not resolved yet (what `ingest` does).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def resolve(obj: Context, pending: bool, as_json: bool) -> None:
    """Re-run cross-document entity resolution over the whole store (judgements are kept)."""
    with obj.store() as store:
        stats = pipeline.resolve(store, full=not pending)
        n_entities = store.counts()["entities"]
    if as_json:
        emit_json({**_stats_json(stats), "entities": n_entities})
        return
    echo(f"resolved {stats.new_entities} local entities from {stats.documents} documents: "
               f"{n_entities} entities, {stats.pairs_stored} candidate pairs kept of {stats.pairs_scored} compared, "
               f"{stats.links_written} links written ({stats.seconds:.2f} s)")


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def why(obj: Context, a: str, b: str, as_json: bool) -> None:
    """Explain why entities A and B (names or ids) are, or are not, one entity — or, given two event record
    ids (evt_…), why two reports' events are or are not one event.

    Shows the blocks that put them side by side, each comparison's level and weight, the score, the threshold,
    the decision and any judgement that applied."""
    from dossier.resolve.explain import explain, render

    with obj.store(readonly=True) as store:
        if a.startswith("evt_") and b.startswith("evt_"):  # two event records (see `dossier facts events --json`)
            from dossier.analyze.event_groups import explain as explain_events
            from dossier.store.analysis import reading

            try:
                lines = explain_events(reading(store), a, b)
            except KeyError as missing:
                raise UsageError(f"no event record {missing.args[0]!r} (record ids are a fact's supports)") from None
            for line in lines:
                echo(line)
            return
        e = explain(store, a, b)
    if as_json:
        emit_json(e.to_json())
        return
    for line in render(e):
        echo(line)


def _judge(obj: Context, decision: str, a: str, b: str, note: str | None, as_json: bool) -> None:
    with obj.store() as store:
        r: JudgementResult = pipeline.judge(store, decision, a, b, note)
    if as_json:
        emit_json({"judgement": r.id, "decision": r.decision, "a": {"ref": r.a.ref, "entity": r.entity_a},
                   "b": {"ref": r.b.ref, "entity": r.entity_b}, "honoured": r.honoured, "broken": list(r.broken),
                   "resolution": _stats_json(r.stats)})
    elif r.decision == "merge":
        echo(f"judgement #{r.id}: merge {a!r} and {b!r} → " +
                   (f"one entity {r.entity_a}" if r.honoured else f"{r.entity_a} and {r.entity_b}"))
    else:
        echo(f"judgement #{r.id}: split {a!r} → {r.entity_a}, {b!r} → {r.entity_b}")
    if r.broken:
        echo(f"dossier: warning: earlier judgement(s) {', '.join(f'#{j}' for j in r.broken)} no longer "
                   "hold (this one overrides them where they meet; see `dossier judgements`)", err=True)
    if not r.honoured:
        echo("dossier: warning: an earlier split judgement conflicts with this merge and wins "
                   "(see `dossier judgements`)", err=True)
        sys.exit(1)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--note", help="Why (kept with the judgement).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def merge(obj: Context, a: str, b: str, note: str | None, as_json: bool) -> None:
    """Judge that A and B (names or ids) are one entity; kept across re-runs and new ingests."""
    _judge(obj, "merge", a, b, note, as_json)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--note", help="Why (kept with the judgement).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def split(obj: Context, a: str, b: str, note: str | None, as_json: bool) -> None:
    """Judge that A and B (names or ids) are different entities; kept across re-runs and new ingests."""
    _judge(obj, "split", a, b, note, as_json)


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def judgements(obj: Context, as_json: bool) -> None:
    """List the analyst's judgements, oldest first: merges and splits (#N), then corrections (cN, with who, and
    when undone)."""
    from dossier.resolve.corrections import listing

    with obj.store(readonly=True) as store:
        rows = list_judgements(store)
        fixes = listing(store)
    items = [{"id": r.id, "decision": r.decision, "a": r.a_ref, "b": r.b_ref, "a_entity": r.a_entity,
              "b_entity": r.b_entity, "a_local_entities": json.loads(r.a_locals),
              "b_local_entities": json.loads(r.b_locals), "note": r.note, "who": r.who, "at": r.at}
             for r in rows]
    if as_json:
        emit_json(items + [{**c.as_json(), "id": f"c{c.id}", "decision": "correct"} for c in fixes])
        return
    for j in items:
        note = f"  ({j['note']})" if j["note"] else ""
        who = f"  {j['who']}" if j["who"] else ""
        echo(f"#{j['id']}  {j['at']}{who}  {j['decision']:5}  {j['a']!r} {j['b']!r}{note}")
    for c in fixes:
        note = f"  ({c.note})" if c.note else ""
        undone = f"  [undone {c.undone_at}]" if c.undone_at else ""
        echo(f"c{c.id}  {c.at}  {c.who}  {c.describe()}{note}{undone}")


__all__ = ["resolve", "why", "merge", "split", "judgements"]
