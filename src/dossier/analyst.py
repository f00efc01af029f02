"""What an analyst does that needs the analysis or the report listing: correct a report by the name it is
listed under, merge and split events (re-clustered at once), undo. The corrections themselves are kept and
applied by ``dossier.resolve.corrections``; the CLI (``dossier correct``) and the web app call these."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from dossier.exc import UsageError
from dossier.model.facts import EventFact
from dossier.model.resolution import Correction
from dossier.resolve.corrections import add, fact_label, undo

if TYPE_CHECKING:
    from dossier.store.sqlite import SQLiteStore


def find_document(store: SQLiteStore, ref: str) -> dict[str, Any]:
    """A current report by its path (as listed), stored source, title or id; it must be one report."""
    from dossier.display import document_cards

    cards = document_cards(store)
    ref = ref.strip()
    for how in (lambda d: d["id"] == ref, lambda d: d["source"] == ref or d["stored_source"] == ref,
                lambda d: str(d["title"]).casefold() == ref.casefold(),
                lambda d: os.path.basename(d["stored_source"]) == ref):
        found = [d for d in cards.values() if how(d)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UsageError(f"{ref!r} names {len(found)} reports: give its path as `dossier documents` lists it")
    raise UsageError(f"no report {ref!r} (see `dossier documents`)")


def correct_document(store: SQLiteStore, ref: str, field: str, value: str | None, note: str | None = None,
                     who: str | None = None) -> Correction:
    d = find_document(store, ref)
    return add(store, "document", d["stored_source"], field, value, str(d["source"]), note, who)


def _event(store: SQLiteStore, ref: str) -> EventFact:
    """An event fact by its id, or the fact holding the event record ``ref``."""
    from dossier.analyze import Analysis

    for f in Analysis(store).all_events():
        if f.id == ref or any(x.record == ref for x in f.supports):
            return f
    raise UsageError(f"no event {ref!r} (see `dossier facts events --json`)")


def _recluster(store: SQLiteStore) -> None:
    """Apply an event merge or split at once (the clustering replays them, see analyze/event_groups.py)."""
    from dossier.analyze import event_groups
    from dossier.store import analysis

    with analysis.writing(store) as w:
        event_groups.update(w)


def merge_events(store: SQLiteStore, a: str, b: str, note: str | None = None, who: str | None = None) -> Correction:
    """Judge two events one (must-link): ``b``'s reports join ``a``, which keeps its id."""
    fa, fb = _event(store, a), _event(store, b)
    if fa.id == fb.id:
        raise UsageError(f"{a!r} and {b!r} are already one event")
    ra, rb = min(x.record for x in fa.supports), min(x.record for x in fb.supports)
    c = add(store, "event", ra, "merge", rb, f"{fact_label(fa)!r} merged with {fact_label(fb)!r}", note, who)
    _recluster(store)
    return c


def split_event(store: SQLiteStore, ref: str, reports: list[str], note: str | None = None,
                who: str | None = None) -> Correction:
    """Judge an event's records from ``reports`` (report ids, paths or titles, or event record ids) a separate
    event (cannot-link with the rest)."""
    f = _event(store, ref)
    if not reports:
        raise UsageError("name the report(s) whose telling to split off the event")
    moved: set[str] = set()
    for r in reports:
        recs = {x.record for x in f.supports if x.record == r}
        if not recs:
            doc = find_document(store, r)["id"]
            recs = {x.record for x in f.supports if x.document == doc}
        if not recs:
            raise UsageError(f"{r!r} does not tell event {fact_label(f)!r}")
        moved |= recs
    if moved >= {x.record for x in f.supports}:
        raise UsageError("that would split nothing off: name fewer reports than tell the event")
    rest = min(x.record for x in f.supports if x.record not in moved)
    c = add(store, "event", rest, "split", " ".join(sorted(moved)),
            f"{fact_label(f)!r}: {len(moved)} telling(s) split off", note, who)
    _recluster(store)
    return c


def undo_and_apply(store: SQLiteStore, cid: int) -> Correction:
    """Undo a correction; an event merge or split is re-clustered at once."""
    c = undo(store, cid)
    if c.target == "event" and c.field in ("merge", "split"):
        _recluster(store)
    return c
