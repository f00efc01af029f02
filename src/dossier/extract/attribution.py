"""Who says so, and how firmly: attribution and modality of a clause (see docs/claims.md).

One linear pass over a parsed chunk finds two kinds of cue in the dependency tree:

* **frames**: something that attributes a stretch of the sentence to a source: a reporting or belief verb and
  its complement ("police said …", "X accused Y of …", "X denied that …", "reports indicate …"), a passive
  raising verb ("X is reported to …", source ``unnamed sources``), an "according to X" phrase, or a claim noun
  with its author ("claims by X that …");
* **hedges**: something on a clause that weakens it: a modal ("could", "may", "might"), a hedge adjective
  ("is likely to", "is due to"), a raising verb ("appears to"), a passive expectation ("is expected to") or an
  adverb ("probably", "reportedly", "allegedly").

``attribute`` combines the innermost frame around a token with the hedge on the token's own clause (a hedge
inside reported speech is speculative and keeps the speaker); ``find_claims`` turns every frame and every hedge
that no frame absorbed into a ``ClaimCandidate``. The cue words live in ``data/modality_cues.tsv``. The analysis
is computed once per chunk and kept in ``Doc.user_data`` so the relation, event and claim passes share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dossier.extract.context import Attribution, ClaimCandidate, DocContext
from dossier.extract.cues import Lexicon, VerbCue, lexicon
from dossier.model import EntityType, Modality

REPORTER = Attribution(source="reporter", source_entity=None, modality=Modality.ASSERTED, cue=None)
UNNAMED = "unnamed sources"  # the source of an agentless passive: "X is reported to …", "it is alleged that …"

_CACHE_KEY = "dossier_attribution"
_RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
_PERSONAL = frozenset({"he", "she"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "``", "''"})
_EDGE_PUNCT = frozenset({",", ";", ":", "-", "—", "–", "."}) | _QUOTES
_NOT_REPORTING_HEADS = frozenset({"decline", "refuse", "fail"})  # "declined to confirm" reports nothing
_BOUNDARY_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis"})  # a hedge does not cross these
_HOST_DEPS = frozenset({"parataxis", "advcl", "conj"})  # "…, police said" hanging off the reported clause
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


@dataclass(frozen=True, slots=True)
class Hedge:
    """A modal, hedge adjective, raising verb or adverb on a clause head."""

    head: int
    cue_token: int
    cue: str
    modality: Modality


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
    frame = _innermost(an, token_index)
    hedge = _hedge_above(doc, an, token_index)
    if hedge is not None:
        base = frame or _conjoined_frame(doc, an, hedge.head)
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
    return Attribution(frame.source, frame.source_entity, frame.modality, frame.cue, frame.cue_token)


def _innermost(an: Analysis, i: int) -> Frame | None:
    best: Frame | None = None
    for f in an.frames_in.get(an.sentence_of[i], ()):
        start, end = f.proposition
        if start <= i < end and i != f.cue_token:
            if best is None or end - start < best.proposition[1] - best.proposition[0]:
                best = f
    return best


def _frame_at(an: Analysis, doc: Doc, cue_token: int) -> Frame | None:
    for f in an.frames_in.get(an.sentence_of[cue_token], ()):
        if f.cue_token == cue_token:
            return f
    return None


def _conjoined_frame(doc: Doc, an: Analysis, head: int) -> Frame | None:
    """"X said … and could call …": a hedged verb conjoined to a reporting verb shares its speaker."""
    tok = doc[head]
    if tok.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    return _frame_at(an, doc, tok.head.i)


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
                cue = f"{t.head.text} {t.text}" + (" to" if to_clause is not None else "")
                hedge = Hedge(t.head.i, t.i, cue, lex.adjectives[lemma])
            elif lemma in lex.raising and t.pos_ in ("VERB", "AUX") and _xcomp(t) is not None:
                hedge = Hedge(t.i, t.i, f"{t.text} to", lex.raising[lemma])
            elif lemma in lex.adverbs and t.dep_ == "advmod" and t.pos_ == "ADV" \
                    and t.head.pos_ in ("VERB", "AUX", "ADJ"):
                hedge = Hedge(t.head.i, t.i, t.text, lex.adverbs[lemma])
            elif (cue := lex.verbs.get(lemma)) is not None and cue.passive == "hedge" and _is_passive(t) \
                    and _xcomp(t) is not None and _agent(t) is None:
                aux = [c.text for c in t.children if c.dep_ == "auxpass"]
                hedge = Hedge(t.i, t.i, " ".join([*aux, t.text, "to"]), Modality.SPECULATIVE)
            if hedge is not None and hedge.head not in out:
                out[hedge.head] = hedge
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
        """"claims by X that …", "X's allegation that …": a claim noun with its author and its content."""
        author: Token | None = None
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                author = next((p for p in c.children if p.dep_ == "pobj"), None)
            elif c.dep_ == "poss" and c.lower_ not in _RELATIVE:
                author = c
        content = next((c for c in t.children if c.dep_ in ("acl", "ccomp")
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if author is None or content is None:
            return None
        prop = (content.left_edge.i, content.right_edge.i + 1)
        return _Raw(t.i, t.text, self.lex.nouns[t.lemma_.lower()], _strip(self.doc, prop), content.i, False,
                    source_head=author.i)

    def _verb(self, sent: Span, t: Token, cue: VerbCue) -> _Raw | None:
        if t.dep_ in ("amod", "compound", "nmod") or not t.tag_.startswith("VB"):
            return None
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in t.children):
            return None
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in _NOT_REPORTING_HEADS:
            return None
        children = list(t.children)
        objects = [c for c in children if c.dep_ == "dobj"]
        clauses = [c for c in children if c.dep_ == "ccomp"
                   or (c.dep_ == "xcomp" and not objects and cue.frame != "as")]
        preps = [c for c in children if (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS and c.i > t.i)
                 or c.dep_ == "oprd"]
        as_comp = [c for c in preps if c.dep_ == "oprd" or c.lower_ == "as"]
        relative_gap = t.dep_ == "relcl" and (not objects or objects[0].lower_ in _RELATIVE)
        passive = _is_passive(t)
        belief = cue.modality == Modality.SPECULATIVE
        comp_head = clauses[0].i if clauses else None
        if passive:
            agent = _agent(t)
            if agent is None and cue.passive != "unnamed":
                return None  # "was denied bail", "the bill was rejected"; "is expected to" is a hedge
            if not (clauses or preps):
                return None
            subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
            parts = [*clauses, *preps]
            if subject is not None and subject.lower_ != "it":
                parts.append(subject)
            if relative_gap:
                parts.append(t.head)
            prop = _cover(parts, self.doc, exclude=t)
            raw = _Raw(t.i, t.text, cue.modality, prop, comp_head, belief)
            if agent is not None:
                raw.source_head = agent.i
            else:
                raw.fixed = _Source(UNNAMED, None)
            return raw
        if cue.frame == "object":
            ok = bool(clauses or objects or relative_gap)
            parts = [*clauses] if clauses else [*objects, *preps]
        elif cue.frame == "claim":
            claim_object = any(o.lemma_.lower() in self.lex.nouns for o in objects) or (
                relative_gap and t.head.lemma_.lower() in self.lex.nouns)
            ok = bool(clauses) or claim_object or bool(as_comp)
            parts = [*clauses] if clauses else [*objects, *preps]
        elif cue.frame == "as":
            ok = bool(clauses) or bool(as_comp) or (relative_gap and bool(objects))
            parts = [*clauses] if clauses else [*objects, *preps]
        else:
            ok = bool(clauses)
            parts = [*clauses]
        if relative_gap and ok and not clauses:
            parts.append(t.head)
        host = None
        if not ok:
            host = self._host(sent, t)
            ok = host is not None
        if not ok:
            return None
        if host is not None:
            prop, comp_head = host, t.head.i
        else:
            prop = _cover(parts, self.doc, exclude=t)
        raw = _Raw(t.i, t.text, cue.modality, _strip(self.doc, prop), comp_head, belief)
        subject = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None and subject.lower_ in _RELATIVE and t.dep_ == "relcl":
            raw.source_head = t.head.i  # "officials who said …"
        elif subject is not None:
            raw.source_head = subject.i
        elif t.dep_ in _SOFT_SUBJECT_DEPS:
            raw.inherit_from = t.head.i  # "…, saying …", "… and added …"
        else:
            return None
        return raw

    def _host(self, sent: Span, t: Token) -> tuple[int, int] | None:
        """"X happened, police said": the reporting verb hangs off the clause it reports."""
        head = t.head
        if t.dep_ not in _HOST_DEPS or head.i == t.i or head.pos_ not in ("VERB", "AUX"):
            return None
        if t.i > head.i:
            if self.doc[t.left_edge.i - 1].text not in (",", "”", '"', "’", "'"):
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
            done[raw.cue_token] = Frame(raw.cue_token, raw.cue, raw.modality, source.text, source.entity,
                                        raw.proposition, raw.complement, sent.start, raw.belief)
        return [f for f in done.values() if f.proposition[1] > f.proposition[0]]

    def _source(self, sent: Span, raw: _Raw, done: dict[int, Frame]) -> _Source | None:
        if raw.fixed is not None:
            return raw.fixed
        if raw.source_head is not None:
            return self._noun_phrase_source(sent, self.doc[raw.source_head], done)
        if raw.inherit_from is None:
            return None
        tok = self.doc[raw.inherit_from]
        while True:
            if tok.i in done:
                f = done[tok.i]
                return _Source(f.source, f.source_entity)
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                if subject.lower_ in _RELATIVE and tok.dep_ == "relcl":
                    subject = tok.head
                return self._noun_phrase_source(sent, subject, done)
            if tok.head.i == tok.i:
                return None
            tok = tok.head

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
            for f in reversed(self.history[-6:]):
                if f.source_entity is not None and types.get(f.source_entity) == EntityType.PERSON:
                    return _Source(self.ctx.entity_name.get(f.source_entity, f.source), f.source_entity)
            for j in range(tok.i - 1, -1, -1):
                e = self.ctx.entity_at(j) if self.doc[j].ent_iob_ != "O" else None
                if e is not None and types.get(e) == EntityType.PERSON:
                    return _Source(self.ctx.entity_name.get(e, self.doc[j].text), e)
            return None
        if lower == "it":
            root = sent.root
            subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.i < tok.i and subject.pos_ != "PRON":
                start, end, named = _noun_phrase(self.doc, subject)
                entity = self.ctx.entity_at(named.i) if named.ent_iob_ != "O" else None
                if entity is None or types.get(entity) != EntityType.PERSON:
                    return _Source(self.doc[start:end].text, entity)
            for f in reversed(self.history[-6:]):
                if f.source_entity is None or types.get(f.source_entity) != EntityType.PERSON:
                    if f.source not in (UNNAMED,) and f.source.lower() not in _PRONOUNS:
                        return _Source(f.source, f.source_entity)
            return None
        if self.history:
            f = self.history[-1]
            return _Source(f.source, f.source_entity)
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
            modality, cue, cue_token = f.modality, f.cue, f.cue_token
            hedge = self._complement_hedge(f, by_cue, hedges, merged)
            if hedge is not None:
                consumed.add(hedge.head)
                if modality in (Modality.REPORTED, Modality.SPECULATIVE) and hedge.modality == Modality.SPECULATIVE:
                    modality, cue, cue_token = Modality.SPECULATIVE, hedge.cue, hedge.cue_token
            attribution = Attribution(f.source, f.source_entity, modality, cue, cue_token)
            out.append(ClaimCandidate(f.proposition, attribution, sent.start))
        for head, hedge in hedges.items():
            if head in consumed:
                continue
            base = _innermost_of(frames, head) or _conjoined(self.doc, by_cue, head)
            if base is not None and hedge.modality != Modality.SPECULATIVE:
                continue  # "allegedly" inside reported speech: the frame already says who
            source, entity = (base.source, base.source_entity) if base is not None else ("reporter", None)
            tok = self.doc[head]
            prop = (sent.start, sent.end) if tok.head.i == tok.i else (tok.left_edge.i, tok.right_edge.i + 1)
            attribution = Attribution(source, entity, hedge.modality, hedge.cue, hedge.cue_token)
            out.append(ClaimCandidate(_strip(self.doc, prop), attribution, sent.start))
        return sorted(out, key=lambda c: (c.proposition, c.attribution.cue_token or 0))

    def _complement_hedge(self, f: Frame, by_cue: dict[int, Frame], hedges: dict[int, Hedge],
                          merged: set[int]) -> Hedge | None:
        """A hedge on the head of the frame's complement, looking through nested belief verbs."""
        head = f.complement
        seen = 0
        while head is not None and seen < 8:
            seen += 1
            if head in hedges:
                return hedges[head]
            inner = by_cue.get(head)
            if inner is None or not inner.belief:
                return None
            merged.add(inner.cue_token)
            head = inner.complement
        return None


# --------------------------------------------------------------------------------------------------- helpers
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
    return t.tag_ == "VBN" and t.dep_ == "acl"  # "a man believed to be …"


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 200:
        t = t.head
        d += 1
    return d


def _cover(parts: Iterable[Token], doc: Doc, exclude: Token) -> tuple[int, int]:
    """The token range covering the subtrees of ``parts`` (the cue itself may sit inside it)."""
    starts, ends = [], []
    for p in parts:
        starts.append(p.left_edge.i)
        ends.append(p.right_edge.i + 1)
    if not starts:
        return (exclude.i, exclude.i)
    return (min(starts), max(ends))


def _strip(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].dep_ in ("cc", "mark")):
        start += 1
    while end > start and doc[end - 1].text in _EDGE_PUNCT:
        end -= 1
    return (start, end)


def _content_bounds(sent: Span) -> tuple[int, int]:
    """First and last token of the sentence that are not punctuation or quotes."""
    first, last = sent.start, sent.end - 1
    while first < last and sent.doc[first].is_punct:
        first += 1
    while last > first and sent.doc[last].is_punct:
        last -= 1
    return first, last


def _noun_phrase(doc: Doc, head: Token) -> tuple[int, int, Token]:
    """The source's words: the phrase of ``head`` without relative clauses, descriptive appositions or asides.

    Returns (start, end, named token): the named token is the head, or the name in an apposition that names a
    common-noun head ("An AHF spokesman, Lukas Brunner").
    """
    drop: set[int] = set()
    named = head
    for c in head.children:
        cut = False
        if c.dep_ in ("relcl", "advcl", "punct", "parataxis"):
            cut = c.dep_ != "punct" or c.i < head.i and c.text in _QUOTES
        elif c.dep_ == "acl":
            cut = doc[c.left_edge.i - 1].text == "," or any(
                x.ent_type_ in ("DATE", "TIME") for x in c.subtree)
        elif c.dep_ == "appos":
            bracketed = c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "("
            names_head = head.pos_ != "PROPN" and c.pos_ == "PROPN"
            cut = not (bracketed or names_head)
            if names_head and not cut:
                named = c
        elif c.dep_ == "prep" and c.i > head.i and doc[c.i - 1].text == ",":
            cut = True
        if cut:
            drop.update(x.i for x in c.subtree)
    start = end = head.i
    left, right = head.left_edge.i, head.right_edge.i
    while start - 1 >= left and start - 1 not in drop:
        start -= 1
    while end + 1 <= right and end + 1 not in drop:
        end += 1
    start, stop = _strip(doc, (start, end + 1))
    if stop > start and doc[stop - 1].text == ")" and "(" not in doc[start:stop].text:
        stop -= 1
    if stop > start and doc[stop - 1].text == "(":
        stop -= 1
    return start, max(stop, start + 1), named


def _trim_nested(doc: Doc, frames: list[Frame]) -> None:
    """Cut a trailing participle frame ("…, saying …") out of the proposition that contains it."""
    for n, f in enumerate(frames):
        start, end = f.proposition
        for g in frames:
            tok = doc[g.cue_token]
            if g is not f and start < tok.left_edge.i < end and tok.right_edge.i + 1 >= end \
                    and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj"):
                end = tok.left_edge.i
        if end != f.proposition[1]:
            frames[n] = Frame(f.cue_token, f.cue, f.modality, f.source, f.source_entity,
                              _strip(doc, (start, end)), f.complement, f.sentence_start, f.belief)


def _innermost_of(frames: list[Frame], i: int) -> Frame | None:
    best: Frame | None = None
    for f in frames:
        start, end = f.proposition
        if start <= i < end and i != f.cue_token:
            if best is None or end - start < best.proposition[1] - best.proposition[0]:
                best = f
    return best


def _conjoined(doc: Doc, by_cue: dict[int, Frame], head: int) -> Frame | None:
    tok = doc[head]
    if tok.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    return by_cue.get(tok.head.i)
