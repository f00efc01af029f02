"""Across reports: ``facts`` (corroboration), ``discrepancies``, ``sources``, ``rate`` and ``analyze``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click

from dossier.cli.common import Context, emit_json, handle_errors
from dossier.cli.facts_cmd import MODALITIES, PREDICATES, _check_date, _one_line
from dossier.cli.terminal import echo
from dossier.exc import UsageError
from dossier.model.facts import EventFact, Fact, RelationFact, discrepancy_json, fact_json, support_json
from dossier.model.vocab import RELIABILITY as RELIABILITY_LETTERS
from dossier.store.sqlite import SQLiteStore

# `dossier.analyze` (datasketch, scipy) is imported inside the commands: a third of a second every CLI start
# otherwise, and parse workers re-import the CLI module.
KINDS = ["relations", "events", "claims"]
RELIABILITY = list(RELIABILITY_LETTERS)
DISCREPANCY_KINDS = ["role", "date", "place", "participants", "casualties"]


def _entity_ids(store: SQLiteStore, name: str | None) -> set[str] | None:
    if not name:
        return None
    found = store.find_entities(name)
    if not found:
        raise UsageError(f"no entity named {name!r} (try `dossier entities`)")
    return {e.id for e in found}


def _headline(f: Fact) -> str:
    if isinstance(f, RelationFact):
        roles = f" ({', '.join(f.roles)})" if f.roles else ""
        return f"{f.subject.name} —{f.predicate}{roles}→ {f.object.name}"
    if isinstance(f, EventFact):
        where = f" in {f.place.name}" if f.place and f"in {f.place.name}" not in f.label else ""
        return f"{f.date or 'undated'}  {f.type}: {f.label}{where}"
    return f"{f.source}: {_one_line(f.proposition)}"


def _support_line(s: dict[str, Any]) -> str:
    """A support as listed, from its JSON object (``support_json``)."""
    who = s["publisher"] or s["source"]
    said = "" if s["modality"] == "asserted" and s.get("attribution") in (None, "reporter") else \
        f" [{s['modality']}, according to {s['attribution']}]"
    ev = s["evidence"][0] if s["evidence"] else None
    where = f" [{ev['start']}:{ev['end']}] {_one_line(ev['text'])}" if ev else ""
    return f"    {who} ({s['published'] or 'undated'}, {s['source']}){said}{where}"


@click.command()
@click.argument("kind", type=click.Choice(KINDS), default="relations")
@click.option("--entity", metavar="NAME", help="Only facts involving this entity.")
@click.option("--predicate", type=click.Choice(PREDICATES), help="Relations: only this kind.")
@click.option("--type", "type_", metavar="TYPE", help="Events: only this event type.")
@click.option("--modality", type=click.Choice(MODALITIES), help="Only facts with this overall modality.")
@click.option("--min-sources", type=click.IntRange(min=0), default=0, show_default=True,
              help="Only facts with at least this many independent sources.")
@click.option("--from", "date_from", metavar="DATE", help="Only facts dated (events) or reported on or after DATE.")
@click.option("--to", "date_to", metavar="DATE", help="Only facts dated (events) or reported on or before DATE.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def facts(obj: Context, kind: str, entity: str | None, predicate: str | None, type_: str | None,
          modality: str | None, min_sources: int, date_from: str | None, date_to: str | None, as_json: bool) -> None:
    """Relations, events or claims across reports, each with its supporting sources, the number of
    independent ones (syndicated copies and one outlet's reports count once) and an Admiralty-style grade."""
    from dossier.analyze import Analysis

    _check_date(date_from, "--from")
    _check_date(date_to, "--to")
    with obj.store(readonly=True) as store:
        a = Analysis(store)
        ids = _entity_ids(store, entity)
        rows: list[Fact]
        if kind == "relations":
            rows = [*a.relations(predicate=predicate, modality=modality, min_sources=min_sources,
                               date_from=date_from, date_to=date_to, entities=ids)]
        elif kind == "events":
            rows = [*a.events(type_=type_, modality=modality, min_sources=min_sources, date_from=date_from,
                              date_to=date_to, entities=ids)]
        else:
            rows = [*a.claims(modality=modality, min_sources=min_sources, entities=ids)]
    rows = sorted(rows, key=lambda f: (-f.independent_sources, _headline(f), f.id))
    if as_json:
        emit_json([fact_json(f) for f in rows])
        return
    for f in rows:
        echo(f"{_headline(f)}  [{f.grade}: {f.independent_sources} independent / "
                   f"{f.documents} reports, {f.modality}]")
        echo(f"    why {f.grade}: {f.grade_reason}")
        for s in f.supports:
            echo(_support_line(support_json(s)))


@click.command()
@click.option("--kind", type=click.Choice(DISCREPANCY_KINDS), help="Only this kind of disagreement.")
@click.option("--entity", metavar="NAME", help="Only disagreements about this entity.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def discrepancies(obj: Context, kind: str | None, entity: str | None, as_json: bool) -> None:
    """Where sources disagree — roles, dates, places, participant lists, casualty figures — with the evidence
    for every side."""
    from dossier.analyze import Analysis

    with obj.store(readonly=True) as store:
        rows = Analysis(store).discrepancies(kind=kind, entities=_entity_ids(store, entity))
    if as_json:
        emit_json([discrepancy_json(d) for d in rows])
        return
    for d in rows:
        echo(f"{d.kind}: {d.about}")
        for v in d.values:
            echo(f"  = {v.value}")
            for s in v.supports:
                echo("  " + _support_line(support_json(s)))


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def sources(obj: Context, as_json: bool) -> None:
    """Documents by origin: publisher, analyst rating, and the near-duplicate (syndicated) copies that count
    as one source."""
    from dossier.analyze import Analysis
    from dossier.display import document_cards
    from dossier.model.names import publisher_key

    with obj.store(readonly=True) as store:
        a = Analysis(store)
        origins = a.origins()
        docs = a.sources.docs
        ratings = a.sources.ratings
        paths = {d: c["source"] for d, c in document_cards(store).items()}  # shown instead of ids
    rows = [{"document": d, "source": docs[d].source, "title": docs[d].title, "published": docs[d].published,
             **o, "reliability": ratings.get(publisher_key(o["publisher"]) or "", "F")}
            for d, o in sorted(origins.items(), key=lambda kv: (kv[1]["origin"], kv[0]))]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        copies = (f"  syndicated with {', '.join(paths.get(d, d) for d in r['syndicated_with'])}"
                  if r["syndicated_with"] else "")
        echo(f"{r['reliability']}  {r['publisher'] or '-'}  {r['published'] or '-'}  "
                   f"{paths.get(r['document'], r['source'])}{copies}")


@click.command()
@click.argument("publisher")
@click.argument("reliability", type=click.Choice(RELIABILITY))
@click.option("--note", help="Why (kept with the rating).")
@click.pass_obj
@handle_errors
def rate(obj: Context, publisher: str, reliability: str, note: str | None) -> None:
    """Rate a publisher's reliability on the Admiralty scale (A completely reliable … E unreliable, F cannot be
    judged). Unrated sources are F; a fact's grade takes the best rating among its independent sources."""
    from dossier.model.names import publisher_key
    from dossier.model.vocab import RELIABILITY_NAMES

    key = publisher_key(publisher)
    if not key:
        raise UsageError(f"publisher {publisher!r} has no letters or digits")
    from dossier.model.views import SourceRating
    from dossier.store.ratings import rate as store_rating

    with obj.store() as store:
        store_rating(store, SourceRating(key, publisher, reliability, note,
                                         datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))
    echo(f"{publisher}: {reliability} ({RELIABILITY_NAMES[reliability]})")


@click.command()
@click.option("--full", is_flag=True, help="Recompute everything, not only what changed.")
@click.pass_obj
@handle_errors
def analyze(obj: Context, full: bool) -> None:
    """Bring the cross-report analysis up to date (ingest, resolve, merge and split already do this):
    near-duplicate signatures and cross-document event clusters."""
    from dossier.analyze import refresh

    with obj.store() as store:
        stats = refresh(store, full=full)
    echo(f"{stats.events} events in {stats.event_clusters} clusters ({stats.reclustered} of "
               f"{stats.partitions} partitions recomputed); {stats.signatures} documents signed")


@click.command()
@click.pass_obj
@handle_errors
def upgrade(obj: Context) -> None:
    """Upgrade a store written by an older dossier in place: the schema changes since v2 only added tables, so
    nothing extracted is touched; the new analysis tables are then filled (as `dossier analyze --full`)."""
    from dossier.analyze import refresh
    from dossier.store.sqlite import SCHEMA_VERSION, open_store

    with open_store(obj.db, readonly=True, upgrade=True) as store:  # read-only: only reads the version
        found = store.schema_version
    with open_store(obj.db, upgrade=True) as store:
        stats = refresh(store, full=True)
    echo(f"{obj.db}: schema v{found} → v{SCHEMA_VERSION}; {stats.events} events in {stats.event_clusters} "
               f"clusters, {stats.signatures} documents signed")


__all__ = ["facts", "discrepancies", "sources", "rate", "analyze", "upgrade"]
