"""The relation candidates one chunk yields, recorded as the constructions state them (see ``finder``).

The first construction to state a (subject, predicate, object, role) keeps it, so the finder runs them from
the most specific to the most general. A ``located_in`` whose subject is a person by biography, or a
``located_in`` or ``part_of`` that lies inside a quoted title, is not recorded. A role's holder is remembered
with the resolver, so that "the group's commander" later in the chunk resolves to whoever was found to hold that
role.
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.extract.context import RelationCandidate
from dossier.extract.relations.lexicon import ROLE_PREFIXES, RoleSense, lexicon
from dossier.extract.relations.references import PERSON, ReferenceResolver

# The lower-case words a name cannot end in.
CUT_WORDS = frozenset("of for the and in at on to from".split())
# Academic titles the role lexicon does not hold (they name no relation by themselves).
ACADEMIC_TITLES = frozenset({"dean", "provost", "rector", "registrar"})


class Candidates:
    """The candidates found so far in one chunk, keyed by (subject, predicate, object, role)."""

    def __init__(self, res: ReferenceResolver) -> None:
        self.res = res
        self.out: dict[tuple[str, str, str, str], RelationCandidate] = {}

    def emit(self, subject: str, predicate: str, obj: str, role: str | None, anchor: int, pattern: str,
             negated: bool = False, also: tuple[int, ...] = ()) -> None:
        if subject == obj or self.cut_short(subject) or self.cut_short(obj) or self.bare_title(subject) \
                or self.bare_title(obj):
            return
        if predicate == "located_in" and subject in self.res.born:
            return
        if predicate == "located_in" and self.res.in_title(anchor) or \
                predicate == "part_of" and self.res.in_title(anchor, closed=True):
            return  # a work's title: "ABC's ``Private Practice''" is a show, no part of the network
        key = (subject, predicate, obj, role or "")
        if key in self.out:
            return
        self.out[key] = RelationCandidate(subject, predicate, obj, role, anchor,
                                          self.res.doc[anchor].sent.start, pattern, negated, also)

    def cut_short(self, entity: str) -> bool:
        """A name that ends in a function word ("the Circuit Court of", "City of"): the rest of the name was lost,
        and what the truncated name is said to be in or part of is not known."""
        words = self.res.ctx.entity_name.get(entity, "").split()
        return bool(words) and words[-1] in CUT_WORDS

    def bare_title(self, entity: str) -> bool:
        """A "person" named by a title alone ("Dean of the College of Fine Arts", "the Assistant Secretary of
        State"): the title is read as a name, and whoever holds it is not this entity."""
        if self.res.etype(entity) != PERSON:
            return False
        words = [w for w in self.res.ctx.entity_name.get(entity, "").lower().split() if w not in ROLE_PREFIXES]
        if not words:
            return False
        if len(words) == 1 and words[0] in ACADEMIC_TITLES:
            return True
        return any(s.words == tuple(words) and PERSON in s.subject for s in lexicon().titles.get(words[0], ()))

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
