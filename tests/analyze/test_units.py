"""The parts of corroboration that need no store: signatures, independence, grades, casualty figures."""

from __future__ import annotations

import pytest

from dossier.analyze import grading, origins
from dossier.analyze.casualties import find_figures
from dossier.model.names import publisher_key
from tests.conftest import EXAMPLES

WIRE = (
    "Gunmen opened fire on a bus carrying pilgrims near the northern town of Kaltan on Friday, killing at least "
    "eleven people and wounding twenty, the district administrator said. The attackers fled into the hills after "
    "a gunfight with local police that lasted more than an hour, witnesses told reporters. No group has claimed "
    "responsibility. The interior ministry ordered an inquiry and promised compensation to the families of those "
    "killed, a spokesman said in a statement issued late on Friday."
)
REWRITE = (
    "Eleven pilgrims died on Friday when gunmen attacked their bus outside Kaltan, officials said. Residents "
    "described an exchange of fire with police before the attackers escaped towards the hills. The government "
    "has announced an investigation; nobody has said it carried out the attack."
)


def test_a_reprint_with_a_new_sentence_is_a_near_duplicate_and_a_rewrite_is_not() -> None:
    reprint = "Pilgrims' bus attacked near Kaltan\n\n" + WIRE + " Schools in the district will stay shut on Saturday."
    assert origins.similarity(origins.signature(WIRE), origins.signature(reprint)) >= origins.SYNDICATION_THRESHOLD
    assert origins.similarity(origins.signature(WIRE), origins.signature(REWRITE)) < 0.2
    groups = origins.syndication_groups({"a": origins.signature(WIRE), "b": origins.signature(reprint),
                                         "c": origins.signature(REWRITE)})
    assert groups["a"] == groups["b"] != groups["c"]


def test_the_example_corpus_has_exactly_one_syndicated_pair() -> None:
    sigs = {p.name: origins.signature(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.iterdir())}
    groups = origins.syndication_groups(sigs)
    shared = {}
    for name, g in groups.items():
        shared.setdefault(g, []).append(name)
    together = [sorted(v) for v in shared.values() if len(v) > 1]
    assert together == [["01_frontier-wire_bahawalpur-convention.txt",
                         "02_civic-herald_bahawalpur-rally-syndicated.txt"]]


def test_signatures_are_stable_across_runs() -> None:
    assert origins.signature(WIRE) == origins.signature(WIRE)
    assert len(origins.signature(WIRE)) == origins.NUM_PERM * 8


def test_independence_joins_syndicated_copies_and_one_outlets_reports() -> None:
    o = origins.build_origins(
        [("d1", "Frontier Wire"), ("d2", "Civic Herald"), ("d3", "The Frontier-Wire"), ("d4", "Meridian News"),
         ("d5", None), ("d6", None)],
        {"d1": "d1", "d2": "d1", "d3": "d3", "d4": "d4", "d5": "d5", "d6": "d6"},
    )
    assert publisher_key("The Frontier-Wire") == publisher_key("frontier wire")
    assert origins.independent_groups(["d1", "d2"], o) == [["d1", "d2"]]  # a reprint
    assert origins.independent_groups(["d1", "d3", "d4"], o) == [["d1", "d3"], ["d4"]]  # one outlet twice
    # the reprint joins Civic Herald to Frontier Wire only where both copies support the fact
    assert origins.independent_groups(["d2", "d3"], o) == [["d2"], ["d3"]]
    assert origins.independent_groups(["d5", "d6"], o) == [["d5"], ["d6"]]  # unknown publishers stay apart


@pytest.mark.parametrize(("sources", "code"), [
    ([("A", {"asserted"}, None), ("B", {"reported"}, None)], "F1"),
    ([("A", {"asserted"}, None), ("B", {"alleged"}, None)], "F2"),
    ([("A", {"asserted"}, None)], "F3"),
    ([("A", {"alleged"}, None), ("B", {"speculative"}, None)], "F4"),
    ([("A", {"asserted"}, None), ("B", {"denied"}, None)], "F4"),
    ([("A", {"asserted", "denied"}, None)], "F4"),
    ([("A", {"asserted"}, None), ("B", {"denied"}, None), ("C", {"denied"}, None)], "F5"),
    ([("A", {"asserted"}, "C"), ("B", {"asserted"}, "B")], "B1"),
])
def test_grades_follow_the_documented_table(sources: list[tuple[str, set[str], str | None]], code: str) -> None:
    g = grading.grade([(label, frozenset(m), r) for label, m, r in sources])
    assert g.code == code
    assert g.confidence == grading.CONFIDENCE[g.credibility]
    for label, _, _ in sources:
        assert label in g.reason


def test_summary_modality_prefers_what_is_stated_and_keeps_denials_visible() -> None:
    assert grading.summary_modality(["denied", "alleged"]) == "alleged"
    assert grading.summary_modality(["denied"]) == "denied"
    assert grading.summary_modality(["speculative", "reported"]) == "reported"


@pytest.mark.parametrize(("sentence", "labels"), [
    ("At least 23 people were killed and 40 injured in the blast.", ["at least 23 killed", "40 injured"]),
    ("The bombing killed nine soldiers, the army said.", ["9 killed"]),
    ("Hospital officials put the death toll at 31.", ["31 killed"]),
    ("The storm left more than two hundred dead.", ["more than 200 killed"]),
    ("Some 1,200 people were injured, and twenty-one died.", ["some 1200 injured", "21 killed"]),
    ("Twelve civilians died overnight.", ["12 killed"]),
    ("The company was founded in 1998 and employs 300 people.", []),
    ("Two wounded officers later died in hospital.", []),
    ("Police said 4 suspects were wounded in the exchange of fire.", ["4 injured"]),
])
def test_casualty_figures(sentence: str, labels: list[str]) -> None:
    figures = find_figures(sentence)
    assert [f.label for f in figures] == labels
    for f in figures:
        assert sentence[f.start:f.end].strip()
