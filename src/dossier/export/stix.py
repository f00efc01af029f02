"""STIX 2.1 export: the selected graph as one bundle (docs/formats/stix.md).

Why these objects: people, groups and organisations are ``identity`` objects, except organisations on a
terrorism sanctions list and the perpetrators of reported attacks, which are ``threat-actor``; places are
``location``; every relation is a ``relationship`` whose ``confidence`` is the fact's Admiralty credibility
mapped as the STIX 2.1 appendix suggests (1→90, 2→70, 3→50, 4→30, 5→10, 6→omitted); each report is a
``report`` whose ``object_refs`` list what it supports; events and claims are ``note`` objects; what a named
source (not the reporter) says about a relation is an ``opinion`` on it. Ids are UUIDv5 of dossier's stable
ids and timestamps come from the reports' dates (or the fixed epoch ``1970-01-01T00:00:00.000Z`` where no date
is known), so the same store always gives the same bundle, byte for byte.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, TextIO

from dossier.export.screening import ExportHit, selection_hits
from dossier.export.select import SelectionLike
from dossier.model.dates import bounds
from dossier.model.facts import ClaimFact, EventFact, Fact, RelationFact, Support

NAMESPACE = uuid.UUID("5c1d4bd0-2a0e-5f7e-9b8c-d05513e00001")  # dossier's fixed UUIDv5 namespace
EPOCH = "1970-01-01T00:00:00.000Z"
PRODUCER = "dossier"
TERROR_PROGRAMS = {"FTO", "SDGT"}
PERPETRATOR_ROLES = {"perpetrator", "attacker"}
RELATIONSHIP_TYPE = {"family": "family-of", "membership": "member-of", "leadership": "leader-of",
                     "representation": "represents", "occupancy": "holds-post-at", "part_of": "part-of",
                     "located_in": "located-at", "associate": "associated-with"}
# what a source's modality says about the relation it reports, on STIX's opinion scale
OPINION = {"asserted": "strongly-agree", "reported": "agree", "alleged": "agree", "speculative": "neutral",
           "denied": "strongly-disagree"}


class StixSelection(SelectionLike, Protocol):
    def claims(self) -> Iterator[ClaimFact]: ...


def stix_id(kind: str, dossier_id: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, dossier_id)}"


def timestamp(value: str | None, *, last: bool = False) -> str:
    """The first (or last) day of an ISO date of any precision, as a STIX timestamp; the epoch if unknown."""
    span = bounds(value) if value else None
    if span is None:
        return EPOCH
    return f"{(span[1] if last else span[0]).isoformat()}T00:00:00.000Z"


def _dates(values: Iterable[str | None]) -> tuple[str, str]:
    known = sorted(timestamp(v) for v in values if v and timestamp(v) != EPOCH)
    return (known[0], known[-1]) if known else (EPOCH, EPOCH)


def _base(kind: str, key: str, created: str = EPOCH, modified: str = EPOCH) -> dict[str, Any]:
    return {"type": kind, "spec_version": "2.1", "id": stix_id(kind, key), "created": created,
            "modified": max(created, modified), "created_by_ref": stix_id("identity", PRODUCER)}


def producer() -> dict[str, Any]:
    obj = _base("identity", PRODUCER)
    del obj["created_by_ref"]
    obj.update(name="dossier", identity_class="system",
               description="Knowledge graph extracted from news reports by dossier; every object cites its reports.")
    return obj


def entity_object(e: dict[str, Any], dates: list[str | None], *, perpetrator: bool = False) -> dict[str, Any]:
    created, modified = _dates(dates)
    attrs: dict[str, str] = e.get("attributes") or {}
    aliases = sorted(e.get("aliases") or [])
    programs = set((attrs.get("ofac_programs") or "").split(","))
    if e["type"] == "place":
        obj = _base("location", e["id"], created, modified)
        obj["name"] = e["name"]
        if attrs.get("country"):
            obj["country"] = attrs["country"]
        if attrs.get("lat") and attrs.get("lon"):
            obj.update(latitude=float(attrs["lat"]), longitude=float(attrs["lon"]))
        if "country" not in obj and "latitude" not in obj:
            obj["region"] = "unknown"  # STIX needs one of region/country/coordinates; the gazetteer had none
        return obj
    listed = e["type"] == "organization" and bool(programs & TERROR_PROGRAMS)
    if listed or perpetrator and e["type"] in ("person", "organization"):
        obj = _base("threat-actor", e["id"], created, modified)
        obj.update(name=e["name"], threat_actor_types=["terrorist"] if listed else ["unknown"])
        if aliases:
            obj["aliases"] = aliases
    else:
        obj = _base("identity", e["id"], created, modified)
        obj.update(name=e["name"], identity_class={"person": "individual", "organization": "organization",
                                                    "group": "group"}.get(e["type"], "unknown"))
        if aliases:
            obj["description"] = "Also named: " + ", ".join(aliases)
    if attrs.get("ofac_id"):
        obj["external_references"] = [{"source_name": "OFAC SDN", "external_id": attrs["ofac_id"],
                                       "description": f"programs {attrs.get('ofac_programs', '')}".strip()}]
    return obj


def _references(supports: Iterable[Support]) -> list[dict[str, Any]]:
    refs = []
    for s in supports:
        ref: dict[str, Any] = {"source_name": s.publisher or s.source or s.document, "external_id": s.document}
        evidence = " … ".join(ev.text for ev in s.evidence)
        if evidence:
            ref["description"] = evidence
        if (s.source or "").startswith(("http://", "https://")):
            ref["url"] = s.source
        refs.append(ref)
    return refs


def _graded(obj: dict[str, Any], fact: Fact) -> dict[str, Any]:
    if fact.confidence is not None:
        obj["confidence"] = int(fact.confidence)
    obj["labels"] = [f"modality-{fact.modality}"] + ([f"admiralty-{fact.grade}"] if fact.grade else [])
    obj["external_references"] = _references(fact.supports)
    return obj


def relationship(fact: RelationFact, ids: dict[str, str]) -> dict[str, Any]:
    obj = _base("relationship", fact.id, timestamp(fact.first_seen), timestamp(fact.last_seen, last=False))
    roles = ", ".join(fact.roles) or fact.predicate.replace("_", " ")
    obj.update(relationship_type=RELATIONSHIP_TYPE.get(fact.predicate, "related-to"),
               source_ref=ids[fact.subject.id], target_ref=ids[fact.object.id],
               description=f"{fact.subject.name} — {roles} — {fact.object.name} ({fact.modality}; "
                           f"{fact.independent_sources} independent source(s))")
    return _graded(obj, fact)


def opinions(fact: RelationFact, target: str) -> list[dict[str, Any]]:
    """What a named source (not the reporter) says about a relation, one opinion per supporting report."""
    out = []
    for s in fact.supports:
        who = s.attribution
        if not who or who == "reporter":
            continue
        when = timestamp(s.published)
        obj = _base("opinion", f"{s.record}|{target}", when, when)
        obj.update(opinion=OPINION.get(s.modality or "", "neutral"), authors=[who], object_refs=[target],
                   explanation=" … ".join(ev.text for ev in s.evidence) or who,
                   external_references=_references([s]))
        out.append(obj)
    return out


def note(fact: Fact, refs: list[str], abstract: str, content: str) -> dict[str, Any]:
    created, modified = _dates(s.published for s in fact.supports)
    obj = _base("note", fact.id, created, modified)
    obj.update(abstract=abstract, content=content, object_refs=refs)
    return _graded(obj, fact)


def event_note(fact: EventFact, ids: dict[str, str], reports: list[str]) -> dict[str, Any]:
    refs = [ids[p.entity.id] for p in fact.participants]
    if fact.place:
        refs.append(ids[fact.place.id])
    label = fact.label or fact.type
    where = f" in {fact.place.name}" if fact.place and fact.place.name not in label else ""
    when = f" on {fact.date}" if fact.date else ""
    evidence = " … ".join(ev.text for s in fact.supports for ev in s.evidence)
    return note(fact, sorted(set(refs)) or reports, f"{fact.type}: {label}{where}{when}",
                evidence or fact.label or fact.type)


def claim_note(fact: ClaimFact, ids: dict[str, str], reports: list[str]) -> dict[str, Any]:
    refs = [ids[fact.source_entity.id]] if fact.source_entity else []
    obj = note(fact, refs or reports, f"{fact.source} ({fact.modality}"
                                     f"{', ' + fact.cue if fact.cue else ''})", fact.proposition)
    obj["authors"] = [fact.source]
    return obj


def screening_note(entity_ref: str, hit: ExportHit) -> dict[str, Any]:
    """A watchlist hit as a ``note`` on the entity's object (docs/formats/stix.md): which list (and the SHA-256
    of the files it was read from), entry, score and how the names matched; labelled ``watchlist-confirmed``
    when the analyst confirmed it, ``watchlist-possible`` otherwise. Rejected hits are never written."""
    obj = _base("note", f"screening|{hit.entity}|{hit.list}|{hit.entry}")
    ref: dict[str, Any] = {"source_name": f"watchlist {hit.list}", "external_id": hit.entry,
                           "description": f"{hit.list_format} list, sha256 {hit.list_sha256}"}
    obj.update(abstract=f"Watchlist {hit.status} match: {hit.entry_name} ({hit.list}:{hit.entry})",
               content=hit.summary(), object_refs=[entity_ref], labels=[f"watchlist-{hit.status}"],
               external_references=[ref])
    return obj


def report(doc: dict[str, Any], refs: set[str]) -> dict[str, Any]:
    when = timestamp(doc.get("published"))
    obj = _base("report", doc["id"], when, when)
    ref: dict[str, Any] = {"source_name": doc.get("publisher") or "unknown publisher", "external_id": doc["id"],
                           "description": doc["source"]}
    if str(doc["source"]).startswith(("http://", "https://")):
        ref["url"] = doc["source"]
    obj.update(name=doc.get("title") or doc["source"], published=when, report_types=["threat-report"],
               object_refs=sorted(refs) or [stix_id("identity", PRODUCER)], external_references=[ref])
    return obj


def _at(value: str) -> str:
    """A correction's time ("2026-12-06T05:13:08Z") as STIX wants it (milliseconds)."""
    return value[:19] + ".000Z"


def analyst_objects(store: Any, present: set[str], docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The analyst's corrections in force, by who and when: a fact rejected as wrong is an ``opinion``
    (strongly-disagree) on its object; any other correction a ``note`` on the object it changes (a report, an
    entity, an event). Those whose object is not in the bundle are left out."""
    from dossier.model.names import name_key
    from dossier.resolve.corrections import listing

    fixes = [c for c in listing(store) if c.undone_at is None]
    if not fixes:
        return []
    report_of = {d["source"]: stix_id("report", d["id"]) for d in docs}
    entity_of: dict[str, str] = {}
    kinds = ("identity", "threat-actor", "intrusion-set", "location")
    for e in store.entities():
        for n in (e.name, *e.aliases):
            for kind in kinds:
                sid = stix_id(kind, e.id)
                if sid in present:
                    entity_of.setdefault(f"{e.type}|{name_key(n)}", sid)
    out = []
    for c in fixes:
        if c.target == "document":
            target = report_of.get(c.key)
        elif c.target == "entity":
            target = entity_of.get(c.key)
        else:
            target = stix_id("relationship" if c.target == "relation" else "note", c.key)
        if target is None or target not in present:
            continue
        when = _at(c.at)
        if c.field == "rejected":
            obj = _base("opinion", f"correction|{c.id}", when, when)
            obj.update(opinion="strongly-disagree", authors=[c.who], object_refs=[target],
                       explanation=f"rejected as wrong by the analyst{': ' + c.note if c.note else ''}")
        else:
            obj = _base("note", f"correction|{c.id}", when, when)
            obj.update(abstract=f"analyst correction: {c.describe()}", content=c.note or c.describe(),
                       authors=[c.who], object_refs=[target])
        out.append(obj)
    return out


def write(selection: StixSelection, out: TextIO) -> int:
    """Write one STIX 2.1 bundle; return the number of objects in it."""
    if hasattr(selection, "keep_rejected"):
        selection.keep_rejected = True  # a fact rejected as wrong stays, with the analyst's opinion on it
    docs = list(selection.documents())
    published = {d["id"]: d.get("published") for d in docs}
    report_ids = {d["id"]: stix_id("report", d["id"]) for d in docs}
    mentioned: dict[str, set[str]] = {}
    for m in selection.mentions():
        mentioned.setdefault(m["entity"], set()).add(m["document"])
    by_doc: dict[str, set[str]] = {d: set() for d in report_ids}

    def cite(obj_id: str, documents: Iterable[str]) -> None:
        for d in documents:
            by_doc.setdefault(d, set()).add(obj_id)

    events = list(selection.events())
    perpetrators = {p.entity.id for f in events for p in f.participants if p.role in PERPETRATOR_ROLES}
    objects: list[dict[str, Any]] = [producer()]
    ids: dict[str, str] = {}
    screening = selection_hits(selection)
    hit_notes: list[dict[str, Any]] = []
    for e in selection.entities():
        obj = entity_object(e, [published.get(d) for d in sorted(mentioned.get(e["id"], ()))],
                            perpetrator=e["id"] in perpetrators)
        ids[e["id"]] = obj["id"]
        cite(obj["id"], mentioned.get(e["id"], ()))
        objects.append(obj)
        hit_notes.extend(screening_note(obj["id"], hit) for hit in screening.get(e["id"], []))
    objects.extend(hit_notes)
    for fact in selection.relations():
        rel = relationship(fact, ids)
        objects.append(rel)
        cite(rel["id"], (s.document for s in fact.supports))
        for op in opinions(fact, rel["id"]):
            objects.append(op)
            cite(op["id"], (r["external_id"] for r in op["external_references"]))
    noted: list[EventFact | ClaimFact] = [*events, *selection.claims()]
    for told in noted:
        docs_of = sorted({s.document for s in told.supports})
        reports = [report_ids[d] for d in docs_of if d in report_ids]
        obj = event_note(told, ids, reports) if isinstance(told, EventFact) else claim_note(told, ids, reports)
        objects.append(obj)
        cite(obj["id"], docs_of)
    objects.extend(report(d, by_doc.get(d["id"], set())) for d in docs)
    store = getattr(selection, "store", None)
    if store is not None:
        objects.extend(analyst_objects(store, {o["id"] for o in objects}, docs))
    bundle_id = stix_id("bundle", "|".join(o["id"] for o in objects))
    out.write(f'{{"type": "bundle", "id": "{bundle_id}", "objects": [')
    for i, obj in enumerate(objects):
        out.write(("\n" if i == 0 else ",\n") + json.dumps(obj, ensure_ascii=False, sort_keys=True))
    out.write("\n]}\n")
    return len(objects)
