"""A small learned re-typer for the names ``dossier_entity_types`` types by the model's labels alone.

The rules of ``entity_types`` read what a sentence says plainly ("the town of X", "composer X"); where none
fires, the small spaCy model's label decides, and it is weakest on names it has never seen ("Per Westerberg" a
place, "Fyllingsdalen" a person, a piazza an organisation). A multinomial logistic regression over features
of the name (its words, their character n-grams, the gazetteer / OFAC / given-name tables, the model's label,
which rule voted) and of its context (the words around it, its parse role and governing word), pooled over
the name's mentions in the report, says person / organisation / place / other. It is trained on half ``a`` of
Re-DocRED dev by ``make entity-retyper`` (bench/train_entity_retyper.py) and shipped as weights in
``dossier/data``; it only changes a type where it is confident (a threshold per target type, chosen by
cross-validation) and disagrees, and never touches a group (a demonym or a religion) or a titled name.
Deterministic: a sum of weights and a softmax.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span

from dossier.extract.components.person_cues import kin_list
from dossier.extract.components.place_cues import geo_nesting
from dossier.model.reference import country_abbreviation, given_names, lookup_org, lookup_place, org_heads

MODEL_FILE = "entity_retyper.json.gz"
CLASSES = ("PER", "ORG", "LOC", "OTHER")
TO_LABEL = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
KIND = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
# rules whose vote the re-typer never overrules: they read the name's own words or a designation
PROTECTED = frozenset({"title", "party-word", "religion", "demonym", "acronym", "flight", "org-alias",
                       "facility-head-word", "place-head-word", "org-head-word", "defined-as-place", "party-member",
                       "place-chain", "defined-as-body", "geo-nested", "club-name", "plays-for", "club-role",
                       "listed-bodies", "band-record"})


# Directions the news guard refuses: on Wikipedia a name repeated as a sentence's subject is mostly the person
# the article is about, in news the company ("Apple", "Ryanair" became people on MEANTIME: type accuracy 0.97 →
# 0.90), so an organisation label is never turned into a person here.
UNSAFE = frozenset({("ORG", "PER")})


# a place the gazetteer knows as a country, a region or a city this large stays a place ("the suburban Detroit
# accounting firm" is still Detroit)
_KNOWN_PLACE = frozenset({"gaz=country", "gaz=region", "gazpop=5", "gazpop=6", "gazpop=7"})


def allowed(was: str, to: str, features: set[str] | list[str]) -> bool:
    """Whether the re-typer may turn a name of kind ``was`` into ``to`` (both PER / ORG / LOC)."""
    if (was, to) in UNSAFE:
        return False
    if to == "LOC" and "prep=to|accord" in features:
        return False  # "according to the California Highway Patrol": a source, never a place
    return not (was == "LOC" and any(f in _KNOWN_PLACE for f in features))


@dataclass(frozen=True)
class RetypeModel:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    thresholds: dict[str, float]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        scores = list(self.bias)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                for i, v in enumerate(w):
                    scores[i] += v
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}


@cache
def load_model() -> RetypeModel | None:
    """The shipped weights, or None when the package carries none (the rules then stand alone)."""
    path = resources.files("dossier.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return RetypeModel(tuple(data["classes"]), tuple(float(b) for b in data["bias"]),
                       {k: tuple(float(x) for x in v) for k, v in data["weights"].items()},
                       {str(k): float(v) for k, v in data["thresholds"].items()})


def _grams(word: str) -> list[str]:
    w = f"^{word.lower()}$"
    return [w[i:i + 3] for i in range(len(w) - 2)]


def _pop(population: int) -> str:
    return str(min(7, int(math.log10(population)))) if population > 0 else "0"


def span_features(span: Span, model_label: str, why: str, ent_at: dict[int, Span] | None = None) -> set[str]:
    """Features of one mention: its words and their shape, the reference tables, its neighbours and its parse."""
    doc = span.doc
    words = [t for t in span if not t.is_punct]
    f = {f"lab={model_label}", f"why={why}", f"n={min(len(words), 4)}"}
    for k, t in enumerate(words):
        low = t.lower_
        f.add(f"w={low}")
        f.update(f"g={g}" for g in _grams(t.text))
        if k == len(words) - 1:
            f.add(f"last={low}")
            f.add(f"s3={low[-3:]}")
        if k == 0:
            f.add(f"first={low}")
    text = span.text
    if text.isupper():
        f.add("caps")
    if any(c.isdigit() for c in text):
        f.add("digit")
    if "-" in text:
        f.add("hyphen")
    place = lookup_place(text)
    if place is not None:
        f.add(f"gaz={place.kind}")
        f.add(f"gazpop={_pop(place.population)}")
    elif country_abbreviation(text) is not None:
        f.add("gaz=country")  # "the US and its allies": a country by its abbreviation stays a place
    if len(words) > 1:
        last = lookup_place(words[-1].text)
        if last is not None:
            f.add(f"gazlast={last.kind}")
    if words and words[0].text in given_names():
        f.add("given")
    heads = org_heads()
    if words and words[-1].text in heads:
        f.add("orghead-last")
    if any(t.text in heads for t in words):
        f.add("orghead")
    if lookup_org(text) is not None:
        f.add("ofac")
    for d in (1, 2):
        i = span.start - d
        f.add(f"prev{d}={doc[i].lower_ if i >= 0 and i >= span.sent.start else '<s>'}")
        j = span.end + d - 1
        f.add(f"next{d}={doc[j].lower_ if j < len(doc) and j < span.sent.end else '</s>'}")
    if span.start > span.sent.start:
        f.add(f"ptag={doc[span.start - 1].tag_}")
    if span.end < span.sent.end:
        f.add(f"ntag={doc[span.end].tag_}")
    root = span.root
    head = root.head
    f.add(f"dep={root.dep_}")
    f.add(f"head={root.dep_}|{head.lemma_.lower()}")
    if root.dep_ == "pobj":
        f.add(f"prep={head.lower_}|{head.head.lemma_.lower()}")
        f.add(f"prep={head.lower_}")
    for c in root.children:
        if c.dep_ in {"appos", "compound", "amod"} and not (span.start <= c.i < span.end):
            f.add(f"child={c.dep_}|{c.lemma_.lower()}")
    for other in _list_mates(span, ent_at if ent_at is not None else _ent_index(doc)):
        f.add(f"listmate={KIND.get(other.label_, 'X')}")
    if span.end + 1 < len(doc) and doc[span.end].text in {",", "("} and doc[span.end + 1].ent_type_:
        f.add(f"nextent={doc[span.end].text}{KIND.get(doc[span.end + 1].ent_type_, 'X')}")
    if span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].ent_type_:
        f.add(f"prevent={KIND.get(doc[span.start - 2].ent_type_, 'X')}")
    if root.dep_ in {"nsubj", "nsubjpass"}:
        for c in head.children:
            if c.dep_ in {"attr", "acomp"}:
                f.add(f"attr={c.lemma_.lower()}")
    return f


def _ent_index(doc: Doc) -> dict[int, Span]:
    return {i: e for e in doc.ents for i in range(e.start, e.end)}


def _list_mates(span: Span, ent_at: dict[int, Span]) -> list[Span]:
    """The other names of the list the name stands in ("Manaus, Santarém, Macapá, Belém"), by the parse."""
    top = span.root
    if top.dep_ != "conj" and not any(c.dep_ == "conj" for c in top.children):
        return []
    while top.dep_ == "conj" and top.head.i < top.i:
        top = top.head
    members = [top, *(t for t in top.subtree if t.dep_ == "conj" and t.i != top.i)]
    return [ent_at[t.i] for t in members if not (span.start <= t.i < span.end) and t.i in ent_at]


def _doc_words(doc: Doc) -> dict[str, set[str]]:
    """Which kinds of multi-word name each word of the report's names stands in."""
    out: dict[str, set[str]] = {}
    for e in doc.ents:
        kind = KIND.get(e.label_)
        if kind is not None and len(e) >= 2:
            for t in e:
                if t.is_alpha:
                    out.setdefault(t.lower_, set()).add(kind)
    return out


# A training hook (bench/train_entity_retyper.py): called with the doc and, per name, its spans and features.
Recorder = Callable[[Doc, list[tuple[str, list[Span], set[str]]]], None]
RECORDER: list[Recorder] = []


def retype(doc: Doc, names: dict[str, tuple[list[Span], list[str], str, str]]) -> dict[str, tuple[str, float]]:
    """Name key → (new label, probability) for the names to retype. ``names`` maps each key to its spans, the
    model's labels of them, the vote's label and the rule that decided it ("" for the model's labels)."""
    model = load_model()
    if model is None and not RECORDER:
        return {}
    pooled: list[tuple[str, list[Span], set[str]]] = []
    words = _doc_words(doc)
    ent_at = _ent_index(doc)
    ents = doc.ents
    for key, (spans, labels, voted, why) in names.items():
        if not RECORDER and (why in PROTECTED or voted not in KIND):
            continue  # never retyped: no features needed
        feats: set[str] = {f"mentions={min(len(spans), 3)}", f"vot={voted}"}
        span = spans[0]
        for t in span:
            for kind in words.get(t.lower_, ()) if len(span) == 1 or t.i == span.end - 1 else ():
                feats.add(f"inname={kind}")
        for s, lab in zip(spans, labels, strict=True):
            feats |= span_features(s, lab, why or "none", ent_at)
        if (nesting := geo_nesting(span, ents)) is not None:
            feats.add(f"geonest={nesting}")  # GeoNames nests it with another name of the report
        pooled.append((key, spans, feats))
    for hook in RECORDER:
        hook(doc, pooled)
    if model is None:
        return {}
    out: dict[str, tuple[str, float]] = {}
    for key, _, feats in pooled:
        _, _, voted, why = names[key]
        if why in PROTECTED or voted not in KIND:
            continue
        probs = model.probabilities(sorted(feats))
        best = max(model.classes, key=probs.__getitem__)
        if best in TO_LABEL and KIND[voted] != best and probs[best] >= model.thresholds.get(best, 1.01) \
                and allowed(KIND[voted], best, feats) \
                and not (KIND[voted] == "PER" and any(kin_list(s) for s in names[key][0])):
            # "her sisters Anna, Maria and Elena": a name listed as someone's kin stays a person
            out[key] = (TO_LABEL[best], probs[best])
    return out
