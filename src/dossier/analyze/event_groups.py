"""Cross-document event coreference on the store: which event records, across reports, are one event.

The scorer is ``dossier.resolve.event_coref`` (evaluated on ECB+, docs/event-coreference.md); this module feeds it
the store's events and keeps its answer in ``event_clusters``:

- **Views.** Each event record becomes an ``EventView``: its trigger key (the label's head noun, so "met" and
  "meeting" agree; for a statement, also its speaker — "a statement" is a different event for each speaker),
  type, date bounds, place and participants as *canonical* entity ids (after entity resolution), and the
  document's context — the canonical ids of everything the report names.
- **Partitions.** Coreference is only scored within a partition: one family of event types (an attack and a
  raid may be one occurrence) and one year (the event's date, else the report's). Its cost is quadratic in a
  partition's size, not the store's.
- **Incremental.** A partition is re-clustered only when what it is clustered from changed: its members or any
  of their keys (a new report, a new entity link, a merge or split). Each partition's answer depends on its own
  views alone, sorted by id, so updating after every report gives the same clusters as one run over all.

Embeddings are not used here, so results do not depend on whether the optional extra is installed.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.extract import timex
from dossier.model import stable_id
from dossier.resolve.event_coref import EventView, default_model, resolve_events

_LABEL_TAIL = re.compile(r" (?:between|of|in) ")
# event types one occurrence is often given by different reports ("raid" by police vs "attack" by militants):
# they share a partition, and the scorer's type feature weighs the difference
_BY_SPEAKER = frozenset({"statement"})
_FAMILY = {"attack": "violence", "operation": "violence", "arrest": "violence", "meeting": "meeting",
           "visit": "meeting", "agreement": "meeting"}


@dataclass(frozen=True, slots=True)
class UpdateStats:
    partitions: int  # partitions in the store
    reclustered: int  # partitions whose clusters were recomputed
    events: int
    clusters: int


def trigger_key(label: str, trigger_text: str) -> str:
    """The head noun of the event's label ("meeting between A and B" → "meeting"), singular."""
    base = _LABEL_TAIL.split(label, maxsplit=1)[0].strip().lower() or trigger_text.lower()
    head = base.split()[-1]
    if len(head) > 4 and head.endswith("s") and not head.endswith(("ss", "us", "is")):
        head = head[:-1]
    return head


def _links(c: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in c.execute("SELECT local_entity, entity FROM entity_links")}


def load_views(c: sqlite3.Connection) -> dict[str, tuple[str, EventView]]:
    """event id → (partition, view) for every event of a current document."""
    links = _links(c)
    context: dict[str, set[str]] = {}
    for le_id, doc in c.execute(
        "SELECT le.id, le.document FROM local_entities le JOIN documents d ON d.id = le.document AND d.is_current = 1"
    ):
        context.setdefault(doc, set()).add(links.get(le_id, le_id))
    out: dict[str, tuple[str, EventView]] = {}
    for r in c.execute(
        "SELECT e.id, e.document, e.type, e.label, e.trigger_start, e.trigger_end, e.trigger_text, e.date, "
        "e.date_granularity, e.place, e.participants, e.evidence, d.published FROM events e "
        "JOIN documents d ON d.id = e.document AND d.is_current = 1"
    ):
        eid, doc, type_, label, t0, t1, ttext, date, gran, place, parts, evidence, published = r
        sentence, trigger = "", None
        for span in json.loads(evidence):
            if span["start"] <= t0 and t1 <= span["end"]:
                sentence, trigger = span["text"], (t0 - span["start"], t1 - span["start"])
                break
        span_bounds = timex.bounds(date) if date else None
        year = (span_bounds[0].year if span_bounds and span_bounds[0].year == span_bounds[1].year
                else (published or "")[:4] or "undated")
        plist = json.loads(parts)
        participants = frozenset(links.get(p["entity"], p["entity"]) for p in plist)
        key = trigger_key(label, ttext)
        speakers = sorted(links.get(p["entity"], p["entity"]) for p in plist if p["role"] == "speaker")
        if type_ in _BY_SPEAKER and speakers:  # "a statement" is told apart by who made it
            key = f"{key}/{speakers[0]}"
        view = EventView(
            id=eid, document=doc, lemma=key, sentence=sentence, trigger=trigger, type=type_,
            date=span_bounds, granularity=gran, place=links.get(place, place) if place else None,
            participants=participants, context=frozenset(context.get(doc, ())),
        )
        out[eid] = (f"{_FAMILY.get(type_, type_)}:{year}", view)
    return out


def _signature(views: list[EventView]) -> str:
    h = hashlib.sha1()
    for v in views:
        h.update(repr((v.id, v.lemma, v.type, v.date, v.granularity, v.place, sorted(v.participants),
                       sorted(v.context))).encode())
    return h.hexdigest()


def cluster_partition(views: list[EventView]) -> list[tuple[str, str, float | None]]:
    """``(event id, cluster id, joining score)`` for one partition's views (sorted by id inside)."""
    views = sorted(views, key=lambda v: v.id)
    result = resolve_events(views, model=default_model(False), embedder=None)
    rows = []
    for members in result.clusters():
        cluster = stable_id("evt", views[members[0]].id)
        scores = result.mean_scores(members) if len(members) > 1 else [None]
        for m, score in zip(members, scores, strict=True):
            rows.append((views[m].id, cluster, score))
    return rows


def update(c: sqlite3.Connection, *, full: bool = False) -> UpdateStats:
    """Bring ``event_clusters`` up to date inside the caller's transaction."""
    by_part: dict[str, list[EventView]] = {}
    for part, view in load_views(c).values():
        by_part.setdefault(part, []).append(view)
    known = {} if full else {p: s for p, s in c.execute("SELECT partition, signature FROM event_partitions")}
    if full:
        c.execute("DELETE FROM event_clusters")
        c.execute("DELETE FROM event_partitions")
    gone = set(known) - set(by_part)
    for part in sorted(gone):
        c.execute("DELETE FROM event_clusters WHERE partition = ?", (part,))
        c.execute("DELETE FROM event_partitions WHERE partition = ?", (part,))
    redone = 0
    for part in sorted(by_part):
        views = sorted(by_part[part], key=lambda v: v.id)
        sig = _signature(views)
        if known.get(part) == sig:
            continue
        redone += 1
        c.execute("DELETE FROM event_clusters WHERE partition = ?", (part,))
        c.executemany("INSERT OR REPLACE INTO event_clusters(event, cluster, partition, score) VALUES (?,?,?,?)",
                      [(e, k, part, s) for e, k, s in cluster_partition(views)])
        c.execute("INSERT OR REPLACE INTO event_partitions(partition, signature) VALUES (?,?)", (part, sig))
    n_events = sum(len(v) for v in by_part.values())
    n_clusters = c.execute("SELECT count(DISTINCT cluster) FROM event_clusters").fetchone()[0]
    return UpdateStats(len(by_part), redone, n_events, int(n_clusters))


def clusters_in_memory(views: Iterable[tuple[str, EventView]]) -> dict[str, str]:
    """event id → cluster id without the store tables (a read-only store written before they were filled)."""
    by_part: dict[str, list[EventView]] = {}
    for part, view in views:
        by_part.setdefault(part, []).append(view)
    return {e: k for part in sorted(by_part) for e, k, _ in cluster_partition(by_part[part])}


def explain(c: sqlite3.Connection, a: str, b: str) -> list[str]:
    """Why two event records are (not) one event: their partitions, and if shared, the pair's features."""
    views = load_views(c)
    missing = [x for x in (a, b) if x not in views]
    if missing:
        raise KeyError(missing[0])
    (pa, va), (pb, vb) = views[a], views[b]
    def when(v: EventView) -> str:
        return "undated" if v.date is None else "/".join(sorted({v.date[0].isoformat(), v.date[1].isoformat()}))

    lines = [f"{a}: {va.type} '{va.lemma}' {when(va)} in partition {pa}",
             f"{b}: {vb.type} '{vb.lemma}' {when(vb)} in partition {pb}"]
    if pa != pb:
        return [*lines, "apart: different partitions (type family × year) are never compared"]
    members = sorted((v for p, v in views.values() if p == pa), key=lambda v: v.id)
    result = resolve_events(members, model=default_model(False), embedder=None)
    index = {v.id: i for i, v in enumerate(members)}
    e = result.why(index[a], index[b])
    lines.append(e.summary())
    lines.append("features and weighted contributions: " + ", ".join(
        f"{k}={e.features[k]:+.2f} ({e.contributions[k]:+.2f})" for k in sorted(e.features) if e.features[k]))
    return lines
