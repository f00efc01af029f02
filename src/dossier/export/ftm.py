"""FollowTheMoney export: the selected graph as line-delimited FtM entities (docs/formats/ftm.md).

Every entity is built and cleaned by the ``followthemoney`` model itself, so each value is one FtM accepts.
A relation or event seen in several reports is *one* FtM entity (id derived from the dossier fact id) written as
*one fragment per supporting report*: each fragment carries that report's proof document, evidence sentence,
date, publisher and dossier record id. ``ftm aggregate`` merges the fragments into one entity holding every
value; ``dossier import --format ftm`` reads each fragment back as one per-document record. Reports become
``Article`` entities carrying their text, so an export can be imported again without the original files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from dossier.export.screening import SANCTION_FORMATS, ExportHit, selection_hits
from dossier.export.select import SelectionLike
from dossier.model import stable_id
from dossier.model.facts import EntityRef, EventFact, Fact, RelationFact, Support
from dossier.model.vocab import CORROBORATION_PREFIX, DEFAULT_ROLE

# A group ("Pakistani", "Muslims", "European") is a demonym or a religion: a set of people, never a legal entity.
# FtM has no schema for that, so a group is written as one ``Mention`` per report that names it (a name seen in a
# document, not a Thing); an event's fragment names the Mention of its report among those ``involved``; links,
# which need a Thing at both ends, leave groups out.
ENTITY_SCHEMA = {"person": "Person", "organization": "Organization", "place": "Address", "group": "Mention"}
GROUP_SCHEMA = "Mention"
LEGAL = {"Person", "Organization", "LegalEntity"}
# predicate → (schema, source property, target property, role property, allowed source, allowed target schemas)
RELATION_SCHEMA: dict[str, tuple[str, str, str, str, set[str], set[str]]] = {
    "family": ("Family", "person", "relative", "relationship", {"Person"}, {"Person"}),
    "membership": ("Membership", "member", "organization", "role", LEGAL, {"Organization"}),
    "leadership": ("Membership", "member", "organization", "role", LEGAL, {"Organization"}),
    "part_of": ("Membership", "member", "organization", "role", LEGAL, {"Organization"}),
    "representation": ("Representation", "agent", "client", "role", LEGAL, LEGAL),
    "associate": ("Associate", "person", "associate", "relationship", {"Person"}, {"Person"}),
    "occupancy": ("Occupancy", "holder", "post", "", {"Person"}, {"Organization", "Address", "LegalEntity"}),
}
UNKNOWN_LINK = ("UnknownLink", "subject", "object", "role")


def ftm_id(dossier_id: str) -> str:
    """FtM ids allow letters, digits, dots and hyphens: ``ent_0a1b…`` → ``ent-0a1b…`` (reversible)."""
    return dossier_id.replace("_", "-")


def dossier_id(ftm: str) -> str:
    return ftm.replace("-", "_", 1)


def is_url(value: str | None) -> bool:
    return bool(value) and str(value).startswith(("http://", "https://"))


def support_summary(modality: str, attribution: str | None) -> str:
    """The per-report modality and who says it, in a fixed form the importer parses back."""
    who = "by the reporter" if attribution in (None, "", "reporter") else f"according to {attribution}"
    return f"{modality} {who}"


def corroboration_summary(fact: Fact) -> str:
    conf = fact.confidence
    return (f"{CORROBORATION_PREFIX}{fact.modality} overall; {fact.documents} report(s), "
            f"{fact.independent_sources} independent source(s); grade {fact.grade or 'none'}"
            f"{'' if conf is None else f', confidence {conf}'}"
            f"{': ' + fact.grade_reason if fact.grade_reason else ''}")


def _make(schema: str, entity_id: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    return proxy


def _schema_of(ref: EntityRef | None, schemas: dict[str, str]) -> str:
    if not ref:
        return "LegalEntity"
    return schemas.get(ref.id) or ENTITY_SCHEMA.get(ref.type, "LegalEntity")


def article(doc: dict[str, Any], text: str | None) -> EntityProxy:
    p = _make("Article", ftm_id(doc["id"]))
    p.add("name", doc.get("title") or doc["source"])
    p.add("title", doc.get("title"))
    p.add("publishedAt", doc.get("published"))
    p.add("publisher", doc.get("publisher"))
    p.add("author", doc.get("author"))
    p.add("fileName", doc["source"])
    if is_url(doc["source"]):
        p.add("sourceUrl", doc["source"])
    p.add("mimeType", doc.get("media_type"))
    p.add("locationMentioned", doc.get("dateline_place"))
    p.add("bodyText", text)
    return p


def _group_mention_id(entity_id: str, document_id: str) -> str:
    return stable_id("gm", entity_id, document_id)


def group_mentions(e: dict[str, Any], proofs: Iterable[str]) -> list[EntityProxy]:
    """A group as FtM ``Mention``s: its name in each report that names it."""
    out = []
    for doc in proofs:
        p = _make(GROUP_SCHEMA, ftm_id(_group_mention_id(e["id"], doc)))
        p.add("name", e["name"])
        p.add("document", ftm_id(doc))
        out.append(p)
    return out


def entity(e: dict[str, Any], proofs: Iterable[str]) -> EntityProxy:
    schema = ENTITY_SCHEMA.get(e["type"], "LegalEntity")
    p = _make(schema, ftm_id(e["id"]))
    p.add("name", e["name"])
    p.add("alias", e.get("aliases") or [])
    attrs: dict[str, str] = e.get("attributes") or {}
    if schema == "Person":
        p.add("title", attrs.get("title"))
    if schema == "Address":
        p.add("full", e["name"])
        p.add("latitude", attrs.get("lat"))
        p.add("longitude", attrs.get("lon"))
    p.add("country", attrs.get("country"))
    if attrs.get("ofac_id"):
        p.add("programId", f"OFAC-{attrs['ofac_id']}")
        p.add("program", f"OFAC {attrs.get('ofac_programs', '')}".strip())
    p.add("proof", [ftm_id(d) for d in proofs])
    return p


def add_screening(p: EntityProxy, hits: list[ExportHit]) -> None:
    """Watchlist hits on an entity (docs/formats/ftm.md): every hit not rejected as a ``notes`` line saying
    which list, entry, score and how the names matched; a *confirmed* hit also adds FtM ``topics``
    (``sanction`` for OFAC and UN lists, an FtM list entry's own topics) — a possible match never does."""
    for hit in hits:
        p.add("notes", hit.summary())
        p.add("topics", hit.topics())


def sanction(entity_id: str, hit: ExportHit) -> EntityProxy | None:
    """FtM's own record of a designation, for a confirmed hit on a sanctions list (OFAC, UN)."""
    if hit.verdict != "confirmed" or hit.list_format not in SANCTION_FORMATS:
        return None
    p = _make("Sanction", ftm_id(stable_id("sanction", entity_id, hit.list, hit.entry)))
    p.add("entity", ftm_id(entity_id))
    p.add("authority", SANCTION_FORMATS[hit.list_format])
    p.add("authorityId", hit.entry)
    p.add("program", [x.strip() for x in re.split(r"[\[\];,]", hit.programs()) if x.strip()])
    p.add("recordId", f"{hit.list}:{hit.entry}")
    p.add("summary", hit.summary())
    return p


def _common(p: EntityProxy, fact: Fact, support: Support) -> None:
    """What every relation or event fragment carries about its one supporting report."""
    p.add("recordId", support.record)
    p.add("proof", ftm_id(support.document))
    p.add("publisher", support.publisher)
    if is_url(support.source):
        p.add("sourceUrl", support.source)
    p.add("description", [ev.text for ev in support.evidence])
    p.add("summary", support_summary(support.modality or fact.modality, support.attribution))
    p.add("summary", corroboration_summary(fact))


def position(fact: RelationFact, role: str | None, target_schema: str) -> EntityProxy:
    """The post an occupancy is held in: named from the role and the organisation or place."""
    obj = fact.object
    p = _make("Position", ftm_id(stable_id("pos", obj.id, role or "")))
    p.add("name", f"{role or 'post'} of {obj.name}")
    if target_schema == "Organization":
        p.add("organization", ftm_id(obj.id))
    return p


def relation_fragments(fact: RelationFact,
                       schemas: dict[str, str]) -> tuple[list[EntityProxy], list[EntityProxy]]:
    """One fragment per support, plus the Positions an occupancy needs."""
    src_schema, dst_schema = _schema_of(fact.subject, schemas), _schema_of(fact.object, schemas)
    if GROUP_SCHEMA in (src_schema, dst_schema):
        return [], []
    spec = RELATION_SCHEMA.get(fact.predicate)
    if spec and src_schema in spec[4] and dst_schema in spec[5]:
        schema, src, dst, role_prop = spec[:4]
    else:
        schema, src, dst, role_prop = UNKNOWN_LINK
    posts: list[EntityProxy] = []
    out = []
    for support in fact.supports:
        role = support.role or (fact.roles[0] if fact.roles else None)
        p = _make(schema, ftm_id(fact.id))
        p.add(src, ftm_id(fact.subject.id))
        if schema == "Occupancy":
            posts.append(position(fact, role, dst_schema))
            p.add("post", posts[-1].id)
        else:
            p.add(dst, ftm_id(fact.object.id))
            p.add(role_prop, role or DEFAULT_ROLE.get(fact.predicate, fact.predicate))
        p.add("date", support.published)
        _common(p, fact, support)
        out.append(p)
    return out, posts


def _add_date(p: EntityProxy, value: str | None) -> None:
    if not value:
        return
    if "/" in value:  # an ISO interval ("1985/1989"): FtM dates are single (prefix) dates
        start, _, end = value.partition("/")
        p.add("startDate", start)
        p.add("endDate", end)
    else:
        p.add("date", value)


def event_fragments(fact: EventFact, schemas: dict[str, str]) -> list[EntityProxy]:
    """One fragment per support, each with what *that* report says (label, date, place, participants): a
    cross-document event groups reports that may word it differently. Entities outside the selection (a type
    filter) are left out, so every reference resolves."""
    out = []
    for support in fact.supports:
        p = _make("Event", ftm_id(fact.id))
        p.add("name", support.label or fact.label or fact.type)
        p.add("keywords", support.type or fact.type)
        _add_date(p, support.date)
        place = support.place
        if place and place.id in schemas:
            p.add("location", place.name)
            if schemas[place.id] == "Address":
                p.add("addressEntity", ftm_id(place.id))
        for part in support.participants:
            ref = part.entity
            if ref.id not in schemas:
                continue
            if schemas[ref.id] in LEGAL:
                p.add("involved", ftm_id(ref.id))
            elif schemas[ref.id] == "Address":
                p.add("location", ref.name)
            elif (seen := _group_mention_id(ref.id, support.document)) in schemas:
                p.add("involved", ftm_id(seen))  # the group as this report names it (read back as a group)
        _common(p, fact, support)
        out.append(p)
    return out


def _line(out: TextIO, proxy: EntityProxy) -> None:
    out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")


def write(selection: SelectionLike, out: TextIO, *, include_text: bool = True) -> int:
    """Write the selection as FtM entities, one JSON object per line; return how many lines were written.

    Order: reports (``Article``), entities, positions, relations (fragments), events (fragments), each by id.
    """
    n = 0
    for doc in selection.documents():
        _line(out, article(doc, selection.document_text(doc["id"]) if include_text else None))
        n += 1
    proofs: dict[str, set[str]] = {}
    for m in selection.mentions():
        proofs.setdefault(m["entity"], set()).add(m["document"])
    schemas: dict[str, str] = {}
    screening = selection_hits(selection)
    for e in selection.entities():
        if ENTITY_SCHEMA.get(e["type"]) == GROUP_SCHEMA:
            schemas[e["id"]] = GROUP_SCHEMA
            for doc_id in proofs.get(e["id"], ()):
                schemas[_group_mention_id(e["id"], doc_id)] = GROUP_SCHEMA
            for p in group_mentions(e, sorted(proofs.get(e["id"], ()))):
                _line(out, p)
                n += 1
            continue
        p = entity(e, sorted(proofs.get(e["id"], ())))
        hits = screening.get(e["id"], [])
        add_screening(p, hits)
        schemas[e["id"]] = p.schema.name
        _line(out, p)
        n += 1
        for hit in hits:
            if (designation := sanction(e["id"], hit)) is not None:
                _line(out, designation)
                n += 1
    relations = [relation_fragments(fact, schemas) for fact in selection.relations()]
    posts = {post.id: post for _, found in relations for post in found}
    for post_id in sorted(posts, key=str):
        _line(out, posts[post_id])
        n += 1
    for fragments, _ in relations:
        for p in fragments:
            _line(out, p)
            n += 1
    for fact in selection.events():
        for p in event_fragments(fact, schemas):
            _line(out, p)
            n += 1
    return n
