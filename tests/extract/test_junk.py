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
