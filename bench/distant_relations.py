"""Distant supervision for the relation model's located_in, from unlabelled news (session 20).

Half ``a`` of Re-DocRED gives the relation classifier 260 documents; most of what it misses is located_in
between two places. Real news read by dossier (the rules alone, as ``train_relation_model.collect`` reads half
``a``) names many more pairs of places in one sentence, and GeoNames (``model.containment.known_inside``)
labels some of them without a person: a pair is **located_in** when the table puts the subject's name inside the
object's, **none** when the gazetteer knows both names and the table nests neither in the other and the two
cannot be a neighbourhood and its town (a country or a province is one of them, or they lie in different
countries), else it is left out. ``bench/train_relation_model.py`` adds these rows to every training fold and to
the final fit (never to what is scored).

The texts, all available offline under ``../shared/data``: the ECB+ training topics (never its development
topics), the 60 MEANTIME development articles, the 332 ISAF development press releases.

What ships keeps every feature of a news row. The idea was to remove the knowledge features (``KNOWLEDGE``: the
containment itself, the province, the gazetteer's kinds, sizes and countries: the label's own source), so that
the words and the parse would have to carry the label to places GeoNames does not know (rivers, parks,
villages); measured, that loses additions and precision (docs/relations.md, "Distant supervision"), while the
rows with their knowledge teach the classifier how far the gazetteer's features can be trusted.

Usage (the measurement: the variants' machinery of ``relation_model_variants.py``, nested cross-validation on
half ``a``, the news rows in the training folds only):
    python bench/distant_relations.py [--weight 0.3 1] [--strip] [--cache]
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from collections import Counter
from pathlib import Path
from typing import Any

import score_redocred as sr
import train_relation_model as T

from dossier.extract import pipeline
from dossier.extract.relations import finder, learned
from dossier.extract.relations.references import ReferenceResolver
from dossier.model import Document
from dossier.model.containment import known_inside
from dossier.model.names import name_key
from dossier.model.reference import exact_place

SHARED = sr.DATA.parent
CACHE = Path(__file__).resolve().parent / ".cache"
# Features that are a function of the gazetteer or the containment table: the distant label's own source
KNOWLEDGE = ("kin:", "kout:", "admin1:", "incountry:", "gk:", "gkseq:", "gkdep:", "gsize:", "gc:", "gpop:")
_PLACE = learned._PLACE


def news_documents(shared: Path = SHARED) -> list[Document]:
    """The unlabelled news: ECB+ training topics, MEANTIME (Airbus, Apple), ISAF development releases, in a fixed
    order."""
    import ecbplus
    import score_meantime_entities as mt

    docs: list[Document] = []
    for topic in ecbplus.TRAIN_TOPICS:
        folder = shared / "ecbplus" / "ECB+" / str(topic)
        for path in sorted(folder.glob("*.xml")):
            d = ecbplus.read_document(path)
            by_sentence: dict[int, list[str]] = {}
            for t in d.tokens:
                by_sentence.setdefault(t.sentence, []).append(t.text)
            # an ecbplus file's sentence 0 is the URL it was taken from
            lines = [ecbplus.detokenize(words)[0] for s, words in sorted(by_sentence.items())
                     if not (s == 0 and d.name.endswith("ecbplus"))]
            text = "\n".join(lines)
            docs.append(Document(id=Document.make_id(text), text=text, source=f"ecbplus/{d.name}"))
    for corpus in ("corpus_airbus", "corpus_apple"):
        for path in sorted((shared / "meantime" / corpus).glob("*.xml")):
            text = mt.load_article(path).text
            docs.append(Document(id=Document.make_id(text), text=text, source=f"meantime/{path.stem}"))
    with (shared / "isaf" / "dev.jsonl").open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            docs.append(Document(id=Document.make_id(text), text=text, source="isaf"))
    seen: set[str] = set()
    return [d for d in docs if not (d.id in seen or seen.add(d.id))]  # type: ignore[func-returns-value]


def distant_label(subject: str, obj: str) -> str | None:
    """The label GeoNames gives the ordered pair of place names: "located_in" when it puts the subject in the
    object, "none" when it knows both and they cannot nest (neither in the other, and a country or province is
    one of them, or they lie in different countries: not "Brooklyn" and "New York City", two towns the table
    does not nest), else None (unknown)."""
    if known_inside(subject, obj):
        return "located_in"
    if known_inside(obj, subject):
        return "none"
    a, b = exact_place(subject), exact_place(obj)
    if a is None or b is None or name_key(subject) == name_key(obj):
        return None
    if a.kind != "city" or b.kind != "city" or a.country != b.country:
        return "none"
    return None


def strip_knowledge(features: tuple[str, ...]) -> tuple[str, ...]:
    """The features that do not come from the gazetteer or the containment table."""
    return tuple(f for f in features if not f.startswith(KNOWLEDGE))


def collect_news(documents: list[Document], cache: bool) -> list[T.Row]:
    """Every place–place pair instance of the news that ``distant_label`` labels, its full features kept (the
    rows' ``doc`` is -1 - the document's index: never a fold of half ``a``)."""
    rows: list[T.Row] = []
    by_id = {d.id: k for k, d in enumerate(documents)}
    rules_only = finder.find_relations

    def recording(ctx: Any) -> Any:
        k = by_id[ctx.document.id]
        found = rules_only(ctx)
        rules = [(c.subject, c.predicate, c.object) for c in found]
        res = ReferenceResolver(ctx)
        for inst in learned.instances(res, rules):
            if not (inst.subject.type == inst.object.type == _PLACE):
                continue
            label = distant_label(ctx.entity_name.get(inst.subject.entity, ""),
                                  ctx.entity_name.get(inst.object.entity, ""))
            if label is not None:
                rows.append(T.Row(-1 - k, inst.subject.entity, inst.object.entity, inst.subject.type,
                                  inst.object.type, inst.features, inst.arcs, inst.nests, label))
        return found

    load = learned.load_model
    learned.load_model = lambda: None  # type: ignore[assignment]  # the rules alone, whatever is shipped
    finder.find_relations = recording  # type: ignore[assignment]
    in_use = pipeline.derived_in_use
    pipeline.derived_in_use = lambda unnamed, relations: list(unnamed.values())  # type: ignore[assignment]
    try:
        if cache:
            for d, p in zip(documents, sr.parsed_all(documents), strict=True):
                pipeline.finish(d, p)
        else:
            list(pipeline.extract_many(documents))
    finally:
        finder.find_relations = rules_only  # type: ignore[assignment]
        pipeline.derived_in_use = in_use  # type: ignore[assignment]
        learned.load_model = load  # type: ignore[assignment]
    return rows


def distant_rows(rows: list[T.Row], weight: float = 1.0, strip: bool = False) -> list[T.Row]:
    """The news rows as training rows of ``weight``: a row whose label and features another row has already
    given left out (a press office's dateline, "KABUL, Afghanistan", repeats in every release); with ``strip``
    the knowledge features removed (``strip_knowledge``: measured, not shipped)."""
    out: dict[tuple[str, tuple[str, ...]], T.Row] = {}
    for r in rows:
        feats = strip_knowledge(r.features) if strip else r.features
        out.setdefault((r.label, feats), T.Row(r.doc, r.subject, r.object, r.stype, r.otype, feats, r.arcs,
                                                r.nests, r.label, weight))
    return list(out.values())


def news_rows(cache: bool) -> list[T.Row]:
    """The labelled news rows; with ``cache`` kept under bench/.cache, under a name that changes with dossier's
    source and shipped data (a row set read by older code would silently train on stale features)."""
    import hashlib

    import dossier

    digest = hashlib.sha256()
    root = Path(dossier.__file__).resolve().parent
    for f in sorted([*root.rglob("*.py"), *root.glob("data/*"), Path(__file__)]):
        if f.is_file() and f.name != "relation_model.json.gz":
            digest.update(f.read_bytes())
    path = CACHE / f"distant-news-rows-{digest.hexdigest()[:16]}.pickle"
    if cache and path.exists():
        rows: list[T.Row] = pickle.loads(path.read_bytes())
        return rows
    rows = collect_news(news_documents(), cache)
    if cache:
        CACHE.mkdir(exist_ok=True)
        path.write_bytes(pickle.dumps(rows))
    return rows


def main() -> None:
    import relation_model_variants as V

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--weight", type=float, nargs="*", default=[0.3, 1.0])
    ap.add_argument("--cache", action="store_true")
    ap.add_argument("--strip", action="store_true", help="remove the knowledge features from the news rows")
    args = ap.parse_args()
    t0 = time.perf_counter()
    news = news_rows(args.cache)
    print(f"news: {len(news)} labelled place pairs {dict(Counter(r.label for r in news))} "
          f"({time.perf_counter() - t0:.0f}s)", flush=True)
    a = V.rows_of("a", args.cache)
    V.judge("main", V.lr(), a, None)
    for w in args.weight:
        extra = distant_rows(news, w, args.strip)
        V.judge(f"distant w{w}{' stripped' if args.strip else ''}", with_distant(extra, w), a, None)


def with_distant(extra: list[T.Row], weight: float) -> Any:
    """The shipped learner fitted on the training fold plus the distant rows (weighted ``weight``)."""
    import numpy as np
    import relation_model_variants as V
    from sklearn.linear_model import LogisticRegression

    def fp(train: list[T.Row], test: list[T.Row]) -> Any:
        rows = train + extra
        enc = V._encoder(rows, 2, None)
        sw = [1.0] * len(train) + [weight] * len(extra)
        clf = LogisticRegression(C=0.1, max_iter=500, tol=1e-4).fit(
            enc(rows), [V.GROUPS.index(r.label) for r in rows], sample_weight=np.array(sw))
        return V._full(clf, clf.predict_proba(enc(test)))
    return fp


if __name__ == "__main__":
    main()
