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
    ("USD", "ORG", ""),
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
