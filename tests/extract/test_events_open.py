"""Open events, the CAMEO category, sense checks and reported counts, on sentences written for these tests.

Each case runs the real pipeline and looks at the ``Event`` records (docs/events.md, "Open events")."""

from __future__ import annotations

import pytest

from dossier.extract.events import lexicon as event_lexicon
from dossier.extract.events.taxonomy import CAMEO, DEFAULT_CATEGORY, root
from dossier.extract.pipeline import extract
from dossier.model import Event
from tests.conftest import make_document


def _events(text: str) -> list[Event]:
    x = extract(make_document(text, published="2024-03-14"))
    for ev in x.events:
        for span in (ev.trigger, *ev.mentions, *(c.evidence for c in ev.counts)):
            assert text[span.start:span.end] == span.text
    return list(x.events)


def _by_lemma(events: list[Event], lemma: str) -> Event:
    hits = [e for e in events if e.lemma == lemma]
    assert len(hits) == 1, [(e.type, e.lemma) for e in events]
    return hits[0]


def test_open_verb_is_an_other_event_kept_with_its_lemma() -> None:
    ev = _by_lemma(_events("Lufthansa grounded its fleet of cargo jets in Frankfurt on Monday."), "ground")
    assert (ev.type, ev.category) == ("other", "other")
    assert ev.extractor.startswith("events/open-verb")
    assert [m.text for m in ev.mentions] == ["grounded"]


def test_eventive_noun_with_an_argument() -> None:
    events = _events("The announcement of the merger surprised investors in Tokyo on Tuesday.")
    assert "announcement" in {e.lemma for e in events}


def test_states_are_not_events() -> None:
    assert _events("The river is about 300 kilometres long and rises in the highlands.") == []


@pytest.mark.parametrize(("text", "lemma", "wrong_type"), [
    ("Apple demonstrated the features of the new phone to reporters in Cupertino on Monday.", "demonstrate",
     "protest"),
    ("The euro struck a ten-month high against the dollar on Tuesday.", "strike", "attack"),
    ("Shareholders voted the proposition down at the annual meeting on Tuesday.", "vote", "election"),
])
def test_false_friends_in_business_text(text: str, lemma: str, wrong_type: str) -> None:
    events = _events(text)
    assert all(e.type != wrong_type for e in events), [(e.type, e.lemma) for e in events]


@pytest.mark.parametrize(("text", "etype"), [
    ("Thousands demonstrated against the government in Cairo on Friday.", "protest"),
    ("A drone struck a convoy near Mosul on Tuesday.", "attack"),
    ("Militants hit a police post in Lakki Marwat on Friday.", "attack"),
])
def test_true_senses_keep_their_type(text: str, etype: str) -> None:
    assert etype in {e.type for e in _events(text)}


def test_plain_killing_is_found_with_its_toll() -> None:
    events = _events("Afghan forces killed two insurgents in Kandahar province on Monday.")
    ev = _by_lemma(events, "kill")
    assert root(ev.category) == "18"
    assert ev.count("killed") == 2
    assert [c.evidence.text for c in ev.counts] == ["two insurgents"]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Police detained three suspects in Lahore on Sunday.", "arrested", 3),
    ("A coalition force captured a Taliban leader and several associates in Ghazni on Sunday.", "arrested", 4),
    ("At least 12 civilians were wounded in the blast in Quetta on Monday.", "wounded", 12),
    ("Five soldiers died in the ambush near Gao on Friday.", "killed", 5),
])
def test_counts_from_the_parse(text: str, kind: str, value: int) -> None:
    assert sum(e.count(kind) or 0 for e in _events(text)) == value


def test_retelling_does_not_add() -> None:
    events = _events("Police detained two suspects in Lahore on Sunday. The suspects were detained after a raid.")
    assert sum(e.count("arrested") or 0 for e in events) == 2


def test_air_strike_is_cameo_195() -> None:
    events = _events("Coalition aircraft conducted a precision air strike in Kunar province on Tuesday.")
    assert "195" in {e.category for e in events}


def test_taxonomy_covers_every_type_and_lexicon_row() -> None:
    assert set(DEFAULT_CATEGORY) == set(event_lexicon.EVENT_TYPES)
    assert all(code in CAMEO for code in DEFAULT_CATEGORY.values())
    for entries in event_lexicon.lexicon().values():
        assert all(not e.category or e.category in CAMEO for e in entries)


def test_lexicon_rejects_unknown_category() -> None:
    with pytest.raises(ValueError, match="CAMEO"):
        event_lexicon.parse("meet\tV\tmeeting\t-\tmeeting\t999\n")


def test_induced_lists_are_shipped() -> None:
    assert "earthquake" in event_lexicon.eventive_nouns()
    assert event_lexicon.is_eventive_noun("announcement")  # deverbal: announce
    assert not event_lexicon.is_eventive_noun("river")


def test_a_bare_eventive_noun_is_an_event_and_a_bare_derived_one_is_not() -> None:
    # "earthquake" is in the nouns annotators mark as events (data/event_nouns.txt); "delivery" is only
    # derived from an event verb, and alone it names no one
    events = _events("Residents fled their homes after the earthquake on Sunday. Officials praised the delivery.")
    assert "earthquake" in {e.lemma for e in events}
    assert "delivery" not in {e.lemma for e in events}


def test_a_bare_mention_of_an_event_told_before_is_one_more_mention_of_it() -> None:
    events = _events("Boeing delivered two jets to Qatar Airways in Seattle on Monday. "
                     "The airline said the delivery was late.")
    assert "delivery" not in {e.lemma for e in events}  # no record of its own
    told = [e for e in events if e.lemma == "deliver"]
    assert len(told) == 1
    # the verb and the noun are two lemmas: the noun joins only an event of its own word
    events = _events("Boeing made a delivery of two jets to Qatar Airways in Seattle on Monday. "
                     "Analysts said the delivery was late.")
    delivery = _by_lemma(events, "delivery")
    assert [m.text for m in delivery.mentions] == ["delivery", "delivery"]


def test_an_event_noun_naming_a_persons_field_is_no_event() -> None:
    events = _events("The case may collapse, said Maria Lenz, a sanctions lawyer in Vienna. An election observer "
                     "from Oslo and an A-list comedian attended the hearing.")
    assert not {"sanction", "election", "list"} & {e.lemma for e in events}, [(e.type, e.lemma) for e in events]
    charged = _events("A Vancouver man was charged on Friday with first-degree murder after a shooting.")
    assert any(e.trigger.text in ("first-degree", "murder") or any(m.text == "murder" for m in e.mentions)
               for e in charged), [(e.lemma, e.trigger.text) for e in charged]


def _speakers(ev: Event) -> list[str]:
    return [p.entity for p in ev.participants if p.role == "speaker"]


@pytest.mark.parametrize("text", [
    "Several European governments have accused the movement of financing attacks, an allegation it denies.",
    "It said al-Haddad had asked for Pakistan's support in opening a liaison office in Islamabad.",
    "The meeting has stirred debate in the movement's Beirut offices.",
])
def test_an_organisation_noun_is_no_event(text: str) -> None:
    """A word that heads organisation names ("Movement", "Office": data/org_heads.txt) names the organisation,
    its premises or a post, not a happening, even where ECB+ marks "office" ("took office")."""
    lemmas = {e.lemma for e in _events(text)}
    assert not lemmas & {"movement", "office"}, lemmas


def test_a_lexicon_row_still_types_an_organisation_word() -> None:
    assert _by_lemma(_events("Delegates attended a conference in Geneva on Monday."), "conference").type == "meeting"


@pytest.mark.parametrize(("text", "state"), [
    ("The event was addressed by Hafiz Naveed Akhtar Sandhu, who heads Jamaat-ul-Burhan, on Sunday.", "head"),
    ("Lt Gen Sarfraz Ahmed Chattha, who has served as Pakistan's ambassador in Tehran since February, met "
     "Yousef al-Haddad on August 19, 2025.", "serve"),
    ("In Bahawalpur, Yousef Al-Haddad, who serves as the movement's special envoy to Iran, shared a platform "
     "with Maulana Inamullah Tarakai.", "serve"),
])
def test_a_description_of_who_someone_is_is_no_event(text: str, state: str) -> None:
    """A present-tense relative clause on a person describes him, and a verb whose "as" phrase names the post
    its subject holds tells a state: neither is a happening, although a name takes part."""
    events = _events(text)
    assert state not in {e.lemma for e in events}
    assert events  # the sentence's happening is still told


def test_what_a_thing_does_is_still_told() -> None:
    """MEANTIME marks a present relative clause on a thing as an event ("which serves Bangkok")."""
    events = _events("A test flight was delayed today after an accident at Suvarnabhumi Airport, which serves "
                     "Bangkok, Thailand.")
    assert "serve" in {e.lemma for e in events}


def test_a_post_given_is_a_happening() -> None:
    ev = _by_lemma(_events("The president appointed Ahmed Khan as envoy to Iran on Monday."), "appoint")
    assert ev.participants


def test_each_speaker_says_his_own_thing() -> None:
    """Sayings by different speakers are different speech acts; the subject of an open reporting verb is its
    speaker; "he said" in the next sentence goes on with the speaker before."""
    events = _events("OFAC said Corvamar chartered vessels from Nilkantha. The official said further designations "
                     "were likely. Analysts said the move could complicate exports.")
    says = [e for e in events if e.lemma == "say"]
    assert [len(e.mentions) for e in says] == [1, 1, 1]
    assert len(_speakers(says[0])) == 1
    same = _events("Joaquín D'Arrigo said the company had never transferred money to any armed group. He said he "
                   "would seek removal from the U.S. list.")
    said = _by_lemma(same, "say")
    assert len(said.mentions) == 2 and len(_speakers(said)) == 1
