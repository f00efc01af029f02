"""Analyst corrections: a report's date, publisher or title; an entity's canonical name or type; an event's date
or place; a relation, event or claim rejected as wrong.

Like merge/split (``judgements.py``) a correction is source data: stored as given with who and when
(``analyst_corrections``), never written into the extraction tables, and applied every time the store is read for
a person (the web index, the CLI listings), so it survives re-ingest and re-resolution. Each is keyed by what
outlives both: a report by its source (a new version of the file keeps it), an entity by its type and the name key
of the name it had (a re-ingested report re-creates it under the same name), a fact by its id. Undo marks it
undone (kept, so the listing shows the history); the next correction of the same field wins over earlier ones.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from dossier.exc import UsageError
from dossier.model import EntityType, stable_id
from dossier.model.facts import ClaimFact, EntityRef, EventFact, Fact, RelationFact, Role
from dossier.model.names import name_key, publisher_key
from dossier.model.resolution import ClaimRecordRow, Correction, EventRecordRow
from dossier.model.vocab import FactKind
from dossier.store import judgements as stored

R = TypeVar("R", EventRecordRow, ClaimRecordRow)
F = TypeVar("F", RelationFact, EventFact, ClaimFact)

if TYPE_CHECKING:
    from dossier.store.sqlite import EntityRow, SQLiteStore

DOCUMENT_FIELDS = ("published", "publisher", "title")
ENTITY_FIELDS = ("name", "type")
EVENT_FIELDS = ("date", "place", "rejected", "merge", "split")
FACT_KINDS = tuple(k.value for k in FactKind)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def analyst() -> str:
    """Who is correcting: $DOSSIER_ANALYST, else the login name."""
    try:
        return os.environ.get("DOSSIER_ANALYST") or getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entity_key(type_: str, name: str) -> str:
    return f"{type_}|{name_key(name)}"


def _check(target: str, field: str, value: str | None) -> str | None:
    value = value.strip() if isinstance(value, str) else value
    if target == "document":
        if field not in DOCUMENT_FIELDS:
            raise UsageError(f"a report's {field!r} cannot be corrected (choose from {', '.join(DOCUMENT_FIELDS)})")
        if field == "published" and value and not _DATE.match(value):
            raise UsageError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    elif target == "entity":
        if field not in ENTITY_FIELDS:
            raise UsageError(f"an entity's {field!r} cannot be corrected (choose from name, type)")
        if field == "type" and value not in {t.value for t in EntityType}:
            raise UsageError(f"unknown entity type {value!r} (choose from {', '.join(t.value for t in EntityType)})")
        if field == "name" and not name_key(value or ""):
            raise UsageError("a name needs letters or digits")
    elif target in FACT_KINDS:
        if field != "rejected" and not (target == "event" and field in EVENT_FIELDS):
            raise UsageError(f"a {target}'s {field!r} cannot be corrected")
        if field == "date" and value and not _DATE.match(value):
            raise UsageError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    else:
        raise UsageError(f"unknown correction target {target!r}")
    if field in ("merge", "split") and not value:
        raise UsageError(f"an event {field} needs the event records it concerns")
    if field != "rejected" and not value and field not in ("published", "date", "place"):
        raise UsageError(f"give a value for the {field}")
    return value or None


def add(store: SQLiteStore, target: str, key: str, field: str, value: str | None, label: str,
        note: str | None = None, who: str | None = None) -> Correction:
    """Record one correction (validated) and return it."""
    value = _check(target, field, value)
    cid = stored.add_correction(store, target, key, field, value, label, note, who or analyst(), _now())
    return get(store, cid)


def undo(store: SQLiteStore, cid: int) -> Correction:
    c0 = get(store, cid)
    if c0.undone_at:
        raise UsageError(f"correction c{cid} was already undone at {c0.undone_at}")
    stored.undo_correction(store, cid, _now())
    return get(store, cid)


def get(store: SQLiteStore, cid: int) -> Correction:
    rows = [r for r in stored.corrections(store, cid=cid)]
    if not rows:
        raise UsageError(f"no correction c{cid} (see `dossier judgements`)")
    return rows[0]


def listing(store: SQLiteStore) -> list[Correction]:
    return [r for r in stored.corrections(store)]


@dataclass
class Corrections:
    """The corrections in force (not undone; the latest per target, key and field), ready to apply."""

    documents: dict[str, dict[str, str | None]]  # source → field → value
    entities: dict[str, dict[str, str]]  # entity key → field → value
    facts: dict[str, dict[str, str | None]]  # fact id → field → value ("rejected": "yes")

    @classmethod
    def load(cls, store: SQLiteStore) -> Corrections:
        docs: dict[str, dict[str, str | None]] = {}
        ents: dict[str, dict[str, str]] = {}
        facts: dict[str, dict[str, str | None]] = {}
        rows = [r for r in stored.corrections(store, in_force=True)]
        carried = {**carry_events(store, {c.key for c in rows
                                          if c.target == "event" and c.field not in ("merge", "split")}),
                   **carry_claims(store, {c.key for c in rows if c.target == "claim"})}
        for c in rows:
            if c.target in ("event", "claim") and c.key in carried:
                c = replace(c, key=carried[c.key])
            if c.target == "document":
                docs.setdefault(c.key, {})[c.field] = c.value
            elif c.target == "entity":
                ents.setdefault(c.key, {})[c.field] = str(c.value)
            elif c.field not in ("merge", "split"):  # those are applied by the event clustering
                facts.setdefault(c.key, {})[c.field] = c.value if c.field != "rejected" else "yes"
        return cls(docs, ents, facts)

    def __bool__(self) -> bool:
        return bool(self.documents or self.entities or self.facts)

    def document(self, source: str, card: dict[str, Any]) -> dict[str, Any]:
        """A report's metadata with its corrections (``corrected`` lists the fields changed)."""
        fix = self.documents.get(source)
        if not fix:
            return card
        out = {**card, **fix, "corrected": sorted(fix)}
        if "published" in fix:
            out["published_inferred"] = False
        if "title" in fix:
            out["title_from"] = "analyst"
        return out

    def entity_fix(self, e: EntityRow) -> dict[str, str] | None:
        fix: dict[str, str] = {}
        for n in (e.name, *e.aliases):  # the entity's own name first, so its correction wins over an alias's
            for k, v in self.entities.get(entity_key(e.type, n), {}).items():
                fix.setdefault(k, v)
        return fix or None

    def entity(self, e: EntityRow) -> EntityRow:
        """An entity with its chosen name (the old one kept as an alias) and type."""
        fix = self.entity_fix(e)
        if not fix:
            return e
        from dossier.store.sqlite import EntityRow

        name = fix.get("name", e.name)
        aliases = tuple(a for a in (e.name, *e.aliases) if name_key(a) != name_key(name))
        return EntityRow(e.id, fix.get("type", e.type), name, tuple(dict.fromkeys(aliases)), e.attributes,
                         e.n_mentions, e.n_documents, e.local_ids)

    def rejected(self, fact_id: str) -> bool:
        return self.facts.get(fact_id, {}).get("rejected") == "yes"

    def fact(self, fact_id: str) -> dict[str, str | None]:
        return {k: v for k, v in self.facts.get(fact_id, {}).items() if k != "rejected"}


def carry_events(store: SQLiteStore, keys: set[str]) -> dict[str, str]:
    """Event ids that are no longer an event → the event that tells the same now.

    An event's id is its cluster's (its first record's) id, so it changes when a new version of its report is
    ingested (new records) or when another report's telling joins it first; a correction keyed by the old id would
    be silently lost. The old id names a record (kept with the superseded version): the event holding that record
    now, else the one holding the current version's record of the same report, type and trigger words (the
    nearest one), carries the correction."""
    if not keys:
        return {}
    now = stored.current_event_clusters(store)
    if now is None:
        return {}
    current = set(now.values())
    lost = keys - current
    if not lost:
        return {}
    rows = stored.event_records(store)
    anchor: dict[str, EventRecordRow] = {}
    for r in rows:
        for k in (r.id, stable_id("evt", r.id)):
            if k in lost:
                anchor.setdefault(k, r)
    return _carried(anchor, rows, now, lambda r: (r.source, r.type, r.trigger_text), lambda r: r.trigger_start)


def carry_claims(store: SQLiteStore, keys: set[str]) -> dict[str, str]:
    """Claim ids that are no longer a claim → the claim that says the same now (as ``carry_events``).

    A claim's id is made of its speaker's key and its first record's id; the record is kept with a superseded
    version, and the current version's record of the same report, speaker and words carries the correction."""
    if not keys:
        return {}
    now = stored.current_claim_groups(store)
    if now is None:
        return {}
    lost = keys - set(now.values())
    if not lost:
        return {}
    rows = stored.claim_records(store)
    anchor: dict[str, ClaimRecordRow] = {}
    for r in rows:
        for who in (r.entity, publisher_key(r.source) or "?"):
            if who and (k := stable_id("clm", who, r.id)) in lost:
                anchor.setdefault(k, r)
    return _carried(anchor, rows, now, lambda r: (r.doc, r.source, r.prop_text), lambda r: r.prop_start)


def _carried(anchor: Mapping[str, R], rows: Sequence[R], now: Mapping[str, str],
             same_words: Callable[[R], tuple[str, str, str]], start: Callable[[R], int]) -> dict[str, str]:
    """Lost fact id → the fact its anchor record belongs to now: the anchor itself where it is still current,
    else the current record of the same report and words nearest to where the anchor stood."""
    same: dict[tuple[str, str, str], list[R]] = {}
    for r in rows:
        if r.is_current and r.id in now:
            same.setdefault(same_words(r), []).append(r)
    out: dict[str, str] = {}
    for k, a in anchor.items():
        if a.is_current and a.id in now:
            out[k] = now[a.id]
            continue
        there = same.get(same_words(a))
        if there:
            best = min(there, key=lambda r: (abs(start(r) - start(a)), r.id))
            out[k] = now[best.id]
    return {k: v for k, v in out.items() if k != v}


def correct_entity(store: SQLiteStore, ref: str, field: str, value: str, note: str | None = None,
                   who: str | None = None) -> Correction:
    """Rename or retype the entity ``ref`` names (a name or an id, as for merge/split)."""
    from dossier.resolve.judgements import resolve_ref

    side = resolve_ref(store, ref)
    if len(side.entities) != 1:
        raise UsageError(f"{ref!r} is not linked to one entity yet: run `dossier resolve`")
    e = store.entity(side.entities[0])
    if e is None:
        raise UsageError(f"no entity {ref!r}")
    return add(store, "entity", entity_key(e.type, e.name), field, value, e.name, note, who)


def correct_fact(store: SQLiteStore, kind: str, fact_id: str, field: str, value: str | None, label: str,
                 note: str | None = None, who: str | None = None) -> Correction:
    if kind not in FACT_KINDS:
        raise UsageError(f"unknown kind {kind!r} (choose from {', '.join(FACT_KINDS)})")
    return add(store, kind, fact_id, field, value, label, note, who)


def fact_label(f: Fact) -> str:
    """A fact in a few words, for listings."""
    if isinstance(f, RelationFact):
        return f"{f.subject.name} {f.predicate} {f.object.name}"
    if isinstance(f, ClaimFact):
        return f"{f.source}: {f.proposition[:80]}"
    return f"{f.type} {f.label} ({f.date or 'undated'})"


def _renamed(r: EntityRef, renamed: Mapping[str, EntityRow]) -> EntityRef:
    e = renamed.get(r.id)
    return EntityRef(r.id, e.name, e.type) if e is not None else r


def _renamed_opt(r: EntityRef | None, renamed: Mapping[str, EntityRow]) -> EntityRef | None:
    return _renamed(r, renamed) if r else None


def _renamed_roles(roles: tuple[Role, ...], renamed: Mapping[str, EntityRow]) -> tuple[Role, ...]:
    return tuple(Role(_renamed(p.entity, renamed), p.role) for p in roles)


def renamed_refs(f: F, renamed: Mapping[str, EntityRow]) -> F:
    """A fact whose entity references (its own and its supports') take the chosen names and types."""
    if isinstance(f, RelationFact):
        return replace(f, subject=_renamed(f.subject, renamed), object=_renamed(f.object, renamed))
    if isinstance(f, EventFact):
        return replace(f, place=_renamed_opt(f.place, renamed), participants=_renamed_roles(f.participants, renamed),
                       supports=tuple(replace(s, place=_renamed_opt(s.place, renamed),
                                              participants=_renamed_roles(s.participants, renamed))
                                      for s in f.supports))
    return replace(f, source_entity=_renamed_opt(f.source_entity, renamed))


def apply_to_fact(f: F, corr: Corrections, renamed: Mapping[str, EntityRow],
                  place_of: Mapping[str, str], *, drop_rejected: bool = True) -> F | None:
    """One aggregated fact with the analyst's corrections: ``None`` when rejected as wrong, else its event date
    and place set and its entity references renamed (a copy when anything changes). The web index and the
    fact-level exports read facts through this, so what the analyst corrected is what they show."""
    if drop_rejected and corr.rejected(f.id):
        return None  # (STIX keeps it, with the analyst's strongly-disagree opinion on it)
    fix = corr.fact(f.id)
    if fix:
        f = replace(f, corrected=tuple(sorted(fix)))
        if isinstance(f, EventFact) and "date" in fix:
            date = fix["date"] or ""
            f = replace(f, date=fix["date"], date_granularity=(
                "day" if len(date) == 10 else "month" if len(date) == 7 else "year") if fix["date"] else None)
        if isinstance(f, EventFact) and "place" in fix:
            pid = place_of.get(name_key(fix["place"] or ""))
            f = replace(f, place=EntityRef(pid, fix["place"] or "", "place") if pid else None)
    if renamed:
        f = renamed_refs(f, renamed)
    return f


def entity_fixes(corr: Corrections, raw: list[EntityRow]) -> tuple[list[EntityRow], dict[str, EntityRow],
                                                                    dict[str, str]]:
    """Entities with their chosen names and types, those that changed by id, and place name key → place id."""
    entities = [corr.entity(e) for e in raw] if corr else raw
    renamed = {e.id: e for e, r in zip(entities, raw, strict=True) if e is not r}
    place_of = {k: e.id for e in reversed(entities) if e.type == "place"
                for k in (name_key(n) for n in (e.name, *e.aliases)) if k}
    return entities, renamed, place_of

