"""Comparison functions: each looks at one aspect of two profiles and returns a *level* (a short word).

Small and pure, in the manner of nomenklatura's ``matching/compare``: no weights here (those live in
``scoring``), no store, no global state, so each can be unit-tested on its own and a decision can be explained
level by level. Every function is symmetric: ``f(a, b) == f(b, a)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import JaroWinkler, Levenshtein

from dossier.model.names import name_key
from dossier.model.reference import org_heads
from dossier.resolve.profile import AGENT, PLACE, Profile

NA = "n/a"

# thresholds of the fuzzy name level (see docs/resolution.md)
TRANSLIT_LEVENSHTEIN = 0.6
TOKEN_JARO_WINKLER = 0.85
JOINED_LEVENSHTEIN = 0.88
MIN_FUZZY_LENGTH = 6


def weak_name(p: Profile) -> bool:
    """A name that cannot identify its entity alone: a person's or organisation's one-token name ("Azhar",
    "Harakat"), or an acronym ("OFAC", "US"). Links through such names are accepted only when unambiguous (see
    ``cluster``)."""
    return p.acronym_only or (p.cls == AGENT and p.single)


def compare_name(a: Profile, b: Profile) -> str:
    """exact | translit | fuzzy | subset | partial | single | acronym | mismatch.

    * ``exact``: same cleaned key (case, accents, punctuation, titles, legal suffixes ignored).
    * ``translit``: same transliteration skeleton (Mohammed/Muhammad, Yousef/Yusuf, al-/el-) with close
      spellings (not Mahmoud/Muhammad), or the same letters once spaces are removed (Inam Ullah/Inamullah).
    * ``fuzzy``: same number of name tokens, each pair close (Jaro–Winkler), or the joined names close
      (Levenshtein): Muaviya/Muawiya, Khorasani/Khurasani.
    * ``subset``: every token of the shorter (≥ 2 tokens) name is in the longer one and the first or the last
      token agrees: Zubair Gondal / Zubair Ahmed Gondal. For organisations the shorter name must be the head
      or the tail of the longer one (US Treasury / US Treasury Department, Foreign Office / Pakistani Foreign
      Office).
    * ``partial``: a one-token name that is a token of the other's multi-token name: Siddiqi / Qasim Raza
      Siddiqui, Sumud / Harakat al-Sumud al-Watani.
      For organisations a shared word is no evidence. The shorter name must open the longer one (a company's
      short name drops trailing words: "Qamar Crest" / "Qamar Crest General Trading"), or the longer name's
      other words must be organisation words — all of them for a subset ("US Treasury" / "US Treasury
      Department"), one for a partial name ("Sumud" / "Harakat al-Sumud al-Watani"). Not "Air Force" / "UAE
      Air Force" (one generic short name would chain every air force of a corpus into one entity), "Airbus" /
      "First Airbus A380" of a headline, nor "China" / "Air China".
    * ``single``: two one-token person names that agree exactly or by skeleton (surnames only: weak).
    * ``acronym``: one side is only an acronym; the name says nothing, ``compare_acronym`` decides.
    """
    if a.acronym_only or b.acronym_only:
        return "acronym"
    single_person = a.single and b.single and "person" in (a.type, b.type) and a.cls == AGENT
    if a.key == b.key:
        return "single" if single_person else "exact"
    if a.joined == b.joined or (a.skel == b.skel and _spelling_close(a, b)):
        return "single" if single_person else "translit"
    if a.single != b.single:
        one, many = (a, b) if a.single else (b, a)
        if one.skels[0] not in many.skels:
            return "mismatch"
        organisation = "organization" in (a.type, b.type)
        return "partial" if not organisation or _prefix(many, one) or _org_words_around(many, one) \
            else "mismatch"
    if _fuzzy(a, b):
        return "mismatch" if single_person else "fuzzy"
    organisation = "organization" in (a.type, b.type)
    if not a.single and not b.single and _subset(a, b, contiguous=organisation) \
            and (not organisation or _prefix(*_long_short(a, b)) or _only_org_words(*_long_short(a, b))):
        return "subset"
    return "mismatch"


@cache
def _org_words() -> frozenset[str]:
    return frozenset(name_key(w) for w in org_heads())


def _only_org_words(long_: Profile, short: Profile) -> bool:
    """The words of ``long_`` that ``short`` lacks are all organisation words (Movement, Department, Airlines)."""
    extra = [t for t, k in zip(long_.tokens, long_.skels, strict=True) if k not in short.skels]
    return all(t in _org_words() for t in extra)


def _long_short(a: Profile, b: Profile) -> tuple[Profile, Profile]:
    return (b, a) if len(a.skels) <= len(b.skels) else (a, b)


def _prefix(long_: Profile, short: Profile) -> bool:
    """``short`` opens ``long_``: a company's short name drops its trailing words ("Nilkantha" / "Nilkantha
    Maritime Ltd"); words put *in front* of a name make another one ("UAE Air Force", "Air China")."""
    return long_.skels[:len(short.skels)] == short.skels


def _org_words_around(long_: Profile, short: Profile) -> bool:
    """Some word of ``long_`` that ``short`` lacks is an organisation word: "Sumud" / "Harakat al-Sumud
    al-Watani" (a movement named after it), not "Airbus" / "First Airbus A380" or "China" / "Air China"."""
    extra = [t for t, k in zip(long_.tokens, long_.skels, strict=True) if k not in short.skels]
    return any(t in _org_words() for t in extra)


def _spelling_close(a: Profile, b: Profile) -> bool:
    """A skeleton match is only a transliteration when the spellings are also close, token by token: the
    skeleton folds Mahmoud and Muhammad together (both "mhmd"), which are different names."""
    if len(a.tokens) == len(b.tokens):
        return all(Levenshtein.normalized_similarity(x, y) >= TRANSLIT_LEVENSHTEIN
                   for x, y in zip(a.tokens, b.tokens, strict=True))
    return Levenshtein.normalized_similarity(a.joined, b.joined) >= TRANSLIT_LEVENSHTEIN


def _fuzzy(a: Profile, b: Profile) -> bool:
    if len(a.tokens) == len(b.tokens):
        return all(
            JaroWinkler.normalized_similarity(ta, tb) >= TOKEN_JARO_WINKLER
            or (sa == sb and Levenshtein.normalized_similarity(ta, tb) >= TRANSLIT_LEVENSHTEIN)
            for ta, tb, sa, sb in zip(a.tokens, b.tokens, a.skels, b.skels, strict=True)
        ) and (a.single or a.skels[-1][:1] == b.skels[-1][:1])
    ja, jb = a.joined, b.joined
    if min(len(ja), len(jb)) < MIN_FUZZY_LENGTH:
        return False
    return Levenshtein.normalized_similarity(ja, jb) >= JOINED_LEVENSHTEIN


def _subset(a: Profile, b: Profile, contiguous: bool) -> bool:
    short, long_ = (a, b) if len(a.skels) <= len(b.skels) else (b, a)
    if len(short.skels) < 2 or len(short.skels) == len(long_.skels):
        return False
    if contiguous:  # organisations drop a head or a tail ("Pakistani", "Council"), not a word in the middle
        n = len(short.skels)
        return long_.skels[:n] == short.skels or long_.skels[-n:] == short.skels
    if not set(short.skels) <= set(long_.skels):
        return False
    have = Counter(long_.skels)
    need = Counter(short.skels)
    if any(have[s] < n for s, n in need.items()):
        return False
    return short.skels[0] == long_.skels[0] or short.skels[-1] == long_.skels[-1]


def compare_type(a: Profile, b: Profile) -> str:
    """same | confusable (person vs organisation: the extractor mixes them up) | incompatible."""
    if a.type == b.type:
        return "same"
    if a.cls == b.cls == AGENT:
        return "confusable"
    return "incompatible"


def compare_reference(a: Profile, b: Profile) -> str:
    """same | different | n/a: reference ids (GeoNames id of a place, OFAC id of a sanctioned organisation)."""
    if not a.refs or not b.refs:  # most entities have none: no dicts to build
        return NA
    ra, rb = dict(a.refs), dict(b.refs)
    shared = ra.keys() & rb.keys()
    if not shared:
        return NA
    return "same" if any(ra[k] == rb[k] for k in shared) else "different"


def compare_acronym(a: Profile, b: Profile) -> str:
    """shared | initials | different | n/a.

    ``shared``: both carry the same acronym (HSW and HSW). ``initials``: one is only an acronym and it spells the
    other's initials (OFAC / Office of Foreign Assets Control). ``different``: both carry acronyms, none shared.
    """
    if a.cls != b.cls or a.cls not in (AGENT, PLACE):
        return NA
    if a.acronyms & b.acronyms:
        return "shared"
    if (a.acronym_only and a.acronyms & b.initials) or (b.acronym_only and b.acronyms & a.initials):
        return "initials"
    if a.acronyms and b.acronyms:
        return "different"
    return NA


@dataclass(frozen=True, slots=True)
class DocContext:
    """The people and organisations one report names: each one's context keys (``Profile.own``), and their
    union."""

    entries: tuple[tuple[str, frozenset[str]], ...]
    union: frozenset[str]

    @staticmethod
    def of(profiles: Iterable[Profile]) -> DocContext:
        entries = tuple((p.id, p.own) for p in profiles if p.cls == AGENT)
        return DocContext(entries, frozenset().union(*(k for _, k in entries)))


NO_CONTEXT = DocContext((), frozenset())


def shared_comentions(a: Profile, b: Profile, ctx_a: DocContext, ctx_b: DocContext) -> int:
    """How many distinct people/organisations both reports name besides the two compared (the smaller count of
    the two directions, so it is symmetric). Keys naming ``a`` or ``b`` themselves do not count."""
    common = ctx_a.union & ctx_b.union
    if not common:
        return 0
    common = common - a.own - b.own
    if not common:
        return 0
    n_ab = sum(1 for i, k in ctx_a.entries if i != a.id and not k.isdisjoint(common))
    n_ba = sum(1 for i, k in ctx_b.entries if i != b.id and not k.isdisjoint(common))
    return min(n_ab, n_ba)


def compare_comention(a: Profile, b: Profile, ctx_a: DocContext, ctx_b: DocContext) -> str:
    """strong (≥ 2 shared co-mentioned people/organisations) | some (1) | none (0, while both reports name at
    least 3 others) | n/a (same report, or too little context to say)."""
    if a.document == b.document:
        return NA
    n = shared_comentions(a, b, ctx_a, ctx_b)
    if n >= 2:
        return "strong"
    if n == 1:
        return "some"
    others_a = len(ctx_a.entries) - (a.cls == AGENT)
    others_b = len(ctx_b.entries) - (b.cls == AGENT)
    return "none" if others_a >= 3 and others_b >= 3 else NA


def compare_affiliation(a: Profile, b: Profile) -> str:
    """shared | shared-role | conflict | n/a: the organisations and people each is related to in its own report
    (member of, leader of, envoy of, brother of …) and the roles of those relations."""
    if a.document == b.document or not a.affil or not b.affil:
        return NA
    own = a.own_keys() | b.own_keys()
    for x in a.affil:
        for y in b.affil:
            if (x - own) & (y - own):
                return "shared"
    if a.roles & b.roles:
        return "shared-role"
    return "conflict"


def compare_place(a: Profile, b: Profile) -> str:
    """shared-place | same-country | different-country | n/a: places named in the same sentences as the entity or
    related to it (countries and regions count only through ``countries``)."""
    if a.document == b.document or a.cls == PLACE or b.cls == PLACE:
        return NA
    if a.places & b.places:
        return "shared-place"
    if a.countries and b.countries:
        return "same-country" if a.countries & b.countries else "different-country"
    return NA


def compare_legal(a: Profile, b: Profile) -> str:
    """same | different | n/a: the legal form the names gave (Ltd, LLC, S.A., FZE), when both gave one."""
    if not a.legal or not b.legal:
        return NA
    return "same" if a.legal == b.legal else "different"


def compare_document(a: Profile, b: Profile) -> str:
    """same | n/a: two local entities of one report were kept apart by the extractor, which is evidence."""
    return "same" if a.document == b.document else NA
