"""Issue 12: entity types from general constructions (a party in brackets, "fellow <Party>", a place in a chain or
list of places) and the learned re-typer (``extract/components/retyper.py``), which must leave news companies
organisations. Sentences written in the style of news reports."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.extract.components import retyper
from dossier.model import EntityType
from tests.extract.typed import typed_names

REPO = Path(__file__).resolve().parents[2]


def test_a_party_in_brackets_after_a_name_makes_it_a_person_and_the_bracket_no_part_of_it() -> None:
    # the model reads "Terje Halleland (Progress Party" as one organisation
    types = typed_names("The county mayor is Janne Johnsen (Conservative Party) and the deputy mayor is "
                        "Terje Halleland (Progress Party).")
    assert types.get("Terje Halleland") == EntityType.PERSON
    assert types.get("Progress Party") == EntityType.ORGANIZATION
    assert not any("(" in name for name in types)


@pytest.mark.parametrize(("text", "name"), [
    ("Troops advanced through Ödemiş and Bayındır on Monday, the ministry said.", "Ödemiş"),
    ("The protest began outside a church in Ouro Preto, Brazil, on Sunday.", "Ouro Preto"),
])
def test_a_name_in_a_chain_or_list_of_places_after_a_placing_word_is_a_place(text: str, name: str) -> None:
    assert typed_names(text).get(name) == EntityType.PLACE


def test_people_after_with_stay_people_beside_a_place() -> None:
    types = typed_names("Talks were held in Geneva with Sergei Lavrov and John Kerry on Friday.")
    assert types.get("Sergei Lavrov") == EntityType.PERSON
    assert types.get("John Kerry") == EntityType.PERSON
    assert types.get("Geneva") == EntityType.PLACE


def test_a_statement_from_a_person_and_a_state_keeps_the_person() -> None:
    types = typed_names("A statement from Hillary Clinton, New York senator, was read out on Monday.")
    assert types.get("Hillary Clinton") == EntityType.PERSON


def test_the_re_typer_makes_a_park_the_model_calls_an_organisation_a_place() -> None:
    types = typed_names("The hikers were rescued in Wrangell-Saint Elias National Park on Friday.")
    assert types.get("Wrangell-Saint Elias National Park") == EntityType.PLACE


@pytest.mark.parametrize(("text", "name"), [
    ("Ryanair said on Monday it would buy ten more jets. Ryanair shares rose 3 percent in Dublin.", "Ryanair"),
    ("Apple unveiled a new laptop on Tuesday. Apple said the machine would ship next week.", "Apple"),
])
def test_news_companies_repeated_as_subjects_stay_organisations(text: str, name: str) -> None:
    # on Wikipedia such a name is mostly the article's person: the re-typer never turns an organisation into one
    assert typed_names(text).get(name) == EntityType.ORGANIZATION


def test_the_shipped_model_is_a_distribution_with_thresholds_and_never_retypes_an_organisation_to_a_person() -> None:
    model = retyper.load_model()
    assert model is not None
    assert model.classes == retyper.CLASSES
    p = model.probabilities(["lab=ORG", "vot=ORG", "why=none", "w=apple", "dep=nsubj", "mentions=3"])
    assert abs(sum(p.values()) - 1.0) < 1e-9
    assert set(model.thresholds) == {"PER", "ORG", "LOC"}
    assert ("ORG", "PER") in retyper.UNSAFE


def test_training_is_reproducible_on_a_few_documents(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from score_redocred import DATA

    if not (Path(DATA) / "dev_revised.json").exists():
        pytest.skip("Re-DocRED is not in ../shared/data (set DOSSIER_REDOCRED)")
    outs = []
    for k in range(2):
        out = tmp_path / f"m{k}.json.gz"
        subprocess.run([sys.executable, str(REPO / "bench" / "train_entity_retyper.py"), "--limit", "6",
                        "--folds", "2", "--out", str(out)], check=True, capture_output=True,
                       env={"PYTHONPATH": f"{REPO / 'src'}:{REPO / 'bench'}", "PATH": "/usr/bin:/bin"})
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    data = json.loads(gzip.decompress(outs[0]))
    assert data["trained"]["data"].endswith("half a") and data["weights"]


def _decisions() -> list[tuple[str, float, str, str, int]]:
    """Cross-validated re-typer decisions (target, probability, gold, vote's kind, document) shaped like half a's:
    a handful of person and organisation changes, more place changes, right above 0.8 and mixed below."""
    out: list[tuple[str, float, str, str, int]] = []
    for k in range(40):
        p = 0.5 + 0.0125 * k
        out.append(("LOC", p, "LOC" if p >= 0.8 or k % 2 else "PER", "PER", k))
    out += [("PER", 0.74, "PER", "ORG", 41), ("PER", 0.6, "OTHER", "ORG", 42), ("ORG", 0.9, "ORG", "LOC", 43),
            ("ORG", 0.55, "LOC", "LOC", 44)]
    return out


def test_thresholds_are_chosen_once_for_the_three_types_and_deterministically() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import train_entity_retyper as tr

    pooled, _ = tr.choose(_decisions(), 0.75)
    assert len(set(pooled.values())) == 1  # one threshold: the per-type curves rest on a name or two
    assert tr.GRID[0] < pooled["PER"] < 1.0
    best, _ = tr.choose(_decisions(), 0.75, method="best")
    assert (best["PER"], best["ORG"]) == (0.625, 0.575)  # just above the one wrong change of each type
    for method in ("median", "one-se"):  # seeded resamples: the same choice every time
        assert tr.choose(_decisions(), 0.75, method=method) == tr.choose(_decisions(), 0.75, method=method)


def test_a_country_named_by_its_abbreviation_stays_a_place() -> None:
    # ECB+ dev: "the US intended to attack … the US and its allies would first need …" read as a body by the
    # re-typer; an abbreviation the gazetteer lacks is a country all the same
    from dossier.extract.parser import cached_parser

    doc = cached_parser()("When asked if the US intended to attack, Mr Gates said the US and its allies would wait.")
    us = next(e for e in doc.ents if e.text == "US")
    feats = retyper.span_features(us, us.label_, "none")
    assert "gaz=country" in feats
    assert not retyper.allowed("LOC", "ORG", feats)
    assert "gaz=country" not in retyper.span_features(doc[-2:-1], "ORG", "none")  # "wait" is no country
