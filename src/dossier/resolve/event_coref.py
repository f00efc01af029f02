"""Cross-document event coreference: which event mentions, across reports, are the same real-world event.

Input is a list of ``EventView`` — what the scorer needs to know about one event mention, whether it comes from
dossier's own ``Event`` records (``view_from_event``) or from a benchmark's gold mentions (bench/ecbplus.py).
``cluster_events(views)`` returns one cluster id per view; ``resolve_events(views)`` also keeps what is needed
to explain any pair (``result.why(i, j)``). See docs/event-coreference.md for the method and its figures.

Scoring, for every pair of views:

1. **Stories**: the batch's documents are clustered (average linkage) on the similarity of their context key
   sets relative to each document's nearest neighbours; two views in one story are far likelier to corefer.
2. **Features** (``FEATURES``): same trigger lemma; type agreement (+1 same, −1 different, 0 unknown); date
   agreement (+1 overlapping bounds, −1 disjoint, 0 unknown) and same single day; place agreement (+1/−1/0);
   participant overlap (Dice over participant keys weighted by inverse document frequency); document context
   similarity (cosine of IDF-weighted document key sets, 1 within a document); same document; same story;
   and, when the optional embedder is available, the cosine of the two sentence embeddings and of the two
   contextual trigger embeddings. Interactions (lemma and trigger × context, × same story) let the document
   evidence gate the lexical evidence.
3. **Score**: a logistic model, ``p = σ(bias + Σ wₖ·fₖ)``, whose weights were fitted on the ECB+ training
   topics (``event_weights``; a separate set for runs without embeddings).
4. **Constraints** (cannot-link): two events on the same single day in different places stay apart; two
   events whose dates are disjoint at day, week or month precision stay apart.
5. **Clustering**: average-linkage agglomeration (``event_cluster``) with the model's threshold: clusters merge
   while the mean pair score between them reaches it, never across a cannot-link.

Deterministic: the result depends only on the views and their order (embeddings are computed in fixed batches
on the CPU, scores rounded to 6 decimals; ties are broken by index). Cost: quadratic time in the number of
views, memory linear in it plus the documents' similarity matrix (pairs are scored in blocks).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from dossier.model import Event
from dossier.resolve import event_cluster, event_weights
from dossier.resolve.event_embed import Embedder, load_embedder
from dossier.resolve.event_model import PairModel
from dossier.resolve.trigger_pairs import partners, similarity

__all__ = [
    "FEATURES",
    "CorefResult",
    "EventView",
    "Explanation",
    "PairModel",
    "cluster_events",
    "default_model",
    "pair_features",
    "resolve_events",
    "view_from_event",
]

FEATURES: Final[tuple[str, ...]] = (
    "lemma",
    "type",
    "date",
    "same_day",
    "place",
    "participants",
    "context",
    "same_document",
    "sentence",
    "trigger",
    "lemma_context",
    "trigger_context",
    "same_story",
    "lemma_story",
    "trigger_story",
)
_FINE_GRANULARITIES: Final = frozenset({"day", "week", "month"})
_BLOCK: Final = 256
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
AUTO: Final = "auto"
FORCED: Final = 0.99  # the score of a pair the gate says is identified
# (rows, cols) → (allowed, identified, conflict): a pair not allowed scores 0, an identified one at least FORCED,
# a conflicting one is a cannot-link (event_evidence.PairEvidence)
Gate = Callable[[npt.NDArray[np.int64], npt.NDArray[np.int64]], tuple[BoolArray, BoolArray, BoolArray]]


@dataclass(frozen=True, slots=True)
class EventView:
    """One event mention as the coreference scorer sees it.

    ``lemma`` is the trigger's lemma (lower case); ``trigger`` the character offsets of the trigger inside
    ``sentence``; ``date`` the first and last day the event may fall on (``model.dates.bounds``) and ``granularity``
    the unit of its time expression; ``place`` and ``participants`` are *cross-document* keys (resolved entity
    ids, or normalised names); ``context`` is a set of document-level keys (the names a report mentions, or
    its content words) shared by every view of one document.
    """

    id: str
    document: str
    lemma: str
    sentence: str = ""
    trigger: tuple[int, int] | None = None
    type: str | None = None
    date: tuple[dt.date, dt.date] | None = None
    granularity: str | None = None
    place: str | None = None
    participants: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    specific: frozenset[str] = frozenset()  # participants few reports name (event_evidence): they identify an event
    rare: bool = False  # the trigger key is rare in the batch: sharing it (on compatible dates) identifies
    place_specific: bool = False  # the place is one few reports name (a village, not a province)
    people: frozenset[str] = frozenset()  # the specific participants that are named people
    story: frozenset[str] = frozenset()  # the specific names the whole report mentions (event_evidence)
    published: dt.date | None = None  # the report's publication date
    story_id: str | None = None  # the story (reports joined by shared story names) the report belongs to
    category: str | None = None  # the CAMEO code ("other" when CAMEO has none; None when unknown)
    speakers: frozenset[str] = frozenset()  # who speaks, for a speech act (cross-document keys; event_evidence)


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why two views were (not) put together: features, each one's contribution, score and constraint."""

    a: str
    b: str
    features: dict[str, float]
    contributions: dict[str, float]
    bias: float
    score: float  # probability that the two corefer, before clustering
    threshold: float
    apart: str | None  # the cannot-link reason, if any
    same_cluster: bool

    def summary(self) -> str:
        top = sorted(self.contributions.items(), key=lambda kv: -abs(kv[1]))
        parts = ", ".join(f"{k} {self.features[k]:+.2f}→{c:+.2f}" for k, c in top if c)
        verdict = "together" if self.same_cluster else "apart"
        reason = f"; cannot link: {self.apart}" if self.apart else ""
        return f"{self.a} ~ {self.b}: p={self.score:.3f} (threshold {self.threshold:.2f}), {verdict}{reason}; {parts}"


# ------------------------------------------------------------------------------------------ preparation


def _ids(values: Sequence[str | None]) -> npt.NDArray[np.int64]:
    table: dict[str, int] = {}
    return np.asarray([-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=np.int64)


class _SparseSets:
    """IDF-weighted indicator vectors of key sets, stored as an inverted index (memory linear in the keys).

    IDF is computed over the distinct documents of the batch: ``log((D + 1) / (df + 1)) + 1``.
    """

    def __init__(self, sets: Sequence[frozenset[str]], docs: Sequence[str]) -> None:
        vocab: dict[str, int] = {}
        rows: list[list[int]] = []
        for s in sets:
            rows.append([vocab.setdefault(k, len(vocab)) for k in sorted(s)])
        df_docs: list[set[str]] = [set() for _ in vocab]
        for row, d in zip(rows, docs, strict=True):
            for k in row:
                df_docs[k].add(d)
        n_docs = len(set(docs))
        self.idf = np.asarray([math.log((n_docs + 1) / (len(x) + 1)) + 1.0 for x in df_docs], dtype=np.float64)
        self.rows = [np.asarray(r, dtype=np.int64) for r in rows]
        self.total = np.asarray([float(self.idf[r].sum()) for r in self.rows], dtype=np.float64)
        holders: list[list[int]] = [[] for _ in vocab]
        for i, row in enumerate(rows):
            for k in row:
                holders[k].append(i)
        self.holders = [np.asarray(h, dtype=np.int64) for h in holders]
        self.n = len(sets)

    def shared(self, rows: npt.NDArray[np.int64]) -> FloatArray:
        """IDF weight of the keys each of ``rows`` shares with every set (len(rows) × n)."""
        out = np.zeros((len(rows), self.n), dtype=np.float64)
        for local, i in enumerate(rows.tolist()):
            for k in self.rows[i].tolist():
                out[local, self.holders[k]] += self.idf[k]
        return out

    def cosine(self) -> FloatArray:
        """Cosine similarity of the IDF-weighted vectors (n × n)."""
        norms = np.sqrt(np.asarray([float((self.idf[r] ** 2).sum()) for r in self.rows], dtype=np.float64))
        out = np.zeros((self.n, self.n), dtype=np.float64)
        for k, h in enumerate(self.holders):
            if len(h):
                out[np.ix_(h, h)] += self.idf[k] ** 2
        safe = np.where(norms > 0, norms, 1.0)
        cos: FloatArray = out / np.outer(safe, safe)
        return cos


class _Prepared:
    """Per-view arrays from which any block of pair features is computed."""

    def __init__(self, views: Sequence[EventView], embedder: Embedder | None, model: PairModel,
                 gate: Gate | None = None) -> None:
        self.views = views
        self.gate = gate
        self.n = len(views)
        self.lemma = _ids([v.lemma for v in views])
        self.lemma_sim = _lemma_similarity(views)
        self.type = _ids([v.type for v in views])
        self.place = _ids([v.place for v in views])
        self.doc = _ids([v.document for v in views])
        self.lo = np.asarray([v.date[0].toordinal() if v.date else 0 for v in views], dtype=np.int64)
        self.hi = np.asarray([v.date[1].toordinal() if v.date else 0 for v in views], dtype=np.int64)
        self.dated = np.asarray([v.date is not None for v in views], dtype=bool)
        self.day = self.dated & (self.lo == self.hi)
        self.fine = self.dated & np.asarray([v.granularity in _FINE_GRANULARITIES for v in views], dtype=bool)
        docs = [v.document for v in views]
        self.part = _SparseSets([v.participants for v in views], docs)
        # Document context: one IDF-weighted unit vector per document, cosine between documents.
        first: dict[int, int] = {}
        for i, d in enumerate(self.doc.tolist()):
            first.setdefault(d, i)
        order = sorted(first, key=lambda d: first[d])
        ctx = _SparseSets([views[first[d]].context for d in order], [views[first[d]].document for d in order])
        self.doc_sim = np.clip(ctx.cosine(), 0.0, 1.0)
        np.fill_diagonal(self.doc_sim, 1.0)
        self.story = _story_labels(self.doc_sim, model.story_threshold, model.story_neighbours, model.story_floor)
        # reports the store joined into one story by the specific names they share (event_evidence) are one
        # story whatever their word overlap says
        self.story_id = _ids([views[first[d]].story_id for d in order])
        self.sent: FloatArray | None = None
        self.trig: FloatArray | None = None
        if embedder is not None and views:
            sents, trigs = embedder.encode([(v.sentence or v.lemma, v.trigger if v.sentence else None) for v in views])
            self.sent, self.trig = sents.astype(np.float64), trigs.astype(np.float64)

    def block(self, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]) -> dict[str, FloatArray]:
        """Feature matrices (len(rows) × len(cols)) for every feature in ``FEATURES``."""
        r, c = rows[:, None], cols[None, :]
        f: dict[str, FloatArray] = {}
        f["lemma"] = self.lemma_sim[self.lemma[r], self.lemma[c]]
        f["type"] = _agree(self.type[r], self.type[c])
        both_dated = self.dated[r] & self.dated[c]
        overlap = (self.lo[r] <= self.hi[c]) & (self.lo[c] <= self.hi[r])
        f["date"] = np.where(both_dated, np.where(overlap, 1.0, -1.0), 0.0)
        f["same_day"] = (self.day[r] & self.day[c] & (self.lo[r] == self.lo[c])).astype(np.float64)
        f["place"] = _agree(self.place[r], self.place[c])
        shared = self.part.shared(rows)[:, cols]
        total = self.part.total[r] + self.part.total[c]
        f["participants"] = np.where(total > 0, 2 * shared / np.where(total > 0, total, 1.0), 0.0)
        f["context"] = self.doc_sim[self.doc[r], self.doc[c]]
        f["same_document"] = (self.doc[r] == self.doc[c]).astype(np.float64)
        if self.sent is not None and self.trig is not None:
            f["sentence"] = self.sent[rows] @ self.sent[cols].T
            f["trigger"] = self.trig[rows] @ self.trig[cols].T
        else:
            f["sentence"] = np.zeros((len(rows), len(cols)))
            f["trigger"] = np.zeros((len(rows), len(cols)))
        f["lemma_context"] = f["lemma"] * f["context"]
        f["trigger_context"] = f["trigger"] * f["context"]
        story = self.story[self.doc]
        sid = self.story_id[self.doc]
        f["same_story"] = ((story[r] == story[c]) | ((sid[r] >= 0) & (sid[r] == sid[c]))).astype(np.float64)
        f["lemma_story"] = f["lemma"] * f["same_story"]
        f["trigger_story"] = f["trigger"] * f["same_story"]
        return f

    def apart(self, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64],
              model: PairModel) -> npt.NDArray[np.bool_]:
        r, c = rows[:, None], cols[None, :]
        out = np.zeros((len(rows), len(cols)), dtype=bool)
        if model.place_conflict_apart:
            same_day = self.day[r] & self.day[c] & (self.lo[r] == self.lo[c])
            out |= same_day & (self.place[r] >= 0) & (self.place[c] >= 0) & (self.place[r] != self.place[c])
        if model.date_conflict_apart:
            disjoint = (self.lo[r] > self.hi[c]) | (self.lo[c] > self.hi[r])
            out |= self.fine[r] & self.fine[c] & disjoint
        if self.gate is not None:
            out |= self.gate(rows, cols)[2]
        return out

    def apart_reason(self, i: int, j: int, model: PairModel) -> str | None:
        a, b = self.views[i], self.views[j]
        if model.place_conflict_apart and self.day[i] and self.day[j] and self.lo[i] == self.lo[j] \
                and a.place is not None and b.place is not None and a.place != b.place:
            return f"same day ({a.date[0] if a.date else ''}) in different places ({a.place} / {b.place})"
        if model.date_conflict_apart and self.fine[i] and self.fine[j] \
                and (self.lo[i] > self.hi[j] or self.lo[j] > self.hi[i]):
            return f"disjoint dates ({_fmt(a.date)} / {_fmt(b.date)})"
        if self.gate is not None:
            allowed, _, conflict = self.gate(np.asarray([i]), np.asarray([j]))
            if conflict[0, 0]:
                return "conflicting dates or places"
            if not allowed[0, 0]:
                return "no positive evidence (scored 0)"
        return None

    def scores(self, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64], model: PairModel) -> FloatArray:
        f = self.block(rows, cols)
        logit = np.full((len(rows), len(cols)), model.bias, dtype=np.float64)
        for name, w in model.weights.items():
            if w:
                logit += w * f[name]
        out: FloatArray = np.round(1.0 / (1.0 + np.exp(-logit)), 6)
        if self.gate is not None:
            allowed, identified, _ = self.gate(rows, cols)
            out = np.where(identified, np.maximum(out, FORCED), np.where(allowed, out, 0.0))
        return out


def _story_labels(doc_sim: FloatArray, threshold: float, neighbours: int, floor: float) -> npt.NDArray[np.int64]:
    """Stories: documents clustered (average linkage) on context similarity relative to each one's neighbourhood.

    A document's scale is the mean similarity to its ``neighbours`` most similar documents (at least ``floor``,
    so that an isolated report is not pulled into a story); the relative similarity of two documents is their
    similarity over the geometric mean of their scales. Relative similarity adapts to how much vocabulary the
    reports of a batch share (one topic, or a whole news feed).
    """
    d = doc_sim.shape[0]
    if d < 2:
        return np.zeros(d, dtype=np.int64)
    t = doc_sim.copy()
    np.fill_diagonal(t, -np.inf)
    k = max(1, min(neighbours, d - 1))
    scale = np.maximum(np.sort(t, axis=1)[:, -k:].mean(axis=1), floor)
    rel = doc_sim / np.sqrt(np.outer(scale, scale))
    return np.asarray(event_cluster.average_linkage(rel, threshold), dtype=np.int64)


def _lemma_similarity(views: Sequence[EventView]) -> FloatArray:
    """Similarity of the batch's distinct trigger lemmas (by ``_ids`` order): 1 on the diagonal, the learned
    similarity of two different words (``trigger_pairs``: "die" / "kill") elsewhere."""
    lemmas: dict[str, int] = {}
    for v in views:
        lemmas.setdefault(v.lemma, len(lemmas))
    out = np.eye(len(lemmas), dtype=np.float64)
    for a, i in lemmas.items():
        for b in partners(a):
            j = lemmas.get(b)
            if j is not None:
                out[i, j] = similarity(a, b)
    return out


def _agree(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> FloatArray:
    known = (a >= 0) & (b >= 0)
    return np.where(known, np.where(a == b, 1.0, -1.0), 0.0)


def _fmt(d: tuple[dt.date, dt.date] | None) -> str:
    if d is None:
        return "?"
    return d[0].isoformat() if d[0] == d[1] else f"{d[0].isoformat()}..{d[1].isoformat()}"


# ------------------------------------------------------------------------------------------------ API


def default_model(embeddings: bool) -> PairModel:
    """The pair model fitted on the ECB+ training topics, with or without the embedding features."""
    return event_weights.EVENTS if embeddings else event_weights.EVENTS_PLAIN


@dataclass(slots=True)
class CorefResult:
    """Cluster labels (0, 1, … by first appearance) and what is needed to explain any pair."""

    labels: list[int]
    model: PairModel
    embedded: bool
    _prepared: _Prepared = field(repr=False)

    def clusters(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i, label in enumerate(self.labels):
            out.setdefault(label, []).append(i)
        return list(out.values())

    def mean_scores(self, members: Sequence[int]) -> list[float]:
        """For each member of one cluster, its mean pair score with the others (how firmly it was joined)."""
        if len(members) < 2:
            return [1.0] * len(members)
        idx = np.asarray(members, dtype=np.int64)
        s = self._prepared.scores(idx, idx, self.model)
        np.fill_diagonal(s, 0.0)
        return [round(float(x), 6) for x in s.sum(axis=1) / (len(members) - 1)]

    def why(self, i: int, j: int) -> Explanation:
        """The pair features, their weighted contributions, the score and any cannot-link for views i and j."""
        prep, model = self._prepared, self.model
        f = prep.block(np.asarray([i]), np.asarray([j]))
        feats = {k: float(f[k][0, 0]) for k in FEATURES}
        contrib = {k: model.weights.get(k, 0.0) * v for k, v in feats.items()}
        score = float(prep.scores(np.asarray([i]), np.asarray([j]), model)[0, 0])
        return Explanation(prep.views[i].id, prep.views[j].id, feats, contrib, model.bias, score, model.threshold,
                           prep.apart_reason(i, j, model), self.labels[i] == self.labels[j])


def resolve_events(views: Sequence[EventView], *, model: PairModel | None = None,
                   embedder: Embedder | None | str = AUTO, threshold: float | None = None,
                   gate: Gate | None = None) -> CorefResult:
    """Cluster the views; ``embedder=None`` scores without embeddings (``"auto"``: use them when installed).
    ``gate`` (``event_evidence.PairEvidence``) requires positive evidence for every cross-document pair."""
    emb = load_embedder() if embedder == AUTO else embedder
    if not isinstance(emb, Embedder):
        emb = None
    if model is None:
        model = default_model(emb is not None)
    if not model.embeddings:
        emb = None
    prep = _Prepared(views, emb, model, gate)
    tau = model.threshold if threshold is None else threshold
    labels = _cluster(prep, model, tau)
    return CorefResult(labels, model, emb is not None, prep)


def cluster_events(views: Sequence[EventView], *, model: PairModel | None = None,
                   embedder: Embedder | None | str = AUTO, threshold: float | None = None) -> list[int]:
    """One cluster id per view (0, 1, … in order of first appearance); see ``resolve_events``."""
    return resolve_events(views, model=model, embedder=embedder, threshold=threshold).labels


def pair_features(views: Sequence[EventView], embedder: Embedder | None, model: PairModel) -> _Prepared:
    """The prepared views (for benchmarks that fit or inspect the pair model): ``.block(rows, cols)``."""
    return _Prepared(views, embedder, model)


def _cluster(prep: _Prepared, model: PairModel, threshold: float) -> list[int]:
    """Two passes: collect the pairs that reach the threshold (blockwise), then agglomerate each component."""
    n = prep.n
    allc = np.arange(n)
    pairs: list[tuple[int, int]] = []
    for start in range(0, n, _BLOCK):
        rows = np.arange(start, min(n, start + _BLOCK))
        ok = (prep.scores(rows, allc, model) >= threshold) & ~prep.apart(rows, allc, model)
        ok &= rows[:, None] < allc[None, :]
        rr, cc = np.nonzero(ok)
        pairs.extend(zip((rr + start).tolist(), cc.tolist(), strict=True))
    root = list(range(n))
    for comp in event_cluster.components_from_pairs(n, pairs):
        if len(comp) < 2:
            continue
        idx = np.asarray(comp, dtype=np.int64)
        scores = prep.scores(idx, idx, model)
        apart = prep.apart(idx, idx, model)
        for members in event_cluster.agglomerate(scores, apart, threshold):
            first = int(idx[members[0]])
            for m in members:
                root[int(idx[m])] = first
    labels: dict[int, int] = {}
    return [labels.setdefault(r, len(labels)) for r in root]


# ------------------------------------------------------------------------------------- dossier records


def view_from_event(event: Event, *, lemma: str | None = None, entity_key: Callable[[str], str | None] | None = None,
                    context: frozenset[str] = frozenset()) -> EventView:
    """An ``EventView`` of one of dossier's ``Event`` records.

    ``entity_key`` maps a document-local entity id to its cross-document key (the entity resolver's id);
    without it local ids are used, so places and participants only ever match within one document. ``lemma``
    should be the trigger's lemma from the parse; without it the lower-cased trigger text is used.
    ``context`` is the document's set of keys (e.g. the cross-document keys of every entity it names).
    """
    from dossier.model import dates

    key = entity_key or (lambda x: x)
    sentence = next((s for s in event.evidence if s.start <= event.trigger.start and event.trigger.end <= s.end),
                    None)
    text, trigger = "", None
    if sentence is not None:
        text = sentence.text
        trigger = (event.trigger.start - sentence.start, event.trigger.end - sentence.start)
    bounds = dates.bounds(event.date) if event.date else None
    participants = frozenset(k for k in (key(p.entity) for p in event.participants) if k)
    return EventView(
        id=event.id, document=event.document, lemma=(lemma or event.trigger.text).lower(), sentence=text,
        trigger=trigger, type=event.type, date=bounds, granularity=event.date_granularity,
        place=key(event.place) if event.place else None, participants=participants, context=context,
    )
