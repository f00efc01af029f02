"""ECB+ model fitting (``python bench/ecbplus.py --fit``): the pair-score weights and thresholds of
``dossier.resolve.event_weights``, refitted on the training topics. Split from ``ecbplus.py``."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

import numpy as np
import numpy.typing as npt
from ecbplus import (
    EMBEDDING_FEATURES,
    WEIGHTS_PY,
    GoldMention,
    Prepared,
    build_views,
    cluster_documents,
    conll_of,
    dossier_system,
    groups,
    head_lemmas,
    lemma_baseline,
)

from dossier.resolve.event_coref import FEATURES, EventView, PairModel, pair_features
from dossier.resolve.event_embed import Embedder


def pair_table(views: Sequence[EventView], mentions: Sequence[GoldMention], embedder: Embedder | None,
               model: PairModel, setting: str = "topic") -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Features (pairs × FEATURES) and gold labels for every within-group pair i < j."""
    xs, ys = [], []
    for idx in groups(mentions, setting):
        sub = [views[i] for i in idx]
        prep = pair_features(sub, embedder, model)
        n = len(sub)
        rows = np.arange(n)
        f = prep.block(rows, rows)
        iu = np.triu_indices(n, 1)
        xs.append(np.stack([f[k][iu] for k in FEATURES], axis=1))
        gold = np.asarray([mentions[i].cluster for i in idx])
        ys.append((gold[:, None] == gold[None, :])[iu].astype(np.float64))
    return np.concatenate(xs), np.concatenate(ys)


def fit_logistic(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float = 1.0,
                 iterations: int = 50) -> tuple[float, npt.NDArray[np.float64]]:
    """L2-regularised logistic regression by Newton's method (deterministic): (bias, weights)."""
    a = np.hstack([np.ones((x.shape[0], 1)), x])
    w = np.zeros(a.shape[1])
    reg = np.full(a.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        grad = a.T @ (p - y) + reg * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def _threshold_search(score: Callable[[float], float], coarse: Sequence[float]) -> tuple[float, float]:
    """The threshold with the best score: a coarse grid, then steps of 0.01 around the best; ties → lower."""
    seen: dict[float, float] = {}

    def at(t: float) -> float:
        t = round(t, 2)
        if t not in seen:
            seen[t] = score(t)
        return seen[t]

    best = max(coarse, key=lambda t: (at(t), -t))
    for k in range(-4, 5):
        at(best + k / 100)
    t = max(seen, key=lambda t: (seen[t], -t))
    return t, seen[t]


def _train_conll(views: Sequence[EventView], mentions: Sequence[GoldMention], model: PairModel,
                 embedder: Embedder | None, threshold: float) -> float:
    return conll_of(mentions, dossier_system(views, mentions, "topic", model, embedder, threshold))


def fit_models(train: Sequence[Prepared], embedder: Embedder | None, log: Callable[[str], None] = print
               ) -> dict[str, PairModel]:
    """Fit the pair weights (logistic regression on all within-topic pairs of the train topics), then the
    clustering threshold (best CoNLL F1 on train), for events and entities, with and without embeddings.

    The cannot-link on disjoint fine-grained dates stays on unless dropping it gains more than 0.5 CoNLL F1 on
    train (the constraint is part of the method's contract; ECB+ dates are sparse and noisy).
    """
    models: dict[str, PairModel] = {}
    plain = tuple(f for f in FEATURES if f not in EMBEDDING_FEATURES)
    for kind, name in (("event", "EVENTS"), ("entity", "ARGUMENTS")):
        views, mentions = build_views(train, kind)
        base = PairModel(name.lower(), 0.0, {}, 0.5)
        x, y = pair_table(views, mentions, embedder, base)
        for suffix, feats in (("", FEATURES), ("_PLAIN", plain)):
            if suffix == "" and embedder is None:
                continue
            cols = [FEATURES.index(f) for f in feats]
            bias, w = fit_logistic(x[:, cols], y)
            weights = {f: round(float(v), 4) for f, v in zip(feats, w, strict=True)}
            emb = embedder if suffix == "" else None
            found = []
            for date_apart in (True, False):
                model = replace(base, name=(name + suffix).lower(), bias=round(bias, 4), weights=weights,
                                embeddings=suffix == "", date_conflict_apart=date_apart)

                score = partial(_train_conll, views, mentions, model, emb)
                t, c = _threshold_search(score, [k / 20 for k in range(2, 19)])
                log(f"fit {name + suffix} date_conflict_apart={date_apart}: threshold {t:.2f}, train CoNLL {c:.4f}")
                found.append((c, replace(model, threshold=t)))
            keep = found[1][1] if found[1][0] > found[0][0] + 0.005 else found[0][1]
            models[name + suffix] = keep
    return models


def write_weights(models: dict[str, PairModel], path: Path = WEIGHTS_PY) -> None:
    lines = [
        '"""Fitted pair models for event coreference — written by ``python bench/ecbplus.py --fit``; do not edit.',
        "",
        "Logistic weights over ``event_coref.FEATURES`` and average-linkage thresholds, fitted on the ECB+ training",
        "topics (see docs/event-coreference.md). ``EVENTS`` / ``EVENTS_PLAIN``: event mentions with / without the",
        "embedding features. ``ARGUMENTS`` / ``ARGUMENTS_PLAIN``: entity mentions (participants, places, times).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from dossier.resolve.event_model import PairModel",
        "",
    ]
    for name in ("EVENTS", "EVENTS_PLAIN", "ARGUMENTS", "ARGUMENTS_PLAIN"):
        m = models[name]
        weights = ",\n".join(f"        {json.dumps(k)}: {v!r}" for k, v in m.weights.items())
        lines += [
            f"{name} = PairModel(",
            f"    name={json.dumps(m.name)},",
            f"    bias={m.bias!r},",
            "    weights={",
            weights + ",",
            "    },",
            f"    threshold={m.threshold!r},",
            f"    date_conflict_apart={m.date_conflict_apart!r},",
            f"    place_conflict_apart={m.place_conflict_apart!r},",
            f"    embeddings={m.embeddings!r},",
            f"    story_threshold={m.story_threshold!r},",
            f"    story_neighbours={m.story_neighbours!r},",
            f"    story_floor={m.story_floor!r},",
            ")",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def fit_doc_threshold(train: Sequence[Prepared]) -> float:
    """The document-clustering threshold of the lemma+docs baseline: best train event CoNLL F1."""
    views, mentions = build_views(train, "event")
    lemmas = head_lemmas(train, mentions)
    grid = [k / 100 for k in range(2, 31)]
    return max(grid, key=lambda t: (conll_of(mentions, lemma_baseline(
        lemmas, mentions, "topic", cluster_documents(views, mentions, "topic", t))), -t))


