"""Sources: whom a frame attributes its proposition to (see ``attribution``).

The source is the words of the subject or agent's noun phrase, without asides ("police", "An AHF
spokesman, Lukas Brunner"), with the entity it names; a pronoun is resolved to an enclosing frame's source
or to an earlier one ("he" a named person who was a subject, "they" a plural subject, "it" a non-person
subject of a governing clause or the source of a recent frame); "the report" to the fuller phrase that
introduced it ("a recent report"); a subjectless participle or conjunct ("…, saying …") inherits the
source of the clause it hangs on.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dossier.extract.attribution.cues import Lexicon
from dossier.extract.attribution.frames import UNNAMED, Frame, RawFrame, Source
from dossier.extract.attribution.syntax import RELATIVE, noun_phrase, same_line, tree_depth
from dossier.extract.context import DocContext
from dossier.ingest.dateline import dateline_prefix, parse_dateline
from dossier.model import EntityType

_PERSONAL = frozenset({"he", "she"})
_LOOKBACK = 400  # tokens searched backwards for a pronoun's antecedent
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


class SourceResolver:
    """Resolves the sources of one sentence's frames at a time, in document order."""

    def __init__(self, ctx: DocContext, lex: Lexicon) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.text  # spaCy joins every token's text for each ``Doc.text``: once per chunk (the context)
        self.lex = lex
        self.history: list[Frame] = []  # resolved frames of earlier sentences, in order

    def resolve(self, sent: Span, raws: list[RawFrame]) -> list[Frame]:
        done: dict[int, Frame] = {}
        for raw in sorted(raws, key=lambda r: tree_depth(self.doc[r.cue_token])):
            source = self._source(sent, raw, done)
            if source is None:
                continue
            head = self.doc[raw.source_head] if raw.source_head is not None else None
            explicit = head is not None and head.pos_ != "PRON"
            span = (head.left_edge.i, head.right_edge.i + 1) if head is not None else (raw.cue_token, raw.cue_token)
            done[raw.cue_token] = Frame(raw.cue_token, raw.cue, raw.modality, source.text, source.entity,
                                        raw.proposition, raw.complement, sent.start, raw.belief,
                                        raw.cue_token if raw.cue_at is None else raw.cue_at, explicit, span,
                                        raw.covers)
        return [f for f in done.values() if f.proposition[1] > f.proposition[0]]

    def _source(self, sent: Span, raw: RawFrame, done: dict[int, Frame]) -> Source | None:
        if raw.fixed is not None:
            return raw.fixed
        if raw.source_head is not None:
            return self._noun_phrase_source(sent, self.doc[raw.source_head], done)
        if raw.inherit_from is None:
            return None
        start = self.doc[raw.inherit_from]
        cue = self.doc[raw.cue_token]
        if cue.dep_ == "acl" and start.pos_ in ("NOUN", "PROPN"):
            return self._noun_phrase_source(sent, start, done)  # "a statement saying …"
        chain = [start, *start.ancestors]
        for tok in chain:  # the speaker of an enclosing frame ("X denied …, saying …")
            if tok.i in done:
                f = done[tok.i]
                return Source(f.source, f.source_entity)
        if raw.reporter_fallback:
            return Source("reporter", None)
        for tok in chain:  # else the subject of the governing clause
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                if subject.lower_ in RELATIVE and tok.dep_ == "relcl":
                    subject = tok.head
                return self._noun_phrase_source(sent, subject, done)
            if tok.dep_ == "ROOT" and tok.pos_ in ("NOUN", "PROPN"):
                return self._noun_phrase_source(sent, tok, done)  # a verbless fragment
        return None

    def _noun_phrase_source(self, sent: Span, head: Token, done: dict[int, Frame]) -> Source:
        if head.pos_ == "PRON" and head.lower_ in _PRONOUNS:
            resolved = self._pronoun(sent, head, done)
            if resolved is not None:
                return resolved
        start, end, named = noun_phrase(self.doc, head)
        if head.lemma_.lower() in self.lex.source_nouns and end - start <= 2 \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            fuller = self._earlier_mention(head)
            if fuller is not None:
                return fuller
        start, end, named = self._after_dateline(start, end, named)
        entity = self.ctx.entity_at(named.i) if named.ent_iob_ != "O" else None
        return Source(self.doc[start:end].text, entity)

    def _after_dateline(self, start: int, end: int, named: Token) -> tuple[int, int, Token]:
        """A dateline is never a source: "KABUL, Afghanistan (Jan. 30, 2011) — ISAF confirmed …" in a release
        appended mid-document, where the parser takes the dateline into the subject. The source is what
        follows the dateline (the name, when ``named`` lay in the dateline)."""
        phrase = self.doc[start:end]
        line_start = phrase.start_char == 0 or self.text[phrase.start_char - 1] in "\n\r\u2028\u2029\xa0 "
        dateline = parse_dateline(phrase.text) if line_start else None
        if dateline is None or dateline.date_text is None:
            return start, end, named
        cut = phrase.start_char + len(dateline_prefix(phrase.text))
        rest = [t for t in phrase if t.idx >= cut and not t.is_punct and not t.is_space]
        if rest:
            first = rest[0].i
            return first, end, named if named.i >= first else rest[-1]
        # the phrase is the dateline alone: the subject is the noun phrase that follows it
        for tok in self.doc[end : min(len(self.doc), end + 12)]:
            if tok.pos_ in ("NOUN", "PROPN"):
                head = tok
                while head.dep_ in ("compound", "amod", "flat", "nmod") and head.head.i > head.i:
                    head = head.head
                s2, e2, named2 = noun_phrase(self.doc, head)
                return max(s2, end), e2, named2
            if not (tok.is_punct or tok.is_space or tok.pos_ == "DET"):
                break
        return start, end, named

    def _earlier_mention(self, head: Token) -> Source | None:
        """"the report" → "a recent report", when the document introduced it that way earlier."""
        lemma = head.lemma_.lower()
        for j in range(head.i - 1, -1, -1):
            tok = self.doc[j]
            if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma:
                start, end, _ = noun_phrase(self.doc, tok)
                if end - start > 2 or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                               for c in tok.children):
                    if end - start > 2 or any(c.dep_ != "det" for c in tok.children if c.i < tok.i):
                        return Source(self.doc[start:end].text, None)
                    return None
        return None

    def _pronoun(self, sent: Span, tok: Token, done: dict[int, Frame]) -> Source | None:
        # an enclosing frame in the same sentence ("Residents said they feared …")
        enclosing = [f for f in done.values() if f.proposition[0] <= tok.i < f.proposition[1]]
        if enclosing:
            f = min(enclosing, key=lambda f: f.proposition[1] - f.proposition[0])
            return Source(f.source, f.source_entity)
        lower = tok.lower_
        types = self.ctx.entity_type
        if lower in _PERSONAL:
            return self._antecedent(tok, plural=False)
        if lower == "it":
            for anc in tok.head.ancestors:  # "the firms that it accused of …": the subject of a governing clause
                subject = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is None or subject.i > tok.i or subject.pos_ == "PRON" \
                        or not same_line(self.doc, subject.i, tok.i):
                    continue
                start, end, named = noun_phrase(self.doc, subject)
                entity = self.ctx.entity_at(named.i) if named.ent_iob_ != "O" else None
                if entity is None or types.get(entity) != EntityType.PERSON:
                    return Source(self.doc[start:end].text, entity)
                break
            for f in reversed(self.history[-6:]):
                if f.source_entity is None or types.get(f.source_entity) != EntityType.PERSON:
                    if f.source not in (UNNAMED,) and f.source.lower() not in _PRONOUNS:
                        return Source(f.source, f.source_entity)
            return None
        return self._antecedent(tok, plural=True)

    def _antecedent(self, tok: Token, plural: bool) -> Source | None:
        """The nearest earlier subject that "he"/"she" (a named person) or "they" (a plural noun phrase) can
        refer to, looking back at most ``_LOOKBACK`` tokens."""
        types = self.ctx.entity_type
        for j in range(tok.i - 1, max(-1, tok.i - _LOOKBACK), -1):
            x = self.doc[j]
            subject = x.dep_ in ("nsubj", "nsubjpass") or (x.dep_ == "appos" and x.head.dep_ in ("nsubj", "nsubjpass"))
            if not subject or x.pos_ == "PRON":
                continue
            entity = self.ctx.entity_at(j) if x.ent_iob_ != "O" else None
            person = entity is not None and types.get(entity) == EntityType.PERSON
            if not plural and person and entity is not None:
                return Source(self.ctx.entity_name.get(entity, x.text), entity)
            if plural and not person and (x.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in x.children)):
                start, end, named = noun_phrase(self.doc, x)
                named_entity = self.ctx.entity_at(named.i) if named.ent_iob_ != "O" else None
                return Source(self.doc[start:end].text, named_entity)
        return None

