"""The resolution commands as a user runs them: exit codes, output, one-line errors, nothing changed on error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dossier.cli.main import cli
from tests.resolve.entity_factory import L, O, P, links, report, store_with

TEHRAN = L("Tehran", "112931", "IR")


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    store_with(path,
               report("a.txt", P("Yousef al-Haddad"), O("Harakat al-Sumud al-Watani", ["HSW"]), P("Ziad Ma'ayteh"),
                      TEHRAN),
               report("b.txt", P("Yusuf el-Haddad"), O("Harakat el-Sumud el-Watani", ["HSW"]), P("Ziyad Maayteh"),
                      TEHRAN),
               report("c.txt", P("Muhammad Ali"), O("Bluestar Shipping"), L("Dhaka", "1185241", "BD"),
                      rel=[("Muhammad Ali", "leadership", "Bluestar Shipping", "chairman")]),
               report("d.txt", P("Muhammad Ali"), O("Jamaat-ul-Burhan"), L("Lahore", "1172451", "PK"),
                      rel=[("Muhammad Ali", "membership", "Jamaat-ul-Burhan", "commander")]),
               ).close()
    return path


def test_resolve_reruns_and_reports(db: Path) -> None:
    r = run(db, "resolve", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["full"] and data["new_local_entities"] == 14 and data["entities"] == 10
    r = run(db, "resolve", "--pending")
    assert r.exit_code == 0 and "resolved 0 local entities" in r.stdout


def test_why_prints_and_exits_zero(db: Path) -> None:
    r = run(db, "why", "Yousef al-Haddad", "Yusuf el-Haddad")
    assert r.exit_code == 0
    assert "decision: match: linked" in r.stdout and "threshold" in r.stdout
    data = json.loads(run(db, "why", "HSW", "Harakat el-Sumud el-Watani", "--json").stdout)
    assert data["same_entity"] is True


def test_merge_split_and_list(db: Path) -> None:
    r = run(db, "split", "Yousef al-Haddad", "Yusuf el-Haddad", "--note", "different men")
    assert r.exit_code == 0 and "judgement #1: split" in r.stdout
    r = run(db, "merge", "Bluestar Shipping", "Jamaat-ul-Burhan", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["honoured"] is True
    listed = json.loads(run(db, "judgements", "--json").stdout)
    assert [j["decision"] for j in listed] == ["split", "merge"] and listed[0]["note"] == "different men"
    assert "split" in run(db, "judgements").stdout


@pytest.mark.parametrize("args", [
    ("why", "Nobody Here", "Yusuf el-Haddad"),
    ("merge", "Nobody Here", "Yusuf el-Haddad"),
    ("split", "ent_0123456789abcdef", "Yusuf el-Haddad"),
    ("merge", "lent_nope", "Yusuf el-Haddad"),
    ("merge", "Muhammad Ali", "Yusuf el-Haddad"),  # two people have that name: ambiguous
    ("split", "Yusuf el-Haddad", "Yusuf el-Haddad"),
])
def test_bad_references_are_one_line_errors_and_change_nothing(db: Path, args: tuple[str, ...]) -> None:
    from dossier.store import open_store

    with open_store(db) as store:
        before = links(store)
    r = run(db, *args)
    assert r.exit_code == 2
    assert r.stderr.startswith("dossier: error: ") and r.stderr.count("\n") == 1
    with open_store(db) as store:
        assert links(store) == before
        assert store.query("SELECT count(*) FROM resolution_judgements")[0][0] == 0


def test_why_on_a_missing_store_is_an_error(tmp_path: Path) -> None:
    r = run(tmp_path / "none.db", "why", "a", "b")
    assert r.exit_code == 1 and "does not exist" in r.stderr
