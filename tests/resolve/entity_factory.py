"""A tiny factory for entity-resolution tests: reports as extraction records, without spaCy.

    report("a.txt", P("Yousef al-Haddad", aliases=["Al-Haddad"]), O("Harakat al-Sumud al-Watani", ["HSW"]),
           L("Tehran", gid="112931"), rel=[("Yousef al-Haddad", "membership", "Harakat al-Sumud al-Watani",
           "spokesperson")])

Each entity gets one mention of its name and one per alias, all in sentence ``sentence`` (default 0), so the
places of a report share a sentence with its people unless told otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from dossier import pipeline
from dossier.model import Document, EntityType, Extraction, LocalEntity, Mention, Relation, Span, stable_id
from dossier.store import SQLiteStore, open_store


@dataclass(frozen=True)
class E:
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    sentence: int = 0


def P(name: str, aliases: list[str] | None = None, sentence: int = 0, **attrs: str) -> E:  # noqa: N802
    return E(EntityType.PERSON, name, tuple(aliases or ()), tuple(sorted(attrs.items())), sentence)


def O(name: str, aliases: list[str] | None = None, sentence: int = 0, **attrs: str) -> E:  # noqa: N802, E743
    return E(EntityType.ORGANIZATION, name, tuple(aliases or ()), tuple(sorted(attrs.items())), sentence)


def L(name: str, gid: str | None = None, country: str = "", sentence: int = 0) -> E:  # noqa: N802
    attrs = {"geonameid": gid, "country": country, "gazetteer_name": name} if gid else {}
    return E(EntityType.PLACE, name, (), tuple(sorted(attrs.items())), sentence)


def G(name: str) -> E:  # noqa: N802
    return E(EntityType.GROUP, name)


@dataclass
class Report:
    source: str
    entities: list[E]
    relations: list[tuple[str, str, str, str | None]] = field(default_factory=list)


def report(source: str, *entities: E, rel: list[tuple[str, str, str, str | None]] | None = None) -> Report:
    return Report(source, list(entities), list(rel or []))


def extraction(r: Report) -> Extraction:
    text = f"{r.source}: " + "; ".join(e.name for e in r.entities)
    doc = Document(id=Document.make_id(text), text=text, source=r.source)
    locals_: list[LocalEntity] = []
    mentions: list[Mention] = []
    by_name: dict[str, str] = {}
    for k, e in enumerate(r.entities):
        lid = stable_id("lent", doc.id, k)
        by_name[e.name] = lid
        locals_.append(LocalEntity(lid, doc.id, e.type, e.name, e.aliases, e.attributes))
        for j, form in enumerate((e.name, *e.aliases)):
            mentions.append(Mention(stable_id("men", lid, j), doc.id, 0, len(form), form, e.type, lid, e.sentence,
                                    "name" if j == 0 else "alias"))
    relations = [Relation(stable_id("rel", doc.id, i), doc.id, by_name[s], p, by_name[o], role,
                          (Span(doc.id, 0, 1, text[0]),))
                 for i, (s, p, o, role) in enumerate(r.relations)]
    return Extraction(document=doc, mentions=tuple(mentions), entities=tuple(locals_), relations=tuple(relations),
                      extractor="test")


def store_with(path: Path, *reports: Report, resolve: bool = True) -> SQLiteStore:
    store = open_store(path)
    for r in reports:
        store.add_extraction(extraction(r))
    if resolve:
        pipeline.resolve(store)
    return store


def links(store: SQLiteStore) -> dict[str, str]:
    return {r[0]: r[1] for r in store.query("SELECT local_entity, entity FROM entity_links ORDER BY local_entity")}


def entity_of(store: SQLiteStore, source: str, name: str) -> str:
    """The canonical entity id of the local entity named ``name`` in report ``source``."""
    rows = store.query("SELECT l.entity FROM entity_links l JOIN local_entities le ON le.id = l.local_entity "
                       "JOIN documents d ON d.id = le.document WHERE d.source = ? AND le.name = ?", (source, name))
    assert len(rows) == 1, (source, name, rows)
    return str(rows[0][0])


def without_events(x: Extraction) -> Extraction:
    return replace(x, events=())
