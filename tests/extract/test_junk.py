"""``junk.relabel``: what the model tags as a name but is not one."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from dossier.extract.components.junk import is_date, relabel

NLP = spacy.blank("en")


def span(text: str, label: str = "ORG") -> Span:
    doc = NLP(text)
    return Span(doc, 0, len(doc), label=label)


@pytest.mark.parametrize("text, label, want", [
    ("Apr. 17", "ORG", "DATE"),
    ("Jan. 25, 2013", "ORG", "DATE"),
    ("Immediate Release", "ORG", ""),
    ("IJC News Release", "ORG", ""),
    ("PDF", "ORG", ""),
    ("AK-47s", "ORG", ""),
    ("RPG", "ORG", ""),
    ("Suspected Insurgents Detained", "ORG", ""),
    ("Coalition Force Captures Taliban", "ORG", ""),
    ("Jihadi", "PERSON", "NORP"),
    ("Muslim", "ORG", "NORP"),
    ("Kashmir Solidarity Conference", "PERSON", "EVENT"),
    ("M23", "ORG", None),  # a rebel group
    ("Taliban", "ORG", None),
    ("Muslim Conference", "ORG", None),  # a party
    ("Steve Jobs", "PERSON", None),
    ("DWI", "ORG", ""),  # an offence: "a prior DWI conviction in Minnetonka"
    ("MacArthur Genius Award", "ORG", ""),  # an honour is no actor (session 19)
    ("Academy Award", "ORG", ""),
    ("Nobel Peace Prize", "PERSON", ""),
    ("85th Academy Awards", "ORG", "EVENT"),  # a ceremony named for its awards
    ("Tony Awards", "PERSON", "EVENT"),
    ("Academy Awards ®", "ORG", "EVENT"),
    ("Award", "ORG", None),  # one word: a name in its own right, if the model says so
    ("Prize Capital Partners", "ORG", None),
])
def test_relabel(text: str, label: str, want: str | None) -> None:
    assert relabel(span(text, label)) == want


def test_is_date() -> None:
    assert is_date("Oct. 6, 2012") and is_date("Tuesday") and is_date("March 2011")
    assert not is_date("May Day Movement") and not is_date("Marchand")


def test_a_conference_one_is_at_is_an_event() -> None:
    from dossier.extract.pipeline import load_pipeline

    doc = load_pipeline()("Apple revealed the phone at the company's annual Worldwide Developers Conference on Monday. "
                          "The Muslim Conference said it would boycott the vote.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Worldwide Developers Conference") in (None, "EVENT")
    assert labels.get("Muslim Conference") == "ORG"


def test_a_currency_code_next_to_an_amount_is_no_organisation() -> None:
    doc = NLP("It costs 4,000 USD, a CAD lawyer said.")
    assert relabel(Span(doc, 3, 4, label="ORG")) == ""  # USD
    assert relabel(Span(doc, 7, 8, label="ORG")) is None  # CAD (an organisation's acronym here)


_BODY = ("A woman has died after being hit by a car that fled the scene in Queens, and now the driver is facing "
         "manslaughter charges. Police said the woman was crossing the street at about 11 p.m. on Friday when she "
         "was struck. The driver, identified as Maria Lopez of Jamaica, was arrested on Saturday and charged with "
         "manslaughter and leaving the scene, the district attorney's office said. The victim was taken to a "
         "nearby hospital, where she was pronounced dead. Neighbours said the corner has seen several accidents.")


def _headline_span(headline: str, name: str, label: str = "ORG", body: str = _BODY) -> Span:
    doc = NLP(f"{headline}\n{body}")
    start = doc.text.index(name)
    got = doc.char_span(start, start + len(name), label=label)
    assert got is not None
    return got


def test_a_title_case_headline_run_the_body_never_writes_is_no_name() -> None:
    """Session 19: in a title-case headline every word is capitalised, and the model takes runs for names."""
    assert relabel(_headline_span("Woman Killed In Queens Hit - And - Run, Driver Charged", "Driver Charged",
                                  "PERSON")) == ""
    assert relabel(_headline_span("Obama To Nominate Jamaica Driver As Surgeon General", "Obama To Nominate",
                                  "ORG")) == ""


@pytest.mark.parametrize("headline, name, label, body", [
    ("Maria Lopez Charged In Queens Hit - And - Run", "Maria Lopez", "PERSON", _BODY),  # the body names her
    ("Woman Killed In Queens Hit - And - Run, Driver Charged", "Queens", "GPE", _BODY),  # a place is kept
    ("Driver Charged In Queens Hit - And - Run.", "Driver Charged", "PERSON", _BODY),  # a sentence, not a headline
    ("Woman Killed In Queens Hit - And - Run, Driver Charged", "Driver Charged", "PERSON", "Police said so."),
])
def test_a_headline_name_is_kept_where_the_body_or_the_kind_backs_it(headline: str, name: str, label: str,
                                                                        body: str) -> None:
    assert relabel(_headline_span(headline, name, label, body)) is None


def test_a_degree_after_a_name_is_no_place() -> None:
    """Session 19: "Jorge Alsip, MD, the society's president" — "MD" is his degree, not Maryland (a false
    "MD located_in Alabama" chained Bethesda into Alabama); "Bethesda, MD," stays the state."""
    from dossier.extract.pipeline import load_pipeline

    nlp = load_pipeline()
    doc = nlp("Jorge Alsip, MD, the Alabama medical society's president, praised her. Regina Benjamin, M. D., "
              "M. B. A., was nominated on Tuesday.")
    names = {e.text for e in doc.ents}
    assert "MD" not in names and "M. B. A." not in names and "M. D." not in names
    assert "Jorge Alsip" in names and "Regina Benjamin" in names
    doc = nlp("She lives in Bethesda, MD, with her family.")
    assert "MD" in {e.text for e in doc.ents}
