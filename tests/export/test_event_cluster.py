"""The JSON export carries each event record's cross-document identity (``cluster``), the event fact's id."""

from __future__ import annotations

import io
import json
from collections import defaultdict

import jsonschema

from dossier.analyze.analysis import Analysis
from dossier.export.json_export import schema, write_json
from dossier.store import SQLiteStore


def test_every_event_record_names_its_cluster_and_it_is_the_fact_the_other_formats_write(
        store: SQLiteStore) -> None:
    out = io.StringIO()
    write_json(store, out)
    data = json.loads(out.getvalue())
    jsonschema.validate(data, schema())
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for e in data["events"]:
        by_cluster[e["cluster"]].add(e["trigger"]["document"])
    facts = {f["id"]: {s["document"] for s in f["supports"]} for f in Analysis(store).all_events()}
    assert set(by_cluster) == set(facts)
    for cluster, docs in by_cluster.items():
        assert docs == facts[cluster]
    # the example reports tell some events several times: those records share one cluster across reports
    assert any(len(docs) > 1 for docs in by_cluster.values())
