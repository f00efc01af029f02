"""The digest: what the documents ingested since a moment added to the store, each item with its evidence.

"New" is decided by the documents' ``ingested_at``: the digest lists those documents, the entities seen only
in them, the relation and event facts supported only by them, the facts they added support to where the
number of independent sources or the grade changed (before: the same fact without the new documents), the
discrepancies they take part in, and the watchlist hits of the entities they mention. Nothing is written:
the watchlists are screened in memory.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dossier.exc import UsageError
from dossier.model.facts import EventFact, Fact, RelationFact, support_json
from dossier.model.pages import page_of
from dossier.model.views import StoredDocument
from dossier.store.documents import document as stored_document
from dossier.store.documents import documents, local_documents
from dossier.store.mentions import mentions_of
from dossier.store.pages import page_maps
from dossier.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from dossier.analyze import Analysis

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?Z?")


def parse_since(value: str) -> str:
    """``2026-12-06`` or ``2026-12-06T04:00:00Z`` → the ``ingested_at`` form (UTC, seconds)."""
    value = value.strip()
    if _DATE.fullmatch(value):
        stamp = f"{value}T00:00:00Z"
    elif _STAMP.fullmatch(value):
        stamp = value.replace(" ", "T").rstrip("Z")
        stamp = (stamp if stamp.count(":") == 2 else stamp + ":00") + "Z"
    else:
        raise UsageError(f"--since {value!r}: use a date (2026-12-06) or a UTC time (2026-12-06T04:00:00Z)")
    try:
        datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError as err:
        raise UsageError(f"--since {value!r}: not a valid date ({err})") from err
    return stamp


@dataclass
class Context:
    store: SQLiteStore
    new_docs: dict[str, StoredDocument]
    pages: dict[str, list[tuple[int, int]]]

    def where(self, document: str) -> str:
        """How a person names a document: its title, else its file name or URL."""
        d = self.new_docs.get(document) or stored_document(self.store, document, with_text=False)
        if d is None:
            return display_source(document)
        return str(d.title or display_source(d.source))

    def evidence(self, span: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"document": self.where(span["document"]), "text": " ".join(str(span["text"]).split())}
        page = page_of(self.pages.get(span["document"], []), int(span["start"]))
        if page is not None:
            out["page"] = page
        return out


def display_source(source: str) -> str:
    return source if "://" in source else os.path.basename(source) or source


def _new_documents(store: SQLiteStore, since: str) -> dict[str, StoredDocument]:
    return {d.id: d for d in documents(store, order="ingested", ingested_since=since)}


def _pages(store: SQLiteStore, docs: set[str]) -> dict[str, list[tuple[int, int]]]:
    if not docs:
        return {}
    return {d: pages for d, pages in page_maps(store).items() if d in docs}


def _entities(ctx: Context) -> tuple[list[dict[str, Any]], set[str]]:
    """(entities seen only in new documents, ids of every entity the new documents mention)."""
    new, touched = [], set()
    local_doc = local_documents(ctx.store)
    for e in ctx.store.iter_entities():
        docs = {local_doc[lid] for lid in e.local_ids if lid in local_doc}
        if not docs & set(ctx.new_docs):
            continue
        touched.add(e.id)
        if docs <= set(ctx.new_docs):
            mentions = mentions_of(ctx.store, e.local_ids)
            first = mentions[0] if mentions else None
            evidence = [ctx.evidence({"document": first.document, "start": first.start,
                                      "text": first.sentence_text or first.text})] if first else []
            new.append({"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                        "mentions": len(mentions), "evidence": evidence})
    new.sort(key=lambda x: (x["type"], x["name"]))
    return new, touched


def _supports(ctx: Context, sups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for s in sups:
        spans = s.get("evidence") or []
        spans = spans if isinstance(spans, list) else [spans]
        out.append({"document": ctx.where(s["document"]), "publisher": s.get("publisher"),
                    "published": s.get("published"), "modality": s.get("modality"),
                    "attribution": s.get("attribution"), "evidence": [ctx.evidence(x) for x in spans]})
    return out


def _headline(f: Fact) -> str:
    if isinstance(f, RelationFact):
        roles = f" ({', '.join(f.roles)})" if f.roles else ""
        return f"{f.subject.name} —{f.predicate}{roles}→ {f.object.name}"
    if isinstance(f, EventFact):
        place = f" in {f.place.name}" if f.place else ""
        return f"{f.date or 'undated'} {f.type}: {f.label}{place}"
    return f"{f.source}: {' '.join(f.proposition.split())}"


def _facts(ctx: Context, a: Analysis) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """New relation and event facts, and facts of any kind whose sources or grade the new documents changed."""
    new: dict[str, list[dict[str, Any]]] = {"relations": [], "events": []}
    changed: list[dict[str, Any]] = []
    facts: tuple[tuple[str, list[Fact]], ...] = (("relation", [*a.all_relations()]), ("event", [*a.all_events()]),
                                                 ("claim", [*a.all_claims()]))
    for kind, kind_facts in facts:
        for f in kind_facts:
            docs = {s.document for s in f.supports}
            fresh = docs & set(ctx.new_docs)
            if not fresh:
                continue
            item: dict[str, Any] = {"id": f.id, "kind": kind, "headline": _headline(f), "grade": f.grade,
                                    "independent_sources": f.independent_sources, "modality": f.modality}
            if fresh == docs:
                if kind != "claim":
                    item["supports"] = _supports(ctx, [support_json(s) for s in f.supports])
                    new[kind + "s"].append(item)
                continue
            old = [s for s in f.supports if s.document not in ctx.new_docs]
            before = a.sources.corroborate(old, attributed=kind == "claim")
            if (before["independent_sources"], before["grade"]) != (f.independent_sources, f.grade):
                item["before"] = {"independent_sources": before["independent_sources"], "grade": before["grade"]}
                item["supports"] = _supports(ctx, [support_json(s) for s in f.supports
                                                   if s.document in ctx.new_docs])
                changed.append(item)
    for items in (*new.values(), changed):
        items.sort(key=lambda x: (x["kind"], x["headline"]))
    return new, changed


def _discrepancies(ctx: Context, a: Analysis) -> list[dict[str, Any]]:
    out = []
    for d in a.discrepancies():
        docs = {s.document for v in d.values for s in v.supports}
        if docs & set(ctx.new_docs):
            out.append({"kind": d.kind, "about": d.about,
                        "values": [{"value": v.value, "supports": _supports(ctx, [support_json(s) for s in v.supports])}
                                   for v in d.values]})
    return sorted(out, key=lambda x: (x["kind"], x["about"]))


def _hits(ctx: Context, touched: set[str], watchlists: list[str] | None) -> list[dict[str, Any]]:
    from dossier.screen.engine import Screener, judgements, list_watchlists, load_entries, subjects

    names = [w.name for w in list_watchlists(ctx.store)]
    if watchlists:
        missing = [w for w in watchlists if w not in names]
        if missing:
            raise UsageError(f"no watchlist named {missing[0]!r} (see `dossier watchlist list`)")
        names = list(watchlists)
    people = [s for s in subjects(ctx.store) if s.id in touched]
    if not people or not names:
        return []
    verdicts = judgements(ctx.store)
    out = []
    for name in names:
        screener = Screener(name, load_entries(ctx.store, name))
        for subject in people:
            for h in screener.screen(subject):
                verdict = verdicts.get((h.entity_name.casefold(), h.list, h.entry))
                if verdict == "rejected":
                    continue
                out.append({"entity": h.entity_name, "type": h.entity_type, "list": h.list, "entry": h.entry,
                            "entry_name": h.entry_name, "score": h.score, "verdict": verdict,
                            "programs": h.detail.get("programs"), "reasons": h.reasons()})
    return sorted(out, key=lambda x: (-x["score"], x["entity"], x["list"], x["entry"]))


def build_digest(store: SQLiteStore, since: str, watchlists: list[str] | None = None) -> dict[str, Any]:
    from dossier.analyze import Analysis

    new_docs = _new_documents(store, since)
    ctx = Context(store, new_docs, _pages(store, set(new_docs)))
    listed = [{"title": d.title, "source": display_source(d.source), "publisher": d.publisher,
               "published": d.published, "ingested_at": d.ingested_at} for d in new_docs.values()]
    entities, touched = _entities(ctx) if new_docs else ([], set())
    a = Analysis(store)
    new, changed = _facts(ctx, a) if new_docs else ({"relations": [], "events": []}, [])
    return {
        "since": since, "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "documents": listed, "entities": entities, "relations": new["relations"], "events": new["events"],
        "facts_changed": changed, "discrepancies": _discrepancies(ctx, a) if new_docs else [],
        "watchlist_hits": _hits(ctx, touched, watchlists) if new_docs else [],
    }
