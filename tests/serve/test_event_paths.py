"""Events as nodes in the link chart's graph: on the seed reports, Jaish-e-Mohammed is tied to Hamas only through
an event they both take part in (the Rawalakot gathering), which paths without events cannot show."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.serve.config import Settings
from tests.serve.conftest import client_for

pytestmark = pytest.mark.model  # its tests ingest reports (the spaCy model loads): tests/conftest.py

SEEDS = Path(os.environ.get("DOSSIER_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"))


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip("seed reports absent (../shared/seeds)")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", "-q", str(SEEDS)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def test_path_through_an_event(seeds_db: Path) -> None:
    with client_for(Settings(db=str(seeds_db), token=None)) as api:
        def find(q: str) -> dict[str, str]:
            items = api.get("/api/search", params={"q": q}).json()["items"]
            assert items, q
            return dict(items[0])

        jem, hamas = find("Jaish-e-Mohammed"), find("Hamas")
        plain = api.get("/api/paths", params={"from": jem["id"], "to": hamas["id"]}).json()
        through = api.get("/api/paths", params={"from": jem["id"], "to": hamas["id"], "events": True}).json()
        assert through["paths"], "no path even through events"
        nodes = {n["id"]: n for n in through["nodes"]}
        middle = [nodes[n] for p in through["paths"] for n in p["nodes"][1:-1]]
        assert any(n["type"] == "event" for n in middle)
        events = [api.get(f"/api/events/{n['id']}").json() for n in middle if n["type"] == "event"]
        assert any("Rawalakot" in (e.get("place") or {}).get("name", "") or "Rawalakot" in str(e.get("label"))
                   or any("Rawalakot" in ev["text"] for s in e["supports"] for ev in s.get("evidence", []))
                   for e in events)
        assert len(plain["paths"]) <= len(through["paths"])
        # event edges carry the event's corroboration and are marked as such
        assert all(e["kind"] == "event" for e in through["edges"] if e["target"] in nodes
                   and nodes[e["target"]]["type"] == "event")
        hood = api.get(f"/api/entities/{jem['id']}/neighbourhood", params={"events": True}).json()
        assert any(n["type"] == "event" for n in hood["nodes"])
        plain_hood = api.get(f"/api/entities/{jem['id']}/neighbourhood").json()
        assert not any(n["type"] == "event" for n in plain_hood["nodes"])
