"""Induce the eventive-noun list (``src/dossier/data/event_nouns.txt``) from the ECB+ training topics.

A noun tells of an event in some contexts ("the earthquake", "his arrest") and of a thing in others; which
nouns usually do is a fact about news language, so it is read from annotated news rather than listed by hand.
Over the validated sentences of the ECB+ *training* topics (the development topics and MEANTIME stay unseen),
each noun lemma (spaCy's tagger and lemmatizer on the gold tokens) is counted, and so is how often an
annotator marked it as an event (an ``ACTION_`` / ``NEG_ACTION_`` mention). A lemma is kept when it was marked
at least ``MIN_EVENTS`` times and in at least ``MIN_SHARE`` of its occurrences. Deterministic: same data, same
list. Run with ``make event-nouns``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from ecbplus import DATA, TRAIN_TOPICS, read_corpus  # noqa: E402

OUT = ROOT / "src" / "dossier" / "data" / "event_nouns.txt"
VERBS_OUT = ROOT / "src" / "dossier" / "data" / "event_verbs.txt"
MIN_EVENTS = 2
MIN_SHARE = 0.5
VERB_SHARE = 0.34


def main() -> int:
    import spacy
    from spacy.tokens import Doc

    from dossier.extract.pipeline import MODEL

    if not DATA.is_dir():
        print(f"ECB+ not found at {DATA} (set DOSSIER_ECBPLUS)", file=sys.stderr)
        return 2
    nlp = spacy.load(MODEL, disable=["parser", "ner"])
    docs = read_corpus(TRAIN_TOPICS)
    seen: Counter[str] = Counter()
    marked: Counter[str] = Counter()
    vseen: Counter[str] = Counter()
    vmarked: Counter[str] = Counter()
    spacy_docs = [Doc(nlp.vocab, words=[t.text if t.text.strip() else "_" for t in d.tokens]) for d in docs]
    for d, sd in zip(docs, nlp.pipe(spacy_docs, batch_size=32), strict=True):
        events = {i for m in d.mentions if m.kind == "event" for i in m.tokens}
        for tok, gold in zip(sd, d.tokens, strict=True):
            if gold.sentence not in d.validated or not tok.is_alpha:
                continue
            if tok.pos_ == "VERB":
                vseen[tok.lemma_.lower()] += 1
                vmarked[tok.lemma_.lower()] += tok.i in events
            if tok.pos_ != "NOUN":
                continue
            lemma = tok.lemma_.lower()
            seen[lemma] += 1
            marked[lemma] += tok.i in events
    kept = sorted(w for w, n in marked.items() if n >= MIN_EVENTS and n / seen[w] >= MIN_SHARE)
    header = (f"# Eventive nouns induced from the ECB+ training topics by scripts/induce_event_nouns.py "
              f"(marked as an event >= {MIN_EVENTS} times and in >= {MIN_SHARE:.0%} of occurrences).\n"
              "# Generated: do not edit by hand; run `make event-nouns`.\n")
    OUT.write_text(header + "".join(f"{w}\n" for w in kept), encoding="utf-8")
    # the verb list only names the stems of deverbal nouns ("development" <- develop): any verb an annotator
    # marked as an event in at least a third of its occurrences
    verbs = sorted(w for w, n in vmarked.items() if n >= 1 and n / vseen[w] >= VERB_SHARE)
    VERBS_OUT.write_text(header.replace("Eventive nouns", "Event verbs") + "".join(f"{w}\n" for w in verbs),
                         encoding="utf-8")
    print(f"{len(verbs)} event verbs -> {VERBS_OUT.relative_to(ROOT)}")
    print(f"{len(kept)} eventive nouns from {len(docs)} documents -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
