"""Blocking: the keys a profile gets, who is compared with whom, and the caps."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.resolve import blocking
from dossier.resolve.profile import LocalRow, Profile, build_profiles, token_skeleton
from tests.resolve.entity_factory import P, links, report, store_with


def prof(name: str, type_: str = "person", aliases: tuple[str, ...] = (), **attrs: str) -> Profile:
    [p] = build_profiles([LocalRow("x", "d", type_, name, aliases, dict(attrs))], [], [])
    return p


def test_keys_of_a_person() -> None:
    p = prof("Mohammed Ehsanul Karim Bhuiyan")
    keys = blocking.block_keys(p)
    mhmd, bhyn = token_skeleton("mohammed"), token_skeleton("bhuiyan")
    assert "x|P|mohammed ehsanul karim bhuiyan" in keys  # exact name
    assert f"s|P|{p.skel}" in keys  # transliteration skeleton of the whole name
    assert f"s|P|{p.skel}" in blocking.block_keys(prof("Muhammad Ehsanul Karim Bhuiyan"))  # spelt alike
    assert f"f|{mhmd}|{bhyn}" in keys  # first + last name
    assert {f"t|{mhmd}", f"t|{bhyn}"} <= set(keys)  # each token: a surname alone meets the full name


def test_keys_of_organisations_places_and_groups() -> None:
    tnd = blocking.block_keys(prof("Tehreek-e-Nusrat-e-Deen", "organization", ("TND",)))
    assert "a|P|TND" in tnd  # acronym given in the report, and the initials
    assert "a|P|TND" in blocking.block_keys(prof("Tehreek e Nusrat e Deen", "organization"))
    assert "a|P|OFAC" in blocking.block_keys(prof("OFAC", "organization"))
    lahore = blocking.block_keys(prof("Lahore", "place", geonameid="1172451"))
    assert "r|geonameid|1172451" in lahore and "x|L|lahore" in lahore
    assert "r|ofac|6975" in blocking.block_keys(prof("Jaish-e-Mohammed", "organization", ofac_id="6975"))
    assert blocking.key_kind("r|geonameid|1172451") == blocking.IDENTITY
    assert blocking.key_kind("x|L|lahore") == blocking.IDENTITY
    assert blocking.key_kind("x|G|pakistani") == blocking.IDENTITY
    assert blocking.key_kind("x|P|frontier wire") == blocking.PIVOT
    assert blocking.key_kind("t|mhmd") == blocking.CAPPED


def test_small_blocks_compare_everyone() -> None:
    members = [f"e{i:03d}" for i in range(10)]
    assert blocking.partners("e005", "x|P|a b", members) == [m for m in members if m != "e005"]
    assert blocking.qualifies("t|x", 10, [], "e001", "e009")


def test_big_pivot_blocks_compare_with_pivots_only() -> None:
    members = [f"e{i:03d}" for i in range(blocking.CAP + 10)]
    piv = members[:blocking.PIVOTS]
    assert list(blocking.partners("e070", "x|P|frontier wire", members)) == piv
    assert len(blocking.partners("e000", "x|P|frontier wire", members)) == len(members) - 1  # a pivot: everyone
    assert blocking.qualifies("x|P|frontier wire", len(members), piv, "e000", "e070")
    assert not blocking.qualifies("x|P|frontier wire", len(members), piv, "e069", "e070")


def test_big_capped_blocks_compare_nobody() -> None:
    members = [f"e{i:03d}" for i in range(blocking.CAP + 1)]
    assert blocking.partners("e000", "t|mhmd", members) == ()
    assert not blocking.qualifies("t|mhmd", len(members), members[:blocking.PIVOTS], "e000", "e001")
    assert blocking.partners("e000", "r|geonameid|1", members[:3]) == ()  # identity keys never pair


def test_candidates_grow_linearly_past_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a small cap, a name in many reports is compared with the pivots only: pairs ~ n × PIVOTS."""
    monkeypatch.setattr(blocking, "CAP", 6)
    monkeypatch.setattr(blocking, "PIVOTS", 2)
    n = 20
    reports = [report(f"r{i:02d}.txt", P("Omer Farooq Tiwana")) for i in range(n)]
    with store_with(tmp_path / "s.db", *reports) as store:
        pairs = store.query("SELECT count(*) FROM resolution_pairs")[0][0]
        assert pairs <= n * 2
        assert len(set(links(store).values())) == 1  # still one entity: every member meets a pivot
