"""Each comparison function on its own: small pure functions of two profiles, each returning a level."""

from __future__ import annotations

import pytest

from dossier.model.canonical import canonical_name, cluster_type
from dossier.resolve import compare as cmp
from dossier.resolve.profile import LocalRow, Profile, RelationRow, build_profiles, clean_key, legal_form
from dossier.resolve.scoring import PRIOR, THRESHOLD, WEIGHTS, contradiction_of, score_pair, weight


def prof(name: str, type_: str = "person", doc: str = "d1", aliases: tuple[str, ...] = (),
         **attrs: str) -> Profile:
    [p] = build_profiles([LocalRow("x", doc, type_, name, aliases, dict(attrs))], [], [])
    return p


def doc_profiles(doc: str, entities: list[tuple[str, str]], relations: list[tuple[str, str, str, str | None]] = (),
                 sentences: dict[str, int] | None = None, attrs: dict[str, dict[str, str]] | None = None,
                 ) -> dict[str, Profile]:
    """Profiles of one report: entities as (type, name); relations and sentences by name."""
    rows = [LocalRow(f"{doc}:{n}", doc, t, n, (), (attrs or {}).get(n, {})) for t, n in entities]
    ids = {r.name: r.id for r in rows}
    sents = [(ids[n], s) for n, s in (sentences or {n: 0 for _, n in entities}).items()]
    rels = [RelationRow(ids[s], p, ids[o], role) for s, p, o, role in relations]
    return {p.name: p for p in build_profiles(rows, sents, rels)}


@pytest.mark.parametrize(("a", "b", "level"), [
    ("Yousef al-Haddad", "Yousef Al-Haddad", "exact"),
    ("Maulana Inamullah Tarakai", "Inamullah Tarakai", "exact"),  # a title is not part of the name
    ("Mohammed Ehsanul Karim Bhuiyan", "Muhammad Ehsanul Karim Bhuiyan", "translit"),
    ("Yousef al-Haddad", "Yusuf el-Haddad", "translit"),
    ("Inam Ullah Tarakai", "Inamullah Tarakai", "translit"),
    ("Qasim Raza Siddiqui", "Kasim Raza Siddiqi", "translit"),
    ("Abu Muaviya Khorasani", "Abu Muawiya Khurasani", "fuzzy"),
    ("Zubair Gondal", "Zubair Ahmed Gondal", "subset"),
    ("Sarfraz Ahmed", "Sarfraz Ahmed Chattha", "subset"),
    ("Siddiqi", "Qasim Raza Siddiqui", "partial"),
    ("Siddiqui", "Siddiqi", "single"),
    ("Mahmoud Mengal", "Muhammad Mengal", "mismatch"),  # one skeleton (mhmd), two names
    ("Hamza Raza", "Qasim Raza Siddiqui", "mismatch"),
    ("Ali Khan", "Imran Khan", "mismatch"),
])
def test_compare_name_levels(a: str, b: str, level: str) -> None:
    pa, pb = prof(a), prof(b, doc="d2")
    assert cmp.compare_name(pa, pb) == level
    assert cmp.compare_name(pb, pa) == level  # symmetric


def test_organisation_names_drop_heads_and_tails_not_middles() -> None:
    def org(n: str, d: str = "d1") -> Profile:
        return prof(n, "organization", d)

    assert cmp.compare_name(org("U.S. Treasury"), org("US Treasury Department", "d2")) == "subset"
    # a shared generic name is no evidence: which country's foreign office, which air force?
    assert cmp.compare_name(org("Foreign Office"), org("Pakistani Foreign Office", "d2")) == "mismatch"
    assert cmp.compare_name(org("Air Force"), org("UAE Air Force", "d2")) == "mismatch"
    assert cmp.compare_name(org("Airbus"), org("First Airbus A380", "d2")) == "mismatch"
    assert cmp.compare_name(org("China"), org("Air China", "d2")) == "mismatch"
    assert cmp.compare_name(org("Nilkantha"), org("Nilkantha Maritime Ltd", "d2")) == "partial"
    assert cmp.compare_name(org("Hamas"), org("Hamas Movement", "d2")) == "partial"
    assert cmp.compare_name(org("Corvamar Holdings"), org("Corvamar Holdings S.A.", "d2")) == "exact"
    assert cmp.compare_name(org("Ittehad-e-Inqilab"), org("Ittehad-i-Haq-e-Inqilab", "d2")) == "mismatch"
    assert cmp.compare_name(org("Sumud"), org("Harakat al-Sumud al-Watani", "d2")) == "partial"
    assert cmp.compare_name(org("OFAC"), org("Office of Foreign Assets Control", "d2")) == "acronym"


def test_clean_key_and_legal_form() -> None:
    assert clean_key("Lt Gen (Retd) Sarfraz Ahmed Chattha", "P") == "sarfraz ahmed chattha"
    assert clean_key("Qamar Crest General Trading FZE", "P") == "qamar crest general trading"
    assert clean_key("Khost province", "L") == "khost"
    assert clean_key("Pakistanis", "G") == "pakistani"
    assert legal_form("Corvamar Holdings S.A.") == "sa"
    assert legal_form("Harwell & Pike LLP") == "llp"
    assert legal_form("Nilkantha") == ""


def test_compare_type() -> None:
    person, org, place = prof("Qasim Raza Siddiqui"), prof("Qasim Raza Siddiqui", "organization"), prof(
        "Lahore", "place")
    assert cmp.compare_type(person, prof("Qasim Raza Siddiqui", doc="d2")) == "same"
    assert cmp.compare_type(person, org) == "confusable"
    assert cmp.compare_type(person, place) == "incompatible"


def test_compare_reference() -> None:
    a = prof("Lahore", "place", geonameid="1172451")
    assert cmp.compare_reference(a, prof("LAHORE", "place", "d2", geonameid="1172451")) == "same"
    assert cmp.compare_reference(a, prof("Lahore", "place", "d2", geonameid="999")) == "different"
    assert cmp.compare_reference(a, prof("Lahore", "place", "d2")) == "n/a"
    org = prof("Jaish-e-Mohammed", "organization", ofac_id="6975")
    assert cmp.compare_reference(org, prof("Army of Mohammed", "organization", "d2", ofac_id="6975")) == "same"


def test_compare_acronym() -> None:
    hsw = prof("Harakat al-Sumud al-Watani", "organization", aliases=("HSW",))
    assert cmp.compare_acronym(hsw, prof("Harakat el-Sumud el-Watani", "organization", "d2", ("HSW",))) == "shared"
    assert cmp.compare_acronym(prof("OFAC", "organization"),
                               prof("Office of Foreign Assets Control", "organization", "d2")) == "initials"
    assert cmp.compare_acronym(prof("JuB", "organization"), prof("Jamaat-ul-Burhan", "organization", "d2")) \
        == "initials"
    assert cmp.compare_acronym(hsw, prof("Harakat al-Sumud", "organization", "d2", ("HAS",))) == "different"
    assert cmp.compare_acronym(prof("US", "place"), prof("United States", "place", "d2",
                                                         geonameid="6252001")) == "initials"
    assert cmp.compare_acronym(hsw, prof("Zubair Gondal", doc="d2")) == "n/a"


def test_compare_comention_counts_other_people_and_organisations() -> None:
    a = doc_profiles("d1", [("person", "Yousef al-Haddad"), ("organization", "Harakat al-Sumud al-Watani"),
                            ("person", "Sarfraz Ahmed Chattha"), ("person", "Ziad Ma'ayteh")])
    b = doc_profiles("d2", [("person", "Yusuf el-Haddad"), ("organization", "Harakat el-Sumud el-Watani"),
                            ("person", "Sarfaraz Ahmad Chattha"), ("person", "Rima Khoury")])
    c = doc_profiles("d3", [("person", "Yousef al-Haddad"), ("organization", "Nilkantha Maritime"),
                            ("person", "Farhad Karimi-Nasab"), ("person", "Joaquin D'Arrigo")])
    ctx = {d: cmp.DocContext.of(ps.values()) for d, ps in (("d1", a), ("d2", b), ("d3", c))}
    x, y, z = a["Yousef al-Haddad"], b["Yusuf el-Haddad"], c["Yousef al-Haddad"]
    assert cmp.shared_comentions(x, y, ctx["d1"], ctx["d2"]) == 2  # the movement and the ambassador
    assert cmp.compare_comention(x, y, ctx["d1"], ctx["d2"]) == "strong"
    assert cmp.compare_comention(x, z, ctx["d1"], ctx["d3"]) == "none"
    assert cmp.compare_comention(x, a["Ziad Ma'ayteh"], ctx["d1"], ctx["d1"]) == "n/a"  # same report
    assert cmp.compare_comention(y, x, ctx["d2"], ctx["d1"]) == "strong"  # symmetric


def test_compare_affiliation_and_place() -> None:
    rel = [("Zubair Ahmed Gondal", "membership", "Jamaat-ul-Burhan", "commander")]
    a = doc_profiles("d1", [("person", "Zubair Ahmed Gondal"), ("organization", "Jamaat-ul-Burhan"),
                            ("place", "Lahore")], rel, attrs={"Lahore": {"geonameid": "1172451", "country": "PK"}})
    b = doc_profiles("d2", [("person", "Zubair Gondal"), ("organization", "Jamaat ul Burhan"), ("place", "Lahore")],
                     [("Zubair Gondal", "membership", "Jamaat ul Burhan", "commander")],
                     attrs={"Lahore": {"geonameid": "1172451", "country": "PK"}})
    c = doc_profiles("d3", [("person", "Zubair Gondal"), ("organization", "Bluestar Shipping"), ("place", "Dhaka")],
                     [("Zubair Gondal", "leadership", "Bluestar Shipping", "chairman")],
                     attrs={"Dhaka": {"geonameid": "1185241", "country": "BD"}})
    x, y, z = a["Zubair Ahmed Gondal"], b["Zubair Gondal"], c["Zubair Gondal"]
    assert cmp.compare_affiliation(x, y) == "shared"
    assert cmp.compare_affiliation(x, z) == "conflict"
    assert cmp.compare_affiliation(x, prof("Zubair Gondal", doc="d4")) == "n/a"
    assert cmp.compare_place(x, y) == "shared-place"
    assert cmp.compare_place(x, z) == "different-country"


def test_compare_legal_and_document() -> None:
    a = prof("Padma Textiles LLC", "organization")
    assert cmp.compare_legal(a, prof("Padma Textiles S.A.", "organization", "d2")) == "different"
    assert cmp.compare_legal(a, prof("Padma Textiles L.L.C.", "organization", "d2")) == "same"
    assert cmp.compare_legal(a, prof("Padma Textiles", "organization", "d2")) == "n/a"
    assert cmp.compare_document(a, prof("Padma", "organization")) == "same"
    assert cmp.compare_document(a, prof("Padma", "organization", "d2")) == "n/a"


def test_weak_names() -> None:
    assert cmp.weak_name(prof("Azhar"))
    assert cmp.weak_name(prof("OFAC", "organization"))
    assert cmp.weak_name(prof("US", "place"))
    assert not cmp.weak_name(prof("Lahore", "place"))
    assert not cmp.weak_name(prof("Masood Azhar"))


def test_score_is_prior_plus_weights_and_symmetric() -> None:
    a, b = prof("Yousef al-Haddad"), prof("Yusuf el-Haddad", doc="d2")
    s = score_pair(a, b, cmp.NO_CONTEXT, cmp.NO_CONTEXT)
    assert s.score == round(PRIOR + sum(f.weight for f in s.features), 3)
    assert [f.comparison for f in s.features][:2] == ["name", "type"]
    assert s.name_level == "translit" and s.accepted and s.score >= THRESHOLD
    assert score_pair(b, a, cmp.NO_CONTEXT, cmp.NO_CONTEXT) == s
    for table in WEIGHTS.values():  # every weight is explained
        assert all(level.why for level in table.values())


def test_contradiction_needs_more_than_one_doubt() -> None:
    base = ["exact", "same", "n/a", "n/a", "none", "n/a", "n/a", "n/a", "n/a"]
    assert not contradiction_of(base)
    assert contradiction_of([*base[:5], "conflict", *base[6:]])  # none + conflict
    assert weight("comention", "none") < 0 < weight("comention", "strong")


def test_canonical_name_and_type() -> None:
    assert canonical_name(["Harakat al-Sumud al-Watani"] * 3 + ["HSW", "Sumud", "Harakat Al-Sumud Al-Watani"]) \
        == "Harakat al-Sumud al-Watani"
    assert canonical_name(["Siddiqi", "Qasim Raza Siddiqui", "Kasim Raza Siddiqi", "Qasim Raza Siddiqui"]) \
        == "Qasim Raza Siddiqui"
    assert canonical_name(["Hafiz Naveed Akhtar Sandhu", "Naveed Sandhu"]) == "Naveed Akhtar Sandhu"
    assert canonical_name(["CHATTOGRAM", "Chattogram"]) == "Chattogram"
    # an organisation keeps its most frequent form; a longer one seen once is a headline or a title holding it
    assert canonical_name(["Hamas", "Hamas Operation Al Aqsa Flood", "Hamas"], "organization") == "Hamas"
    assert canonical_name(["Taliban", "Coalition Force Captures Taliban", "Taliban"], "organization") == "Taliban"
    assert canonical_name(["China Eastern", "China Eastern Airlines"], "organization") == "China Eastern Airlines"
    assert canonical_name(["USAF", "United States Air Force"], "organization") == "United States Air Force"
    assert cluster_type(["person", "organization", "person"]) == "person"
    assert cluster_type(["organization", "person"]) == "person"  # a tie goes to person
