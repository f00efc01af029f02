"""What the relation *rules* say of one text, as name triples: the tests of each construction read these, with
the learned second source left out (its additions are scored on Re-DocRED, not asserted sentence by sentence)."""

from __future__ import annotations

from dossier.extract.pipeline import extract
from dossier.model import Document


def rule_relations(text: str) -> set[tuple[str, str, str, str | None]]:
    """(subject, predicate, object, role) of every relation a rule states in ``text``."""
    x = extract(Document(id=Document.make_id(text), text=text, source="test"))
    names = {e.id: e.name for e in x.entities}
    return {(names[r.subject], r.predicate, names[r.object], r.role) for r in x.relations
            if r.extractor != "relations/model"}


def rule_pairs(text: str) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) of every relation a rule states in ``text``."""
    return {(s, p, o) for s, p, o, _ in rule_relations(text)}
