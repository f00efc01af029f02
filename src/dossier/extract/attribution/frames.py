"""Frames: the cues that attribute a stretch of a sentence to a source (see ``attribution``).

``FrameFinder`` reads one sentence's reporting and belief verbs with their complements ("police said …",
"X accused Y of …", "X denied that …", "…, officials said"), agentless raising passives ("X is reported
to …", source ``UNNAMED``), "according to X" phrases, claim nouns with their author ("claims by X that …")
and pleas ("pleaded not guilty"). It returns ``RawFrame`` records that point at the head of the source's
phrase; ``attribution.sources`` resolves them to ``Frame`` records with the source's words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from dossier.extract.attribution.cues import Lexicon, VerbCue
from dossier.extract.attribution.syntax import (
    RELATIVE,
    agent_of,
    content_bounds,
    cover,
    is_passive,
    misread_complement,
    says_nothing,
    strip_edges,
    verb_subject,
)
from dossier.extract.token_words import token_words
from dossier.model import Modality

UNNAMED = "unnamed sources"  # the source of an agentless passive: "X is reported to …", "it is alleged that …"

_NOT_REPORTING_HEADS = frozenset({"decline", "refuse", "fail"})  # "declined to confirm" reports nothing
_HOST_DEPS = frozenset({"parataxis", "advcl", "conj"})  # "…, police said" hanging off the reported clause
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure"})  # their object is the audience, not the content
_HOST_PUNCT = frozenset({",", "”", '"', "’", "'", "—", "–"})
_NOT_CONTENT = frozenset({"life"})  # "claimed lives": an object that is a toll, not a proposition
_PLEA = "plead"  # "pleaded not guilty": a denial made in court
_OBJECT_PREPS = frozenset({"of", "for", "as"})  # "accused X of …", "blamed X for …", "described X as …"
_SOFT_SUBJECT_DEPS = frozenset({"advcl", "acl", "xcomp", "pcomp", "conj"})  # subjectless: inherit


@dataclass(frozen=True, slots=True)
class Frame:
    """A stretch of a sentence attributed to a source by a cue."""

    cue_token: int
    cue: str
    modality: Modality
    source: str
    source_entity: str | None
    proposition: tuple[int, int]  # token range
    complement: int | None  # head of the attributed clause: where a nested hedge is looked for
    sentence_start: int
    belief: bool  # a belief verb ("fears", "believes"): merged into an enclosing frame's claim
    cue_at: int  # token of the cue text (usually ``cue_token``)
    explicit: bool  # the source is named in the frame itself, not a pronoun or inherited
    source_span: tuple[int, int]  # tokens of the source's phrase: never attributed to the source itself
    covers: bool  # whether facts inside the proposition take this attribution (not for "claimed the attack")


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    entity: str | None


@dataclass(slots=True)
class RawFrame:
    """A frame before its source is resolved (sources may depend on enclosing frames)."""

    cue_token: int
    cue: str
    modality: Modality
    proposition: tuple[int, int]
    complement: int | None
    belief: bool
    source_head: int | None = None  # the subject or agent's head token
    inherit_from: int | None = None  # subjectless participle: take the source of the governing clause
    fixed: Source | None = None  # unnamed sources
    cue_at: int | None = None  # the token of the cue text when it is not the frame's verb ("never")
    covers: bool = True
    reporter_fallback: bool = False  # inherit only from an enclosing frame, else the reporter


class FrameFinder:
    """Finds the frames of one sentence at a time; sources are left unresolved."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex

    def find(self, sent: Span) -> list[RawFrame]:
        out: list[RawFrame] = []
        table = token_words(self.doc)
        for i in range(sent.start, sent.end):
            lemma = table.lemma[i]
            if table.lower[i] != "according" and lemma not in self.lex.verbs and lemma != _PLEA \
                    and lemma not in self.lex.nouns:
                continue  # every frame below starts from a word of the lexicon
            t = self.doc[i]
            raw: RawFrame | None = None
            if t.lower_ == "according" and t.i + 1 < sent.end and self.doc[t.i + 1].lower_ == "to":
                raw = self._according(sent, t)
            elif (cue := self.lex.verbs.get(lemma)) is not None and t.pos_ == "VERB":
                raw = self._verb(sent, t, cue)
            elif lemma == _PLEA and t.pos_ == "VERB":
                raw = self._plea(t)
            elif lemma in self.lex.nouns and t.pos_ == "NOUN":
                raw = self._noun(t)
            if raw is not None:
                out.append(raw)
        return out

    def _according(self, sent: Span, t: Token) -> RawFrame | None:
        to = self.doc[t.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        left, right = t.left_edge.i, max(t.right_edge.i, pobj.right_edge.i)
        first, last = content_bounds(sent)
        if left <= first or right >= last:
            scope = (sent.start, sent.end)  # sentence-initial or sentence-final: the whole sentence
        else:
            scope = (t.head.left_edge.i, t.head.right_edge.i + 1)
        if left <= scope[0]:
            prop = (right + 1, scope[1])
        elif right >= scope[1] - 1 or right >= last:
            prop = (scope[0], left)
        else:
            prop = scope
        return RawFrame(t.i, self.doc[t.i:t.i + 2].text, Modality.REPORTED, strip_edges(self.doc, prop),
                    t.head.i if t.head.i != t.i else None, False, source_head=pobj.i)

    def _noun(self, t: Token) -> RawFrame | None:
        """"claims by X that …", "X's allegation that …", "Pakistani allegations that …", "the claim of
        responsibility by X": a claim noun with its author and its content."""
        author: Token | None = None
        by_author = False
        nested = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj" for g in p.children if g.dep_ == "prep" and g.lower_ == "by"]
        for c in [*t.children, *nested]:
            if c.dep_ == "prep" and c.lower_ == "by":
                author = next((p for p in c.children if p.dep_ == "pobj"), None)
                by_author = author is not None
            elif c.dep_ == "poss" and c.lower_ not in RELATIVE and author is None:
                author = c
            elif c.dep_ == "amod" and c.ent_type_ == "NORP" and c.i < t.i and author is None:
                author = c
        content = next((c for c in t.children if c.dep_ in ("acl", "ccomp")
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if content is None and by_author:
            content = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if author is None or content is None:
            return None
        prop = (content.left_edge.i, content.right_edge.i + 1)
        if content.dep_ == "prep":
            prop = (content.i + 1, content.right_edge.i + 1)
        return RawFrame(t.i, t.text, self.lex.nouns[t.lemma_.lower()], strip_edges(self.doc, prop), content.i, False,
                    source_head=author.i)

    def _verb(self, sent: Span, t: Token, cue: VerbCue) -> RawFrame | None:
        if t.dep_ in ("amod", "compound", "nmod") or not t.tag_.startswith("VB"):
            return None
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in t.children):
            return None  # "did not say", "has never claimed"
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in _NOT_REPORTING_HEADS:
            return None  # "declined to confirm"
        children = list(t.children)
        objects = [c for c in children if c.dep_ == "dobj"]
        clauses = [c for c in children if c.dep_ == "ccomp"
                   or (c.dep_ == "xcomp" and not objects and cue.frame not in ("as", "at"))]
        if not clauses and cue.frame == "clause":
            clauses = misread_complement(t)
        preps = [c for c in children if (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS and c.i > t.i)
                 or c.dep_ == "oprd"]
        as_comp = [c for c in preps if c.dep_ == "oprd" or c.lower_ == "as"]
        agent = agent_of(t)
        holders = [*objects, *([agent] if agent is not None else [])]  # "as" misattached to the object or agent
        as_comp += [c for o in holders for c in o.children if c.dep_ == "prep" and c.lower_ == "as"]
        preps += [c for c in as_comp if c not in preps]
        at_comp = [c for c in children if c.dep_ == "prep" and c.lower_ == "at" and c.i > t.i
                   and any(x.like_num for x in c.subtree)]  # "put the toll at 15"
        gap = t.dep_ in ("relcl", "acl") and (not objects or objects[0].lower_ in RELATIVE)
        sentence_final = t.dep_ == "acl" and not (clauses or objects) and self._host(sent, t) is not None
        if is_passive(t) and not sentence_final:
            return self._passive(t, cue, clauses, preps, as_comp, gap)
        head_noun = t.head.lemma_.lower() if gap else ""
        # "…, suggesting a deliberate attempt": the writer's own inference, hedged
        inference = cue.modality == Modality.SPECULATIVE and t.tag_ == "VBG" and t.dep_ == "advcl" \
            and verb_subject(t) is None
        if cue.frame == "object":
            # not "denied them entry" (a refusal) nor "the blast claimed 12 lives" (a toll)
            double = len(objects) > 1 and self.doc[objects[1].left_edge.i - 1].text != ","
            ok = bool(clauses or objects or gap) and not double \
                and not any(c.dep_ == "dative" for c in children) \
                and not any(o.lemma_.lower() in _NOT_CONTENT for o in objects)
        elif cue.frame == "claim":
            ok = bool(clauses or as_comp) or head_noun in self.lex.nouns \
                or any(o.lemma_.lower() in self.lex.nouns for o in objects)
        elif cue.frame == "as":
            ok = bool(clauses or as_comp) or (gap and bool(objects))
        elif cue.frame == "at":
            ok = bool(at_comp) and bool(objects or gap)
            preps = at_comp
        else:
            ok = bool(clauses) or (inference and bool(objects))
        comp_head = clauses[0].i if clauses else None
        if sentence_final:
            ok = False
        if ok and gap and not clauses:
            prop = (t.head.left_edge.i, t.right_edge.i + 1)  # "a meeting the ministry described as …"
        elif ok and t.dep_ == "relcl" and clauses and clauses[0].i > t.right_edge.i:
            prop = (t.head.left_edge.i, clauses[0].right_edge.i + 1)  # "a faction which X maintained | was …"
        elif ok and clauses:
            prop = cover(clauses)
        elif ok:  # the object and what follows it: "denied any link to the group"
            prop = cover([*objects, *preps, *(c for c in children if c.dep_ == "prep" and c.i > t.i)])
        elif (host := self._host(sent, t)) is not None:
            prop, comp_head = host, t.head.i
        else:
            return None
        raw = RawFrame(t.i, t.text, cue.modality, strip_edges(self.doc, prop), comp_head,
                       cue.modality == Modality.SPECULATIVE)
        if t.lemma_.lower() == "claim" and not clauses:
            raw.covers = False  # "claimed the attack": the attack happened; who did it is the claim
        raw.reporter_fallback = inference
        if cue.modality == Modality.REPORTED and clauses:
            never = next((c for c in clauses[0].children if c.lower_ == "never"), None)
            if never is not None:  # "said the firm has never dealt with …" is a denial
                raw.modality, raw.cue, raw.cue_at = Modality.DENIED, never.text, never.i
        return self._speaker(t, raw)

    def _passive(self, t: Token, cue: VerbCue, clauses: list[Token], preps: list[Token], as_comp: list[Token],
                 gap: bool) -> RawFrame | None:
        """"X is reported to …", "it is alleged that …", "X was described by police as …"."""
        agent = agent_of(t)
        if agent is None and cue.passive != "unnamed":
            return None  # "was denied bail", "the bill was rejected"; "is expected to" is a hedge
        subject = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
        if not (clauses or preps):
            # only with an agent: "the nine acknowledged by officials", "claims dismissed by the ministry"
            target = t.head if gap else subject
            if agent is None or target is None or cue.frame == "clause" \
                    or (cue.frame == "claim" and target.lemma_.lower() not in self.lex.nouns) \
                    or (cue.frame == "as" and not as_comp):
                return None
        parts = [*clauses, *preps]
        if subject is not None and subject.lower_ != "it":
            parts.append(subject)
        if gap:
            parts.append(t.head)
        prop = cover(parts) if parts else (t.i, t.i)
        if gap:
            prop = (min(prop[0], t.head.left_edge.i), max(prop[1], t.right_edge.i + 1))
        raw = RawFrame(t.i, t.text, cue.modality, strip_edges(self.doc, prop), clauses[0].i if clauses else None,
                   cue.modality == Modality.SPECULATIVE)
        if agent is not None:
            raw.source_head = agent.i
        else:
            raw.fixed = Source(UNNAMED, None)
        return raw

    def _plea(self, t: Token) -> RawFrame | None:
        """"X pleaded not guilty (to …)": a denial made in court."""
        guilty = next((c for c in t.children if c.lower_ == "guilty"), None)
        if guilty is None or not any(c.dep_ == "neg" for c in [*guilty.children, *t.children]):
            return None
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        rest = [c for c in t.children if c.i > t.i and not c.is_punct]
        prop = cover(rest) if rest else (t.i, t.i + 1)
        raw = RawFrame(t.i, f"{t.text} not guilty", Modality.DENIED, strip_edges(self.doc, prop), None, False)
        raw.source_head = subject.i
        return raw

    def _speaker(self, t: Token, raw: RawFrame) -> RawFrame | None:
        """Who the verb's frame belongs to: its subject, the noun a relative clause hangs on, or (for a
        subjectless participle or conjunct) the speaker of the clause it hangs on."""
        subject = verb_subject(t)
        if subject is not None and says_nothing(subject):
            return None  # "no group has claimed responsibility"
        if subject is not None and t.dep_ == "relcl" and any(x.lower_ in RELATIVE for x in subject.subtree):
            raw.source_head = t.head.i  # "officials who said …", "workers, many of whom told …"
        elif subject is not None:
            raw.source_head = subject.i
        elif t.dep_ == "conj" and t.head.dep_ == "ccomp" and self.lex.verbs.get(t.head.head.lemma_.lower()):
            raw.inherit_from = t.head.head.i  # "X said Y was … and denied …" misread as part of the complement
        elif t.dep_ in _SOFT_SUBJECT_DEPS:
            raw.inherit_from = t.head.i  # "…, saying …", "… and added …"
        else:
            return None
        return raw

    def _host(self, sent: Span, t: Token) -> tuple[int, int] | None:
        """"X happened, police said": the reporting verb hangs off the clause it reports."""
        head = t.head
        if any(c.dep_ == "dobj" for c in t.children) and t.lemma_.lower() not in _ADDRESSEE_VERBS:
            return None  # "…, suggesting a deliberate attempt" has its own content; "…, X told reporters" not
        if t.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and head.left_edge.i > sent.start \
                and self.doc[head.left_edge.i - 1].text == "," and t.right_edge.i >= content_bounds(sent)[1]:
            return (sent.start, head.left_edge.i - 1)  # "…, the two companies announced on Tuesday." misread
        if t.dep_ not in _HOST_DEPS or head.i == t.i or head.pos_ not in ("VERB", "AUX"):
            return None
        if t.i > head.i:
            edge = t.left_edge.i
            if self.doc[edge].text not in (",", "—", "–") and self.doc[edge - 1].text not in _HOST_PUNCT:
                return None
            return (head.left_edge.i, t.left_edge.i)
        return (t.right_edge.i + 1, head.right_edge.i + 1)


def trim_nested(doc: Doc, frames: list[Frame]) -> None:
    """Cut a trailing participle or conjoined frame ("…, saying …", "… and denied …") out of an enclosing
    proposition."""
    for n, f in enumerate(frames):
        start, end = f.proposition
        for g in frames:
            tok = doc[g.cue_token]
            if g is not f and start < tok.left_edge.i < end and tok.right_edge.i + 1 >= end \
                    and (tok.dep_ == "conj" or tok.tag_ == "VBG" and tok.dep_ == "advcl"):
                end = tok.left_edge.i
        if end != f.proposition[1]:
            frames[n] = replace(f, proposition=strip_edges(doc, (start, end)))
