"""`dossier digest`: after one more report, the digest lists exactly what that report added."""

from __future__ import annotations

import json
import re
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dossier.cli.main import cli
from dossier.digest.render import to_html, to_markdown

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "examples" / "reports"


def run(db: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result


def snapshot(db: Path) -> dict[str, object]:
    """Local entity ids per canonical entity, and facts with the ids of the records that support them: ids that
    stay the same when a new report renames or re-keys a cluster."""
    from dossier.store import open_store

    with open_store(db, readonly=True) as store:
        entities = {e.id: (e.name, e.type, set(e.local_ids)) for e in store.iter_entities()}
    out: dict[str, object] = {"entities": entities}
    for kind in ("relations", "events"):
        out[kind] = {f["id"]: f for f in json.loads(run(db, "facts", kind, "--json").stdout)}
    out["discrepancies"] = {f"{d['kind']}: {d['about']}" for d in json.loads(run(db, "discrepancies", "--json").stdout)}
    return out


def records(fact: dict[str, object]) -> set[str]:
    return {s["record"] for s in fact["supports"]}  # type: ignore[attr-defined]


@pytest.mark.timeout(600)
def test_digest_lists_exactly_what_one_report_added(tmp_path: Path) -> None:
    reports = sorted(REPORTS.iterdir())
    last = reports[-1]
    first = tmp_path / "first"
    first.mkdir()
    for r in reports[:-1]:
        shutil.copy(r, first / r.name)
    db = tmp_path / "x.db"
    run(db, "ingest", "-q", str(first))
    before = snapshot(db)
    time.sleep(1.1)  # ingested_at has whole seconds
    since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    run(db, "ingest", "-q", str(last))
    after = snapshot(db)
    digest = json.loads(run(db, "digest", "--since", since, "--format", "json").stdout)

    assert [d["source"] for d in digest["documents"]] == [last.name]
    # An entity is new when none of its document-local entities existed before (its name or id may change as
    # the new report adds mentions to an old one).
    known = set().union(*(locals_ for _, _, locals_ in before["entities"].values()))  # type: ignore[attr-defined]
    new_entities = {(n, t) for n, t, locals_ in after["entities"].values()  # type: ignore[attr-defined]
                    if not locals_ & known}
    assert {(e["name"], e["type"]) for e in digest["entities"]} == new_entities and new_entities
    assert all(e["evidence"] and e["evidence"][0]["text"] for e in digest["entities"])
    # A fact is new when none of its supporting records existed before; changed when it had some and its number
    # of independent sources or its grade moved.
    for kind in ("relations", "events"):
        old_records = {r: f for f in before[kind].values() for r in records(f)}  # type: ignore[attr-defined]
        new_facts = {f["id"] for f in after[kind].values() if not records(f) & set(old_records)}  # type: ignore[attr-defined]
        assert {f["id"] for f in digest[kind]} == new_facts, kind
        changed = set()
        for f in after[kind].values():  # type: ignore[attr-defined]
            old = {old_records[r]["id"]: old_records[r] for r in records(f) if r in old_records}
            if old and len(old) == 1 and records(f) - set(old_records):
                (prev,) = old.values()
                if (prev["independent_sources"], prev["grade"]) != (f["independent_sources"], f["grade"]):
                    changed.add(f["id"])
        assert {f["id"] for f in digest["facts_changed"] if f["kind"] == kind[:-1]} == changed, kind
    assert any(f["kind"] == "relation" for f in digest["facts_changed"]), "the report corroborates older facts"
    for f in digest["facts_changed"]:
        assert f["before"]["independent_sources"] < f["independent_sources"] or f["before"]["grade"] != f["grade"]
    assert {f"{d['kind']}: {d['about']}" for d in digest["discrepancies"]} >= \
        after["discrepancies"] - before["discrepancies"]  # type: ignore[operator]
    title = digest["documents"][0]["title"]
    assert all(ev["document"] == title for f in digest["relations"] + digest["events"]
               for s in f["supports"] for ev in s["evidence"])

    markdown = run(db, "digest", "--since", since[:10] + "T00:00", "--format", "md").stdout
    assert markdown.startswith(f"# What is new since {since[:10]}T00:00:00Z")
    nothing = json.loads(run(db, "digest", "--since", "2999-01-01", "--format", "json").stdout)
    assert all(not nothing[k] for k in ("documents", "entities", "relations", "events", "facts_changed"))
    bad = CliRunner().invoke(cli, ["--db", str(db), "digest", "--since", "yesterday"])
    assert bad.exit_code == 2 and "--since 'yesterday': use a date" in bad.stderr


def test_html_escapes_all_report_text() -> None:
    evil = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    ev = [{"document": evil, "text": evil, "page": 3}]
    digest = {"since": "2026-01-01T00:00:00Z", "documents": [{"title": evil, "source": evil, "publisher": evil,
                                                              "published": None, "ingested_at": "x"}],
              "entities": [{"name": evil, "type": "person", "aliases": [evil], "evidence": ev}],
              "relations": [{"headline": evil, "grade": "F1", "modality": "asserted", "supports": [{"evidence": ev}]}],
              "events": [], "facts_changed": [],
              "discrepancies": [{"kind": "date", "about": evil, "values": [{"value": evil, "supports": [
                  {"evidence": ev}]}]}],
              "watchlist_hits": [{"entity": evil, "entry_name": evil, "list": evil, "entry": evil, "score": 0.9,
                                  "verdict": None, "programs": evil, "reasons": {"how": [evil]}}]}
    page = to_html(digest)
    assert "<script" not in page and "<img" not in page and "onerror=alert" in page  # text kept, escaped
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page
    assert ", p. 3)" in page
    markdown = to_markdown(digest)
    assert re.search(r"(?<!\\)<", markdown) is None and "\\<script\\>" in markdown  # every "<" escaped
