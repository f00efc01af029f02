"""An adjectival demonym stands for its country in relations even where the report never names the country
(issue 12, docs/entities.md "Demonyms as arguments of relations"): the country is a place entity derived from
the adjective (``named_by=demonym``, ``demonym_spans`` at the adjective), made only when a relation uses it, and
the adjective itself stays a group mention, the only mention at its span, in the store and every export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.export import ftm
from dossier.extract.demonym_places import demonym_spans
from dossier.extract.pipeline import extract
from dossier.model import Document, EntityType, Extraction
from dossier.store import open_store
from tests.export_ftm_stix.corpus import ftm_export, json_export, run

# Re-DocRED-like encyclopaedic prose and news wording; none of these names the country it implies.
ALGER = ("Ross Patterson Alger (August 20, 1920 – January 16, 1992) was a politician in the Canadian province of "
         "Alberta, who served as mayor of Calgary from 1977 to 1980.")
CLUB = "Fyllingen FK was a Norwegian association football club from Fyllingsdalen, Bergen."
REPORT = ("Pipeline talks resume in Calgary\n\nCALGARY — A politician in the Canadian province of Alberta said "
          "on Monday that the pipeline would go ahead. Pakistani officials said they would attend the talks.\n")


def _extract(text: str) -> Extraction:
    return extract(Document(id=Document.make_id(text), text=text, source="test"))


def _located(x: Extraction) -> set[tuple[str, str]]:
    names = {e.id: e.name for e in x.entities}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == "located_in"}


def test_the_adjective_names_the_country_a_relation_takes() -> None:
    x = _extract(ALGER)
    assert ("Alberta", "Canada") in _located(x)
    canada = next(e for e in x.entities if e.name == "Canada")
    attrs = dict(canada.attributes)
    assert canada.type == EntityType.PLACE and attrs["named_by"] == "demonym" and attrs["geonameid"]
    assert [ALGER[a:b] for a, b in demonym_spans(attrs)] == ["Canadian"]  # its evidence: the adjective
    assert not [m for m in x.mentions if m.entity == canada.id]  # no mention of its own
    at = [m for m in x.mentions if ALGER[m.start:m.end] == "Canadian"]
    assert len(at) == 1 and at[0].type == EntityType.GROUP  # the span keeps one mention, a group's
    rel = next(r for r in x.relations if r.object == canada.id)
    assert any(s.start <= at[0].start and at[0].end <= s.end for s in rel.evidence)  # the sentence with it


def test_a_place_a_country_described_club_is_from_lies_in_that_country() -> None:
    assert ("Bergen", "Norway") in _located(_extract(CLUB))


@pytest.mark.parametrize("text", [
    "Pakistani officials said on Tuesday that the talks would resume next week.",
    "Shares of an American company in Beijing fell on Monday.",  # the gazetteer puts Beijing elsewhere
])
def test_no_country_where_no_relation_takes_it(text: str) -> None:
    x = _extract(text)
    assert not [e for e in x.entities if dict(e.attributes).get("named_by")]
    assert not {p for p in _located(x) if p[1] in {"Pakistan", "United States"}}


def test_people_of_a_country_place_nothing_by_rule() -> None:
    # no rule reads "Pakistani officials in Islamabad" as Islamabad's country (people, not a place's); the learned
    # model may (session 16: it does, true here and checked by the gazetteer), as it does where the report names
    # Pakistan, so only the rules are asserted
    x = _extract("Pakistani officials in Islamabad said on Tuesday that the talks would resume.")
    by_rule = {r for r in x.relations if r.extractor != "relations/model"}
    names = {e.id: e.name for e in x.entities}
    assert not {(names[r.subject], names[r.object]) for r in by_rule if r.predicate == "located_in"}
    used = {r.subject for r in by_rule} | {r.object for r in by_rule}
    assert not [e for e in x.entities if dict(e.attributes).get("named_by") and e.id in used]


def test_a_named_country_is_the_argument_and_nothing_is_derived() -> None:
    x = _extract(ALGER + " Canada later honoured him.")
    canada = [e for e in x.entities if e.name == "Canada"]
    assert len(canada) == 1 and "named_by" not in dict(canada[0].attributes)
    assert ("Alberta", "Canada") in _located(x)


def test_store_exports_and_imports_keep_the_demonym_a_group(tmp_path: Path) -> None:
    report = tmp_path / "calgary.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "a.db"
    code, out = run("--db", str(db), "ingest", str(report))
    assert code == 0, out
    graph = json.loads(json_export(db))
    by_id = {e["id"]: e for e in graph["entities"]}
    canada = next(e for e in graph["entities"] if e["name"] == "Canada")
    assert canada["attributes"]["named_by"] == "demonym" and canada["mentions"] == []
    assert [REPORT[a:b] for a, b in demonym_spans(canada["attributes"])] == ["Canadian"]
    assert {by_id[r["subject"]]["name"] for r in graph["relations"] if r["object"] == canada["id"]} >= {"Alberta"}
    assert not [e for e in graph["entities"] if e["name"] == "Pakistan"]  # no relation takes it: no entity
    spans = [(m["document"], m["start"], m["end"]) for e in graph["entities"] for m in e["mentions"]]
    assert len(spans) == len(set(spans))  # one mention per span
    assert next(e for e in graph["entities"] if e["name"] == "Canadian")["type"] == "group"
    items = [json.loads(line) for line in ftm_export(db).splitlines()]
    assert not [i for i in items if i["schema"] in ftm.LEGAL and "Canadian" in i["properties"].get("name", [])]
    assert [i["schema"] for i in items if i["properties"].get("name") == ["Canadian"]] == ["Mention"]
    with open_store(db, readonly=True) as s:
        assert s.integrity_problems() == []
    for fmt, text in (("json", json_export(db)), ("ftm", ftm_export(db))):  # round trips give the same bytes
        f = tmp_path / f"graph.{fmt}"
        f.write_text(text, encoding="utf-8")
        target = tmp_path / f"{fmt}.db"
        code, out = run("--db", str(target), "import", "--format", fmt, str(f))
        assert code == 0, out
        assert (json_export if fmt == "json" else ftm_export)(target) == text


def test_the_web_shows_a_derived_country_and_the_report_keeps_one_mention_per_span(tmp_path: Path) -> None:
    from dossier.serve.config import Settings
    from tests.serve.conftest import TOKEN, client_for

    report = tmp_path / "calgary.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "a.db"
    assert run("--db", str(db), "ingest", str(report))[0] == 0
    with open_store(db, readonly=True) as s:
        canada = next(e for e in s.entities() if e.name == "Canada")
        doc_id = s.documents()[0]["id"]
    with client_for(Settings(db=str(db), token=TOKEN)) as api:
        card = api.get(f"/api/entities/{canada.id}").json()
        assert card["entity"]["attributes"]["named_by"] == "demonym" and card["mentions"]["total"] == 0
        assert card["relations"]["items"]  # Alberta (and Calgary) located in it, each with its sentence
        page = api.get(f"/api/documents/{doc_id}").json()
        spans = [(m["start"], m["end"]) for m in page["mentions"]]
        assert len(spans) == len(set(spans))
        assert canada.id not in {m["entity"]["id"] for m in page["mentions"] if m["entity"]}
