"""The gender of the people of one chunk, as the words beside their names give it: an honorific ("Mr", "Queen"),
a kin title ("his wife Mary", "X's son"), a possessive pronoun in a coordination ("Tom Hanks and his wife"), and
the pronouns of a text about one person. ``ReferenceResolver`` uses it so that "she" skips a man and "his" a
woman; a person given both genders gets neither ("?")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dossier.extract.relations import lexicon as lx
from dossier.model import EntityType

if TYPE_CHECKING:
    from dossier.extract.relations.references import Mention, ReferenceResolver

PERSON = EntityType.PERSON
_MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "duke", "count", "baron", "emperor", "sultan"})
_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madam", "madame", "lady", "dame", "queen", "princess", "duchess",
                            "countess", "baroness", "empress"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def genders(res: ReferenceResolver) -> dict[str, str]:
    """ "Mr", "Sir", "King" / "Mrs", "Ms", "Queen" just before a person's name, or a kin title that names the
    person ("his wife Mary", "Mary, his wife", "her son, Otto", "Anna is the sister of …"): lets "her" skip
    a man and "he" skip a woman. A person given both genders gets neither ("?")."""
    out: dict[str, str] = {}
    for m in res.mentions:
        if m.type != PERSON:
            continue
        word = res.doc[m.start - 1].lower_.rstrip(".") if m.start > 0 else ""
        g = "m" if word in _MALE_TITLES else "f" if word in _FEMALE_TITLES else _kin_gender(res, m)
        if g is not None and out.setdefault(m.entity, g) != g:
            out[m.entity] = "?"
    for m, g in _owner_genders(res):
        if out.setdefault(m.entity, g) != g:
            out[m.entity] = "?"
    return out


def _owner_genders(res: ReferenceResolver) -> list[tuple[Mention, str]]:
    """ "Tom Hanks and his wife Rita": the first member of a coordination that a possessive pronoun in
    another member refers to has the pronoun's gender; "Ferdinand's wife Marie": a spouse title's possessor
    has the other gender from the spouse's."""
    out: list[tuple[Mention, str]] = []
    for tok in res.doc:
        if tok.dep_ != "poss":
            continue
        title = res.titles.get(tok.head.i)
        pm = res.ent(tok.i)
        if pm is not None and pm.type == PERSON and title is not None and title.sense.role in {"wife", "husband"}:
            out.append((pm, "m" if title.sense.role == "wife" else "f"))
        g = PRONOUN_GENDER.get(tok.lower_) if tok.pos_ == "PRON" else None
        if g is None or tok.head.dep_ != "conj":
            continue
        first = tok.head.head
        for _ in range(8):
            if first.dep_ != "conj" or first.head is first:
                break
            first = first.head
        fm = res.ent(first.i)
        if fm is not None and fm.type == PERSON and res.root(fm).i == first.i and not res.titled(fm):
            out.append((fm, g))
    return out


def _kin_gender(res: ReferenceResolver, m: Mention) -> str | None:
    """The gender a kin title gives the name it stands beside: the title premodifies the name or is in
    apposition to it (either way round), or is the attribute of a copula whose subject is the name."""
    r = res.root(m)
    near = [c for c in r.children if (c.dep_ in lx.PREMOD_DEPS and c.i < m.start) or c.dep_ == "appos"]
    if r.dep_ == "appos":
        near.append(r.head)
    if r.dep_ == "nsubj" and r.head.lemma_ == "be":
        near += [c for c in r.head.children if c.dep_ == "attr"]
    for t in near:
        title = res.titles.get(t.i)
        if title is None or title.sense.predicate_for(PERSON) != "family":
            continue
        if title.sense.role in lx.MALE_KIN:
            return "m"
        if title.sense.role in lx.FEMALE_KIN:
            return "f"
    return None


def text_gender(doc: Doc) -> str | None:
    """ "m" / "f" when the text's personal pronouns are nearly all of one gender (a biography, a profile):
    they are then the topic's, so "she" does not go to the father named in passing, nor "his" to her."""
    he = sum(1 for t in doc if t.pos_ == "PRON" and PRONOUN_GENDER.get(t.lower_) == "m")
    she = sum(1 for t in doc if t.pos_ == "PRON" and PRONOUN_GENDER.get(t.lower_) == "f")
    if he >= 2 and he >= 3 * she:
        return "m"
    if she >= 2 and she >= 3 * he:
        return "f"
    return None
