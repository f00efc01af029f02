"""What the resolver knows about one local entity: its name forms and its context, as plain data.

A profile is a pure function of one document's extraction (its local entities, mentions and relations), so the
score of a pair depends on the two documents involved and on nothing else in the store. That is what makes
resolving document by document give the same links as resolving everything at once (docs/resolution.md).

Name forms
    ``key``      name_key of the cleaned name: titles ("Maulana", "Lt Gen"), dots ("U.S."), legal suffixes of
                 organisations ("Ltd", "S.A."), generic words of places ("province") and plural "s" of groups
                 removed.
    ``tokens``   the key's tokens without transliteration particles (al, el, ul, -e-, bin, abu) and English
                 function words (of, the, and, for).
    ``skels``    each token's transliteration skeleton (``skeleton_key``: Mohammed/Muhammad → mhmd).
    ``acronyms`` upper-cased acronyms the document gives the entity (aliases such as "JuB"), or its name when
                 the name is itself an acronym.
    ``initials`` initials of an organisation's or place's name, with and without particles
                 ("Jamaat-ul-Burhan" → JUB, JB; "United States" → US).
    ``legal``    the legal form an organisation's name gives ("ltd", "fze").
Context
    ``affil``    one key set per entity the document relates this one to (membership, leadership, family, …),
                 ``roles`` the roles of those relations.
    ``places``   towns in the same sentences or related by a relation (geonameid where known; countries and
                 regions only count through ``countries``).
    The co-mentioned people and organisations are not stored per entity: they are the other profiles of the
    same document (``compare.DocContext``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dossier.model import stable_id
from dossier.model.canonical import strip_titles
from dossier.model.names import is_acronym, name_key, skeleton_key
from dossier.model.resolution import LocalRow, RelationRow

AGENT = "P"  # people and organisations: the extractor confuses the two, so they are blocked and compared together
PLACE = "L"
GROUP = "G"
CLASS_OF_TYPE = {"person": AGENT, "organization": AGENT, "place": PLACE, "group": GROUP}

# transliteration particles ("us", "as", "an", "at" are left out: "US Treasury" is not "Treasury")
PARTICLES = frozenset("al el ul ud ur ad ash ibn bin bint abu e i".split())
FUNCTION_WORDS = frozenset("of the and for in on at de du des la le".split())
LEGAL_SUFFIXES = frozenset(
    "ltd limited llp llc inc incorporated plc sa s a gmbh ag fze fzco fzc fz co corp corporation pvt pte bv nv srl "
    "spa sas sarl pjsc jsc ojsc".split()
)
PLACE_GENERIC = frozenset("province district city region state division governorate tehsil county".split())
_DOTS = re.compile(r"\.(?=\S)|\.$")
_RETD = re.compile(r"\(\s*(?:retd|ret|retired)\.?\s*\)", re.IGNORECASE)


def legal_form(name: str) -> str:
    """The legal suffixes of an organisation's name, normalised ("Qamar Crest FZE" → "fze"), or ""."""
    tokens = name_key(_DOTS.sub("", name)).split()
    out: list[str] = []
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        out.insert(0, tokens.pop())
    return " ".join(out)


def clean_key(name: str, cls: str) -> str:
    """The comparison key of a name (see the module docstring)."""
    text = _RETD.sub(" ", name)
    text = _DOTS.sub("", text)  # "U.S." → "US", "S.A." → "SA"
    tokens = name_key(text).split()
    if cls == AGENT:
        tokens = strip_titles(tokens)
        while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
            tokens = tokens[:-1]
    elif cls == PLACE:
        while len(tokens) > 1 and tokens[-1] in PLACE_GENERIC:
            tokens = tokens[:-1]
    elif cls == GROUP and tokens:
        last = tokens[-1]
        if len(last) > 4 and last.endswith("s") and not last.endswith("ss"):
            tokens = [*tokens[:-1], last[:-1]]
    return " ".join(tokens)


def core_tokens(key: str) -> list[str]:
    toks = [t for t in key.split() if t not in PARTICLES and t not in FUNCTION_WORDS]
    return toks or key.split()


def initials(key: str) -> list[str]:
    """Initialisms an organisation name could go by: with and without particles, function words skipped."""
    words = [t for t in key.split() if t not in FUNCTION_WORDS]
    if len(words) < 2:
        return []
    full = "".join(w[0] for w in words).upper()
    core = "".join(w[0] for w in words if w not in PARTICLES).upper()
    return sorted({full, core} - {""})


def exact_id(type_: str, name: str) -> str:
    """The exact-key id of the original resolver: type + name_key. Singletons keep it as their canonical id."""
    return stable_id("ent", type_, name_key(name))


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    document: str
    type: str
    cls: str
    name: str
    exact_id: str
    key: str
    tokens: tuple[str, ...]
    skels: tuple[str, ...]
    acronyms: frozenset[str]
    initials: frozenset[str]
    acronym_only: bool
    refs: tuple[tuple[str, str], ...]  # (kind, id): ("geonameid", "1168197"), ("ofac", "1234")
    alias_keys: frozenset[str]  # skeletons of the document's other surface forms ("Tarakai", "Al-Haddad")
    affil: tuple[frozenset[str], ...]
    roles: frozenset[str]
    places: frozenset[str]
    countries: frozenset[str]
    legal: str  # legal form of an organisation's name ("ltd", "fze"), or ""
    # derived, for speed: the joined skeleton, the key without spaces, one token or not, the context keys
    skel: str = field(init=False)
    joined: str = field(init=False)
    single: bool = field(init=False)
    own: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        skel = "".join(self.skels)
        object.__setattr__(self, "skel", skel)
        object.__setattr__(self, "joined", self.key.replace(" ", ""))
        object.__setattr__(self, "single", len(self.tokens) == 1)
        object.__setattr__(self, "own", frozenset(
            {f"s:{skel}", *(f"s:{k}" for k in self.alias_keys), *(f"a:{a}" for a in self.acronyms)}))

    def own_keys(self) -> frozenset[str]:
        """How a mention of this entity is recognised in another report's context: full-name skeleton, alias
        skeletons, acronyms (and so what is not counted as shared context when this entity is compared)."""
        return self.own

    def to_json(self) -> str:
        return json.dumps(
            [self.type, self.name, self.key, sorted(self.acronyms), sorted(self.initials), self.acronym_only,
             [list(r) for r in self.refs], sorted(self.alias_keys), [sorted(a) for a in self.affil],
             sorted(self.roles), sorted(self.places), sorted(self.countries), self.legal],
            ensure_ascii=False, separators=(",", ":"),
        )

    @staticmethod
    def from_json(id_: str, document: str, exact: str, text: str) -> Profile:
        (type_, name, key, acronyms, inits, acronym_only, refs, alias_keys, affil, roles, places,
         countries, legal) = json.loads(text)
        tokens = tuple(core_tokens(key))
        skels = tuple(token_skeleton(t) for t in tokens)
        return Profile(
            id=id_, document=document, type=type_, cls=CLASS_OF_TYPE.get(type_, AGENT), name=name, exact_id=exact,
            key=key, tokens=tokens, skels=skels, acronyms=frozenset(acronyms),
            initials=frozenset(inits), acronym_only=bool(acronym_only), refs=tuple((k, v) for k, v in refs),
            alias_keys=frozenset(alias_keys), affil=tuple(frozenset(a) for a in affil), roles=frozenset(roles),
            places=frozenset(places), countries=frozenset(countries), legal=legal,
        )


def token_skeleton(token: str) -> str:
    return skeleton_key(token).replace(" ", "") or token


def build_profiles(entities: Sequence[LocalRow], mention_sentences: Iterable[tuple[str, int]],
                   relations: Iterable[RelationRow]) -> list[Profile]:
    """Profiles of one document's local entities, from its local entities, (entity, sentence) pairs and
    relations. Pure: the same document always gives the same profiles."""
    by_id = {e.id: e for e in entities}
    keys: dict[str, str] = {}
    cls_of: dict[str, str] = {}
    for e in entities:
        cls_of[e.id] = CLASS_OF_TYPE.get(e.type, AGENT)
        keys[e.id] = clean_key(e.name, cls_of[e.id])
    sentences: dict[str, set[int]] = {}
    in_sentence: dict[int, set[str]] = {}
    for ent, sent in mention_sentences:
        sentences.setdefault(ent, set()).add(sent)
        in_sentence.setdefault(sent, set()).add(ent)

    def place_key(pid: str) -> str:
        gid = by_id[pid].attributes.get("geonameid")
        return f"g:{gid}" if gid else f"n:{keys[pid]}"

    def ref_keys(eid: str) -> frozenset[str]:
        e = by_id[eid]
        out = {f"s:{token_skeleton_joined(keys[eid])}"}
        if cls_of[eid] == AGENT:
            out.update(f"a:{a}" for a in _acronyms(e))
        return frozenset(out)

    broad_of: dict[str, bool] = {}  # a place is looked up once per document, not once per entity near it

    def broad(pid: str) -> bool:
        if pid not in broad_of:
            broad_of[pid] = is_broad_place(by_id[pid].attributes)
        return broad_of[pid]

    affil: dict[str, list[frozenset[str]]] = {}
    roles: dict[str, set[str]] = {}
    rel_places: dict[str, set[str]] = {}
    for r in relations:
        if r.subject not in by_id or r.object not in by_id:
            continue
        for me, other in ((r.subject, r.object), (r.object, r.subject)):
            if cls_of[other] == PLACE:
                rel_places.setdefault(me, set()).add(other)
            elif cls_of[other] == AGENT and r.predicate != "located_in":
                affil.setdefault(me, []).append(ref_keys(other))
                if r.role and me == r.subject:
                    roles.setdefault(me, set()).add(name_key(r.role))

    out: list[Profile] = []
    for e in entities:
        cls = cls_of[e.id]
        key = keys[e.id]
        tokens = tuple(core_tokens(key))
        acronym_only = is_acronym(e.name.replace(" ", "")) and len(key.split()) == 1
        if cls == PLACE:  # "US", "UAE"; not an all-capital dateline ("KABUL") or a place the gazetteer knows
            acronym_only = acronym_only and len(key) <= 4 and "geonameid" not in e.attributes
        elif cls != AGENT:
            acronym_only = False
        acr = _acronyms(e) if cls == AGENT else ({key.upper()} if acronym_only else set())
        refs: list[tuple[str, str]] = []
        if gid := e.attributes.get("geonameid"):
            refs.append(("geonameid", gid))
        if oid := e.attributes.get("ofac_id"):
            refs.append(("ofac", oid))
        if cls == PLACE and (division := admin1_ref(e.attributes)):
            refs.append(("admin1", division))
        alias_keys = frozenset(
            token_skeleton_joined(clean_key(a, cls)) for a in e.aliases if not is_acronym(a.replace(".", ""))
        ) - {""}
        place_ids: set[str] = set(rel_places.get(e.id, ()))
        if cls != PLACE:
            for s in sentences.get(e.id, ()):
                place_ids.update(o for o in in_sentence.get(s, ()) if cls_of.get(o) == PLACE and o != e.id)
        places = frozenset(place_key(p) for p in place_ids if not broad(p))
        countries = frozenset(c for p in place_ids if (c := by_id[p].attributes.get("country")))
        skels = tuple(token_skeleton(t) for t in tokens)
        out.append(Profile(
            id=e.id, document=e.document, type=e.type, cls=cls, name=e.name, exact_id=exact_id(e.type, e.name),
            key=key, tokens=tokens, skels=skels, acronyms=frozenset(acr),
            initials=frozenset(initials(key)) if cls in (AGENT, PLACE) else frozenset(), acronym_only=acronym_only,
            refs=tuple(refs), alias_keys=alias_keys, affil=tuple(sorted(set(affil.get(e.id, ())), key=sorted)),
            roles=frozenset(roles.get(e.id, ())), places=places, countries=countries,
            legal=legal_form(e.name) if cls == AGENT else "",
        ))
    return out


def admin1_ref(attributes: dict[str, str]) -> str | None:
    """"US:michigan" for a place that *is* a first-level division ("Michigan", "Mich.": precision admin1), so
    that an abbreviation and the name it stands for are one place across reports; None for anything else."""
    if attributes.get("precision") != "admin1" or not (name := attributes.get("admin1")):
        return None
    country = attributes.get("country")
    return f"{country}:{name_key(name)}" if country else None


def is_broad_place(attributes: dict[str, str]) -> bool:
    """Countries and regions: sharing one says little about who a person is ("Pakistan" is everywhere)."""
    from dossier.model.reference import lookup_place

    gid = attributes.get("geonameid", "")
    if gid.startswith("region:"):
        return True
    name = attributes.get("gazetteer_name")
    if not name:
        return False
    place = lookup_place(name, allow_common_words=True)
    return place is not None and place.geonameid == gid and place.kind == "country"


def token_skeleton_joined(key: str) -> str:
    return "".join(token_skeleton(t) for t in core_tokens(key)) if key else ""


def _acronyms(e: LocalRow) -> set[str]:
    forms = [e.name, *e.aliases]
    return {f.replace(".", "").upper() for f in forms if is_acronym(f.replace(" ", ""))}
