"""STIX 2.1 export: golden file, stix2-validator with no errors, loadable by stix2, the confidence mapping."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import stix2
from stix2validator import ValidationOptions, validate_string

from dossier.export import stix
from dossier.export.select import Selection
from dossier.store import SQLiteStore
from tests.export.golden import check

ADMIRALTY = {"1": 90, "2": 70, "3": 50, "4": 30, "5": 10}


def export(store: SQLiteStore) -> tuple[int, dict[str, Any], str]:
    buf = io.StringIO()
    n = stix.write(Selection(store), buf)
    return n, json.loads(buf.getvalue()), buf.getvalue()


def test_golden(store: SQLiteStore, tmp_path: Path) -> None:
    out = tmp_path / "stix.json"
    out.write_text(export(store)[2], encoding="utf-8")
    check(out, "stix.slice.json")


def test_same_store_same_bytes(store: SQLiteStore) -> None:
    assert export(store)[2] == export(store)[2]


def test_validator_finds_no_errors_and_stix2_loads_it(store: SQLiteStore) -> None:
    n, bundle, text = export(store)
    result = validate_string(text, ValidationOptions(version="2.1"))
    assert result.is_valid and not result.errors, [str(e) for e in result.errors][:5]
    parsed = stix2.parse(text, allow_custom=False)
    assert len(parsed.objects) == n == len(bundle["objects"])


def test_references_resolve_and_reports_list_what_they_support(store: SQLiteStore) -> None:
    _, bundle, _ = export(store)
    objs = {o["id"]: o for o in bundle["objects"]}
    for o in bundle["objects"]:
        for key in ("source_ref", "target_ref", "created_by_ref"):
            if key in o:
                assert o[key] in objs, f"{o['id']}.{key}"
        for ref in o.get("object_refs", []):
            assert ref in objs, f"{o['id']} -> {ref}"
    reports = [o for o in bundle["objects"] if o["type"] == "report"]
    assert len(reports) == len(store.documents()) == 4
    for rel in (o for o in bundle["objects"] if o["type"] == "relationship"):
        citing = [r for r in reports if rel["id"] in r["object_refs"]]
        assert citing and {r["external_references"][0]["external_id"] for r in citing} == {
            x["external_id"] for x in rel["external_references"]}


def test_confidence_is_the_admiralty_credibility(store: SQLiteStore) -> None:
    _, bundle, _ = export(store)
    facts = {stix.stix_id("relationship", f.id): f for f in Selection(store).relations()}
    rels = [o for o in bundle["objects"] if o["type"] == "relationship"]
    assert rels and len(rels) == len(facts)
    for rel in rels:
        fact = facts[rel["id"]]
        expected = ADMIRALTY.get(fact.grade[-1:]) if fact.grade else None
        assert rel.get("confidence") == expected
        assert f"modality-{fact.modality}" in rel["labels"]


def test_timestamps_come_from_report_dates_not_the_clock(store: SQLiteStore) -> None:
    _, bundle, _ = export(store)
    dates = {stix.timestamp(d["published"]) for d in store.documents()} | {stix.EPOCH}
    days = {t[:10] for t in dates}
    for o in bundle["objects"]:
        assert o["created"][:10] in days and o["modified"] >= o["created"]


def test_named_sources_become_opinions_and_perpetrators_threat_actors(store: SQLiteStore) -> None:
    _, bundle, _ = export(store)
    opinions = [o for o in bundle["objects"] if o["type"] == "opinion"]
    assert any(o["opinion"] == "strongly-disagree" for o in opinions), "the Nilkantha denial"
    assert all(o["authors"] != ["reporter"] for o in opinions)
    actors = [o["name"] for o in bundle["objects"] if o["type"] == "threat-actor"]
    perpetrators = {p.entity.name for e in Selection(store).events() for p in e.participants
                    if p.role == "perpetrator"}
    assert set(actors) == perpetrators and actors


def test_analyst_corrections_as_opinions_and_notes_with_who_and_when(slice_db: Path, tmp_path: Path) -> None:
    import shutil

    from dossier.analyze import Analysis
    from dossier.resolve import corrections as cx

    db = tmp_path / "corrected.db"
    shutil.copy(slice_db, db)
    with SQLiteStore(str(db)) as st:
        rel = Analysis(st).all_relations()[0]
        cx.correct_fact(st, "relation", rel.id, "rejected", None, cx.fact_label(rel), "misread", who="rk")
        top = st.entities()[0]
        cx.correct_entity(st, top.id, "name", "Chosen Name", who="rk")
        n, bundle, text = export(st)
    result = validate_string(text, ValidationOptions(version="2.1"))
    assert result.is_valid and not result.errors, [str(e) for e in result.errors][:5]
    opinion = next(o for o in bundle["objects"] if o["type"] == "opinion" and o["authors"] == ["rk"])
    assert opinion["opinion"] == "strongly-disagree" and opinion["object_refs"] == [stix.stix_id("relationship",
                                                                                                  rel.id)]
    assert "misread" in opinion["explanation"] and opinion["created"].endswith(".000Z")
    fix = next(o for o in bundle["objects"] if o["type"] == "note" and o.get("authors") == ["rk"])
    assert "Chosen Name" in fix["abstract"] and fix["object_refs"][0].endswith(str(stix.uuid.uuid5(
        stix.NAMESPACE, top.id)))
