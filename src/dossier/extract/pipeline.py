"""Per-document extraction: ``Document`` in, ``Extraction`` out — a pure function, ready for a cluster.

The spaCy ``Doc`` never leaves this package: ``to_extraction`` turns it into records. Long documents are cut at
paragraph boundaries into chunks the parser handles comfortably, and offsets are shifted back so that
``mention.text == document.text[start:end]`` always holds.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import dossier
from dossier.extract.components import (  # noqa: F401  (registers the factories)
    acronyms,
    entity_types,
    head_names,
    line_breaks,
    name_repair,
    propagate,
    titles,
)
from dossier.extract.components.extensions import register
from dossier.extract.components.junk import is_date
from dossier.extract.context import DocContext
from dossier.extract.demonym_places import adjectival, country_of, derived_country, polity_named
from dossier.extract.local_entities import RawMention, cluster
from dossier.extract.parsed import Parsed
from dossier.extract.parser import (  # noqa: F401  (re-exported: the pipeline's public names before the split)
    BATCH_CHARS,
    CHUNK_CHARS,
    MODEL,
    cached_parser,
    chunk_text,
    load_parser,
    parse_chunks,
)
from dossier.extract.parser import pipe_bounded as _pipe
from dossier.extract.place_parents import annotate_places
from dossier.extract.records_builder import RecordBuilder
from dossier.extract.time import timex
from dossier.extract.time.tense import direction
from dossier.model import (
    Document,
    EntityType,
    Extraction,
    LocalEntity,
    Mention,
    Relation,
    Sentence,
    TimeExpression,
    stable_id,
)
from dossier.model.names import name_key
from dossier.model.reference import Place, lookup_org, lookup_place

PIPELINE = (
    "dossier_titles",
    "dossier_name_repair",
    "dossier_head_names",
    "dossier_acronyms",
    "dossier_entity_types",
    "dossier_name_propagation",
)
_STATISTICAL = ("tok2vec", "tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "ner")
EXTRACTOR = f"dossier-{dossier.__version__}/{MODEL}"
_TYPE_OF_LABEL = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "FAC": EntityType.PLACE,
    "NORP": EntityType.GROUP,
}


@cache
def load_pipeline() -> Language:
    """The English pipeline with dossier's components after ``ner`` (loaded once per process)."""
    nlp = load_parser()
    for name in PIPELINE:
        nlp.add_pipe(name, last=True)
    return nlp


@cache
def load_finisher() -> Language:
    """dossier's components alone, over the model's vocabulary: they finish a parse made by :func:`parse_chunks`
    (the statistical components are not loaded)."""
    register()
    nlp = spacy.load(MODEL, exclude=list(_STATISTICAL))
    if nlp.pipe_names:
        raise RuntimeError(f"{MODEL} has components dossier does not know: {nlp.pipe_names}")
    for name in PIPELINE:
        nlp.add_pipe(name, last=True)
    return nlp


def prepare_finisher() -> None:
    """Load what :func:`finish` needs (the vocabulary, our components, the reference tables) ahead of time."""
    load_finisher()
    prepare_tables()


def prepare_tables() -> None:
    """Load the reference tables the records read (the gazetteer, the organisation aliases) ahead of time."""
    lookup_place("Paris")
    lookup_org("Red Cross")


def finish(document: Document, parsed: Parsed) -> Extraction:
    """Records from a parse made by ``parser.parse_chunks``: equal to what :func:`extract` gives for ``document``."""
    nlp = load_finisher()
    parts = []
    for offset, data in parsed:
        doc = Doc(nlp.vocab).from_dict(data)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        parts.append((offset, doc))
    return to_extraction(document, parts)


def extract_many(documents: Iterable[Document], batch_size: int = 32) -> Iterator[Extraction]:
    """Extract documents in order, batching the spaCy work with ``nlp.pipe``."""
    nlp = load_pipeline()
    pending: list[tuple[Document, int]] = []  # document, number of chunks
    chunks: list[tuple[str, tuple[Document, int]]] = []

    def flush() -> Iterator[Extraction]:
        docs = _pipe(nlp, chunks, batch_size)
        for document, n_chunks in pending:
            parts = []
            for _ in range(n_chunks):
                doc, (_, offset) = next(docs)
                parts.append((offset, doc))
            yield to_extraction(document, parts)
        pending.clear()
        chunks.clear()

    for document in documents:
        pieces = chunk_text(document.text)
        pending.append((document, len(pieces)))
        chunks.extend((text, (document, offset)) for offset, text in pieces)
        if len(chunks) >= batch_size:
            yield from flush()
    if chunks:
        yield from flush()


def extract(document: Document) -> Extraction:
    return next(extract_many([document]))


def to_extraction(document: Document, parts: list[tuple[int, Doc]]) -> Extraction:
    """Turn the parsed chunks of one document into records (the only place a spaCy Doc is read)."""
    doc_id = document.id
    sentences: list[Sentence] = []
    raw: list[RawMention] = []
    where: list[tuple[int, int]] = []  # (chunk index, ent start token) of each raw mention
    demonym_places: dict[int, Place] = {}  # raw mention index → the country an adjectival demonym names
    times: list[TimeExpression] = []
    chunk_times: list[list[TimeExpression]] = []
    sentence_at: list[dict[int, int]] = []  # per chunk: sentence start token → global sentence index
    published = _parse_date(document.published)
    for chunk_index, (offset, doc) in enumerate(parts):
        starts: dict[int, int] = {}
        for sent in doc.sents:
            starts[sent.start] = len(sentences)
            end = sent.start_char + len(sent.text.rstrip())  # trailing line breaks are not part of it
            sentences.append(Sentence(doc_id, len(sentences), offset + sent.start_char, offset + end))
        sentence_at.append(starts)
        titles_at = doc._.dossier_titles or {}
        acronym_defs = {a: offset + s for a, (s, _) in (doc._.dossier_acronyms or {}).items()}
        these_times: list[TimeExpression] = []
        for ent in doc.ents:
            sent_idx = starts.get(ent.sent.start, 0)
            start, end = offset + ent.start_char, offset + ent.end_char
            if ent.label_ == "DATE":
                these_times.append(_time_expression(doc_id, start, end, ent.text, published, direction(ent)))
                continue
            etype = _TYPE_OF_LABEL.get(ent.label_)
            if etype is None:
                continue
            raw.append(
                RawMention(
                    start=start, end=end, text=ent.text, type=etype, sentence=sent_idx,
                    title=titles_at.get(ent.start),
                    expansion_start=acronym_defs.get(ent.text) if ent.text in acronym_defs
                    and acronym_defs[ent.text] != start else None,
                    attributes=_reference_attributes(etype, ent.text),
                )
            )
            if etype == EntityType.GROUP and adjectival(ent) and (place := country_of(ent.text)) is not None:
                demonym_places[len(raw) - 1] = place
            where.append((chunk_index, ent.start))
        times.extend(these_times)
        chunk_times.append(these_times)
    raw.extend(_metadata_mentions(document, raw, sentences))
    if document.publisher and not is_date(document.publisher):  # the outlet in the dateline is an organisation
        publisher = name_key(document.publisher)
        for m in raw:
            if m.type != EntityType.ORGANIZATION and name_key(m.text) == publisher:
                m.type = EntityType.ORGANIZATION
    annotate_places(document.text, raw)  # precision and administrative parents (district → province → country)
    entities, assignment, kinds = cluster(doc_id, raw)
    mentions = tuple(
        Mention(stable_id("men", doc_id, m.start, m.end), doc_id, m.start, m.end, m.text, entities[a].type,
                entities[a].id, m.sentence, kind)
        for m, a, kind in zip(raw, assignment, kinds, strict=True)
    )
    argument_of, unnamed = _demonym_arguments(doc_id, demonym_places, entities, assignment, mentions)
    entity_type = {e.id: e.type for e in [*entities, *unnamed.values()]}
    entity_name = {e.id: e.name for e in [*entities, *unnamed.values()]}
    place_admin1 = {e.id: (name_key(str(a["admin1"])), a.get("precision") == "admin1") for e in entities
                    if e.type == EntityType.PLACE and (a := dict(e.attributes)).get("admin1")}
    builder = RecordBuilder(document)
    for chunk_index, (offset, doc) in enumerate(parts):
        ent_map = {tok: entities[assignment[i]].id for i, (c, tok) in enumerate(where) if c == chunk_index}
        ctx = DocContext(document, doc, offset, ent_map, entity_type, entity_name, published, place_admin1)
        arguments = {tok: argument_of[i] for i, (c, tok) in enumerate(where) if c == chunk_index and i in argument_of}
        relation_ctx = replace(ctx, entity_of_ent=ent_map | arguments) if arguments else None
        builder.add_chunk(ctx, chunk_times[chunk_index], relation_ctx)
    relations = builder.relations()
    return Extraction(
        document=document,
        sentences=tuple(sentences),
        mentions=mentions,
        entities=(*entities, *derived_in_use(unnamed, relations)),
        times=tuple(times),
        relations=relations,
        events=builder.events(),
        claims=builder.claims(),
        extractor=EXTRACTOR,
    )


def _demonym_arguments(doc_id: str, demonym_places: dict[int, Place], entities: list[LocalEntity],
                       assignment: list[int], mentions: tuple[Mention, ...],
                       ) -> tuple[dict[int, str], dict[str, LocalEntity]]:
    """raw mention index of an adjectival demonym → the place entity it stands for in relations: the report's own
    entity for the country where it names it, else one derived from the adjective (``derived_country``), by id."""
    countries = _named_countries(entities)
    argument_of: dict[int, str] = {}
    unnamed: dict[str, tuple[Place, list[tuple[int, int]]]] = {}
    for i, place in demonym_places.items():
        if entities[assignment[i]].type != EntityType.GROUP:
            continue
        country = countries.get(place.geonameid) or countries.get(name_key(place.name))
        if country is None:
            country = derived_country(doc_id, place, []).id
            unnamed.setdefault(country, (place, []))[1].append((mentions[i].start, mentions[i].end))
        argument_of[i] = country
    return argument_of, {eid: derived_country(doc_id, place, spans) for eid, (place, spans) in unnamed.items()}


def derived_in_use(unnamed: dict[str, LocalEntity], relations: Iterable[Relation]) -> list[LocalEntity]:
    """The countries read off demonyms that a relation takes as an argument: one no relation uses is no entity
    of the report ("Pakistani officials said" adds no Pakistan). bench/train_relation_model.py keeps them all,
    to label the pairs the rules left alone."""
    used = {e for r in relations for e in (r.subject, r.object)}
    return [e for i, e in unnamed.items() if i in used]


def _named_countries(entities: list[LocalEntity]) -> dict[str, str]:
    """geonameid and name key → the report's own place entity ("Canada"): the entity an adjectival demonym
    ("the Canadian province of Alberta") stands for as a relation's argument. A country the report never names
    is no argument: dossier does not invent the entity (docs/entities.md, "Demonyms as arguments")."""
    named: dict[str, str] = {}
    for e in entities:
        if e.type == EntityType.PLACE:
            named.setdefault(name_key(e.name), e.id)
            if (gid := dict(e.attributes).get("geonameid")) is not None:
                named.setdefault(gid, e.id)
            if (polity := polity_named(e.name)) is not None:  # "the USSR" for "Soviet"
                named.setdefault(polity.geonameid, e.id)
    return named


def _metadata_mentions(document: Document, found: list[RawMention], sentences: list[Sentence]) -> list[RawMention]:
    """The dateline's place and the publisher, where they stand in the first lines and the model missed them
    (all-capital datelines such as "BAMAKO —" are invisible to the small model)."""
    extra: list[RawMention] = []
    head = document.text[:400]
    for value, etype in ((document.dateline_place, EntityType.PLACE), (document.publisher, EntityType.ORGANIZATION)):
        if not value or is_date(value):  # a dateline's date read as its publisher is no organisation
            continue
        start = head.find(value)
        if start < 0:
            continue
        end = start + len(value)
        if any(m.start < end and start < m.end for m in [*found, *extra]):
            continue
        sentence = next((s.index for s in sentences if s.start <= start < s.end), 0)
        extra.append(RawMention(start=start, end=end, text=value, type=etype, sentence=sentence,
                                attributes=_reference_attributes(etype, value)))
    return extra


def _parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _time_expression(doc_id: str, start: int, end: int, text: str,
                     published: datetime.date | None, way: str | None = None) -> TimeExpression:
    """``way`` ("future"/"past", from the sentence: ``time.tense``) completes a yearless date forward or back."""
    tv = timex.normalize(text, published, None, way)
    return TimeExpression(stable_id("time", doc_id, start, end), doc_id, start, end, text, tv.value,
                          tv.granularity, tv.inferred, tv.anchor)


def _reference_attributes(etype: EntityType, text: str) -> dict[str, str]:
    if etype == EntityType.PLACE and (place := lookup_place(text, allow_common_words=True)):
        attrs = {"geonameid": place.geonameid, "country": place.country, "gazetteer_name": place.name}
        if place.lat is not None and place.lon is not None:
            attrs |= {"lat": f"{place.lat:.4f}", "lon": f"{place.lon:.4f}"}
        return attrs
    if etype == EntityType.ORGANIZATION and (org := lookup_org(text)):
        return {"ofac_id": org.ofac_id, "ofac_name": org.canonical, "ofac_programs": org.programs}
    return {}
