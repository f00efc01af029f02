"""The relation candidates one chunk yields, recorded as the constructions state them (see ``finder``).

The first construction to state a (subject, predicate, object, role) keeps it, so the finder runs them from
the most specific to the most general. A ``located_in`` whose subject is a person by biography, or that lies
inside a quoted title, is not recorded. A role's holder is remembered with the resolver, so that "the group's
commander" later in the chunk resolves to whoever was found to hold that role.
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.extract.context import RelationCandidate
from dossier.extract.relations.lexicon import RoleSense
from dossier.extract.relations.references import PERSON, ReferenceResolver


class Candidates:
    """The candidates found so far in one chunk, keyed by (subject, predicate, object, role)."""

    def __init__(self, res: ReferenceResolver) -> None:
        self.res = res
        self.out: dict[tuple[str, str, str, str], RelationCandidate] = {}

    def emit(self, subject: str, predicate: str, obj: str, role: str | None, anchor: int, pattern: str,
             negated: bool = False, also: tuple[int, ...] = ()) -> None:
        if subject == obj:
            return
        if predicate == "located_in" and (subject in self.res.born or self.res.in_title(anchor)):
            return
        key = (subject, predicate, obj, role or "")
        if key in self.out:
            return
        self.out[key] = RelationCandidate(subject, predicate, obj, role, anchor,
                                          self.res.doc[anchor].sent.start, pattern, negated, also)

    def emit_role(self, sense: RoleSense, role: str | None, holder: str, obj: str, anchor: Token,
                  pattern: str, predicate: str | None = None) -> bool:
        """Record ``holder`` in ``sense``'s role toward ``obj`` when the lexicon allows the pair of types."""
        etype = self.res.etype
        if etype(holder) not in sense.subject or sense.predicate_for(etype(obj)) is None:
            return False
        predicate = predicate or (sense.predicate_for(etype(obj)) or "").rstrip("?")
        if not predicate:
            return False
        if predicate == "family" and etype(holder) != PERSON:
            return False
        self.emit(holder, predicate, obj, role, anchor.i, pattern, self.res.negated(anchor))
        self.res.holder_of.setdefault((sense.role, obj), holder)
        return True

    def parents(self, named: list[str], anchor: Token) -> None:
        """Two people named together as a child's parents ("the son of A and B", "born to A and B")."""
        people = [e for e in named if self.res.etype(e) == PERSON]
        if len(people) == 2:
            self.emit(people[0], "family", people[1], "co-parent", anchor.i, "parents", self.res.negated(anchor))

    def in_order(self) -> list[RelationCandidate]:
        """The candidates in token order (then predicate, subject, object): the finder's answer."""
        return sorted(self.out.values(), key=lambda c: (c.anchor, c.predicate, c.subject, c.object))
