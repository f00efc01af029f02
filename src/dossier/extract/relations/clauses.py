"""Clauses for the relation finder: the subject of a verb (through relative pronouns, shared conjuncts, passives
and gerunds), who a complement ("elected as", "served as") is said of, and whether a statement is negated.
``ReferenceResolver`` (``relations.references``) reads them through this mixin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from dossier.extract.relations import lexicon as lx

_TIME_PREPS = frozenset({"before", "after", "since", "upon", "on"})  # "before marrying him": a gerund's subject


class ClauseReading:
    """The clause readers of ``ReferenceResolver``, which supplies the noun-phrase readers they build on."""

    if TYPE_CHECKING:
        def np_entities(self, tok: Token, depth: int = 0, exclude: set[str] | None = None,
                        conj: bool = True) -> list[str]: ...

        def described(self, noun: Token, exclude: set[str] | None = None) -> list[str]: ...

    def clause_subject(self, verb: Token, exclude: set[str], depth: int = 0) -> list[str]:
        """The entities that are the subject of ``verb`` (through relative pronouns and shared conjuncts)."""
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                return self.np_entities(c, 0, exclude)
            if c.dep_ in {"csubj", "csubjpass"}:
                return []  # "… and taking over will be former Portland Trailblazers Coach": a clause, no one named
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() != "promise":
            # "Obama nominated Hochstein to be the Assistant Secretary": the object does what the infinitive says
            for c in verb.head.children:
                if c.dep_ == "dobj" and c.i < verb.i and (found := self.np_entities(c, 0, exclude)):
                    return found
        if depth < 2 and verb.dep_ in {"conj", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
            return self.clause_subject(verb.head, exclude, depth + 1)
        if depth < 2 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in _TIME_PREPS \
                and verb.head.head.pos_ in {"VERB", "AUX"}:
            # "She appeared in films alongside Sammo Hung before marrying him": the subject of the clause
            return self.clause_subject(verb.head.head, exclude, depth + 1)
        if depth < 2 and verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VBN"} and verb.head.pos_ in {"VERB", "AUX"}:
            # "Ulrich moved to Germany, playing for the Adler Mannheim": a participle's subject is its clause's
            return self.clause_subject(verb.head, exclude, depth + 1)
        if (depth < 2 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep"
                and verb.head.lower_ in {"before", "after", "since", "upon", "on", "while", "when"}
                and verb.head.head.pos_ in {"VERB", "AUX"}):
            # "Russell spent five seasons with the Celtics before joining the Bulls": a gerund after a preposition
            # of time has its clause's subject
            return self.clause_subject(verb.head.head, exclude, depth + 1)
        if (depth < 2 and verb.dep_ == "advcl" and verb.tag_ == "VB" and verb.head.pos_ in {"VERB", "AUX"}
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                and not any(c.dep_ in {"dobj", "dative"} for c in verb.head.children)):
            # "Muñoz went on to become the manager": an infinitive of the clause has its subject (not when the
            # clause has an object, who may be the one meant: "hired him to lead the team")
            return self.clause_subject(verb.head, exclude, depth + 1)
        if verb.dep_ in {"relcl", "acl"} and (verb.tag_ == "VBG" or any(c.dep_ == "dobj" for c in verb.children)):
            return self.described(verb.head, exclude)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.lemma_.lower() in lx.ACCUSE:
            accuse = verb.head.head
            for c in accuse.children:
                if c.dep_ in {"dobj", "nsubjpass"}:
                    return self.np_entities(c, 0, exclude)
            if accuse.dep_ in {"acl", "relcl"}:
                return self.described(accuse.head, exclude)
        return []

    def complement_holder(self, verb: Token, exclude: set[str]) -> list[str]:
        """Who holds a role given as a complement of ``verb``: "X serves as", "named X as", "X was elected"."""
        if verb.lemma_.lower() in lx.DESCRIBE:
            for c in verb.children:
                if c.dep_ == "dobj":
                    found = self.np_entities(c, 0, exclude)
                    if found:
                        return found
            passive = any(c.dep_ == "nsubjpass" for c in verb.children)
            if (not passive and verb.dep_ == "relcl") or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
                # "a Lahore businessman it describes as ...", "a Syrian national described as ..."
                found = self.np_entities(verb.head, 0, exclude, conj=False)
                if not found and verb.head.dep_ == "appos":
                    found = self.np_entities(verb.head.head, 0, exclude, conj=False)
                return found
        return self.clause_subject(verb, exclude)

    def negated(self, anchor: Token) -> bool:
        """Whether the clause of ``anchor`` is negated ("is not a member") or denied ("denied being ...")."""
        if any(c.dep_ == "det" and c.lower_ == "no" for c in anchor.children):
            return True
        t = anchor
        own_clause = True
        for _ in range(8):
            if t.pos_ in {"VERB", "AUX"}:
                if own_clause and any(c.dep_ == "neg" for c in t.children):
                    return True
                if t.lemma_.lower() in lx.DENY and t is not anchor:
                    return True
                if t.dep_ in lx.CLAUSE_BOUNDARY:
                    return False
                if t.dep_ not in {"ccomp", "xcomp", "pcomp", "conj"}:
                    own_clause = True
                else:
                    own_clause = False
            elif t.dep_ in lx.CLAUSE_BOUNDARY - {"ROOT"} and t is not anchor:
                return False
            if t.head is t:
                break
            t = t.head
        return False
