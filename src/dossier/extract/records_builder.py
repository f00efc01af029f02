"""Candidates (token indices, local-entity ids) → records (global character offsets, evidence, attribution).

Relation, event and claim extractors stay small and pure because this is the one place that knows about chunk
offsets and evidence spans, and the one place that asks ``attribution`` who asserts each fact: a relation found
inside "India has accused X of…" is never stored as the reporter's plain assertion.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from dossier.extract.attribution import analysis as attribution
from dossier.extract.context import Attribution, DocContext
from dossier.extract.events import finder as events
from dossier.extract.relations import finder as relations
from dossier.model import (
    Claim,
    Document,
    Event,
    EventCount,
    Modality,
    Participant,
    Relation,
    Span,
    TimeExpression,
    stable_id,
)


class RecordBuilder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self._relations: dict[str, tuple[Relation, list[Span]]] = {}
        self._events: list[Event] = []
        self._claims: dict[str, Claim] = {}

    def _span(self, ctx: DocContext, span: SpacySpan) -> Span:
        start, end = ctx.offset + span.start_char, ctx.offset + span.end_char
        return Span(self.document.id, start, end, self.document.text[start:end])

    def _sentence(self, ctx: DocContext, token_index: int) -> Span:
        """The sentence around a token, without the line breaks that may trail it."""
        start, end = ctx.sentence_chars(token_index)
        start, end = ctx.offset + start, ctx.offset + end
        return Span(self.document.id, start, end, self.document.text[start:end])

    def add_chunk(self, ctx: DocContext, times: list[TimeExpression], relation_ctx: DocContext | None = None) -> None:
        """``relation_ctx``: the same chunk as relations read it, where an adjectival demonym stands for its
        country (``extract.demonym_places``); events and claims read ``ctx``."""
        doc_id = self.document.id
        for cand in relations.find_relations(relation_ctx or ctx):
            att = attribution.attribute(ctx, cand.anchor)
            if cand.negated:
                att = Attribution(att.source, att.source_entity, Modality.DENIED, att.cue or "not", att.cue_token)
            evidence = self._sentence(ctx, cand.sentence_start)
            key = stable_id("rel", doc_id, cand.subject, cand.predicate, cand.object, cand.role or "",
                            att.source, str(att.modality))
            more = [self._sentence(ctx, i) for i in cand.also]
            if key in self._relations:
                rel, spans = self._relations[key]
                for span in [evidence, *more]:
                    if span not in spans:
                        spans.append(span)
                continue
            rel = Relation(
                id=key, document=doc_id, subject=cand.subject, predicate=cand.predicate, object=cand.object,
                role=cand.role, evidence=(evidence,), attribution=att.source, modality=att.modality,
                extractor=f"relations/{cand.pattern}",
            )
            self._relations[key] = (rel, [evidence, *(m for m in more if m != evidence)])
        for ev in events.find_events(ctx, times):
            trig = ctx.doc[ev.trigger[0]:ev.trigger[1]]
            att = attribution.attribute(ctx, ev.trigger[0])
            sentences = tuple(self._sentence(ctx, s) for s in ev.sentences) or (self._sentence(ctx, ev.trigger[0]),)
            self._events.append(
                Event(
                    id=stable_id("evt", doc_id, ctx.offset + trig.start_char, ev.type),
                    document=doc_id, type=ev.type, label=ev.label, trigger=self._span(ctx, trig),
                    date=ev.date, date_granularity=ev.date_granularity, date_inferred=ev.date_inferred,
                    place=ev.place, participants=tuple(Participant(e, r) for e, r in ev.participants),
                    evidence=sentences, attribution=att.source, modality=att.modality,
                    extractor=f"events/{ev.pattern}", category=ev.category, lemma=ev.lemma,
                    mentions=tuple(self._span(ctx, ctx.doc[s:e]) for s, e in ev.mentions),
                    counts=tuple(EventCount(c.kind, c.value, c.qualifier,
                                            self._span(ctx, ctx.doc[c.tokens[0]:c.tokens[1]])) for c in ev.counts),
                )
            )
        for cl in attribution.find_claims(ctx):
            prop = self._span(ctx, ctx.doc[cl.proposition[0]:cl.proposition[1]])
            claim = Claim(
                id=stable_id("clm", doc_id, prop.start, prop.end, cl.attribution.source),
                document=doc_id, proposition=prop, source=cl.attribution.source,
                source_entity=cl.attribution.source_entity, modality=cl.attribution.modality,
                cue=cl.attribution.cue, evidence=self._sentence(ctx, cl.sentence_start),
                extractor="claims",
            )
            self._claims.setdefault(claim.id, claim)

    def relations(self) -> tuple[Relation, ...]:
        out = []
        for rel, spans in self._relations.values():
            out.append(Relation(rel.id, rel.document, rel.subject, rel.predicate, rel.object, rel.role,
                                tuple(sorted(spans, key=lambda s: s.start)), rel.attribution, rel.modality,
                                rel.extractor))
        return tuple(sorted(out, key=lambda r: (r.evidence[0].start, r.id)))

    def events(self) -> tuple[Event, ...]:
        unique: dict[str, Event] = {}
        for e in self._events:  # one trigger typed once: a second candidate for it adds nothing new
            unique.setdefault(e.id, e)
        return tuple(sorted(unique.values(), key=lambda e: (e.trigger.start, e.id)))

    def claims(self) -> tuple[Claim, ...]:
        return tuple(sorted(self._claims.values(), key=lambda c: (c.evidence.start, c.proposition.start)))
