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

Frames are found in ``attribution.frames`` and their sources resolved in ``attribution.sources``; hedges are
found in ``attribution.hedges``; the parse helpers they share are in ``attribution.syntax``. This module
runs them sentence by sentence and combines their results.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from dossier.extract.attribution.cues import Lexicon, lexicon
from dossier.extract.attribution.frames import UNNAMED, Frame, FrameFinder, trim_nested
from dossier.extract.attribution.hedges import Hedge, find_hedges
from dossier.extract.attribution.sources import SourceResolver
from dossier.extract.attribution.syntax import same_line, strip_edges
from dossier.extract.context import Attribution, ClaimCandidate, DocContext
from dossier.model import Modality

__all__ = [
    "REPORTER",
    "UNNAMED",
    "Analysis",
    "Frame",
    "Hedge",
    "analyse",
    "attribute",
    "find_claims",
]

REPORTER = Attribution(source="reporter", source_entity=None, modality=Modality.ASSERTED, cue=None)

_CACHE_KEY = "dossier_attribution"
_BOUNDARY_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis"})  # a hedge does not cross these


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
        self.doc = ctx.doc
        self.lex = lex
        self.frame_finder = FrameFinder(ctx.doc, lex)
        self.sources = SourceResolver(ctx, lex)

    # ----------------------------------------------------------------------------------------------- driver
    def run(self) -> Analysis:
        sentence_of = [0] * len(self.doc)
        frames: list[Frame] = []
        frames_in: dict[int, list[Frame]] = {}
        hedges: dict[int, Hedge] = {}
        claims: list[ClaimCandidate] = []
        for sent in self.doc.sents:
            sentence_of[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
            sent_hedges = find_hedges(sent, self.lex)
            raws = self.frame_finder.find(sent)
            resolved = self.sources.resolve(sent, raws)
            trim_nested(self.doc, resolved)
            frames_in[sent.start] = resolved
            frames.extend(resolved)
            hedges.update(sent_hedges)
            claims.extend(self._claims(sent, resolved, sent_hedges))
            self.sources.history.extend(sorted(resolved, key=lambda f: f.cue_token))
        return Analysis(frames, hedges, sentence_of, frames_in, claims)

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
                    and same_line(self.doc, inner.cue_token, f.cue_token):
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
            out.append(ClaimCandidate(strip_edges(self.doc, prop), attribution, sent.start))
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

