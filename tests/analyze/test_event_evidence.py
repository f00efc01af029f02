"""Corroboration needs positive evidence: reports of one attack are one event, unrelated operations never are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.analyze import Analysis, event_groups
from dossier.analyze.discrepancies import _compatible
from dossier.extract.pipeline import extract
from dossier.model import Document
from dossier.resolve.event_coref import EventView
from dossier.resolve.event_evidence import PairEvidence, blocking_keys, trigger_group
from dossier.store import open_store

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

REPORTS = [
    ("Dawn", "2025-03-02", "PESHAWAR: Militants stormed a police checkpost in Lakki Marwat on Saturday, March 1, "
     "2025, killing seven policemen, officials said. Police chief Ashfaq Khan said the attackers fled."),
    ("Frontier Post", "2025-03-02", "LAKKI MARWAT: Nine policemen were killed when militants stormed a checkpost in "
     "Lakki Marwat on March 1, 2025. District police chief Ashfaq Khan told reporters a search was under way."),
    ("Dawn", "2025-05-12", "PESHAWAR: Security forces detained four suspects during a raid in Bannu on May 11, "
     "2025, a spokesman said."),
    ("Frontier Post", "2025-07-09", "BANNU: Security forces detained two suspects during a raid in Bannu on July 8, "
     "2025, police said."),
]


def _store(tmp_path: Path, doc_factory: Callable[..., Document]) -> Path:
    db = tmp_path / "evidence.db"
    with open_store(db) as store:
        for i, (outlet, day, text) in enumerate(REPORTS):
            store.add_extraction(extract(doc_factory(text, source=f"r{i}.txt", publisher=outlet, published=day)))
        pipeline.resolve(store, full=True)
    return db


def test_one_attack_told_twice_is_one_event_and_unrelated_raids_stay_apart(
        tmp_path: Path, doc_factory: Callable[..., Document]) -> None:
    db = _store(tmp_path, doc_factory)
    with open_store(db, readonly=True) as store:
        a = Analysis(store)
        docs = {d["id"]: d["source"] for d in store.documents()}
        by_sources = {f.id: sorted({docs[s.document] for s in f.supports}) for f in a.all_events()}
        assert ["r0.txt", "r1.txt"] in by_sources.values()  # same day, same place, same named police chief
        assert not any({"r2.txt", "r3.txt"} <= set(v) for v in by_sources.values())  # two raids, two days
        casualties = a.discrepancies(kind="casualties")
        assert casualties  # seven vs nine policemen: a real disagreement inside one event
        for d in casualties:
            sources = {docs[s.document] for v in d.values for s in v.supports}
            assert sources <= {"r0.txt", "r1.txt"}


def _view(i: str, doc: str, *, date: tuple[dt.date, dt.date] | None = None, gran: str | None = None,
          place: str | None = None, specific: frozenset[str] = frozenset(), lemma: str = "detention",
          people: frozenset[str] = frozenset(), rare: bool = False, type_: str = "arrest") -> EventView:
    return EventView(id=i, document=doc, lemma=lemma, type=type_, date=date, granularity=gran, place=place,
                     participants=specific, specific=specific, people=people, rare=rare)


def test_the_evidence_rule() -> None:
    d1, d2 = (dt.date(2011, 6, 1),) * 2, (dt.date(2011, 7, 3),) * 2
    undated_same_province = [_view("a", "x", place="helmand"), _view("b", "y", place="helmand")]
    assert PairEvidence(undated_same_province).judge(0, 1)[0] == "none"
    other_days = [_view("a", "x", date=d1, gran="day", place="helmand"),
                  _view("b", "y", date=d2, gran="day", place="helmand")]
    assert PairEvidence(other_days).judge(0, 1)[0] == "conflict"
    named = [_view("a", "x", specific=frozenset({"p1", "p2"})), _view("b", "y", specific=frozenset({"p1", "p2"}))]
    assert PairEvidence(named).judge(0, 1)[0] == "identified"  # undated, but the participants identify it
    met_then_fought = [named[0], _view("b", "y", specific=frozenset({"p1", "p2"}), lemma="attack", type_="attack")]
    assert PairEvidence(met_then_fought).judge(0, 1)[0] == "plausible"  # the model decides
    army = frozenset({"army"})
    one_org_generic_type = [_view("a", "x", specific=army), _view("b", "y", specific=army)]
    assert PairEvidence(one_org_generic_type).judge(0, 1)[0] == "none"
    places = [_view("a", "x", date=d1, gran="day", place="lashkar gah"),
              _view("b", "y", date=d1, gran="day", place="helmand")]
    assert PairEvidence(places, frozenset({("lashkar gah", "helmand")})).judge(0, 1)[0] == "plausible"
    assert PairEvidence(places).judge(0, 1)[0] == "conflict"
    rare = [_view("a", "x", date=d1, gran="day", lemma="ambush", rare=True, place="sangin"),
            _view("b", "y", date=(dt.date(2011, 6, 1), dt.date(2011, 6, 30)), gran="month", lemma="ambush", rare=True,
                  place="helmand")]
    assert PairEvidence(rare, frozenset({("sangin", "helmand")})).judge(0, 1)[0] == "identified"
    unplaced = [rare[0], _view("b", "y", date=d1, gran="day", lemma="ambush", rare=True)]
    assert PairEvidence(unplaced).judge(0, 1)[0] == "none"  # a rare word on one day is not enough unplaced
    said = [_view("a", "x", lemma="say", type_="other", specific=frozenset({"p1", "p2"})),
            _view("b", "y", lemma="say", type_="other", specific=frozenset({"p1", "p2"}))]
    assert PairEvidence(said).judge(0, 1)[0] == "none"  # the same spokesperson says things in every release
    said_dated = [EventView(id=v.id, document=v.document, lemma="say", type="other", date=d1, granularity="day",
                            participants=v.specific, specific=v.specific, speakers=frozenset({"p1"}))
                  for v in said]
    assert PairEvidence(said_dated).judge(0, 1)[0] == "identified"  # one speaker, one day, the same two names


def test_blocks_are_small_when_nothing_links_the_reports() -> None:
    views = [_view(f"e{i:05d}", f"d{i}", place="helmand") for i in range(3000)]
    blocks = event_groups.blocks(views)
    assert len(blocks) == 3000  # a shared generic type and province give no key: nothing is compared
    linked = [_view(f"e{i:05d}", f"d{i}", specific=frozenset({"p1", "p2"})) for i in range(500)]
    sizes = [len(b) for b in event_groups.blocks(linked)]
    assert max(sizes) <= event_groups.MAX_BLOCK and sum(sizes) == 500
    assert ("pp", "p1", "p2") in blocking_keys(linked[0])


def test_a_refinement_is_not_a_disagreement() -> None:
    for a, b in (("representative", "spokesperson"), ("leader", "chief"), ("member", "commander")):
        assert _compatible(a, b), (a, b)
    assert not _compatible("spokesperson", "commander")


def test_one_story_told_by_two_undated_reports() -> None:
    """Two reports that name the same people tell one story: the same trigger in both may be one event (the model
    decides); a province is no story name, reports published weeks apart are two stories, and different
    triggers or too few shared names give no evidence."""
    story = frozenset({"tara reid", "promises treatment center"})
    told = "Actress Tara Reid has checked into Promises Treatment Center in Malibu."
    rehab = [EventView(id="a", document="x", lemma="check", type="other", story=story, sentence=told),
             EventView(id="b", document="y", lemma="check", type="other", story=story | {"jack ketsoyan"},
                       sentence="Tara Reid checked herself into the Promises rehab center, her publicist said.")]
    verdict, reason = PairEvidence(rehab).judge(0, 1)
    assert verdict == "identified" and "2 specific names" in reason  # an event word told alike: one event
    assert ("sl", "check", "tara reid") in blocking_keys(rehab[0])
    other_trigger = [rehab[0], EventView(id="b", document="y", lemma="enter", type="other", story=story,
                                         sentence=told)]
    assert PairEvidence(other_trigger).judge(0, 1)[0] == "none"
    # one story's reports share words that tell of no happening, or tell it in other words: no evidence
    issue = [EventView(id=v.id, document=v.document, lemma="underscore", type="other", story=story,
                       sentence=v.sentence) for v in rehab]
    assert PairEvidence(issue).judge(0, 1)[0] == "none"
    apart = [rehab[0], EventView(id="b", document="y", lemma="check", type="other", story=story,
                                 sentence="She checked out two minutes later.")]
    assert PairEvidence(apart).judge(0, 1)[0] == "none"
    one_name = [rehab[0], EventView(id="b", document="y", lemma="check", type="other",
                                    story=frozenset({"tara reid"}), sentence=rehab[1].sentence)]
    assert PairEvidence(one_name).judge(0, 1)[0] == "none"
    # ... unless both reports are joined to one story through others (event_groups._stories)
    one_story = [EventView(id=v.id, document=v.document, lemma="check", type="other", story=v.story,
                           story_id="sty_1", sentence=v.sentence) for v in one_name]
    assert PairEvidence(one_story).judge(0, 1) == ("plausible", "the same trigger in two reports of one story")
    names = {"r1": frozenset({"reid", "promises"}), "r2": frozenset({"reid", "promises", "ketsoyan"}),
             "r3": frozenset({"ketsoyan", "promises"}), "r4": frozenset({"reid"}),
             "r5": frozenset({"reid", "promises"})}
    days = {"r1": None, "r2": None, "r3": None, "r4": None, "r5": dt.date(2011, 1, 1)}
    stories = event_groups._stories(names, days)
    assert stories["r1"] == stories["r2"] == stories["r3"] == stories["r5"]  # r3 through r2; r5's date unknown to r1
    assert "r4" not in stories  # one name is no story
    months_apart = [EventView(id=v.id, document=v.document, lemma="check", type="other", story=story,
                              published=day, sentence=v.sentence)
                    for v, day in zip(rehab, (dt.date(2011, 3, 1), dt.date(2011, 6, 9)), strict=True)]
    assert PairEvidence(months_apart).judge(0, 1)[0] == "none"
    days_apart = [EventView(id=v.id, document=v.document, lemma="check", type="other", story=story,
                            published=day, sentence=v.sentence)
                  for v, day in zip(rehab, (dt.date(2011, 3, 1), dt.date(2011, 3, 2)), strict=True)]
    assert PairEvidence(days_apart).judge(0, 1)[0] == "identified"
    dated_apart = [EventView(id=v.id, document=v.document, lemma="check", type="other", story=story,
                             date=(day, day), granularity="day", sentence=v.sentence)
                   for v, day in zip(rehab, (dt.date(2011, 3, 1), dt.date(2011, 3, 20)), strict=True)]
    assert PairEvidence(dated_apart).judge(0, 1)[0] == "conflict"


def test_story_names_are_actors_not_places(tmp_path: Path, doc_factory: Callable[..., Document]) -> None:
    texts = ["Tara Reid has checked into the Promises Treatment Center in Malibu, her publicist Jack Ketsoyan said.",
             "Actress Tara Reid checked into Promises Treatment Center, publicist Jack Ketsoyan told People magazine.",
             "Security forces detained a suspect in Malibu."]
    with open_store(tmp_path / "story.db") as store:
        for i, text in enumerate(texts):
            store.add_extraction(extract(doc_factory(text, source=f"s{i}.txt")))
        pipeline.resolve(store, full=True)
        from dossier.store.analysis import reading

        views = [v for _family, v in event_groups.load_views(reading(store)).values()]
    by_doc: dict[str, set[str]] = {}
    for v in views:
        by_doc.setdefault(v.document, set()).update(v.story)
    stories = sorted(by_doc.values(), key=len)
    assert len(stories[-1]) >= 2 and stories[-1] == stories[-2]  # the two rehab reports name the same actors
    assert all(len(s) <= 1 for s in stories[:-2])  # the detention names no actor (Malibu is a place)
    checks = [v for v in views if v.lemma == "check"]
    assert len(checks) == 2 and PairEvidence(checks).judge(0, 1)[0] == "identified"


def test_light_verbs_and_other_voices_identify_nothing() -> None:
    """What a story's reports share besides the happening is no evidence: a light verb ("came weeks after")
    carries the meaning of its complement, two speakers make two statements, and a trigger's own inflected word
    ("denied") is not a word the two sentences share."""
    story = frozenset({"yousef al-haddad", "sarfraz chattha"})
    came = [EventView(id="a", document="x", lemma="come", type="other", category="other", story=story,
                      specific=frozenset({"yousef al-haddad"}), trigger=(23, 27),
                      sentence="The Bahawalpur event came less than a month after al-Haddad met the ambassador."),
            EventView(id="b", document="y", lemma="come", type="other", category="other", story=story,
                      specific=frozenset({"yousef al-haddad"}), trigger=(12, 16),
                      sentence="The rallies came weeks after al-Haddad met the ambassador in Tehran.")]
    assert PairEvidence(came).judge(0, 1)[0] == "none"
    met = [EventView(id=v.id, document=v.document, lemma="meet", type="other", category="other", story=story,
                     specific=v.specific, sentence=v.sentence) for v in came]
    assert PairEvidence(met).judge(0, 1)[0] == "identified"  # the meeting itself is an event word told alike
    day = (dt.date(2025, 1, 21), dt.date(2025, 1, 21))
    told = [EventView(id="a", document="x", lemma="tell", type="other", date=day, granularity="day", story=story,
                      speakers=frozenset({"tiwana"}), participants=frozenset({"tiwana"}),
                      sentence="Siddiqui was detained in a raid on his home, Tiwana told reporters."),
            EventView(id="b", document="y", lemma="tell", type="other", date=day, granularity="day", story=story,
                      speakers=frozenset({"hamza raza"}), participants=frozenset({"hamza raza"}),
                      sentence="His brother Hamza Raza told the paper that the raid on his home was a mistake.")]
    assert PairEvidence(told).judge(0, 1) == ("none", "two speech acts by different speakers")
    one_voice = [EventView(id=v.id, document=v.document, lemma="tell", type="other", date=day, granularity="day",
                           story=story, speakers=frozenset({"tiwana"}), sentence=told[0].sentence) for v in told]
    assert PairEvidence(one_voice).judge(0, 1)[0] != "none"
    first = "Officials alleged that Zadran met TND leaders, a claim TND has denied."
    second = "Officials maintain that the groups enjoy protection, an allegation Islamabad has denied."
    denied = [EventView(id="a", document="x", lemma="deny", type="other", story=story, sentence=first,
                        trigger=(first.index("denied"), first.index("denied") + 6)),
              EventView(id="b", document="y", lemma="deny", type="other", story=story, sentence=second,
                        trigger=(second.index("denied"), second.index("denied") + 6))]
    assert PairEvidence(denied).judge(0, 1)[0] == "none"  # "officials" alone: one word is not two


def test_a_named_happening_needs_no_listed_event_word() -> None:
    """Two records naming the same person, told alike in two reports of one story, may be one event even when
    their word is in no event list ("host": the model decides); an unlisted word whose records share only an
    organisation ("the presence of Hamas underscores") is not, nor is a listed word identified by itself
    when it is a shell noun ("the recent events")."""
    story = frozenset({"hugh jackman", "academy"})
    jackman = frozenset({"hugh jackman"})
    host = [EventView(id="a", document="x", lemma="host", type="other", category="other", story=story,
                      specific=jackman, participants=jackman, people=jackman,
                      sentence="Hugh Jackman has been roped in to host the 81st annual Academy Awards."),
            EventView(id="b", document="y", lemma="host", type="other", category="other", story=story,
                      specific=jackman, participants=jackman, people=jackman,
                      sentence="Hugh Jackman will be hosting the 81st Annual Academy Awards.")]
    assert PairEvidence(host).judge(0, 1)[0] == "plausible"
    academy = frozenset({"academy"})
    underscore = [EventView(id=v.id, document=v.document, lemma="underscore", type="other", category="other",
                            story=story, specific=academy, participants=academy, sentence=v.sentence)
                  for v in host]
    assert PairEvidence(underscore).judge(0, 1)[0] == "none"
    events = [EventView(id=v.id, document=v.document, lemma="event", type="other", category="other", story=story,
                        specific=jackman, participants=jackman, people=jackman, sentence=v.sentence) for v in host]
    assert PairEvidence(events).judge(0, 1)[0] == "plausible"  # a shell noun: the model decides
    appointed = [EventView(id=v.id, document=v.document, lemma="appoint", type="other", category="other",
                        story=story, specific=jackman, participants=jackman, people=jackman, sentence=v.sentence)
              for v in host]
    assert PairEvidence(appointed).judge(0, 1)[0] == "identified"


def test_a_split_block_keeps_tellings_in_other_words_together() -> None:
    """A block too large to compare is cut between trigger groups, not between words the learned table
    finds alike: "died" and "killed" of one story stay in one chunk."""
    assert trigger_group("kill") == trigger_group("die") != "kill"
    assert trigger_group("meet") == "meet"
    views = [_view(f"e{i:04d}", f"d{i}", lemma=("die" if i % 2 else "kill"), type_="other",
                   specific=frozenset({"p1", "p2"})) for i in range(2 * event_groups.MAX_BLOCK)]
    views += [_view(f"f{i:04d}", f"g{i}", lemma=f"word{i % 7}", type_="other", specific=frozenset({"p1", "p2"}))
              for i in range(event_groups.MAX_BLOCK)]
    chunks = event_groups._split(views)
    assert all(len(c) <= event_groups.MAX_BLOCK for c in chunks)
    mixed = [c for c in chunks if {v.lemma for v in c} >= {"die", "kill"}]
    assert mixed and sum(len(c) for c in mixed) >= event_groups.MAX_BLOCK  # not one word per chunk


def test_two_reports_sayings_by_other_speakers_are_two() -> None:
    """The subject of an open reporting verb is its speaker (extraction gives it the speaker role): "OFAC said
    …" and "the director said …" share the story's names, not the speaker, and stay two speech acts."""
    story = frozenset({"corvamar holdings", "nilkantha maritime", "joaquin d'arrigo"})
    day = (dt.date(2025, 8, 22), dt.date(2025, 8, 22))

    def said(i: str, doc: str, sentence: str, speakers: frozenset[str]) -> EventView:
        return EventView(id=i, document=doc, lemma="say", type="other", category="other", date=day,
                         granularity="day", story=story, speakers=speakers, participants=speakers,
                         specific=speakers, sentence=sentence, trigger=(sentence.index("said"),
                                                                        sentence.index("said") + 4))
    ofac = said("a", "x", "OFAC said Corvamar chartered vessels from Nilkantha and issued inflated invoices.",
                frozenset({"ofac"}))
    director = said("b", "y", "Corvamar director Joaquín D'Arrigo said the company never chartered vessels "
                              "from Nilkantha to move money.", frozenset({"joaquin d'arrigo"}))
    assert PairEvidence([ofac, director]).judge(0, 1) == ("none", "two speech acts by different speakers")


def test_shared_people_do_not_make_other_words_one_happening() -> None:
    """Open records of two words that the learned table does not find alike ("said" / "serves"), with a
    person and a day in common, are only plausible: what one person does on one day is many things."""
    day = (dt.date(2025, 9, 14), dt.date(2025, 9, 14))
    person = frozenset({"yousef al-haddad"})

    def rec(i: str, doc: str, lemma: str) -> EventView:
        return EventView(id=i, document=doc, lemma=lemma, type="other", date=day, granularity="day",
                         participants=person, specific=person, people=person)
    assert PairEvidence([rec("a", "x", "thank"), rec("b", "y", "travel")]).judge(0, 1)[0] == "plausible"
    assert PairEvidence([rec("a", "x", "thank"), rec("b", "y", "thank")]).judge(0, 1)[0] == "identified"
    typed = [_view("a", "x", date=day, gran="day", specific=person),
             _view("b", "y", date=day, gran="day", specific=person, lemma="arrest")]
    assert PairEvidence(typed).judge(0, 1)[0] == "identified"  # one lexicon type: a detention and an arrest


def _saying(i: str, doc: str, sentence: str, speakers: frozenset[str] = frozenset(),
            lemma: str = "say") -> EventView:
    word = sentence.index("said")
    story = frozenset({"nilkantha maritime", "kamrul hasan mollah", "mohammad ehsanul karim bhuiyan"})
    return EventView(id=i, document=doc, lemma=lemma, type="other", category="other", story=story,
                     date=(dt.date(2025, 9, 14),) * 2, granularity="day", speakers=speakers,
                     participants=speakers, specific=speakers, sentence=sentence, trigger=(word, word + 4))


def test_a_bare_saying_with_no_speaker_in_common_needs_the_same_words() -> None:
    """"said" tells nothing but who speaks and what is said: two reports' sayings with no speaker known on both
    sides are one only when one repeats what the other says (a syndicated copy, its dateline aside)."""
    mollah = _saying("a", "x", "Forum President Kamrul Hasan Mollah said the sanctions may prompt foreign banks "
                               "to delay letters of credit for Bangladeshi shipping lines.",
                     frozenset({"kamrul hasan mollah"}))
    bankers = _saying("b", "y", "Bankers in Chattogram said at least three lenders had frozen new credit lines "
                                "to Bangladeshi shipping lines.")
    assert PairEvidence([mollah, bankers]).judge(0, 1)[0] == "none"
    lead = ("Leaders of two banned Pakistani militant groups shared a stage with officials of the Harakat "
            "al-Sumud al-Watani (HSW) at a convention in Bahawalpur on Sunday, organisers and witnesses said.")
    copies = [_saying("a", "x", lead), _saying("b", "y", "BAHAWALPUR, Sept 14 (Frontier Wire): " + lead)]
    assert PairEvidence(copies).judge(0, 1)[0] != "none"
    accused = [_saying("a", "x", "The Treasury said it accused the firm of funnelling money.", lemma="accuse"),
               _saying("b", "y", "Officials said the Treasury accused them of moving money to the group.",
                       lemma="accuse")]
    assert PairEvidence(accused).judge(0, 1)[0] != "none"  # an accusation tells more than who speaks


def test_two_sayings_one_report_kept_apart_are_two_speakers() -> None:
    """The extractor joins one speaker's sayings ("D'Arrigo said … He said …"); two sayings of one report it
    kept apart are two speakers', and the model may not join them ("district police said …", "organisers and
    witnesses said …")."""
    police = _saying("a", "x", "District police in Bahawalpur said the convention had not been granted permission.")
    organisers = _saying("b", "x", "Leaders shared a stage at a convention in Bahawalpur, organisers and witnesses "
                                   "said.")
    assert PairEvidence([police, organisers]).judge(0, 1) == ("none", "two sayings its report tells apart")
    other_words = [police, EventView(id="c", document="x", lemma="convention", type="meeting",
                                     sentence="The convention was held in Bahawalpur.")]
    assert PairEvidence(other_words).judge(0, 1)[0] == "same-document"
