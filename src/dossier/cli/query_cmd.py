"""Read-only commands over the store: ``summary``, ``documents``, ``entities``, ``show``, ``text``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from dossier.cli.common import Context, emit_json, handle_errors
from dossier.cli.terminal import echo
from dossier.display import plural
from dossier.exc import UsageError
from dossier.model import EntityType
from dossier.model.facts import Fact
from dossier.model.names import name_key
from dossier.store.documents import rejections
from dossier.store.facts import Facts
from dossier.store.mentions import mentions_of
from dossier.store.pages import page_maps, span_label

if TYPE_CHECKING:
    from dossier.resolve.corrections import Corrections
    from dossier.store.sqlite import SQLiteStore

_TYPES = [t.value for t in EntityType]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
@handle_errors
def summary(obj: Context, as_json: bool) -> None:
    """What the store holds: counts, and the most mentioned entities of each type."""
    with obj.store(readonly=True) as store:
        counts = store.counts()
        ents = store.entities()
        top = {t: [e for e in ents if e.type == t][:5] for t in _TYPES}
        rejected = rejections(store)
    if as_json:
        emit_json({"counts": counts,
                   "top_entities": {t: [{"id": e.id, "name": e.name, "mentions": e.n_mentions,
                                         "documents": e.n_documents} for e in v] for t, v in top.items()},
                   "rejected": [{"source": r.source, "reason": r.reason} for r in rejected]})
        return
    echo(f"store: {obj.db}")
    echo("  ".join(f"{k}: {v}" for k, v in counts.items()))
    by_type = {t: sum(1 for e in ents if e.type == t) for t in _TYPES}
    echo("entities by type: " + ", ".join(f"{t} {n}" for t, n in by_type.items()))
    for t in _TYPES:
        if top[t]:
            echo(f"top {t}: " + "; ".join(f"{e.name} ({e.n_mentions} mentions, {e.n_documents} docs)"
                                                for e in top[t]))
    for r in rejected:
        echo(f"rejected: {r.source}: {r.reason}")


@click.command()
@click.option("--all-versions", is_flag=True, help="Include superseded versions.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def documents(obj: Context, all_versions: bool, as_json: bool) -> None:
    """List the ingested documents with their metadata."""
    from dossier.display import document_cards

    with obj.store(readonly=True) as store:
        cards = document_cards(store, current_only=not all_versions)
    if as_json:
        emit_json([{"source": d["stored_source"], "path": d["source"],
                    **{k: d[k] for k in ("id", "title", "title_from", "published", "published_inferred",
                                         "publisher", "author", "dateline_place", "version", "current")}}
                   for d in cards.values()])
        return
    for d in cards.values():  # a person reads titles and paths relative to the folder ingested, never ids
        date = (d["published"] or "-") + ("*" if d["published_inferred"] else "")
        old = "" if d["current"] else f"  (version {d['version']}, superseded)"
        by = f"  by {d['author']}" if d["author"] else ""
        echo(f"{date:11}  {d['publisher'] or '-':20.20}  {d['source']}  {d['title']}{by}{old}")


@click.command()
@click.option("--type", "type_", type=click.Choice(_TYPES), help="Only entities of this type.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def entities(obj: Context, type_: str | None, limit: int | None, as_json: bool) -> None:
    """List entities, most mentioned first."""
    from dossier.resolve.corrections import Corrections

    with obj.store(readonly=True) as store:
        corr = Corrections.load(store)
        rows = [corr.entity(e) for e in store.entities()] if corr else store.entities()
    rows = [e for e in rows if type_ is None or e.type == type_][:limit]  # the type as corrected
    if as_json:
        emit_json([{"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
                    "mentions": e.n_mentions, "documents": e.n_documents} for e in rows])
        return
    for e in rows:
        aka = f"  (aka {', '.join(e.aliases)})" if e.aliases else ""
        echo(f"{e.type:12}  {plural(e.n_mentions, 'mention'):>13}  {plural(e.n_documents, 'report'):>11}  "
                   f"{e.name}{aka}")


class _RecordFixes:
    """The analyst's corrections applied to a card's per-report records: a record of a rejected fact is left out,
    an event record takes its event's corrected date and place, and every entity named takes its chosen name."""

    def __init__(self, store: SQLiteStore, corr: Corrections) -> None:
        from dossier.analyze import Analysis

        self.corr = corr
        self.fact_of: dict[str, str] = {}
        if corr.facts:
            a = Analysis(store)
            facts: list[Fact] = [*a.all_relations(), *a.all_events()]
            for f in facts:
                for sup in f.supports:
                    self.fact_of[sup.record] = f.id
        self.names = {e.id: c for e in store.entities() if (c := corr.entity(e)) is not e}

    def _rename(self, node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str) and node["id"] in self.names and "name" in node:
                node["name"] = self.names[node["id"]].name
                node["type"] = self.names[node["id"]].type
            for v in node.values():
                self._rename(v)
        elif isinstance(node, list):
            for v in node:
                self._rename(v)

    def records(self, rows: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
        out = []
        for r in rows:
            fid = self.fact_of.get(r["id"], r["id"])
            if self.corr.rejected(fid):
                continue
            fix = self.corr.fact(fid)
            if kind == "event" and fix:
                r = {**r, "corrected": sorted(fix)}
                if "date" in fix:
                    r["date"], r["date_inferred"] = fix["date"], False
                    r["date_granularity"] = ({10: "day", 7: "month", 4: "year"}.get(len(fix["date"] or ""))
                                             if fix["date"] else None)
                if "place" in fix:
                    r["place"] = {"id": None, "name": fix["place"], "type": "place"} if fix["place"] else None
            self._rename(r)
            out.append(r)
        return out


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@handle_errors
def show(obj: Context, name: str, as_json: bool) -> None:
    """The entity card: name, type, aliases, attributes, and every mention with its sentence and document."""
    from dossier.display import document_cards
    from dossier.resolve.corrections import Corrections

    with obj.store(readonly=True) as store:
        corr = Corrections.load(store)
        found = store.find_entities(name)
        if not found and corr:  # the name the analyst chose
            found = [e for e in store.entities() if name_key(corr.entity(e).name) == name_key(name)]
        if not found:
            raise UsageError(f"no entity named {name!r} (try `dossier entities`)")
        facts = Facts(store)
        cards = []
        for e in found[:10]:
            mentions = mentions_of(store, e.local_ids)
            rels = facts.relations(local_ids=set(e.local_ids))
            evts = facts.events(involving=set(e.local_ids))
            cards.append((e, mentions, rels, evts))
        if corr:
            fix = _RecordFixes(store, corr)
            cards = [(corr.entity(e), ms, fix.records(rels, "relation"), fix.records(evts, "event"))
                     for e, ms, rels, evts in cards]
        shown = {d["stored_source"]: d["source"] for d in document_cards(store).values()}  # relative paths
        maps = page_maps(store)
    for _e, _ms, rels, evts in cards:
        for r in (*rels, *evts):
            r["source"] = shown.get(r["source"], r["source"])
    if as_json:
        emit_json([{"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
                    "attributes": dict(e.attributes),
                    "mentions": [{"document": m.document, "source": _shown(shown, m.source),
                                  "start": m.start,
                                  "end": m.end, "text": m.text, "sentence": m.sentence_text}
                                 for m in ms],
                    "relations": rels, "events": evts} for e, ms, rels, evts in cards])
        return
    for e, ms, rels, evts in cards:
        echo(f"{e.name}  [{e.type}]")
        if e.aliases:
            echo(f"  aliases: {', '.join(e.aliases)}")
        for k, v in e.attributes:
            echo(f"  {k}: {v}")
        if rels:
            echo(f"  {plural(len(rels), 'relation')}:")
        for r in rels:
            role = f" ({r['role']})" if r["role"] else ""
            how = "" if r["modality"] == "asserted" else f" [{r['modality']}, according to {r['attribution']}]"
            echo(f"  - {r['subject']['name']} —{r['predicate']}{role}→ {r['object']['name']}{how}")
            for ev in r["evidence"]:
                where = span_label(shown.get(r['source'], r['source']), r['document'], ev['start'], ev['end'], maps)
                echo(f"      {where} {' '.join(ev['text'].split())}")
        if evts:
            echo(f"  {plural(len(evts), 'event')}:")
        for ev in evts:
            how = "" if ev["modality"] == "asserted" else f" [{ev['modality']}, according to {ev['attribution']}]"
            echo(f"  - {ev['date'] or 'undated'} {ev['type']}: {ev['label']}{how}")
            for sp in ev["evidence"]:
                where = span_label(shown.get(ev['source'], ev['source']), ev['document'], sp['start'], sp['end'],
                                   maps)
                echo(f"      {where} {' '.join(sp['text'].split())}")
        echo(f"  {plural(e.n_mentions, 'mention')} in {plural(e.n_documents, 'report')}:")
        for m in ms:
            sentence = " ".join((m.sentence_text or "").split())
            where = span_label(_shown(shown, m.source), m.document, m.start, m.end, maps)
            echo(f"  - {where} {m.text!r}: {sentence}")
        echo("")


def _shown(shown: dict[str, str], source: str | None) -> str:
    """A mention's report as a person names it (its path relative to the folder ingested)."""
    return shown.get(source or "", source or "")


@click.command()
@click.argument("document_id")
@click.pass_obj
@handle_errors
def text(obj: Context, document_id: str) -> None:
    """Print a document's stored text exactly (the text every offset refers to)."""
    with obj.store(readonly=True) as store:
        body = store.document_text(document_id)
    if body is None:
        raise UsageError(f"no document with id {document_id!r} (see `dossier documents`)")
    click.echo(body, nl=False)


__all__ = ["summary", "documents", "entities", "show", "text"]
