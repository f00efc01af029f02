"""Learn which trigger pairs tell one event (``src/dossier/data/trigger_pairs.tsv``) from the ECB+ training topics.

Two reports of one story often tell its event in other words ("died" / "was killed", "the shooting" / "shot",
"hit" / "struck"). Which words do is a fact about news language, so it is read from annotated news: over the
ECB+ *training* topics (the development topics stay unseen), every pair of gold event mentions of two
different reports of one sub-topic (the ECB and the ECB+ half of a topic tell different seminal events) is
counted by its two head lemmas (spaCy's parse of the gold tokens, as ``bench/ecbplus.py`` reads them), and so
is how many of those pairs the annotators put in one cross-document cluster.

A pair of different lemmas is kept when it corefers in at least ``MIN_TOPICS`` topics (a synonym that recurs
across unrelated stories, not one story's wording: "checked into rehab" / "entered rehab" is one topic's) and
its similarity reaches ``MIN_SIMILARITY``. The similarity is the pair's coreference rate, smoothed towards the
rate of any two different lemmas (``PRIOR`` pseudo-pairs), over the rate of two mentions with the *same* lemma,
capped at 1: 1 is "as good as the same word". Deterministic: same data, same table. Run with
``make trigger-pairs``.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from ecbplus import DATA, TRAIN_TOPICS, head_lemma, prepare, read_corpus  # noqa: E402

OUT = ROOT / "src" / "dossier" / "data" / "trigger_pairs.tsv"
MIN_TOPICS = 2
MIN_SIMILARITY = 0.3
PRIOR = 5.0


def main() -> int:
    if not DATA.is_dir():
        print(f"ECB+ not found at {DATA} (set DOSSIER_ECBPLUS)", file=sys.stderr)
        return 2
    preps = prepare(read_corpus(TRAIN_TOPICS))
    groups: dict[tuple[int, bool], list[tuple[str, str, str]]] = defaultdict(list)  # (doc, lemma, cluster)
    for prep in preps:
        sub = prep.doc.name.endswith("ecbplus")
        for m in prep.doc.mentions:
            if m.kind == "event":
                lemma = head_lemma(prep, m)
                if lemma.isalpha():
                    groups[(prep.doc.topic, sub)].append((prep.doc.name, lemma, m.cluster))
    pairs: Counter[tuple[str, str]] = Counter()
    coref: Counter[tuple[str, str]] = Counter()
    topics: dict[tuple[str, str], set[int]] = defaultdict(set)
    for (topic, _sub), ms in sorted(groups.items()):
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if a[0] == b[0]:
                    continue
                key = (min(a[1], b[1]), max(a[1], b[1]))
                pairs[key] += 1
                if a[2] == b[2]:
                    coref[key] += 1
                    topics[key].add(topic)
    same = [k for k in pairs if k[0] == k[1]]
    diff = [k for k in pairs if k[0] != k[1]]
    p_same = sum(coref[k] for k in same) / max(1, sum(pairs[k] for k in same))
    p_diff = sum(coref[k] for k in diff) / max(1, sum(pairs[k] for k in diff))
    rows = []
    for k in sorted(diff):
        if len(topics[k]) < MIN_TOPICS:
            continue
        sim = min(1.0, (coref[k] + PRIOR * p_diff) / (pairs[k] + PRIOR) / p_same)
        if sim >= MIN_SIMILARITY:
            rows.append(f"{k[0]}\t{k[1]}\t{sim:.3f}\t{coref[k]}\t{pairs[k]}\t{len(topics[k])}")
    head = ("# Trigger lemma pairs that tell one event across reports, learned from the ECB+ training topics by\n"
            "# scripts/learn_trigger_pairs.py (make trigger-pairs; do not edit). Derived from ECB+ (CC BY 3.0,\n"
            "# Cybulska & Vossen 2014). Columns: lemma_a, lemma_b, similarity (coreference rate over the\n"
            f"# same-lemma rate {p_same:.3f}, smoothed towards the different-lemma rate {p_diff:.3f}), coreferent\n"
            "# pairs, pairs, topics.\n")
    OUT.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} pairs (same-lemma rate {p_same:.3f}, different {p_diff:.3f}) -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
