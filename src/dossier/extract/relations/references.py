"""What a token, a noun phrase or a clause refers to, for the relation finder (see ``relations``).

``ReferenceResolver`` indexes the entity mentions of one chunk and resolves the phrases the constructions
meet to them: a name and its conjuncts, an apposition, a relative pronoun's antecedent, a pronoun ("its",
"his"), a definite noun ("the faction", "the company") or a definite role ("the group's commander"), the
subject of a clause, and the body a role title belongs to. The constructions (``relations.titles``,
``relations.verbs``, ``relations.places``, ``relations.parts``, ``relations.located``) are given one resolver
per chunk and record what they find in ``relations.candidates``; every walk here is bounded, and a stack of
the steps in flight breaks the cycles a bad parse can make. The clause readers (a verb's subject, a complement's
holder, negation) are in ``relations.clauses``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dossier.extract.context import DocContext
from dossier.extract.relations import lexicon as lx
from dossier.extract.relations.clauses import ClauseReading
from dossier.extract.relations.genders import PRONOUN_GENDER, genders, text_gender
from dossier.extract.relations.lexicon import TitleMatch, find_titles, lexicon
from dossier.extract.relations.open_roles import open_titles
from dossier.model import EntityType
from dossier.model.reference import titles as honorifics

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE

_MAX_NESTING = 12  # resolution steps in flight at once (the parse is a tree, but a bad one may loop)
_DEFINITE_WINDOW = 10  # "the company" may refer to an organisation named paragraphs before
_WINDOW = 3  # sentences searched back for the antecedent of "its", "his", "the group"

# Quotation marks, the newswire's doubled backquotes and apostrophes among them (``Private Practice'').
QUOTES = frozenset({'"', "“", "”", "«", "»", "``", "`", "''"})


def one_of(n: Token) -> Token:
    """ "one of the founders", "one of the titles": the number the noun's "of" phrase hangs on, which stands
    where the noun would (the copula's attribute, the apposition), else the noun itself."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ == "one":
        return n.head.head
    return n


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    entity: str
    type: EntityType


class ReferenceResolver(ClauseReading):
    """One chunk's entity mentions and the resolution of phrases to them (and the holders of roles found)."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.lex = lexicon()
        self.titles = find_titles(self.doc, self.lex)
        self.mentions: list[Mention] = []
        self.at: dict[int, Mention] = {}
        for ent in ctx.ents:
            eid = ctx.entity_of_ent.get(ent.start)
            if eid is None or eid not in ctx.entity_type:
                continue
            m = Mention(ent.start, ent.end, eid, ctx.entity_type[eid])
            self.mentions.append(m)
            for i in range(ent.start, ent.end):
                self.at[i] = m
        self.titles.update(open_titles(self.doc, lambda i: m.type if (m := self.at.get(i)) else None,
                                       self.titles))
        self.starts = [m.start for m in self.mentions]
        self.sent_starts = sorted({s.start for s in self.doc.sents})
        self.holder_of: dict[tuple[str | None, str], str] = {}  # (role, object) → holder, for "the JNS commander"
        rank_words = {words[0] for words in honorifics()}
        self.rank_words = frozenset(w.lower() for w in rank_words) | frozenset({"retd", "(", ")", "."})
        self.descriptions: list[tuple[int, str, str]] = self._descriptions()  # in token order
        self.description_starts = [d[0] for d in self.descriptions]
        orgs = {m.entity for m in self.mentions if m.type == ORG}
        self.public_orgs = {e for e in orgs if self.public_body(e)}
        self.companies = {e for e in orgs if self.is_company(e)}
        self.other_orgs = orgs - self.companies
        self.institutions = {e for e in orgs
                             if self.ctx.entity_name.get(e, "").lower().rsplit(" ", 1)[-1] in lx.INSTITUTION_WORDS}
        self.resolving: set[tuple[str, int]] = set()  # (step, token) on the resolution stack: breaks cycles
        self.born = self._born()  # entities that are people by their biography, whatever their type
        self.gender = genders(self)  # person → "m" / "f", from the honorific before a name
        self.topic = self._topic(PERSON)  # the person the text is about (the first sentence's subject)
        self.topic_org = self._topic(ORG)
        if self.topic is not None and (g := text_gender(self.doc)) is not None:
            self.gender.setdefault(self.topic, g)

    def _topic(self, etype: EntityType) -> str | None:
        """The entity of ``etype`` the text is about: the subject of its first sentence ("Ross Alger (1920 –
        1992) was a politician …", "US Airways Group is …"), to which a pronoun with no nearer antecedent of
        its sentence, or of the sentence before, refers back however many sentences lie between."""
        if not self.sent_starts:
            return None
        end = self.sent_starts[1] if len(self.sent_starts) > 1 else len(self.doc)
        for m in self.mentions:
            if m.start >= end:
                break
            r = self.root(m)
            kind = PERSON if m.entity in self.born else m.type
            if kind == etype and (r.dep_ in {"nsubj", "nsubjpass"} or r.head is r):
                return m.entity
        return None

    @staticmethod
    def _fronted(r: Token, tok: Token) -> bool:
        """Whether the name rooted at ``r`` lies in a phrase set before the subject pronoun ``tok`` of the same
        clause ("The daughter of X, she was born …", "Born in Y, the eldest son of X, he joined …"): the
        phrase describes the pronoun's referent, so X is someone else."""
        verb = tok.head
        for a in [r, *r.ancestors]:
            if a.head.i == verb.i and a.i != verb.i:
                return a.i < tok.i
        return False

    def _born(self) -> set[str]:
        """Entities a text gives a birth for: "X was born in Y", "X (born 5 May 1990 in Y)", "X (11 October 1874,
        in Liegnitz – …)". They are people, so no place or organisation lies in their birthplace's stead."""
        out: set[str] = set()
        for m in self.mentions:
            r = self.root(m)
            if r.dep_ in {"nsubjpass", "nsubj"} and r.head.lemma_.lower() in {"bear", "born"}:
                out.add(m.entity)
            after = self.doc[m.end:m.end + 3]
            if len(after) >= 2 and after[0].text == "," and after[1].lower_ == "born":
                out.add(m.entity)  # "Leandro Mbomio Nsue, born 5 January 1938 (Bata), …"
            if len(after) >= 2 and after[0].text == "(" and (after[1].lower_ in {"born", "b.", "né", "née"} or
                                                              after[1].like_num or after[1].ent_type_ == "DATE"):
                out.add(m.entity)
        return out

    def in_title(self, i: int, closed: bool = False) -> bool:
        """Whether token ``i`` lies inside a quoted title or a named work ("Truth in Music", "Lied für einen
        Freund", ABC's ``Private Practice''): names inside it are not places or parts of each other. ``closed``:
        only a quotation that also closes within a few words after it (a title, not a quoted speech that runs
        on from the sentence before: "barricaded in," Bill Adgate … told CNN affiliate WDIV-TV)."""
        tok = self.doc[i]
        if tok.ent_type_ in {"WORK_OF_ART", "LAW", "EVENT"}:
            return True
        inside = False
        for t in self.doc[tok.sent.start:i]:
            if t.text in QUOTES:  # the newswire's `` (parsed as two `) opens and '' closes; the others alternate
                inside = t.text in {"``", "`"} or (t.text != "''" and not inside)
        if not inside or not closed:
            return inside
        return any(t.text in QUOTES - {"``", "`"} for t in self.doc[i + 1:min(i + 9, tok.sent.end)])

    def _descriptions(self) -> list[tuple[int, str, str]]:
        """(token, noun, entity) for each organisation described by a common noun: "Kataib Hezbollah, an armed
        faction", "the Al-Noor exchange", "the Madrid club Real Atlético", "CKNL-FM is a radio station". Lets "the
        faction" find it."""
        out: list[tuple[int, str, str]] = []
        for m in self.mentions:
            if m.type != ORG:
                continue
            r = self.root(m)
            nouns = [c for c in r.children if c.dep_ == "appos" and c.pos_ == "NOUN" and self.ent(c.i) is None]
            nouns += [c for c in r.children if c.dep_ == "compound" and c.i < m.start and c.pos_ == "NOUN"
                      and self.ent(c.i) is None]
            if r.dep_ in {"compound", "appos"} and r.head.pos_ == "NOUN" and self.ent(r.head.i) is None:
                nouns.append(r.head)
            for n in nouns:
                out.append((m.start, n.lemma_.lower(), m.entity))
            for word in self.ctx.entity_name.get(m.entity, "").lower().split():
                out.append((m.start, word, m.entity))
        return out

    # ---------------------------------------------------------------- entities and references
    def ent(self, i: int) -> Mention | None:
        return self.at.get(i)

    def etype(self, eid: str) -> EntityType:
        return self.ctx.entity_type[eid]

    def root(self, m: Mention) -> Token:
        return self.doc[m.start:m.end].root

    def _sentence_floor(self, i: int, back: int) -> int:
        k = bisect_left(self.sent_starts, i + 1) - 1
        return self.sent_starts[max(0, k - back)] if self.sent_starts else 0

    def antecedent(self, before: int, types: frozenset[EntityType], exclude: set[str],
                   back: int = _WINDOW) -> str | None:
        """The nearest entity of ``types`` mentioned before token ``before`` (within ``back`` sentences)."""
        floor = self._sentence_floor(before, back)
        k = bisect_left(self.starts, before) - 1
        while k >= 0 and self.mentions[k].start >= floor:
            m = self.mentions[k]
            k -= 1
            if m.type in types and m.entity not in exclude and m.end <= before:
                return m.entity
        return None

    def org_antecedent(self, tok: Token, exclude: set[str]) -> str | None:
        """ "its": the organisation that is the subject of the clause when "its" phrase is the verb's object or
        adjunct ("US Airways Group operated US Airways, along with its subsidiaries …"); else the nearest one
        named before in the sentence; else, when the sentence before has no organisation for its subject, the
        organisation the text is about ("Its general manager, …" in an article on a newspaper)."""
        t = tok.head
        for _ in range(6):
            if t.dep_ not in {"dobj", "pobj", "prep", "npadvmod"} or t.head is t:
                break
            t = t.head
        if t.pos_ in {"VERB", "AUX"} and t.i != tok.head.i:
            for c in t.children:
                m = self.ent(c.i)
                if c.dep_ in {"nsubj", "nsubjpass"} and m is not None and m.type == ORG and c.i < tok.i \
                        and m.entity not in exclude:
                    return m.entity
        orgs = frozenset({ORG})
        here = self.antecedent(tok.i, orgs, exclude, back=0)
        if here is not None:
            return here
        prev = self._sentence_floor(tok.i, 1)
        for m in reversed(self.mentions):  # "X is a member of Y. Its general manager": X, the sentence's subject
            if prev <= m.start < tok.sent.start and m.type == ORG and m.entity not in exclude \
                    and self.root(m).dep_ in {"nsubj", "nsubjpass"} and self.root(m).head.dep_ == "ROOT":
                return m.entity
        if self.topic_org is not None and self.topic_org not in exclude:
            return self.topic_org
        return self.antecedent(tok.i, orgs, exclude)

    def person_antecedent(self, tok: Token, exclude: set[str]) -> str | None:
        """ "he", "his", "her": a person named earlier in the same sentence; else the subject of the sentence
        just before; else, among the people of the sentences before, the one the text is about (most mentions
        so far: the subject of a biography or the focus of a report, not the king or producer named in
        passing); ties go to the last person who was a sentence's subject, then to the nearest person."""
        sent_start = tok.sent.start
        wrong = {"m": "f", "f": "m"}.get(PRONOUN_GENDER.get(tok.lower_, ""), "")
        exclude = exclude | {e for e, g in self.gender.items() if g == wrong}
        coordinated = self._coordination_owner(tok, exclude)
        if coordinated is not None:
            return coordinated[0]
        k = bisect_left(self.starts, tok.i) - 1
        floor = self._sentence_floor(tok.i, _WINDOW)
        order: list[str] = []  # candidates, nearest first, subjects before the rest
        nearest: list[str] = []
        listed = self._coordinated(tok)
        # "Halin earned his doctorate under Klaus Wagner, after which he joined …": a subject pronoun continues
        # the subject of its sentence, not the nearest name
        subject = tok.dep_ in {"nsubj", "nsubjpass"}
        kin = self._is_kin(tok.head)
        same: list[str] = []
        while k >= 0 and self.mentions[k].start >= floor:
            m = self.mentions[k]
            k -= 1
            if m.type != PERSON or m.entity in exclude or m.end > tok.i:
                continue
            if m.start >= sent_start:
                if m.start in listed and self.titled(m):  # "her mom Lynne and her sister Jamie": not Lynne's
                    continue
                if kin and any(self._is_kin(c) for c in self.root(m).children if c.i < m.start):
                    continue  # "pancakes for son Oscar, daughter Ava, as well as his wife": not Ava's wife
                r = self.root(m)
                if subject and r.dep_ not in {"nsubj", "nsubjpass"} and self._fronted(r, tok):
                    exclude.add(m.entity)  # nor is the father of "The daughter of X, she" meant further back
                    continue
                if self._owned_by_pronoun(r, tok):
                    continue
                if not subject or r.dep_ in {"nsubj", "nsubjpass"}:
                    return m.entity
                if r.dep_ in {"compound", "amod"} and r.head.pos_ == "NOUN" and r.head.i < tok.i:
                    continue  # "In the first Zuma administration he had been a member": a name that only
                    # qualifies a thing is no participant the subject pronoun continues
                same.append(m.entity)
                continue
            if same:  # no subject before it in its sentence: the nearest name there, as for other pronouns
                return same[0]
            if self.root(m).dep_ in {"nsubj", "nsubjpass"} and m.entity not in order:
                order.append(m.entity)
            if m.entity not in nearest:
                nearest.append(m.entity)
        prev = self._sentence_floor(tok.i, 1)
        for m in reversed(self.mentions):  # the subject of the sentence just before continues the topic
            if prev <= m.start < sent_start and m.type == PERSON and m.entity not in exclude \
                    and self.root(m).dep_ in {"nsubj", "nsubjpass"} and self.root(m).head.dep_ == "ROOT":
                return m.entity
        gender = PRONOUN_GENDER.get(tok.lower_)
        chained, whom = self._chain(tok, prev, sent_start, gender, exclude)
        if chained:
            return whom
        if self.topic is not None and self.topic not in exclude and gender is not None \
                and self.gender.get(self.topic) == gender:
            return self.topic  # a biography's "he" twenty sentences on, past the names met in between
        candidates = order + [e for e in nearest if e not in order]
        if not candidates:
            return same[0] if same else None
        counts = {e: sum(1 for m in self.mentions if m.entity == e and m.end <= tok.i) for e in candidates}
        best = max(counts.values())
        return next(e for e in candidates if counts[e] == best)

    @staticmethod
    def _owned_by_pronoun(r: Token, tok: Token) -> bool:
        """ "His struggle with King James III ended, following which his son Angus rebelled": a name inside a
        phrase an earlier pronoun of the same gender possesses is the other party of that pronoun's referent, and
        the later pronoun continues the earlier one, not the name."""
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender is None:
            return False
        for a in list(r.ancestors)[:6]:
            if a.pos_ not in {"NOUN", "PROPN"} or tok.i in {t.i for t in a.subtree}:
                continue
            if any(c.dep_ == "poss" and c.pos_ == "PRON" and c.i < r.i and PRONOUN_GENDER.get(c.lower_) == gender
                   for c in a.children):
                return True
        return False

    def _coordination_owner(self, tok: Token, exclude: set[str]) -> tuple[str | None] | None:
        """ "Tom Hanks and his wife Rita": a possessive in a conjunct refers to the coordination's first member;
        "the son of A and his wife B" (the parser coordinates the wife with the son): to A, the child's parent,
        not to a name inside an apposition between ("A, the fifth son of C, and his wife B": not C). When the first
        member is a name no person entity holds ("Amdír and his son Amroth"), ``(None,)``: no tie rather than the
        nearest other person. ``None``: not this construction."""
        if tok.dep_ != "poss" or tok.lower_ not in {"his", "her"} or tok.head.dep_ != "conj":
            return None
        first = tok.head.head
        for _ in range(8):
            if first.dep_ != "conj" or first.head is first:
                break
            first = first.head
        title = self.titles.get(first.i)
        if title is not None and title.sense.role in lx.CHILD_TITLES:
            for c in first.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        pm = self.ent(p.i)
                        if p.dep_ == "pobj" and pm is not None and pm.type == PERSON and pm.entity not in exclude:
                            return (pm.entity,)
            return None
        m = self.ent(first.i)
        if m is not None and self.titled(m):
            return None  # "with her mom Lynne and her sister Jamie": two relatives of a third person
        if m is not None:
            return (m.entity,) if m.type == PERSON and m.entity not in exclude else (None,)
        if first.pos_ == "PROPN":
            return (None,)
        return None

    def _chain(self, tok: Token, prev: int, sent_start: int, gender: str | None,
               exclude: set[str]) -> tuple[bool, str | None]:
        """ "She was born in Tunis. She later joined UNESCO", "She is the sister of X. Her niece …": a pronoun with
        no antecedent in its own sentence, whose sentence before has a subject pronoun of the same gender,
        continues it, to whomever that one refers (``(False, None)``: no such pronoun). Walks back one sentence at a
        time; the resolution stack bounds it."""
        if gender is None or prev >= sent_start:
            return False, None
        step = ("chain", tok.i)
        if step in self.resolving or len(self.resolving) > _MAX_NESTING:
            return False, None
        for t in self.doc[prev:sent_start]:
            if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT" and t.pos_ == "PRON" \
                    and PRONOUN_GENDER.get(t.lower_) == gender:
                self.resolving.add(step)
                try:
                    got = self.person_antecedent(t, exclude)
                finally:
                    self.resolving.discard(step)
                return True, got
        return False, None

    def titled(self, m: Mention) -> bool:
        """Whether a name is given with a title ("her mom Lynne Spears", "son Oscar"), unlike the head of a
        coordination a pronoun may refer to ("Tom Hanks and his wife")."""
        r = self.root(m)
        return (r.dep_ == "appos" and r.head.i in self.titles) or self.has_title(m)

    def is_kin(self, tok: Token) -> bool:
        """Whether ``tok`` heads a kin title ("son", "his wife")."""
        return self._is_kin(tok)

    def _is_kin(self, tok: Token) -> bool:
        """Whether ``tok`` heads a kin title ("son", "his wife")."""
        m = self.titles.get(tok.i)
        return m is not None and m.sense.predicate_for(PERSON) == "family"

    @staticmethod
    def _coordinated(tok: Token) -> set[int]:
        """The tokens of the coordination the phrase of ``tok`` is a member of ("with her mom Lynne Spears and
        her sister Jamie"): a pronoun in one member does not refer to a name in another."""
        t = tok.head
        for _ in range(4):  # "her sister Jamie Lynn Spears": the title premodifies the name
            if t.dep_ not in lx.PREMOD_DEPS or t.head.i <= t.i:
                break
            t = t.head
        if t.dep_ != "conj" and not any(c.dep_ == "conj" for c in t.children):
            return set()
        for _ in range(8):
            if t.dep_ != "conj" or t.head is t:
                break
            t = t.head
        return {x.i for x in t.subtree}

    def definite_org(self, tok: Token, exclude: set[str]) -> str | None:
        """ "the faction", "the trust's", "the group's": an organisation named or described so before."""
        noun = tok.lemma_.lower()
        exclude = exclude | set(self.own_clause_subjects(tok))
        for k in range(bisect_left(self.description_starts, tok.i) - 1, -1, -1):
            _, word, entity = self.descriptions[k]
            if word == noun and entity not in exclude:
                return entity
        if noun not in lx.GENERIC_ORG_NOUNS:
            return None
        skip = self.public_orgs | (self.other_orgs if noun in {"company", "firm"} else
                                   self.companies | self.institutions)
        return self.antecedent(tok.i, frozenset({ORG}), exclude | skip, back=_DEFINITE_WINDOW)

    def is_company(self, entity: str) -> bool:
        words = set(self.ctx.entity_name.get(entity, "").lower().replace(".", "").split())
        return bool(words & lx.COMPANY_WORDS)

    def own_clause_subjects(self, tok: Token) -> list[str]:
        """Entities that are the subject of the clause containing ``tok`` ("whom the Treasury described as")."""
        t = tok
        for _ in range(8):
            if t.pos_ in {"VERB", "AUX"}:
                return [m.entity for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}
                        and (m := self.ent(c.i)) is not None]
            if t.head is t:
                break
            t = t.head
        return []

    def refer(self, tok: Token, exclude: set[str]) -> str | None:
        """Resolve a pronoun or definite noun that refers back to an entity ("its", "his", "the faction")."""
        low = tok.lower_
        if low == "its":
            return self.org_antecedent(tok, exclude)
        if low in lx.PERSON_PRONOUNS and tok.pos_ == "PRON":
            return self.person_antecedent(tok, exclude)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.ORG_NOUNS | lx.DESCRIBED_ORG_NOUNS and tok.tag_ == "NN":
            dets = [c for c in tok.children if c.dep_ in {"det", "poss"}]
            if any(c.dep_ == "amod" and c.lower_ in {"new", "combined", "merged"} for c in tok.children):
                return None  # "became CEO of the new company": the company a merger makes, not one named before
            if dets and all(d.lower_ in {"the", "this", "that", "her", "his", "its"} for d in dets):
                return self.definite_org(tok, exclude)
        return None

    def conjuncts(self, tok: Token) -> list[str]:
        """Entities coordinated with ``tok`` ("A and B"), stopping at "as well as" and at items with a title."""
        out: list[str] = []
        prev_end = tok.i + 1
        stack = [c for c in tok.children if c.dep_ == "conj"]
        while stack:
            c = stack.pop(0)
            between = [t.lower_ for t in self.doc[prev_end:c.i]]
            if "well" in between or ("along" in between and "with" in between):
                break
            m = self.ent(c.i)
            if m is not None:
                prev_end = m.end
                if not self.has_title(m) and m.entity not in out:
                    out.append(m.entity)
            stack.extend(x for x in c.children if x.dep_ == "conj")
        return out

    def has_title(self, m: Mention) -> bool:
        """True when a role title premodifies this mention ("ELN commander Pablo Beltrán")."""
        r = self.root(m)
        for c in r.children:
            if c.i < m.start and c.dep_ in lx.PREMOD_DEPS and (c.i in self.titles or any(
                    g.i in self.titles for g in c.subtree if g.i < m.start)):
                return True
        return False

    def np_entities(self, tok: Token, depth: int = 0, exclude: set[str] | None = None,
                    conj: bool = True) -> list[str]:
        """The entities a noun phrase headed by ``tok`` names: itself (and its conjuncts), its apposition, the
        antecedent of a relative pronoun, the referent of a pronoun or definite noun."""
        key = ("np", tok.i)
        if key in self.resolving or len(self.resolving) > _MAX_NESTING:
            return []
        self.resolving.add(key)
        try:
            return self._np_entities(tok, depth, exclude or set(), conj)
        finally:
            self.resolving.discard(key)

    def _np_entities(self, tok: Token, depth: int, exclude: set[str], conj: bool) -> list[str]:
        m = self.ent(tok.i)
        if m is not None:
            return [m.entity, *self.conjuncts(self.root(m))] if conj else [m.entity]
        if depth > 3:
            return []
        if tok.lower_ in lx.REL_PRONOUNS and tok.head.dep_ in {"relcl", "acl"}:
            antecedent = tok.head.head
            found = self.np_entities(antecedent, depth + 1, exclude, conj=False)
            if not found and antecedent.dep_ == "appos":  # "Ana Ruiz, a Chilean diplomat who ..."
                found = self.np_entities(antecedent.head, depth + 1, exclude, conj=False)
            if not found and antecedent.dep_ == "attr" and antecedent.head.lemma_ == "be":
                found = self.clause_subject(antecedent.head, exclude, 2)  # "X was a quarterback who played"
            if tok.lower_ in {"who", "whom"} and not any(self.etype(e) == PERSON for e in found) \
                    and antecedent.dep_ == "pobj" and antecedent.head.lower_ in {"in", "of", "from", "at"}:
                found = self.person_above(antecedent, exclude) or found
            return found
        for c in tok.children:
            if c.dep_ == "appos":
                found = self.np_entities(c, depth + 1, exclude, conj)
                if found:
                    return found
        if tok.i in self.titles and any(c.lower_ in {"the", "its", "his", "her"} or c.dep_ == "poss"
                                         for c in tok.children):
            obj = self.title_object(self.titles[tok.i], set())
            if obj is not None:
                held = self.holder_of.get((self.titles[tok.i].sense.role, obj[0]))
                if held is not None:
                    return [held]
        if tok.pos_ == "PRON" and tok.lower_ in {"he", "she", "him"}:
            ref = self.refer(tok, exclude)
            return [ref] if ref else []
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.ORG_NOUNS:
            # "the banned Jamaat-ul-Burhan (JuB) militant group"
            for c in tok.children:
                cm = self.ent(c.i)
                if c.dep_ in lx.PREMOD_DEPS and c.i < tok.i and cm is not None and cm.type == ORG:
                    return [cm.entity]
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.METONYMS:
            for c in tok.children:
                if c.dep_ == "poss" and (pm := self.ent(c.i)) is not None:
                    return [pm.entity]
        ref = self.refer(tok, exclude) if tok.pos_ == "NOUN" else None
        return [ref] if ref else []

    def kin_possessor(self, pron: Token, m: TitleMatch, holders: set[str]) -> str | None:
        """ "Sam Lutfi sued Britney Spears's … her mom Lynne Spears": for a kin title, a person of the last
        sentences who shares the holder's family name is the one the possessive pronoun means."""
        if pron.lower_ not in lx.PERSON_PRONOUNS or "family" not in {p for _, p in m.sense.predicates}:
            return None
        surnames = {self.ctx.entity_name.get(h, "").split()[-1:][0] for h in holders
                    if self.ctx.entity_name.get(h, "").split()}
        if not surnames:
            return None
        floor = self._sentence_floor(pron.i, _WINDOW)
        found: set[str] = set()
        for k in range(bisect_left(self.starts, pron.i) - 1, -1, -1):
            cand = self.mentions[k]
            if cand.start < floor:
                break
            name = self.ctx.entity_name.get(cand.entity, "").split()
            if cand.type == PERSON and cand.entity not in holders and name and name[-1] in surnames \
                    and len(name) > 1:
                found.add(cand.entity)
        return found.pop() if len(found) == 1 else None  # several of the family: the usual rules decide

    def person_above(self, tok: Token, exclude: set[str]) -> list[str]:
        """ "X was a politician in the province of Alberta, who served as mayor": "who" names a person, so
        when the parser hangs it on a place it refers to the person the phrase around it is about."""
        t = tok
        for _ in range(6):
            if t.head is t:
                break
            t = t.head
            m = self.ent(t.i)
            if m is not None and m.type == PERSON and m.entity not in exclude:
                return [m.entity]
            if t.pos_ in {"VERB", "AUX"}:
                return [e for e in self.clause_subject(t, exclude) if self.etype(e) == PERSON]
        return []

    def described(self, noun: Token, exclude: set[str] | None = None) -> list[str]:
        """The entities a descriptive noun is about: "a surgeon who ..." in "Leila Nasser, a surgeon who ..."."""
        found = self.np_entities(noun, 0, exclude, conj=False)
        if not found and noun.dep_ == "appos":
            found = self.np_entities(noun.head, 0, exclude, conj=False)
        return found

    def body(self, tok: Token, exclude: set[str], depth: int = 0) -> str | None:
        """The entity a role's object phrase denotes ("the faction", "Hezbollah's political council")."""
        key = ("body", tok.i)
        if key in self.resolving or len(self.resolving) > _MAX_NESTING:
            return None
        self.resolving.add(key)
        try:
            return self._body(tok, exclude, depth)
        finally:
            self.resolving.discard(key)

    def _body(self, tok: Token, exclude: set[str], depth: int) -> str | None:
        m = self.ent(tok.i)
        if m is not None:
            return m.entity if m.entity not in exclude else None
        if depth > 2:
            return None
        if tok.i in self.titles or any(c.dep_ == "appos" for c in tok.children):
            found = [e for e in self.np_entities(tok, depth + 1, exclude) if e not in exclude]
            if not found and tok.i in self.titles:  # "a member of the KNU's political wing, the KNDO"
                found = [e for e in self.adjacent_name(tok) if e not in exclude]
            if found:
                return found[0]
        if tok.lower_ in lx.PERSON_PRONOUNS | {"its"}:
            return self.refer(tok, exclude)
        for c in tok.children:
            if c.dep_ == "poss":
                pm = self.ent(c.i)
                if pm is not None and pm.type == PLACE and tok.pos_ == "NOUN":
                    # "president of Alabama's state medical association", "mayor of Israel's largest city": the
                    # body is the unnamed one the noun denotes; the place is only where it is
                    return None
                if pm is not None and pm.entity not in exclude:
                    return pm.entity
                ref = self.refer(c, exclude)
                if ref is not None:
                    return ref
        for c in tok.children:
            if c.dep_ in lx.PREMOD_DEPS and c.i < tok.i:
                cm = self.ent(c.i)
                if cm is not None and cm.entity not in exclude:
                    return cm.entity
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self.body(p, exclude, depth + 1)
        return self.refer(tok, exclude)

    # ---------------------------------------------------------------- the body of a title
    def title_object(self, m: TitleMatch, exclude: set[str]) -> tuple[str, str] | None:
        """(entity, how) for the body a title belongs to: possessor, "of/for/at" object or premodifier."""
        doc = self.doc
        span = [doc[i] for i in range(m.start, m.end)]
        h = doc[m.head]
        kin = m.sense.predicate_for(PERSON) == "family"
        owners = list(span)
        if h.dep_ in lx.PREMOD_DEPS and h.head.i > h.i:  # "Brad Pitt's ex-manager Sam Lutfi": on "ex"
            owners += [c for c in h.head.children if c.i < m.start and c.dep_ in lx.PREMOD_DEPS]
            if any(c.dep_ == "poss" and c.i < m.start for c in h.head.children):
                owners.append(h.head)  # "Barclays's chief executive Jane Doe": the possessive hung on the name
        named = self.ent(m.start)
        if named is not None and named.start == m.start and named.type == PERSON and m.end < named.end:
            # "the Spanish King Felipe VI": the name took its title in, and the adjective hangs on the name's root
            owners += [c for c in self.root(named).children if c.i < m.start and c.dep_ in lx.PREMOD_DEPS]
        for t in owners:
            for c in t.children:
                if c.dep_ == "poss":
                    c = marked_possessor(c)
                    pm = self.ent(c.i)
                    if pm is not None and pm.entity not in exclude:
                        return pm.entity, "possessive"
                    if c.lower_ == "whose":  # "Acme Mining Inc., a company whose president, X"
                        rel = next((a for a in [t, *t.ancestors] if a.dep_ == "relcl"), None)
                        found = [e for e in self.described(rel.head, exclude)] if rel is not None else []
                        if found and found[0] not in exclude:
                            return found[0], "possessive"
                        continue
                    ref = self.kin_possessor(c, m, exclude) or self.refer(c, exclude)
                    if ref is not None:
                        return ref, "possessive"
                    # "Hezbollah's executive council chief": the possessor of a premodifying noun
                    got = self.body(c, exclude, 1)
                    if got is not None:
                        return got, "possessive"
        for t in span:
            appos = [c.i for c in t.children if c.dep_ == "appos" and c.i > t.i]
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in lx.BODY_PREPS and c.i > t.i:
                    if appos and min(appos) < c.i:
                        # "an Irish Labour Party politician who served …, Minister of State at the Department
                        # of Foreign Affairs": after an apposition of the title, the parser hangs that
                        # apposition's own "at" phrase on the title
                        continue
                    for p in c.children:
                        if p.dep_ == "pobj" and kin and p.pos_ == "NOUN" and self.ent(p.i) is None \
                                and p.i not in self.titles:
                            continue  # "younger sister of Casanova's closest friend": not Casanova's sister
                        if p.dep_ == "pobj":
                            got = self.body(p, exclude)
                            if got is not None:
                                return got, "at" if c.lower_ == "at" else "prep"
                if c.dep_ == "prep" and c.lower_ in {"with", "in"} and c.i > t.i and not kin and not appos:
                    # "drummer with the band Wilco", "a reporter with Reuters", "a guitarist in the band Wilco":
                    # "with" an organisation, or "with"/"in" a kind of body named in apposition (not "in" a bare
                    # name: "a lawyer in Kabul", "the commander in Syria" are where the post is held)
                    for p in c.children:
                        if p.dep_ != "pobj":
                            continue
                        pm = self.ent(p.i)
                        if c.lower_ == "with" and pm is not None and pm.type == ORG and pm.entity not in exclude:
                            return pm.entity, "prep"
                        kinds = [a for a in p.children if a.dep_ == "appos" and a.i == p.i + 1]
                        am = self.ent(kinds[0].i) if kinds and pm is None and p.pos_ == "NOUN" else None
                        if am is not None and am.type == ORG and am.entity not in exclude:
                            return am.entity, "prep"
        premods: list[Mention] = []
        # "ANC parliamentary caucus Spokesman KK Khumalo": the parser may hang the title's own modifiers on the
        # name it premodifies, next to the title
        stack = [c for t in owners for c in ([t] if t not in span else t.children)
                 if c.i < m.start and c.dep_ in lx.PREMOD_DEPS | {"poss"}]
        while stack:
            c = stack.pop()
            cm = self.ent(c.i)
            if cm is not None:
                if cm.entity not in exclude:
                    premods.append(cm)
                continue
            if c.i in self.titles:
                continue
            stack.extend(x for x in c.children if x.i < c.i and x.dep_ in lx.PREMOD_DEPS | {"poss"})
        for want in (ORG, PERSON, PLACE):
            for pm in premods:
                if pm.type == want:
                    return pm.entity, "premodifier"
        # "BNP chief Tarique Rahman" when the parser attached the name elsewhere
        before = self.ent(m.start - 1) if m.start > 0 else None
        if before is not None and before.end == m.start and before.type == ORG and before.entity not in exclude:
            return before.entity, "premodifier"
        return None

    def adjacent_name(self, h: Token) -> list[str]:
        """ "The front's Nairobi representative, Said Omar" when the parse lost the apposition: the title's
        phrase is followed by a comma, optional ranks and then a person's name."""
        right = h.i
        for c in h.children:
            if c.dep_ == "prep" and c.i > h.i:
                right = max(right, max(t.i for t in c.subtree))
        j = right + 1
        if j >= len(self.doc) or self.doc[j].text != ",":
            return []
        j += 1
        limit = min(len(self.doc), j + 8)
        while j < limit:
            m = self.ent(j)
            if m is not None:
                r = self.root(m)
                if r.dep_ not in {"pobj", "dobj", "nsubj", "nsubjpass"}:
                    return [m.entity]
                if r.dep_ == h.dep_ == "nsubj" and r.head.i == h.head.i:
                    return [m.entity]  # "his son, Otto Bernheimer took over": one verb has no two subjects
                return []
            if self.doc[j].lower_.rstrip(".") not in self.rank_words and self.doc[j].lower_ != "the":
                return []
            j += 1
        return []

    def public_body(self, entity: str) -> bool:
        words = set(self.ctx.entity_name.get(entity, "").lower().split())
        return bool(words & lx.PUBLIC_BODY_WORDS)


def marked_possessor(poss: Token) -> Token:
    """The conjunct that carries the possessive "'s": "a meeting between el-Haddad and Pakistan's envoy" is
    parsed with el-Haddad as the possessor and Pakistan its conjunct, but the envoy is Pakistan's alone."""
    if poss.pos_ == "PRON" or any(c.dep_ == "case" for c in poss.children):
        return poss
    for conj in poss.conjuncts:
        if conj.i > poss.i and any(c.dep_ == "case" for c in conj.children):
            return conj
    return poss
