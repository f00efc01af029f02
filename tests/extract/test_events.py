"""Event extraction on short reports written for these tests (not taken from any report in the corpus).

Each case runs the real pipeline (``extract``) and looks at the ``Event`` records: type, date, place,
participants, coreference across sentences, and the lexicon loader. See docs/events.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from spacy.language import Language

from dossier.extract.events import lexicon as event_lexicon
from dossier.extract.pipeline import extract, load_pipeline
from dossier.model import Event, Extraction
from tests.conftest import make_document


@dataclass(frozen=True)
class _View:
    """An event with entity ids replaced by names, for readable assertions."""

    event: Event
    place: str | None
    participants: dict[str, str | None]

    @property
    def type(self) -> str:
        return self.event.type

    @property
    def date(self) -> str | None:
        return self.event.date


Run = Callable[..., list[_View]]


@pytest.fixture(scope="module")
def pipeline() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def run(pipeline: Language) -> Run:
    def _run(text: str, published: str | None = "2024-03-14") -> list[_View]:
        x: Extraction = extract(make_document(text, published=published))
        names = {e.id: e.name for e in x.entities}
        out = []
        for ev in x.events:
            assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
            if ev.extractor.startswith("events/open-"):
                continue  # open events (any other happening) have their own tests: test_events_open.py
            for span in ev.evidence:
                assert text[span.start:span.end] == span.text
            out.append(_View(ev, names.get(ev.place) if ev.place else None,
                             {names.get(p.entity, p.entity): p.role for p in ev.participants}))
        return out

    return _run


def _one(events: list[_View], etype: str) -> _View:
    hits = [e for e in events if e.type == etype]
    assert len(hits) == 1, f"expected one {etype}, got {[(e.type, e.event.label) for e in events]}"
    return hits[0]


# --------------------------------------------------------------------------------------------- type, date, place


def test_meeting_with_absolute_date_place_and_both_sides(run: Run) -> None:
    events = run("Kenya's foreign minister, Grace Wanjiku, met Ethiopian envoy Dawit Bekele in Nairobi on "
                 "3 March 2024 to discuss the border dispute.")
    ev = _one(events, "meeting")
    assert ev.event.trigger.text == "met"
    assert (ev.date, ev.event.date_granularity, ev.event.date_inferred) == ("2024-03-03", "day", False)
    assert ev.place == "Nairobi"
    assert {"Grace Wanjiku", "Dawit Bekele"} <= set(ev.participants)
    assert ev.event.label == "meeting between Grace Wanjiku and Dawit Bekele in Nairobi"


def test_yearless_date_takes_the_year_of_publication(run: Run) -> None:
    ev = _one(run("Police arrested opposition organiser Tomas Herrera in Bogota on 14 February.",
                  published="2025-02-20"), "arrest")
    assert (ev.date, ev.event.date_inferred) == ("2025-02-14", True)
    assert ev.place == "Bogota"
    assert ev.participants.get("Tomas Herrera") == "arrested"


def test_last_week_is_a_week_before_publication(run: Run) -> None:
    ev = _one(run("Thousands of farmers staged a protest in Lahore last week against a new water levy."),
              "protest")
    assert (ev.date, ev.event.date_granularity) == ("2024-03-04/2024-03-10", "week")
    assert ev.place == "Lahore"


def test_no_date_is_invented(run: Run) -> None:
    ev = _one(run("Colombian troops raided a rebel camp in Cauca, the army said."), "operation")
    assert ev.date is None and ev.event.date_granularity is None
    assert ev.place == "Cauca"


def test_dateline_date_is_not_the_event_date(run: Run) -> None:
    text = ("Rebels overrun border town in eastern Congo\n\n"
            "GOMA, March 12, 2024 — M23 rebels attacked the town of Rutshuru on Sunday, residents said.")
    events = run(text)
    ev = _one(events, "attack")
    assert ev.date == "2024-03-10"  # the Sunday before publication, not the dateline's March 12
    assert ev.place == "Rutshuru"  # "the town of X": the object of an attack names where it happened
    assert ev.participants.get("M23") == "perpetrator"


def test_future_hearing_on_a_weekday_is_the_coming_one(run: Run) -> None:
    ev = _one(run("The suspect, Lukas Brenner, is due to appear before a court in Vienna on Friday."), "trial")
    assert ev.date == "2024-03-15"  # published Thursday 14 March: the Friday to come
    assert ev.place == "Vienna"
    assert "Lukas Brenner" in ev.participants


def test_future_visit_in_a_yearless_month_is_next_year(run: Run) -> None:
    ev = _one(run("Indonesian President Joko Widodo will visit Canberra in March, officials said.",
                  published="2024-11-20"), "visit")
    assert (ev.date, ev.event.date_granularity) == ("2025-03", "month")
    assert ev.place == "Canberra"
    assert ev.participants.get("Joko Widodo") == "visitor"


# --------------------------------------------------------------------------------------------- reference dates


def test_two_days_later_is_anchored_on_the_previous_event(run: Run) -> None:
    events = run("Gunmen attacked a police checkpoint near Peshawar on 5 March 2024, killing two officers. "
                 "Two days later, troops arrested three suspects in Mardan.")
    attack, arrest = _one(events, "attack"), _one(events, "arrest")
    assert (attack.date, attack.place) == ("2024-03-05", "Peshawar")
    assert (arrest.date, arrest.place) == ("2024-03-07", "Mardan")
    assert arrest.event.date_inferred


def test_same_day_events_in_two_towns_stay_apart(run: Run) -> None:
    text = ("Supporters of the opposition held a rally in Karachi on 9 February 2024. "
            "The same day, another rally in Hyderabad was addressed by party leader Bilal Qureshi.")
    rallies = [e for e in run(text) if e.type == "meeting"]
    assert len(rallies) == 2
    by_place = {e.place: e for e in rallies}
    assert set(by_place) == {"Karachi", "Hyderabad"}
    assert by_place["Hyderabad"].date == "2024-02-09"  # "the same day" as the Karachi rally
    assert by_place["Hyderabad"].participants.get("Bilal Qureshi") == "speaker"


# --------------------------------------------------------------------------------------------- participants


def test_attended_by_list_and_coreference_into_one_event(run: Run) -> None:
    text = ("A regional security summit opened in Dakar on Monday. The summit was attended by Senegalese "
            "President Amadou Sy, Mauritanian Foreign Minister Salma Ould Cheikh and Joseph Adeyemi of ECOWAS.")
    summit = _one(run(text), "meeting")
    assert (summit.place, summit.date) == ("Dakar", "2024-03-11")
    assert {"Amadou Sy", "Salma Ould Cheikh", "Joseph Adeyemi"} <= set(summit.participants)
    assert len(summit.event.evidence) == 2  # both sentences describe it
    assert summit.event.trigger.text == "summit"


def test_including_list_and_speakers(run: Run) -> None:
    text = ("Several opposition leaders, including Rahul Varma and Meena Pillai, addressed a rally in Chennai "
            "on 2 March 2024.")
    ev = _one(run(text), "meeting")
    assert ev.participants.get("Rahul Varma") == "speaker"
    assert ev.participants.get("Meena Pillai") == "speaker"
    assert ev.place == "Chennai"


def test_talks_between_two_countries_then_the_talks(run: Run) -> None:
    text = ("Delegates from Sudan and South Sudan held talks in Juba on 4 April 2024. "
            "The talks were mediated by Kenyan envoy David Kiprop.")
    talks = _one(run(text), "meeting")
    assert {"Sudan", "South Sudan"} <= set(talks.participants)
    assert talks.participants.get("David Kiprop") == "mediator"
    assert (talks.place, talks.date) == ("Juba", "2024-04-04")


def test_those_detained_join_the_arrest(run: Run) -> None:
    text = ("Turkish police detained Omar Haddad and Yusuf Demir in Istanbul on 2 May 2023. "
            "Among those detained was a former army officer, Kemal Aydin.")
    ev = _one(run(text), "arrest")
    assert {p for p, r in ev.participants.items() if r == "arrested"} >= {"Omar Haddad", "Yusuf Demir",
                                                                          "Kemal Aydin"}
    assert (ev.place, ev.date) == ("Istanbul", "2023-05-02")


def test_sanction_also_sanctioned_is_one_designation(run: Run) -> None:
    text = ("The U.S. Treasury Department on Thursday designated Orion Shipping Ltd for moving oil for Iran. "
            "The department also sanctioned its director, Faisal Karimov.")
    ev = _one(run(text), "sanction")
    assert ev.participants.get("U.S. Treasury Department") == "agency"
    assert ev.participants.get("Orion Shipping Ltd") == "target"
    assert ev.participants.get("Faisal Karimov") == "target"
    assert ev.date == "2024-03-14"


def test_signed_an_agreement_is_one_event(run: Run) -> None:
    ev = _one(run("Colombia and Ecuador on Friday signed an agreement in Quito to share intelligence on drug "
                  "trafficking."), "agreement")
    assert {"Colombia", "Ecuador"} <= set(ev.participants)
    assert ev.place == "Quito"
    assert ev.date == "2024-03-08"


def test_founding_date_and_founder(run: Run) -> None:
    ev = _one(run("The Coastal Workers Union was founded in 1998 in Santos by Ana Pereira, a dockworker."),
              "other")
    assert (ev.date, ev.event.date_granularity) == ("1998", "year")
    assert "Coastal Workers Union" in ev.participants


# --------------------------------------------------------------------------------------------- what is not an event


def test_sentences_without_events(run: Run) -> None:
    text = ("The river is about 300 kilometres long and rises in the highlands. "
            "Local officials said the economy was growing and that tourism would recover.")
    assert run(text) == []


def test_negated_and_wished_for_events_are_not_extracted(run: Run) -> None:
    text = ("The Nigerian army did not attack the village, a spokesman said. "
            "Church leaders called for a ceasefire.")
    assert run(text) == []


def test_plain_said_is_not_a_statement_but_a_dated_announcement_is(run: Run) -> None:
    text = ("Zambia's central bank announced new lending rules in Lusaka on Tuesday. "
            "Analysts said the rules would slow credit growth.")
    ev = _one(run(text), "statement")
    assert ev.event.trigger.text == "announced"
    assert (ev.place, ev.date) == ("Lusaka", "2024-03-12")


def test_headline_joins_the_body_event(run: Run) -> None:
    text = ("Police raid smuggling ring in Durban port\n\n"
            "JOHANNESBURG, March 13, 2024 — South African police raided a warehouse in Durban on Tuesday and "
            "seized two tonnes of cannabis, officials said.")
    ops = [e for e in run(text) if e.type == "operation"]
    assert len(ops) == 1
    assert ops[0].place == "Durban" and ops[0].date == "2024-03-12"
    assert len(ops[0].event.evidence) == 2  # the headline and the sentence


# --------------------------------------------------------------------------------------------- lexicon


def test_lexicon_loads_and_rows_parse() -> None:
    table = event_lexicon.lexicon()
    assert table["meet"][0].type == "meeting"
    conference = table["conference"]
    assert conference[0].type == "statement" and conference[0].has("mod")  # "news conference" first
    assert conference[-1].type == "meeting"
    assert {e.type for rows in table.values() for e in rows} <= event_lexicon.EVENT_TYPES


def test_lexicon_rejects_unknown_conditions() -> None:
    with pytest.raises(ValueError, match="unknown trigger condition"):
        event_lexicon.parse("meet\tV\tmeeting\tsoon\tmeeting\n")
    with pytest.raises(ValueError, match="event type"):
        event_lexicon.parse("meet\tV\tparty\t-\tmeeting\n")
