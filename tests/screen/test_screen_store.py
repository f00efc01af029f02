"""Screening the store built from ../shared/seeds against the OFAC SDN snapshot, through the CLI; judgements;
the JSON export's screening section."""

from __future__ import annotations

import json
from pathlib import Path

from tests.screen.conftest import run


def test_seeds_against_ofac_finds_the_designated_organisations(seeds_db: Path) -> None:
    result = run(seeds_db, "screen", "--json")
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    by_entry = {h["entry_name"]: h for h in hits}
    # Designated foreign terrorist organisations named in the seed reports, and how each name matched.
    for entry, program in (("HAMAS", "FTO"), ("JAISH-I-MOHAMMED", "FTO"), ("LASHKAR E-TAYYIBA", "FTO")):
        assert entry in by_entry, sorted(by_entry)
        hit = by_entry[entry]
        assert hit["type"] == "organization" and hit["score"] >= 0.9 and program in hit["detail"]["programs"]
        assert hit["reasons"]["how"] and hit["reasons"]["words"]
    assert by_entry["JAISH-I-MOHAMMED"]["entity"] == "Jaish-e-Mohammed"
    assert "connecting words ignored (e i)" in by_entry["JAISH-I-MOHAMMED"]["reasons"]["how"]
    # Nobody is flagged for a place, and no hit is below the threshold.
    assert all(h["type"] in ("person", "organization", "group") and h["score"] >= 0.8 for h in hits)
    text = run(seeds_db, "screen", "--list", "ofac")
    assert "Jaish-e-Mohammed [organization]  ~  JAISH-I-MOHAMMED  ofac:6935  (FTO] [SDGT)" in text.stdout


def test_judgements_survive_rescreening_and_reach_the_export(seeds_db: Path, tmp_path: Path) -> None:
    assert run(seeds_db, "watchlist", "confirm", "Jaish-e-Mohammed", "ofac", "6935", "--note", "same group")\
        .exit_code == 0
    hits = json.loads(run(seeds_db, "screen", "--json").stdout)
    ((name, ent),) = [(h["entity"], h["entry"]) for h in hits if h["entry_name"] == "HAMAS"]
    assert run(seeds_db, "watchlist", "reject", name, "ofac", ent).exit_code == 0
    hits = json.loads(run(seeds_db, "screen", "--json").stdout)
    assert {h["entry"]: h["verdict"] for h in hits}["6935"] == "confirmed"
    assert "4695" not in {h["entry"] for h in hits}  # rejected: hidden unless --all
    shown = json.loads(run(seeds_db, "screen", "--json", "--all").stdout)
    assert {h["entry"]: h["verdict"] for h in shown}["4695"] == "rejected"
    bad = run(seeds_db, "watchlist", "confirm", "Nobody At All", "ofac", "6935")
    assert bad.exit_code == 2 and "no entity named 'Nobody At All'" in bad.stderr

    out = tmp_path / "x.json"
    assert run(seeds_db, "export", "--format", "json", "--out", str(out)).exit_code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    entity_ids = {e["id"] for e in exported["entities"]}
    screening = {h["entry"]: h for h in exported["screening"]}
    assert screening["6935"]["verdict"] == "confirmed" and screening["6935"]["entity"] in entity_ids
    assert "4695" not in screening  # rejected: never exported
    assert len(screening["6935"]["list_sha256"]) == 64
    import jsonschema

    from dossier.export.json_export import schema

    jsonschema.validate(exported, schema())
    listed = run(seeds_db, "watchlist", "list")
    assert listed.stdout.startswith("ofac  ofac  9,044 entries  from ofac_sdn  sha256 ")


def test_entity_card_has_the_watchlist_badge(seeds_db: Path, tmp_path: Path) -> None:
    from dossier.serve.config import Settings
    from dossier.store import open_store
    from tests.conftest import copy_db
    from tests.serve.conftest import client_for

    assert run(seeds_db, "screen").exit_code == 0
    db = copy_db(seeds_db, tmp_path / "copy.db")
    with open_store(db, readonly=True) as store:
        (jem,) = [e for e in store.entities() if e.name == "Jaish-e-Mohammed"]
        place = next(e for e in store.entities() if e.type == "place")
    with client_for(Settings(db=str(db), token="t" * 24)) as client:
        card = client.get(f"/api/entities/{jem.id}").json()
        (badge,) = card["watchlists"]
        assert badge["list"] == "ofac" and badge["entry_name"] == "JAISH-I-MOHAMMED" and badge["entry"] == "6935"
        assert badge["matched"] == ["Jaish-e-Mohammed", "JAISH-I-MOHAMMED"] and "FTO" in badge["programs"]
        assert client.get(f"/api/entities/{place.id}").json()["watchlists"] == []
        new = client.get("/api/whats-new", params={"since": "2000-01-01"}).json()
        assert len(new["documents"]) == 2 and "JAISH-I-MOHAMMED" in {h["entry_name"] for h in new["watchlist_hits"]}
        assert client.get("/api/whats-new", params={"since": "yesterday!"}).status_code == 422
