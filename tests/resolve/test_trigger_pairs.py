"""The learned trigger similarity (data/trigger_pairs.tsv, ``make trigger-pairs``): words that tell one event
across reports, as annotators of unrelated ECB+ training stories joined them, and nothing else."""

from __future__ import annotations

import datetime as dt

from dossier.resolve.event_coref import EventView, resolve_events
from dossier.resolve.event_evidence import PairEvidence
from dossier.resolve.trigger_pairs import partners, similarity


def test_the_table_knows_news_synonyms_and_nothing_else() -> None:
    assert similarity("kill", "kill") == 1.0
    assert similarity("die", "kill") == similarity("kill", "die") >= 0.9
    assert similarity("shoot", "shooting") >= 0.9
    assert 0.0 < similarity("hit", "strike") < 1.0
    assert similarity("meet", "attack") == 0.0 and similarity("say", "kill") == 0.0
    assert "die" in partners("kill") and partners("kill") == tuple(sorted(partners("kill")))
    assert partners("nonexistentword") == ()


def test_died_and_killed_in_one_story_are_one_event() -> None:
    story = frozenset({"bettie page", "roberta"})
    died = [EventView(id="a", document="x", lemma="die", type="other", category="other", story=story,
                      story_id="sty_1",
                      sentence="Pin-up queen Bettie Page died Thursday in a Los Angeles hospital, aged 85."),
            EventView(id="b", document="y", lemma="kill", type="other", category="other", story=story,
                      story_id="sty_1",
                      sentence="Bettie Page, the pin-up queen, was killed by a heart attack in a Los Angeles hospital")]
    verdict, reason = PairEvidence(died).judge(0, 1)
    assert verdict == "identified" and "'die' / 'kill'" in reason
    result = resolve_events(died, embedder=None, gate=PairEvidence(died))
    assert result.labels[0] == result.labels[1]  # two shared story names and alike words: one event
    assert result.why(0, 1).features["lemma"] == similarity("die", "kill")
    unrelated = [died[0], EventView(id="b", document="y", lemma="meet", type="other", category="other",
                                    story=story, sentence=died[1].sentence)]
    assert PairEvidence(unrelated).judge(0, 1)[0] == "none"


def test_a_typed_or_named_record_needs_fewer_shared_words_a_bare_one_more() -> None:
    story = frozenset({"tara reid", "promises"})
    bare = [EventView(id="a", document="x", lemma="check", type="other", category="other", story=story,
                      sentence="Actress Tara Reid has checked into Promises Treatment Center."),
            EventView(id="b", document="y", lemma="check", type="other", category="other", story=story,
                      sentence="She checked out two minutes later.")]
    assert PairEvidence(bare).judge(0, 1)[0] == "none"
    arrested = [EventView(id=v.id, document=v.document, lemma="arrest", type="arrest", category="173",
                          story=story, sentence=v.sentence) for v in bare]
    assert PairEvidence(arrested).judge(0, 1)[0] == "identified"
    named = [EventView(id=v.id, document=v.document, lemma="check", type="other", category="other", story=story,
                       sentence=v.sentence, participants=frozenset({"tara reid"}), specific=frozenset({"tara reid"}))
             for v in bare]
    # named, but neither dated nor placed: the two sentences share no word, so nothing ties them
    assert PairEvidence(named).judge(0, 1)[0] == "none"
    day = (dt.date(2008, 8, 1), dt.date(2008, 8, 1))
    dated = [EventView(id=v.id, document=v.document, lemma=v.lemma, type=v.type, category=v.category, story=story,
                       sentence=v.sentence, participants=v.participants, specific=v.specific, date=day,
                       granularity="day") for v in named]
    assert PairEvidence(dated).judge(0, 1)[0] in {"plausible", "identified"}  # both dated: joined
    said = [EventView(id=v.id, document=v.document, lemma="say", type="other", category="other", story=story,
                      sentence=v.sentence, participants=v.participants, specific=v.specific) for v in named]
    assert PairEvidence(said).judge(0, 1)[0] == "none"  # a speaker names no statement
    quoted = [EventView(id=v.id, document=v.document, lemma="say", type="other", category="other", story=story,
                        sentence=f"Tara Reid is doing well at Promises, her publicist {'said' if k else 'says'}.")
              for k, v in enumerate(said)]
    assert PairEvidence(quoted).judge(0, 1)[0] == "plausible"  # told alike in one story: one statement
