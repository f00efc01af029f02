"""FollowTheMoney export: golden file, validation by the followthemoney library and its CLI, sourcing."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from followthemoney import model

from dossier.export import ftm
from dossier.export.select import ExportFilters, Selection
from dossier.model import Modality
from dossier.model.vocab import CORROBORATION_PREFIX
from dossier.store import SQLiteStore
from tests.export.golden import check

FTM_CLI = Path(sys.executable).with_name("ftm")


def export(store: SQLiteStore, filters: ExportFilters | None = None) -> tuple[int, list[dict[str, Any]], str]:
    buf = io.StringIO()
    n = ftm.write(Selection(store, filters), buf)
    text = buf.getvalue()
    return n, [json.loads(line) for line in text.splitlines()], text


def test_golden(store: SQLiteStore, tmp_path: Path) -> None:
    _, _, text = export(store)
    out = tmp_path / "ftm.jsonl"
    out.write_text(text, encoding="utf-8")
    check(out, "ftm.slice.jsonl")


def test_same_store_same_bytes(store: SQLiteStore) -> None:
    assert export(store)[2] == export(store)[2]


def test_every_line_is_a_valid_ftm_entity_and_every_reference_resolves(store: SQLiteStore) -> None:
    n, items, _ = export(store)
    assert n == len(items) > 0
    ids = {i["id"] for i in items}
    for item in items:
        proxy = model.get_proxy(item, cleaned=False)  # re-cleans every value with the FtM type system
        assert proxy.to_dict()["properties"] == item["properties"], item["id"]
        for prop in proxy.schema.properties.values():
            if prop.type.name == "entity":
                for ref in proxy.get(prop):
                    assert ref in ids, f"{item['id']}.{prop.name} -> {ref} dangles"


def test_relationships_and_events_are_sourced_in_the_report_text(store: SQLiteStore) -> None:
    _, items, _ = export(store)
    articles = {i["id"]: i for i in items if i["schema"] == "Article"}
    texts = {d["id"]: store.document_text(d["id"]) for d in store.documents()}
    for a in articles.values():
        assert a["properties"]["bodyText"] == [texts[ftm.dossier_id(a["id"])]]  # FtM cleaning kept it intact
    sourced = [i for i in items if model.get(i["schema"]).edge or i["schema"] == "Event"]
    assert sourced
    for item in sourced:
        props = item["properties"]
        (proof,) = props["proof"]
        body = articles[proof]["properties"]["bodyText"][0]
        assert props["description"] and all(d in body for d in props["description"])
        assert props["recordId"] and any(s.split(" ")[0] in set(Modality) for s in props["summary"])


def test_mapping_of_predicates_to_schemata(store: SQLiteStore) -> None:
    _, items, _ = export(store)
    facts = {f.id: f for f in Selection(store).relations()}
    by_schema: dict[str, list[dict[str, Any]]] = {}
    for i in items:
        by_schema.setdefault(i["schema"], []).append(i)
    for item in by_schema["Family"]:
        assert facts[ftm.dossier_id(item["id"])].predicate == "family" and item["properties"]["relationship"]
    for item in by_schema["Occupancy"]:
        (post,) = item["properties"]["post"]
        assert any(p["id"] == post for p in by_schema["Position"])
    for item in by_schema["Membership"]:
        assert facts[ftm.dossier_id(item["id"])].predicate in ("membership", "leadership", "part_of")
    # every relation fact is written, once per supporting report
    written = [i for i in items if model.get(i["schema"]).edge]
    assert len(written) == sum(len(f.supports) for f in facts.values())
    denied = [i for i in written if any(s.startswith("denied according to ") for s in i["properties"]["summary"])]
    assert denied, "the Nilkantha chairman's denial keeps its modality and its source"


def test_ftm_cli_validates_and_aggregates_fragments(store: SQLiteStore, tmp_path: Path) -> None:
    _, items, text = export(store)
    src = tmp_path / "graph.ftm.json"
    src.write_text(text, encoding="utf-8")
    valid = subprocess.run([str(FTM_CLI), "validate", "-i", str(src), "-o", str(tmp_path / "v.json")],
                           capture_output=True, text=True, timeout=120)
    assert valid.returncode == 0, valid.stderr
    assert len((tmp_path / "v.json").read_text(encoding="utf-8").splitlines()) == len(items)
    agg = subprocess.run([str(FTM_CLI), "aggregate", "-i", str(src), "-o", str(tmp_path / "a.json")],
                         capture_output=True, text=True, timeout=120)
    assert agg.returncode == 0, agg.stderr
    merged = [json.loads(x) for x in (tmp_path / "a.json").read_text(encoding="utf-8").splitlines()]
    assert len(merged) == len({i["id"] for i in items})
    corroborated = [f for f in Selection(store).relations() if len(f.supports) > 1]
    assert corroborated, "the two Tehran reports corroborate some relation"
    one = next(m for m in merged if m["id"] == ftm.ftm_id(corroborated[0].id))
    assert len(one["properties"]["proof"]) == len({s.document for s in corroborated[0].supports})


def test_filters_apply(store: SQLiteStore) -> None:
    _, items, _ = export(store, ExportFilters(predicates=frozenset({"family"})))
    edges = [i for i in items if model.get(i["schema"]).edge]
    assert edges and {i["schema"] for i in edges} == {"Family"}
    _, items, _ = export(store, ExportFilters(modalities=frozenset({"denied"})))
    sourced = [i for i in items if model.get(i["schema"]).edge or i["schema"] == "Event"]
    denied = f"{CORROBORATION_PREFIX}denied overall"
    assert sourced and all(any(s.startswith(denied) for s in i["properties"]["summary"]) for i in sourced)
    assert len([i for i in items if i["schema"] == "Article"]) < 4  # only the reports behind the denials


def test_groups_are_mentions_in_their_reports_never_legal_entities(store: SQLiteStore) -> None:
    _, items, _ = export(store)
    groups = {e.name for e in store.entities("group")}
    assert groups  # the slice names demonyms ("Bangladeshi", "European")
    articles = {i["id"] for i in items if i["schema"] == "Article"}
    mentions = [i for i in items if i["schema"] == "Mention"]
    assert {m["properties"]["name"][0] for m in mentions} == groups
    assert all(m["properties"]["document"][0] in articles for m in mentions)
    assert not [i for i in items if i["schema"] in ftm.LEGAL and set(i["properties"]["name"]) & groups]
