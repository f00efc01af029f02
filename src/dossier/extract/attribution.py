"""Who says so, and how firmly: attribution and modality of a clause (see docs/claims.md).

One linear pass over a parsed chunk finds two kinds of cue in the dependency tree:

* **frames**: something that attributes a stretch of the sentence to a source: a reporting or belief verb and
  its complement ("police said …", "X accused Y of …", "X denied that …", "reports indicate …"), a passive
  raising verb ("X is reported to …", source ``unnamed sources``), an "according to X" phrase, or a claim noun
  with its author ("claims by X that …");
* **hedges**: something on a clause that weakens it: a modal ("could", "may", "might"), a hedge adjective
  ("is likely to", "is due to"), a raising verb ("appears to"), a passive expectation ("is expected to"), an
  adverb ("probably", "reportedly", "allegedly") or an attributive adjective on a noun ("the alleged ringleader").

``attribute`` combines the innermost frame around a token with the hedge on the token's own clause (a hedge
inside reported speech is speculative and keeps the speaker); ``find_claims`` turns every frame and every hedge
that no frame absorbed into a ``ClaimCandidate``. The cue words live in ``data/modality_cues.tsv``. The analysis
is computed once per chunk and kept in ``Doc.user_data`` so the relation, event and claim passes share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from dossier.extract.context import Attribution, ClaimCandidate, DocContext
from dossier.extract.cues import Lexicon, VerbCue, lexicon
from dossier.model import EntityType, Modality

REPORTER = Attribution(source="reporter", source_entity=None, modality=Modality.ASSERTED, cue=None)
UNNAMED = "unnamed sources"  # the source of an agentless passive: "X is reported to …", "it is alleged that …"

_CACHE_KEY = "dossier_attribution"
_RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
_PERSONAL = frozenset({"he", "she"})
_LOOKBACK = 400  # tokens searched backwards for a pronoun's antecedent
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "``", "''"})
_EDGE_PUNCT = frozenset({",", ";", ":", "-", "—", "–", "."}) | _QUOTES
_NOT_REPORTING_HEADS = frozenset({"decline", "refuse", "fail"})  # "declined to confirm" reports nothing
_BOUNDARY_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis"})  # a hedge does not cross these
_HOST_DEPS = frozenset({"parataxis", "advcl", "conj"})  # "…, police said" hanging off the reported clause
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure"})  # their object is the audience, not the content
_HOST_PUNCT = frozenset({",", "”", '"', "’", "'", "—", "–"})
_NOT_CONTENT = frozenset({"life"})  # "claimed lives": an object that is a toll, not a proposition
_PLEA = "plead"  # "pleaded not guilty": a denial made in court
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "noone"})
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
class Hedge:
    """A modal, hedge adjective, raising verb or adverb on a clause head."""

    head: int
    cue_token: int
    cue: str
    modality: Modality
    own_voice: bool = False  # the reporter's word even inside reported speech ("the alleged ringleader")


@dataclass(frozen=True, slots=True)
class _Source:
    text: str
    entity: str | None


@dataclass(slots=True)
class _Raw:
    """A frame before its source is resolved (sources may depend on enclosing frames)."""

    cue_token: int
    cue: str
    modality: Modality
    proposition: tuple[int, int]
    complement: int | None
    belief: bool
    source_head: int | None = None  # the subject or agent's head token
    inherit_from: int | None = None  # subjectless participle: take the source of the governing clause
    fixed: _Source | None = None  # unnamed sources
    cue_at: int | None = None  # the token of the cue text when it is not the frame's verb ("never")
    covers: bool = True
    reporter_fallback: bool = False  # inherit only from an enclosing frame, else the reporter


@dataclass(slots=True)
class Analysis:
    frames: list[Frame]
    hedges: dict[int, Hedge]  # clause head token → its hedge
    sentence_of: list[int]  # token index → start token of its sentence
    frames_in: dict[int, list[Frame]]  # sentence start → its frames
    claims: list[ClaimCandidate]


def attribute(ctx: DocContext, token_index: int) -> Attribution:
    """The attribution of the clause that contains ``token_index``."""
    an = analyse(ctx)
    doc = ctx.doc
    frame = _innermost(an.frames_in.get(an.sentence_of[token_index], ()), token_index)
    if frame is not None and _background(doc, frame, token_index):
        frame = None
    hedge = _hedge_above(doc, an, token_index)
    if hedge is not None:
        frames = an.frames_in.get(an.sentence_of[token_index], [])
        base = None if hedge.own_voice else frame or _conjoined(doc, {f.cue_token: f for f in frames}, hedge.head)
        if hedge.modality == Modality.SPECULATIVE:
            if base is not None and base.modality in (Modality.ALLEGED, Modality.DENIED):
                return _attribution(base)
            if base is not None:
                return Attribution(base.source, base.source_entity, Modality.SPECULATIVE, hedge.cue, hedge.cue_token)
            return Attribution("reporter", None, Modality.SPECULATIVE, hedge.cue, hedge.cue_token)
        if base is None:
            return Attribution("reporter", None, hedge.modality, hedge.cue, hedge.cue_token)
    if frame is not None:
        return _attribution(frame)
    return REPORTER


def find_claims(ctx: DocContext) -> list[ClaimCandidate]:
    """Every attributed or hedged proposition in the chunk (plain assertions are not claims)."""
    return list(analyse(ctx).claims)


def analyse(ctx: DocContext) -> Analysis:
    """Frames, hedges and claims of the chunk, computed once and cached on the ``Doc``."""
    key = (ctx.document.id, ctx.offset)
    cached = ctx.doc.user_data.get(_CACHE_KEY)
    if isinstance(cached, tuple) and cached[0] == key:
        result: Analysis = cached[1]
        return result
    result = _Analyser(ctx, lexicon()).run()
    ctx.doc.user_data[_CACHE_KEY] = (key, result)
    return result


def _attribution(frame: Frame) -> Attribution:
    return Attribution(frame.source, frame.source_entity, frame.modality, frame.cue, frame.cue_at)


def _innermost(frames: Iterable[Frame], i: int) -> Frame | None:
    """The narrowest frame whose proposition contains token ``i`` (not as part of the source's own words)."""
    best: Frame | None = None
    for f in frames:
        start, end = f.proposition
        if start <= i < end and i != f.cue_token and f.covers and not f.source_span[0] <= i < f.source_span[1]:
            if best is None or end - start < best.proposition[1] - best.proposition[0]:
                best = f
    return best


def _background(doc: Doc, frame: Frame, i: int) -> bool:
    """Whether token ``i`` sits in the reporter's own description inside an attributed clause: an apposition
    or a non-restrictive relative clause ("accused X of arming Y, an armed faction based in Basra")."""
    tok = doc[i]
    start, end = frame.proposition
    for _ in range(64):
        if tok.i == frame.cue_token or not start <= tok.i < end or tok.head.i == tok.i:
            return False
        if tok.dep_ == "appos" or (tok.dep_ in ("relcl", "acl") and tok.left_edge.i > 0
                                   and doc[tok.left_edge.i - 1].text == ","):
            return True
        tok = tok.head
    return False


def _conjoined(doc: Doc, by_cue: dict[int, Frame], head: int) -> Frame | None:
    """"X said … and could call …": a hedged verb conjoined to a reporting verb shares its speaker."""
    tok = doc[head]
    if tok.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    return by_cue.get(tok.head.i)


def _hedge_above(doc: Doc, an: Analysis, i: int) -> Hedge | None:
    """The hedge on the clause of token ``i``: walk up to the clause head, through complements and raising."""
    cues = {f.cue_token for f in an.frames_in.get(an.sentence_of[i], ())}
    tok = doc[i]
    while True:
        if tok.i in an.hedges:
            return an.hedges[tok.i]
        if tok.i in cues or tok.dep_ in _BOUNDARY_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head


class _Analyser:
    def __init__(self, ctx: DocContext, lex: Lexicon) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.lex = lex
        self.history: list[Frame] = []  # resolved frames of earlier sentences, in order

    # ----------------------------------------------------------------------------------------------- driver
    def run(self) -> Analysis:
        sentence_of = [0] * len(self.doc)
        frames: list[Frame] = []
        frames_in: dict[int, list[Frame]] = {}
        hedges: dict[int, Hedge] = {}
        claims: list[ClaimCandidate] = []
        for sent in self.doc.sents:
            for t in sent:
                sentence_of[t.i] = sent.start
            sent_hedges = self._hedges(sent)
            raws = self._frames(sent)
            resolved = self._resolve(sent, raws)
            _trim_nested(self.doc, resolved)
            frames_in[sent.start] = resolved
            frames.extend(resolved)
            hedges.update(sent_hedges)
            claims.extend(self._claims(sent, resolved, sent_hedges))
            self.history.extend(sorted(resolved, key=lambda f: f.cue_token))
        return Analysis(frames, hedges, sentence_of, frames_in, claims)

    # ----------------------------------------------------------------------------------------------- hedges
    def _hedges(self, sent: Span) -> dict[int, Hedge]:
        out: dict[int, Hedge] = {}
        lex = self.lex
        for t in sent:
            lower, lemma = t.lower_, t.lemma_.lower()
            hedge: Hedge | None = None
            if t.dep_ == "aux" and t.tag_ == "MD" and lower in lex.modals:
                if lower == "could" and any(c.dep_ == "neg" for c in t.head.children):
                    continue  # "could not be verified": past inability, not a hedge
                hedge = Hedge(t.head.i, t.i, t.text, lex.modals[lower])
            elif lemma in lex.adjectives and t.pos_ == "ADJ" and t.dep_ in ("acomp", "oprd") \
                    and t.head.lemma_ == "be":
                to_clause = _xcomp(t) or _xcomp(t.head)
                if lemma in ("due", "poised") and to_clause is None:
                    continue  # "due to the rain" is a cause, not a schedule
                words = f"{t.head.text} {t.text}" + (" to" if to_clause is not None else "")
                hedge = Hedge(t.head.i, t.i, words, lex.adjectives[lemma])
            elif lemma in lex.raising and t.pos_ in ("VERB", "AUX") and _xcomp(t) is not None:
                hedge = Hedge(t.i, t.i, f"{t.text} to", lex.raising[lemma])
            elif lower in lex.attributive and t.dep_ == "amod" and t.head.pos_ in ("NOUN", "PROPN"):
                hedge = Hedge(t.head.i, t.i, t.text, lex.attributive[lower], own_voice=True)
            elif lemma in lex.adverbs and t.dep_ == "advmod" and t.pos_ == "ADV" \
                    and t.head.pos_ in ("VERB", "AUX", "ADJ"):
                hedge = Hedge(t.head.i, t.i, t.text, lex.adverbs[lemma])
            elif (verb := lex.verbs.get(lemma)) is not None and verb.passive == "hedge" and _is_passive(t) \
                    and _xcomp(t) is not None and _agent(t) is None:
                aux = [c.text for c in t.children if c.dep_ == "auxpass"]
                hedge = Hedge(t.i, t.i, " ".join([*aux, t.text, "to"]), Modality.SPECULATIVE)
            if hedge is not None and hedge.head not in out and not any(
                    c.dep_ in ("nsubj", "nsubjpass") and _says_nothing(c) for c in self.doc[hedge.head].children):
                out[hedge.head] = hedge  # not "none of the firms could be reached"
        return out

    # ----------------------------------------------------------------------------------------------- frames
    def _frames(self, sent: Span) -> list[_Raw]:
        out: list[_Raw] = []
        for t in sent:
            lemma = t.lemma_.lower()
            raw: _Raw | None = None
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

    def _according(self, sent: Span, t: Token) -> _Raw | None:
        to = self.doc[t.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        left, right = t.left_edge.i, max(t.right_edge.i, pobj.right_edge.i)
        first, last = _content_bounds(sent)
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
        return _Raw(t.i, self.doc[t.i:t.i + 2].text, Modality.REPORTED, _strip(self.doc, prop),
                    t.head.i if t.head.i != t.i else None, False, source_head=pobj.i)

    def _noun(self, t: Token) -> _Raw | None:
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
            elif c.dep_ == "poss" and c.lower_ not in _RELATIVE and author is None:
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
        return _Raw(t.i, t.text, self.lex.nouns[t.lemma_.lower()], _strip(self.doc, prop), content.i, False,
                    source_head=author.i)

    def _verb(self, sent: Span, t: Token, cue: VerbCue) -> _Raw | None:
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
            clauses = _misread_complement(t)
        preps = [c for c in children if (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS and c.i > t.i)
                 or c.dep_ == "oprd"]
        as_comp = [c for c in preps if c.dep_ == "oprd" or c.lower_ == "as"]
        agent = _agent(t)
        holders = [*objects, *([agent] if agent is not None else [])]  # "as" misattached to the object or agent
        as_comp += [c for o in holders for c in o.children if c.dep_ == "prep" and c.lower_ == "as"]
        preps += [c for c in as_comp if c not in preps]
        at_comp = [c for c in children if c.dep_ == "prep" and c.lower_ == "at" and c.i > t.i
                   and any(x.like_num for x in c.subtree)]  # "put the toll at 15"
        gap = t.dep_ in ("relcl", "acl") and (not objects or objects[0].lower_ in _RELATIVE)
        sentence_final = t.dep_ == "acl" and not (clauses or objects) and self._host(sent, t) is not None
        if _is_passive(t) and not sentence_final:
            return self._passive(t, cue, clauses, preps, as_comp, gap)
        head_noun = t.head.lemma_.lower() if gap else ""
        # "…, suggesting a deliberate attempt": the writer's own inference, hedged
        inference = cue.modality == Modality.SPECULATIVE and t.tag_ == "VBG" and t.dep_ == "advcl" \
            and _subject(t) is None
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
            prop = _cover(clauses)
        elif ok:  # the object and what follows it: "denied any link to the group"
            prop = _cover([*objects, *preps, *(c for c in children if c.dep_ == "prep" and c.i > t.i)])
        elif (host := self._host(sent, t)) is not None:
            prop, comp_head = host, t.head.i
        else:
            return None
        raw = _Raw(t.i, t.text, cue.modality, _strip(self.doc, prop), comp_head, cue.modality == Modality.SPECULATIVE)
        if t.lemma_.lower() == "claim" and not clauses:
            raw.covers = False  # "claimed the attack": the attack happened; who did it is the claim
        raw.reporter_fallback = inference
        if cue.modality == Modality.REPORTED and clauses:
            never = next((c for c in clauses[0].children if c.lower_ == "never"), None)
            if never is not None:  # "said the firm has never dealt with …" is a denial
                raw.modality, raw.cue, raw.cue_at = Modality.DENIED, never.text, never.i
        return self._speaker(t, raw)

    def _passive(self, t: Token, cue: VerbCue, clauses: list[Token], preps: list[Token], as_comp: list[Token],
                 gap: bool) -> _Raw | None:
        """"X is reported to …", "it is alleged that …", "X was described by police as …"."""
        agent = _agent(t)
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
        prop = _cover(parts) if parts else (t.i, t.i)
        if gap:
            prop = (min(prop[0], t.head.left_edge.i), max(prop[1], t.right_edge.i + 1))
        raw = _Raw(t.i, t.text, cue.modality, _strip(self.doc, prop), clauses[0].i if clauses else None,
                   cue.modality == Modality.SPECULATIVE)
        if agent is not None:
            raw.source_head = agent.i
        else:
            raw.fixed = _Source(UNNAMED, None)
        return raw

    def _plea(self, t: Token) -> _Raw | None:
        """"X pleaded not guilty (to …)": a denial made in court."""
        guilty = next((c for c in t.children if c.lower_ == "guilty"), None)
        if guilty is None or not any(c.dep_ == "neg" for c in [*guilty.children, *t.children]):
            return None
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        rest = [c for c in t.children if c.i > t.i and not c.is_punct]
        prop = _cover(rest) if rest else (t.i, t.i + 1)
        raw = _Raw(t.i, f"{t.text} not guilty", Modality.DENIED, _strip(self.doc, prop), None, False)
        raw.source_head = subject.i
        return raw

    def _speaker(self, t: Token, raw: _Raw) -> _Raw | None:
        """Who the verb's frame belongs to: its subject, the noun a relative clause hangs on, or (for a
        subjectless participle or conjunct) the speaker of the clause it hangs on."""
        subject = _subject(t)
        if subject is not None and _says_nothing(subject):
            return None  # "no group has claimed responsibility"
        if subject is not None and t.dep_ == "relcl" and any(x.lower_ in _RELATIVE for x in subject.subtree):
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
                and self.doc[head.left_edge.i - 1].text == "," and t.right_edge.i >= _content_bounds(sent)[1]:
            return (sent.start, head.left_edge.i - 1)  # "…, the two companies announced on Tuesday." misread
        if t.dep_ not in _HOST_DEPS or head.i == t.i or head.pos_ not in ("VERB", "AUX"):
            return None
        if t.i > head.i:
            edge = t.left_edge.i
            if self.doc[edge].text not in (",", "—", "–") and self.doc[edge - 1].text not in _HOST_PUNCT:
                return None
            return (head.left_edge.i, t.left_edge.i)
        return (t.right_edge.i + 1, head.right_edge.i + 1)

    # ----------------------------------------------------------------------------------------------- sources
    def _resolve(self, sent: Span, raws: list[_Raw]) -> list[Frame]:
        done: dict[int, Frame] = {}
        for raw in sorted(raws, key=lambda r: _depth(self.doc[r.cue_token])):
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

    def _source(self, sent: Span, raw: _Raw, done: dict[int, Frame]) -> _Source | None:
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
                return _Source(f.source, f.source_entity)
        if raw.reporter_fallback:
            return _Source("reporter", None)
        for tok in chain:  # else the subject of the governing clause
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                if subject.lower_ in _RELATIVE and tok.dep_ == "relcl":
                    subject = tok.head
                return self._noun_phrase_source(sent, subject, done)
            if tok.dep_ == "ROOT" and tok.pos_ in ("NOUN", "PROPN"):
                return self._noun_phrase_source(sent, tok, done)  # a verbless fragment
        return None

    def _noun_phrase_source(self, sent: Span, head: Token, done: dict[int, Frame]) -> _Source:
        if head.pos_ == "PRON" and head.lower_ in _PRONOUNS:
            resolved = self._pronoun(sent, head, done)
            if resolved is not None:
                return resolved
        start, end, named = _noun_phrase(self.doc, head)
        if head.lemma_.lower() in self.lex.source_nouns and end - start <= 2 \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            fuller = self._earlier_mention(head)
            if fuller is not None:
                return fuller
        entity = self.ctx.entity_at(named.i) if named.ent_iob_ != "O" else None
        return _Source(self.doc[start:end].text, entity)

    def _earlier_mention(self, head: Token) -> _Source | None:
        """"the report" → "a recent report", when the document introduced it that way earlier."""
        lemma = head.lemma_.lower()
        for j in range(head.i - 1, -1, -1):
            tok = self.doc[j]
            if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma:
                start, end, _ = _noun_phrase(self.doc, tok)
                if end - start > 2 or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                               for c in tok.children):
                    if end - start > 2 or any(c.dep_ != "det" for c in tok.children if c.i < tok.i):
                        return _Source(self.doc[start:end].text, None)
                    return None
        return None

    def _pronoun(self, sent: Span, tok: Token, done: dict[int, Frame]) -> _Source | None:
        # an enclosing frame in the same sentence ("Residents said they feared …")
        enclosing = [f for f in done.values() if f.proposition[0] <= tok.i < f.proposition[1]]
        if enclosing:
            f = min(enclosing, key=lambda f: f.proposition[1] - f.proposition[0])
            return _Source(f.source, f.source_entity)
        lower = tok.lower_
        types = self.ctx.entity_type
        if lower in _PERSONAL:
            return self._antecedent(tok, plural=False)
        if lower == "it":
            for anc in tok.head.ancestors:  # "the firms that it accused of …": the subject of a governing clause
                subject = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is None or subject.i > tok.i or subject.pos_ == "PRON" \
                        or not _same_line(self.doc, subject.i, tok.i):
                    continue
                start, end, named = _noun_phrase(self.doc, subject)
                entity = self.ctx.entity_at(named.i) if named.ent_iob_ != "O" else None
                if entity is None or types.get(entity) != EntityType.PERSON:
                    return _Source(self.doc[start:end].text, entity)
                break
            for f in reversed(self.history[-6:]):
                if f.source_entity is None or types.get(f.source_entity) != EntityType.PERSON:
                    if f.source not in (UNNAMED,) and f.source.lower() not in _PRONOUNS:
                        return _Source(f.source, f.source_entity)
            return None
        return self._antecedent(tok, plural=True)

    def _antecedent(self, tok: Token, plural: bool) -> _Source | None:
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
                return _Source(self.ctx.entity_name.get(entity, x.text), entity)
            if plural and not person and (x.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in x.children)):
                start, end, named = _noun_phrase(self.doc, x)
                named_entity = self.ctx.entity_at(named.i) if named.ent_iob_ != "O" else None
                return _Source(self.doc[start:end].text, named_entity)
        return None

    # ----------------------------------------------------------------------------------------------- claims
    def _claims(self, sent: Span, frames: list[Frame], hedges: dict[int, Hedge]) -> list[ClaimCandidate]:
        out: list[ClaimCandidate] = []
        by_cue = {f.cue_token: f for f in frames}
        merged: set[int] = set()
        consumed: set[int] = set()
        for f in sorted(frames, key=lambda f: f.proposition[0] - f.proposition[1]):  # outermost first
            if f.cue_token in merged:
                continue
            inner = by_cue.get(f.complement) if f.complement is not None else None
            if inner is not None and inner.explicit and not inner.belief \
                    and _same_line(self.doc, inner.cue_token, f.cue_token):
                continue  # "Investigators suspect …, he added": the named inner source carries the claim
            modality, cue, cue_at = f.modality, f.cue, f.cue_at
            hedge = self._complement_hedge(f, by_cue, hedges, merged)
            if hedge is not None:
                if hedge.head >= 0:
                    consumed.add(hedge.head)
                if modality in (Modality.REPORTED, Modality.SPECULATIVE) and hedge.modality == Modality.SPECULATIVE:
                    modality, cue, cue_at = Modality.SPECULATIVE, hedge.cue, hedge.cue_token
            attribution = Attribution(f.source, f.source_entity, modality, cue, cue_at)
            out.append(ClaimCandidate(f.proposition, attribution, sent.start))
        for head, hedge in hedges.items():
            if head in consumed:
                continue
            base = None if hedge.own_voice else _innermost(frames, head) or _conjoined(self.doc, by_cue, head)
            source, entity = (base.source, base.source_entity) if base is not None else ("reporter", None)
            tok = self.doc[head]
            prop = (sent.start, sent.end) if tok.head.i == tok.i else (tok.left_edge.i, tok.right_edge.i + 1)
            attribution = Attribution(source, entity, hedge.modality, hedge.cue, hedge.cue_token)
            out.append(ClaimCandidate(_strip(self.doc, prop), attribution, sent.start))
        return sorted(out, key=lambda c: (c.proposition, c.attribution.cue_token or 0))

    def _complement_hedge(self, f: Frame, by_cue: dict[int, Frame], hedges: dict[int, Hedge],
                          merged: set[int]) -> Hedge | None:
        """A hedge on the head of the frame's complement, looking through nested belief verbs ("said they
        feared the group might …"); a belief verb with no hedge below is the hedge itself ("We believe …,"
        he said)."""
        head = f.complement
        belief: Hedge | None = None
        for _ in range(8):
            if head is None:
                break
            if head in hedges:
                return hedges[head]
            inner = by_cue.get(head)
            if inner is None or not inner.belief:
                break
            merged.add(inner.cue_token)
            belief = belief or Hedge(-1, inner.cue_token, inner.cue, Modality.SPECULATIVE)
            head = inner.complement
        return belief


# --------------------------------------------------------------------------------------------------- helpers
def _subject(t: Token) -> Token | None:
    """The verb's subject; of two (a name the tokenizer split: "al - Hamdani"), the word nearest the verb."""
    subjects = [c for c in t.children if c.dep_ in ("nsubj", "csubj") and not c.is_punct and c.text != "-"]
    return subjects[-1] if subjects else None


def _xcomp(t: Token) -> Token | None:
    return next((c for c in t.children if c.dep_ == "xcomp"), None)


def _agent(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _is_passive(t: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
        return True
    if t.tag_ == "VBN" and t.dep_ == "acl":
        return True  # "a man believed to be …"
    # ", believed to house …" misread as a conjoined past tense: no subject, no auxiliary, a to-infinitive
    return (t.dep_ == "conj" and t.i > 0 and t.doc[t.i - 1].text == "," and t.lemma_.lower() != "claim"
            and _xcomp(t) is not None
            and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in t.children))


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 200:
        t = t.head
        d += 1
    return d


def _cover(parts: Iterable[Token]) -> tuple[int, int]:
    """The token range covering the subtrees of ``parts``."""
    items = list(parts)
    return (min(p.left_edge.i for p in items), max(p.right_edge.i + 1 for p in items))


def _strip(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """Trim punctuation, conjunctions and complementisers at the edges; start after a line break (a headline or
    dateline the parser glued onto the sentence)."""
    start, end = span
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].is_space
                           or doc[end - 1].dep_ == "cc"):
        end -= 1
    for j in range(end - 1, start - 1, -1):
        if doc[j].is_space and "\n" in doc[j].text:
            start = j + 1
            break
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].is_space
                           or doc[start].dep_ in ("cc", "mark")):
        start += 1
    return (start, end)


def _same_line(doc: Doc, a: int, b: int) -> bool:
    """No line break between tokens ``a`` and ``b`` (a headline glued to the first sentence is another line)."""
    lo, hi = min(a, b), max(a, b)
    return not any(doc[j].is_space and "\n" in doc[j].text for j in range(lo, hi))


def _says_nothing(subject: Token) -> bool:
    """A negative subject: "no group", "nobody", "none of them"."""
    return subject.lower_ in _NEGATIVE_SUBJECTS or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _misread_complement(t: Token) -> list[Token]:
    """"told a briefing that the bill would …": a that-clause the parser hung on a noun as a relative clause.

    A real relative clause has a relative pronoun as subject or object; a complement has "that" as a marker and a
    subject of its own.
    """
    after = t.right_edge.i + 1
    if t.dep_ == "relcl" and after < len(t.doc) and t.doc[after].pos_ in ("AUX", "VERB") \
            and any(c.dep_ == "dobj" and c.lower_ in _RELATIVE for c in t.children) \
            and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i for c in t.doc[after].children):
        return [t.doc[after]]  # "a faction which Washington has maintained | was behind …", split by the parser
    nouns = [c for c in t.children if c.dep_ == "dobj"]
    nouns += [p for c in t.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for n in nouns:
        for c in n.children:
            if c.dep_ in ("relcl", "acl") and c.i > n.i \
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) \
                    and any(m.dep_ in ("nsubj", "nsubjpass") and m.lower_ not in _RELATIVE for m in c.children):
                return [c]
    return []


def _content_bounds(sent: Span) -> tuple[int, int]:
    """First and last token of the sentence that are not punctuation or quotes."""
    first, last = sent.start, sent.end - 1
    while first < last and (sent.doc[first].is_punct or sent.doc[first].is_space):
        first += 1
    while last > first and (sent.doc[last].is_punct or sent.doc[last].is_space):
        last -= 1
    return first, last


def _noun_phrase(doc: Doc, head: Token) -> tuple[int, int, Token]:
    """The source's words: the phrase of ``head`` without relative clauses, descriptive appositions or asides.

    Returns (start, end, named token): the named token is the head, or the person named in an apposition
    ("An AHF spokesman, Lukas Brunner").
    """
    drop: set[int] = set()
    named = head
    stack = [head]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            if _cut_from_phrase(doc, head, c):
                drop.update(x.i for x in c.subtree)
                continue
            if c.dep_ == "appos" and named.i == head.i and (c.ent_type_ == "PERSON" or tok.i == head.i) \
                    and c.pos_ == "PROPN" and head.ent_type_ != "PERSON":
                named = c
            stack.append(c)
    start = end = head.i
    left, right = head.left_edge.i, head.right_edge.i
    while start - 1 >= left and start - 1 not in drop and not doc[start - 1].is_space:
        start -= 1
    while end + 1 <= right and end + 1 not in drop and not doc[end + 1].is_space:
        end += 1
    if head.ent_iob_ != "O":  # the whole name, even where the parser split it ("al - Hamdani")
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end - 1)
    start, stop = _strip(doc, (start, end + 1))
    if stop > start and doc[stop - 1].text == ")" and "(" not in doc[start:stop].text:
        stop -= 1
    if stop > start and doc[stop - 1].text == "(":
        stop -= 1
    return start, max(stop, start + 1), named


def _cut_from_phrase(doc: Doc, head: Token, c: Token) -> bool:
    """Whether the dependent ``c`` (somewhere inside the phrase of ``head``) is an aside, not the source's name."""
    dep = c.dep_
    after_comma = c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","
    if dep in ("relcl", "advcl", "parataxis"):
        return True
    if dep == "acl":  # keep "a statement posted by the movement", drop "a statement issued on Thursday"
        return after_comma or not any(x.dep_ == "agent" for x in c.children)
    if dep == "appos":
        if c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "(":
            return False  # an acronym in brackets
        names_head = c.pos_ == "PROPN" and head.ent_type_ != "PERSON" and (
            c.ent_type_ == "PERSON" or (c.head.i == head.i and head.pos_ != "PROPN"))
        return not names_head
    if dep == "prep" and c.i > head.i and (after_comma or c.lower_ == "as"):
        return True  # "Lawyers for X, including …"; "as …" belongs to the verb, whatever the parse says
    return dep in ("npadvmod", "nmod") and c.ent_type_ in ("DATE", "TIME")


def _trim_nested(doc: Doc, frames: list[Frame]) -> None:
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
            frames[n] = replace(f, proposition=_strip(doc, (start, end)))
