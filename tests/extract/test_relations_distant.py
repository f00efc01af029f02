"""bench/distant_relations.py: pairs of places in unlabelled news labelled by GeoNames for the relation model's
training (docs/relations.md, "The learned second source"): a pair GeoNames nests is located_in, one it knows
and cannot nest is none, one it does not know is left out."""

from __future__ import annotations

import sys
from pathlib import Path

from dossier.model import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import distant_relations as distant  # noqa: E402

TEXT = ("The first A380 was unveiled during a lavish ceremony in Toulouse, France, on Tuesday. "
        "The crew later flew low over the Tamsin River near Grenford to greet the crowd.")


def test_the_labeller_reads_geonames_direction_and_leaves_the_unknown_out() -> None:
    assert distant.distant_label("Toulouse", "France") == "located_in"
    assert distant.distant_label("France", "Toulouse") == "none"  # the wrong way round
    assert distant.distant_label("Singapore", "Sydney") == "none"  # two towns of two countries
    assert distant.distant_label("Germany", "Russia") == "none"
    assert distant.distant_label("Tamsin River", "Grenford") is None  # names GeoNames does not know
    # two towns of one country that the table does not nest may be a district and its town: not a negative
    assert distant.distant_label("Lyon", "Marseille") is None


def test_news_rows_are_labelled_and_the_knowledge_can_be_stripped() -> None:
    doc = Document(id=Document.make_id(TEXT), text=TEXT, source="test")
    rows = distant.collect_news([doc], cache=False)
    labels = {(r.features[0], r.label) for r in rows}
    # Toulouse (first) in France (second): subject before object; the reverse direction is a negative
    assert ("t:LOC>LOC:so", "located_in") in labels and ("t:LOC>LOC:os", "none") in labels
    assert len(rows) == 2  # the river and the town GeoNames does not know give no row
    positive = next(r for r in rows if r.label == "located_in")
    assert any(f.startswith("kin:") for f in positive.features) and positive.doc < 0  # never a half-a fold
    stripped = distant.distant_rows(rows + rows, weight=0.5, strip=True)
    assert len(stripped) == 2  # a repeated row (a dateline in every release) counts once
    assert all(r.weight == 0.5 for r in stripped)
    assert not any(f.startswith(distant.KNOWLEDGE) for r in stripped for f in r.features)
    assert any(f.startswith("seq:") for r in stripped for f in r.features)  # the words stay
    kept = distant.distant_rows(rows)
    assert any(f.startswith("kin:") for r in kept for f in r.features)
