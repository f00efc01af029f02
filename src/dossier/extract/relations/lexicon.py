"""The role lexicon behind relation extraction: role words → predicate and normalised role.

The words live in ``dossier/data/relation_roles.tsv`` (one row per word, documented there and in
docs/relations.md); this module only loads them and answers three questions for the extractor:

* which token spans of a ``Doc`` are role titles ("senior spokesperson", "brother-in-law", "spokespersons"),
* which verbs relate their subject to their object ("heads", "co-founded"),
* which nouns relate a clause's subject to a prepositional object ("in alliance with").

The predicate of a role depends on the type of its object, which is how one word covers several relations:
"Pakistan's envoy" (a place) is an occupancy, "the movement's special envoy" a representation and "Hamas
representative" a membership. Matching is over tokens (lower-case text, and the lemma of a title's last word),
never over raw text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from dossier.extract.token_words import token_words
from dossier.model import EntityType
from dossier.model.vocab import Predicate

_SUBJECTS: Mapping[str, frozenset[EntityType]] = {
    "person": frozenset({EntityType.PERSON}),
    "org": frozenset({EntityType.ORGANIZATION}),
    "any": frozenset({EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE, EntityType.GROUP}),
}
_OBJECT_COLUMNS = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE)
PREDICATES = frozenset(p.value for p in Predicate)


# ---------------------------------------------------------------------------------------------------------------
# Closed word classes the extractor consults besides the role table: pronouns, prepositions, verbs of describing
# and denying, nouns that refer back to organisations or places. Small, stable and language-specific, so they
# live here as code rather than in the TSV.
REL_PRONOUNS = frozenset({"who", "whom", "which", "that"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
# Definite nouns that refer back to an organisation already named ("the group's", "the faction").
ORG_NOUNS = frozenset(
    "group movement organisation organization outfit faction party trust company firm network fund charity "
    "militia league club bank agency ministry foundation alliance coalition council committee union "
    "association federation institute exporter processor exchange conglomerate".split()
)
BODY_PREPS = frozenset({"of", "for", "at", "from", "within"})
LIST_PREPS = frozenset({"including", "like", "among"})
DENY = frozenset({"deny", "reject", "dismiss", "refute"})
DESCRIBE = frozenset(
    "describe identify name call list designate appoint elect choose consider regard see know brand label "
    "tap nominate install confirm recognise recognize portray introduce profile make".split()
)
CLAUSE_BOUNDARY = frozenset({"relcl", "acl", "advcl", "appos", "ROOT", "parataxis"})
GEO_NOUNS = frozenset(
    "region province district state city town village county department governorate division area valley "
    "municipality prefecture oblast territory neighbourhood neighborhood suburb township".split()
)
SEAT_NOUNS = frozenset({"office", "offices", "headquarters", "base", "bases", "branch", "bureau", "presence"})
# Nouns that stand for a state or organisation when it is their possessor ("Ruritania's foreign office denied").
METONYMS = frozenset(
    "government office ministry authorities administration army military embassy cabinet regime".split()
)
# Definite nouns that may refer to the nearest organisation even when no description matched ("the group").
GENERIC_ORG_NOUNS = frozenset({"group", "organisation", "organization", "outfit", "movement", "company", "firm"})
# Nouns of organisations that "the <noun>" refers back to only where the text described one so ("Bad Religion, an
# American punk band … the band's guitarist"): never the nearest organisation whatever it is. Not "team": "the NBA
# team" describes a team of the NBA, not the NBA.
DESCRIBED_ORG_NOUNS = frozenset({"band", "orchestra"})
# Names of places of learning, care and worship: never what "the group" or "the movement" refers back to ("while
# attending L.A. City College, ... Smith had joined the group" is another group).
INSTITUTION_WORDS = frozenset(
    "college university school academy conservatory seminary hospital clinic museum library church cathedral "
    "mosque temple synagogue".split()
)
# Places of learning by a word of their name, and the words of a clause about a degree taken there: "received his
# degree under Andrey Kolmogorov at Moscow State University" says Kolmogorov taught at the university.
SCHOOL_WORDS = frozenset(
    "college university school academy conservatory conservatoire institute polytechnic seminary".split()
)
STUDY_VERBS = frozenset("study train earn receive obtain complete gain get write defend pursue take".split())
DEGREE_NOUNS = frozenset(
    "degree doctorate phd ph.d. dissertation thesis diploma master masters bachelor habilitation studies".split()
)
SUPERVISION_NOUNS = frozenset({"supervision", "direction", "guidance", "tutelage", "supervisor", "mentorship"})
TEACHER_NOUNS = frozenset({"teacher", "professor", "tutor", "supervisor", "mentor", "instructor", "advisor"})
# Bodies one is admitted to as a member ("admitted to the skiing club SK Ull", "admitted to the Royal Society"), by
# a word of the name or the noun before it; not a school, a hospital or the bar (a student, a patient, a lawyer).
MEMBER_BODY_WORDS = frozenset(
    "club society association party union order guild fraternity sorority lodge league federation".split()
)
# Words that make an organisation a public body: its posts are occupancies ("a joint secretary at the Ministry
# of Finance"); the same titles in a party or an armed group are memberships.
PUBLIC_BODY_WORDS = frozenset(
    "ministry department office commission council government parliament assembly court senate cabinet "
    "agency bureau directorate authority secretariat embassy police army forces navy tribunal administration "
    "treasury municipality corporation".split()
)
PREMOD_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# Verbs by which an organisation fills or empties one of its posts: "ANC chose deputy leader Kgalema Motlanthe",
# "Chelsea sacked manager Frank Lampard" (the title before the object's name is a post of the subject).
APPOINT_VERBS = frozenset(
    "appoint name elect choose select pick nominate hire sign recruit promote install sack fire dismiss "
    "suspend oust reappoint re-elect".split()
)
# Bodies one sits or serves "on": the noun → the member's role ("X served on the management team of Y").
SEAT_BODIES = {"board": "board member", "committee": "committee member", "council": "council member",
               "panel": "panel member", "team": "member", "staff": "staff member", "faculty": "faculty member"}
# Verbs that state what their subject is, as "be" does: "went on to become the manager and then president of Y".
COPULAS = frozenset({"be", "become", "remain"})
# "X accused of financing Y", "a firm designated for moving money to Y": who is accused is the subject.
ACCUSE = frozenset(
    "accuse suspect charge blame arrest sanction designate convict indict detain investigate blacklist "
    "target punish list".split()
)
# "X channelled money to Y", "moving funds for Y": the subject finances the object (an associate link).
MONEY_VERBS = frozenset("move channel funnel route transfer send wire pass smuggle provide".split())
MONEY_NOUNS = frozenset("money fund funds cash payment payments donation donations finance".split())
# Words that mark a company's name ("Harbourview Shipping Ltd"): "the company" refers back to one of these.
COMPANY_WORDS = frozenset(
    "ltd llc inc llp plc co corp corporation holdings trading limited gmbh sa fze lda pvt bhd ag company "
    "industries enterprises".split()
)
SEAT_NAMES = frozenset(
    "embassy consulate mission office bureau branch headquarters court university hospital school college "
    "airport prison".split()
)
SEAT_VERBS = frozenset({"based", "headquartered", "registered", "incorporated"})
JOINT_ROLES = frozenset({"founder", "co-founder", "co-owner"})
# Kin titles whose holders, listed together, are siblings ("her sons A and B", "the brothers A and B").
SIBLING_TITLES = frozenset({"son", "daughter", "child", "brother", "sister", "sibling", "twin"})
# Kin titles of a child toward the people it is "of" ("the son of A and B": A and B are its parents).
CHILD_TITLES = frozenset({"son", "daughter", "child"})
# Kin titles of a spouse ("the son of A and his wife B": B is a parent too).
SPOUSE_TITLES = frozenset({"wife", "husband", "spouse"})
# Kin titles that give their holder's gender ("his wife Mary": Mary is "she", not "he").
MALE_KIN = frozenset(
    "brother son father husband widower nephew uncle grandson grandfather stepson stepfather fiancé ex-husband "
    "grandnephew great-grandson great-grandfather boyfriend stepbrother half-brother brother-in-law son-in-law "
    "father-in-law".split())
FEMALE_KIN = frozenset(
    "sister daughter mother wife widow niece aunt granddaughter grandmother stepmother fiancée ex-wife grandniece "
    "great-granddaughter great-grandmother girlfriend stepdaughter half-sister sister-in-law daughter-in-law "
    "mother-in-law".split())
ROLE_PREFIXES = frozenset({"deputy", "vice", "acting", "assistant", "interim", "joint", "co"})

# Titles that hold a country's office only when the country is all that qualifies them: "Soviet leader Leonid
# Brezhnev", "Iran's supreme leader" lead their country, "Syrian rebel leader X" and "the Kashmiri separatist
# leader X" do not (docs/relations.md, "Country adjectives before a title").
BARE_PLACE_TITLES = frozenset({"leader"})
# the words that may stand between such a country and its title: none says whom the holder leads
BARE_TITLE_FILLERS = frozenset({"'s", "'", "supreme", "former", "late", "then", "top", "paramount", "longtime"})


@dataclass(frozen=True, slots=True)
class RoleSense:
    """One row of the lexicon."""

    kind: str  # "title" | "verb" | "link"
    words: tuple[str, ...]
    role: str | None
    subject: frozenset[EntityType]
    predicates: tuple[tuple[EntityType, str], ...]  # object type → predicate

    def predicate_for(self, object_type: EntityType) -> str | None:
        for etype, predicate in self.predicates:
            if etype == object_type:
                return predicate
        return None


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A role title found in a doc: tokens ``start:end``, whose syntactic head is ``head``."""

    start: int
    end: int
    head: int
    sense: RoleSense


@dataclass(frozen=True, slots=True)
class Lexicon:
    titles: Mapping[str, tuple[RoleSense, ...]]  # first word → senses, longest phrase first
    verbs: Mapping[tuple[str, ...], RoleSense]
    links: Mapping[str, RoleSense]
    max_verb_words: int


def parse_lexicon(text: str) -> Lexicon:
    """Parse the TSV text (see the file's header for the columns); raises ``ValueError`` on a bad row."""
    titles: dict[str, list[RoleSense]] = {}
    verbs: dict[tuple[str, ...], RoleSense] = {}
    links: dict[str, RoleSense] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 7 or cols[0] not in {"title", "verb", "link"} or cols[3] not in _SUBJECTS:
            raise ValueError(f"relation_roles.tsv line {n}: expected 7 tab-separated columns, got {line!r}")
        kind, phrase, role, subject = cols[:4]
        predicates = []
        for etype, predicate in zip(_OBJECT_COLUMNS, cols[4:], strict=True):
            if predicate == "-":
                continue
            if predicate.rstrip("?") not in PREDICATES:
                raise ValueError(f"relation_roles.tsv line {n}: unknown predicate {predicate!r}")
            predicates.append((etype, predicate))
        words = tuple(phrase.lower().split())
        sense = RoleSense(kind, words, None if role == "-" else role, _SUBJECTS[subject], tuple(predicates))
        if kind == "title":
            titles.setdefault(words[0], []).append(sense)
        elif kind == "verb":
            verbs[words] = sense
        else:
            links[words[-1]] = sense
    return Lexicon(
        titles={k: tuple(sorted(v, key=lambda s: -len(s.words))) for k, v in titles.items()},
        verbs=verbs,
        links=links,
        max_verb_words=max((len(w) for w in verbs), default=1),
    )


@cache
def lexicon() -> Lexicon:
    """The packaged lexicon (loaded once per process)."""
    text = resources.files("dossier.data").joinpath("relation_roles.tsv").read_text(encoding="utf-8")
    return parse_lexicon(text)


def _word_matches(tok: Token, word: str, last: bool) -> bool:
    if tok.lower_ == word:
        return True
    if not last:
        return False
    lemma = tok.lemma_.lower()
    return lemma == word or (tok.tag_ in {"NNS", "NNPS"} and tok.lower_ in {word + "s", word + "es"})


def find_titles(doc: Doc, lex: Lexicon | None = None) -> dict[int, TitleMatch]:
    """Role titles in ``doc``, keyed by the token index of each title's syntactic head.

    Longest match wins at each position and matches do not overlap ("deputy prime minister" is one title).
    A title inside a named entity ("the Ministry of Defence") is not a role; a capitalised title before a
    name ("Minister Tanvir Haque") is.
    """
    lex = lex or lexicon()
    out: dict[int, TitleMatch] = {}
    i, n = 0, len(doc)
    table = token_words(doc)
    while i < n:
        if table.lower[i] not in lex.titles and table.lemma[i] not in lex.titles:
            i += 1  # no title starts with this word (by its form or its lemma)
            continue
        tok = doc[i]
        senses = lex.titles.get(tok.lower_, ())
        if not senses and tok.tag_ in {"NNS", "NNPS"}:
            senses = lex.titles.get(tok.lemma_.lower(), ())
        found: TitleMatch | None = None
        for sense in senses:
            k = len(sense.words)
            if i + k > n:
                continue
            if all(_word_matches(doc[i + j], sense.words[j], j == k - 1) for j in range(k)):
                span = doc[i:i + k]
                if any(t.ent_type_ in {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW"} for t in span):
                    continue
                if span[-1].pos_ not in {"NOUN", "PROPN"} and span.root.pos_ not in {"NOUN", "PROPN"} and not (
                        i + k < n and doc[i + k].ent_type_ == "PERSON"):  # "BNP chief Tarique Rahman"
                    continue
                found = TitleMatch(i, i + k, span.root.i, _public_prosecutor(doc, i, sense, lex))
                break
        if found is None:
            i += 1
            continue
        out[found.head] = found
        i = found.end
    return out


# The words before "attorney" that make it a public prosecutor's post: "the State Attorney for the Ninth Circuit",
# "an Assistant State's attorney in Cook County" (whose name tagger took "State" for an organisation).
_PUBLIC_ATTORNEY = frozenset({"state", "district", "county", "city", "crown", "u.s.", "states"})


def _public_prosecutor(doc: Doc, i: int, sense: RoleSense, lex: Lexicon) -> RoleSense:
    """A lawyer's title after a public jurisdiction word names a prosecutor's post, not a client's counsel."""
    if sense.role != "lawyer" or i == 0:
        return sense
    j = i - 2 if doc[i - 1].lower_ in {"'s", "’s"} and i >= 2 else i - 1
    if doc[j].lower_ not in _PUBLIC_ATTORNEY:
        return sense
    return next((s for s in lex.titles.get("prosecutor", ()) if s.words == ("prosecutor",)), sense)


def verb_sense(tok: Token, lex: Lexicon | None = None) -> RoleSense | None:
    """The sense of a verb token, looking back over a split prefix ("co", "-", "founded")."""
    lex = lex or lexicon()
    if tok.pos_ not in {"VERB", "AUX"} and tok.tag_ not in {"VBD", "VBN", "VBZ", "VBG", "VBP", "VB"}:
        return None
    table = token_words(tok.doc)
    lemma = table.lemma[tok.i]
    for k in range(lex.max_verb_words, 1, -1):
        start = tok.i - k + 1
        if start < 0:
            continue
        words = (*table.lower[start:tok.i], lemma)
        sense = lex.verbs.get(words)
        if sense is not None:
            return sense
    return lex.verbs.get((lemma,))


def link_sense(tok: Token, lex: Lexicon | None = None) -> RoleSense | None:
    lex = lex or lexicon()
    if tok.pos_ != "NOUN":
        return None
    return lex.links.get(tok.lemma_.lower()) or lex.links.get(tok.lower_)
