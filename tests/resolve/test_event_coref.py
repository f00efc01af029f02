"""Cross-document event coreference: the scorer's behaviour, the clustering, and the ECB+ reader (real files)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest
from bench import ecbplus

from dossier.model import Event, Participant, Span
from dossier.resolve.event_cluster import agglomerate, average_linkage
from dossier.resolve.event_coref import (
    FEATURES,
    EventView,
    cluster_events,
    default_model,
    resolve_events,
    view_from_event,
)

DAY = (dt.date(2024, 3, 5), dt.date(2024, 3, 5))
STORY = frozenset({"kabul", "taliban", "ministry", "interior", "police", "province"})
OTHER_STORY = frozenset({"oscars", "academy", "host", "ceremony", "hollywood", "comedian"})


def view(i: str, doc: str, lemma: str, **kw: object) -> EventView:
    return EventView(id=i, document=doc, lemma=lemma, **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------- the scorer


def test_same_day_in_different_places_stays_apart() -> None:
    views = [
        view("a", "d1", "explosion", type="attack", date=DAY, granularity="day", place="kabul",
             participants=frozenset({"taliban"}), context=STORY),
        view("b", "d2", "explosion", type="attack", date=DAY, granularity="day", place="herat",
             participants=frozenset({"taliban"}), context=STORY),
        view("c", "d3", "explosion", type="attack", date=DAY, granularity="day", place="kabul",
             participants=frozenset({"taliban"}), context=STORY),
    ]
    res = resolve_events(views, embedder=None)
    assert res.labels[0] == res.labels[2] != res.labels[1]
    why = res.why(0, 1)
    assert why.apart is not None and "different places" in why.apart
    assert not why.same_cluster
    assert why.score > res.model.threshold  # everything else says "same": only the constraint keeps them apart


def test_same_event_in_different_words_goes_together() -> None:
    # "Police arrested X in Kabul on 5 March" / "X was detained in Kabul on Tuesday": different trigger lemmas,
    # same type, day, place, participants and story.
    views = [
        view("a", "d1", "arrest", type="arrest", date=DAY, granularity="day", place="kabul",
             participants=frozenset({"police", "ahmad"}), context=STORY),
        view("b", "d2", "detain", type="arrest", date=DAY, granularity="day", place="kabul",
             participants=frozenset({"ahmad"}), context=STORY),
    ]
    res = resolve_events(views, embedder=None)
    assert res.labels == [0, 0]
    why = res.why(0, 1)
    assert why.features["lemma"] == 0 and why.features["date"] == 1 and why.features["same_story"] == 1
    logit = why.bias + sum(why.contributions.values())
    assert why.score == pytest.approx(1 / (1 + math.exp(-logit)), abs=1e-5)
    assert "together" in why.summary()


def test_disjoint_dates_stay_apart_and_same_lemma_in_another_story_does_not_join() -> None:
    march, april = (dt.date(2024, 3, 1), dt.date(2024, 3, 31)), (dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    views = [
        view("a", "d1", "attack", type="attack", date=march, granularity="month", context=STORY),
        view("b", "d2", "attack", type="attack", date=april, granularity="month", context=STORY),
        view("c", "d3", "host", context=OTHER_STORY),
        view("d", "d4", "host", context=OTHER_STORY),
        view("e", "d5", "host", context=STORY),
    ]
    res = resolve_events(views, embedder=None)
    assert res.labels[0] != res.labels[1]
    assert res.why(0, 1).apart is not None and "disjoint dates" in str(res.why(0, 1).apart)
    assert res.labels[2] == res.labels[3] != res.labels[4]


def test_clustering_is_deterministic_and_labels_are_dense() -> None:
    views = [view(str(i), f"d{i % 3}", ["meet", "talk", "meeting"][i % 3], context=STORY) for i in range(9)]
    a = cluster_events(views, embedder=None)
    assert a == cluster_events(views, embedder=None)
    assert sorted(set(a)) == list(range(len(set(a)))) and a[0] == 0
    assert cluster_events([], embedder=None) == []


def test_models_cover_the_features() -> None:
    for embeddings in (True, False):
        model = default_model(embeddings)
        assert set(model.weights) <= set(FEATURES)
        assert 0 < model.threshold < 1 and model.embeddings is embeddings


def test_docs_state_the_fitted_weights() -> None:
    from dossier.resolve import event_weights as w

    text = (Path(__file__).resolve().parents[2] / "docs" / "event-coreference.md").read_text(encoding="utf-8")
    models = (w.EVENTS, w.EVENTS_PLAIN, w.ARGUMENTS, w.ARGUMENTS_PLAIN)
    rows = [f"| {k} | " + " | ".join(f"{m.weights[k]:+.3f}" if k in m.weights else "—" for m in models) + " |"
            for k in FEATURES]
    rows.append("| (bias) | " + " | ".join(f"{m.bias:+.3f}" for m in models) + " |")
    rows.append("| threshold | " + " | ".join(f"{m.threshold:.2f}" for m in models) + " |")
    for row in rows:
        assert row in text, f"docs/event-coreference.md lacks or misstates: {row} (refit? update the table)"


def test_view_from_event() -> None:
    text = "Police arrested Ahmad Khan in Kabul on 5 March 2024."
    sentence = Span("doc1", 100, 100 + len(text), text)
    trigger = Span("doc1", 107, 115, "arrested")
    event = Event(
        id="evt_1", document="doc1", type="arrest", label="arrest of Ahmad Khan in Kabul", trigger=trigger,
        date="2024-03-05", date_granularity="day", date_inferred=False, place="ent_kabul",
        participants=(Participant("ent_police", "agency"), Participant("ent_khan", "arrested")),
        evidence=(sentence,),
    )
    keys = {"ent_kabul": "place:kabul", "ent_khan": "person:ahmad khan"}
    v = view_from_event(event, lemma="arrest", entity_key=keys.get, context=frozenset({"person:ahmad khan"}))
    assert v.sentence[v.trigger[0]:v.trigger[1]] == "arrested"  # type: ignore[index]
    assert v.date == DAY and v.granularity == "day" and v.place == "place:kabul"
    assert v.participants == frozenset({"person:ahmad khan"})  # the police has no cross-document key
    assert v.lemma == "arrest" and v.type == "arrest"


def test_embeddings_link_different_wording_when_installed() -> None:
    from dossier.resolve.event_embed import load_embedder

    emb = load_embedder()
    if emb is None:
        pytest.skip("embedding model not installed")
    s1 = "Police arrested the former minister in Kabul on Tuesday."
    s2 = "The former minister was detained by police in Kabul on Tuesday."
    s3 = "The Oscars ceremony will be hosted by a comedian this year."
    views = [
        view("a", "d1", "arrest", sentence=s1, trigger=(7, 15), context=STORY),
        view("b", "d2", "detain", sentence=s2, trigger=(29, 37), context=STORY),
        view("c", "d3", "host", sentence=s3, trigger=(33, 39), context=STORY),
    ]
    res = resolve_events(views, embedder=emb)
    assert res.embedded
    assert res.why(0, 1).features["trigger"] > res.why(0, 2).features["trigger"]
    assert res.labels[0] == res.labels[1] != res.labels[2]


# ------------------------------------------------------------------------------------------ the clustering


def test_average_linkage_respects_cannot_link() -> None:
    s = np.array([[0, 0.9, 0.8], [0.9, 0, 0.85], [0.8, 0.85, 0]], dtype=float)
    assert average_linkage(s, 0.5) == [0, 0, 0]
    apart = np.zeros((3, 3), dtype=bool)
    apart[0, 2] = apart[2, 0] = True
    assert average_linkage(s, 0.5, apart) == [0, 0, 1]  # b joins a first (0.9); c may not join {a, b}
    assert agglomerate(s, apart, 0.5) == [[0, 1], [2]]
    # the mean matters: {a, b} vs c averages (0.8 + 0.85) / 2 = 0.825
    assert average_linkage(s, 0.83) == [0, 0, 1]


# --------------------------------------------------------------------------------------- the ECB+ reader

needs_ecbplus = pytest.mark.skipif(not (ecbplus.DATA / "ECB+").is_dir(), reason="ECB+ not available")


@needs_ecbplus
def test_reader_keeps_validated_sentences_and_reads_clusters() -> None:
    validated = ecbplus.read_validated()
    assert validated["11_4ecbplus"] == frozenset({1})
    path = ecbplus.DATA / "ECB+" / "11" / "11_4ecbplus.xml"
    everything = ecbplus.read_document(path)
    doc = ecbplus.read_document(path, validated["11_4ecbplus"])
    assert len(everything.mentions) == 33 and len(doc.mentions) == 5
    got = {m.text: (m.kind, m.tag, m.cluster) for m in doc.mentions}
    assert got["Turkmenistan"] == ("entity", "LOC_GEO", "LOC17395351611820997")  # cross-document instance
    assert got["elections"] == ("event", "ACTION_OCCURRENCE", "ACT17395452991115142")
    assert got["Electoral districts"][2] == "11_4ecbplus/intra/24861"  # within-document chain
    assert got["established"][2] == "11_4ecbplus/1"  # in no relation: a singleton
    assert all(m.sentence == 1 for m in doc.mentions)
    assert " ".join(t.text for t in doc.tokens if t.sentence == 1).startswith("Electoral districts established")


@needs_ecbplus
def test_reader_on_a_small_topic() -> None:
    docs = ecbplus.read_corpus([11])
    assert ecbplus.corpus_stats(docs) == {
        "documents": 16, "event_mentions": 73, "event_clusters": 35, "event_singletons": 25,
        "entity_mentions": 86, "entity_clusters": 31, "entity_singletons": 18,
    }
    assert [d.name for d in docs][:3] == ["11_1ecb", "11_1ecbplus", "11_2ecb"]
    mentions = [m for d in docs for m in d.mentions if m.kind == "event"]
    lemmas = [m.text.lower() for m in mentions]
    labels = ecbplus.lemma_baseline(lemmas, mentions, "topic")
    assert 0 < ecbplus.conll_of(mentions, labels) < 1


def test_reader_does_not_expand_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    hostile = tmp_path / "1_1ecb.xml"
    hostile.write_text(
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY y "boom">]>'
        '<Document doc_name="1_1ecb.xml"><token t_id="1" sentence="0" number="0">&x;&y;</token>'
        '<token t_id="2" sentence="0" number="1">fell</token><Markables><ACTION_OCCURRENCE m_id="1">'
        '<token_anchor t_id="2"/></ACTION_OCCURRENCE></Markables><Relations/></Document>',
        encoding="utf-8",
    )
    doc = ecbplus.read_document(hostile)
    assert "SECRET" not in "".join(t.text for t in doc.tokens) and "boom" not in "".join(t.text for t in doc.tokens)
    assert [(m.text, m.kind, m.cluster) for m in doc.mentions] == [("fell", "event", "1_1ecb/1")]


def test_detokenize_offsets() -> None:
    text, offsets = ecbplus.detokenize(["He", "said", ",", "\"", "no", "\"", "(", "again", ")", "."])
    assert [text[a:b] for a, b in offsets] == ["He", "said", ",", "\"", "no", "\"", "(", "again", ")", "."]
    assert text.startswith("He said,")
