"""A learned second source of relations: a linear classifier over pairs of entities named in one sentence.

The rules (``relations.finder``) read the constructions they know; what they miss is mostly varied wording
("X was drafted by the Y", "A, the brother of B's wife", "the village lies on the river Z in the district of
W"). This module scores every ordered pair of entity mentions of one sentence whose types allow a relation with
a multinomial logistic regression over features of the spaCy parse — the entity types, the words between the
two names, the dependency path joining them, the words just around them — into one of four relation groups
(family, affiliation, part_of, located_in) or none. A pair whose probability clears the group's threshold, and
that no rule has already related, becomes a candidate with ``pattern = "model"`` (stored as ``extractor =
relations/model``): its evidence is the sentence, like any other relation's.

The weights (``data/relation_model.json.gz``) are trained by ``make relation-model``
(``bench/train_relation_model.py``) on half ``a`` of Re-DocRED dev only; see docs/relations.md. Scoring is a
sum of weights per class in a fixed order, so the result is deterministic. Nothing is trained or downloaded at
run time; without the weights file the extractor runs on its rules alone.
"""

from __future__ import annotations

import gzip
import json
import math
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from dossier.extract.relations.candidates import Candidates
from dossier.extract.relations.located import LocatedFinder
from dossier.extract.relations.references import PERSON, Mention, ReferenceResolver
from dossier.model import EntityType
from dossier.model.containment import known_inside
from dossier.model.names import name_key
from dossier.model.reference import Place, exact_place

MODEL_FILE = "relation_model.json.gz"
GROUPS = ("none", "family", "affiliation", "part_of", "located_in")
MAX_GAP = 40  # tokens between two mentions of a pair: farther apart, a sentence rarely states a tie
_PLACE, _ORG = EntityType.PLACE, EntityType.ORGANIZATION
_TAG = {PERSON: "PER", _ORG: "ORG", _PLACE: "LOC", EntityType.GROUP: "GRP"}
# (group, subject type, object type) → the dossier predicate it is stated as (docs/relations.md, vocabulary)
PREDICATE: dict[tuple[str, EntityType, EntityType], str] = {
    ("family", PERSON, PERSON): "family",
    ("affiliation", PERSON, _ORG): "membership",
    ("affiliation", PERSON, _PLACE): "occupancy",
    ("part_of", _ORG, _ORG): "part_of",
    ("located_in", _ORG, _PLACE): "located_in",
    ("located_in", _PLACE, _PLACE): "located_in",
}
ROLE = {"family": "relative"}
# Thresholds are per group, and located_in has two: an organisation's seat is much less often what a sentence
# naming both states than one place in another (cross-validated on half a: 0.55 against 0.83 precise at 0.6)
ORG_LOCATED = "located_in/organisation"
THRESHOLD_KEYS = (*GROUPS[1:], ORG_LOCATED)
PAIR_TYPES = frozenset((s, o) for _, s, o in PREDICATE)
# "the special representative of the World Food Programme in Yemen", "Hamas in Gaza": in news an organisation
# followed by "in" a place names its branch there or where it acts, not where it lies; the rules leave it too
VETO = frozenset({"seq:ORG>LOC:so:in"})
# "The U.S. Treasury imposed sanctions on ... a network of firms in the United Arab Emirates": nine arcs apart,
# the place belongs to something else the sentence names
MAX_ARCS = 8
# Two places: Wikipedia's and the gazetteer's chains ("a town in the far northeastern part of the Province of
# Rieti in the Lazio region of central Italy") run longer, and no third party owns the place
MAX_ARCS_PLACES = 12
_MAX_PATH = 8  # dependency arcs on a path worth a feature of its own


@dataclass(frozen=True, slots=True)
class Instance:
    """One ordered pair of mentions in a sentence and the features the classifier reads."""

    subject: Mention
    object: Mention
    anchor: int  # the token joining the two in the parse (their lowest common ancestor)
    features: tuple[str, ...]
    arcs: int  # dependency arcs between the two names: beyond MAX_ARCS the sentence hardly joins them
    nests: bool = True  # False where the object cannot contain the subject (gazetteer, abbreviation, a list)


@dataclass(frozen=True, slots=True)
class RelationModel:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    thresholds: dict[str, float]

    def probabilities(self, features: tuple[str, ...]) -> list[float]:
        """Softmax over the classes of the summed weights of the features present (unknown ones add nothing)."""
        rows = [w for f in features if (w := self.weights.get(f)) is not None]
        if not rows:
            z = list(self.bias)
        else:  # one column per class, summed in C: the scoring is most of the step's cost
            z = [b + sum(col) for b, col in zip(self.bias, zip(*rows, strict=True), strict=True)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]


def parse_model(data: dict[str, object]) -> RelationModel:
    """The model from its JSON form (``bench/train_relation_model.py`` writes it)."""
    classes = tuple(str(c) for c in data["classes"])  # type: ignore[attr-defined]
    bias = tuple(float(b) for b in data["bias"])  # type: ignore[attr-defined]
    raw_w: dict[str, list[float]] = data["weights"]  # type: ignore[assignment]
    weights = {f: tuple(float(x) for x in w) for f, w in raw_w.items()}
    if any(len(w) != len(classes) for w in weights.values()) or len(bias) != len(classes):
        raise ValueError(f"{MODEL_FILE}: every weight row must have one value per class {classes}")
    thresholds = {str(k): float(v) for k, v in data["thresholds"].items()}  # type: ignore[attr-defined]
    return RelationModel(classes, bias, weights, thresholds)


@cache
def load_model() -> RelationModel | None:
    """The shipped weights, or None when the package carries none (the rules then stand alone)."""
    path = resources.files("dossier.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return parse_model(json.loads(gzip.decompress(path.read_bytes()).decode("utf-8")))


def instances(res: ReferenceResolver, rules: Iterable[tuple[str, str, str]] = ()) -> Iterator[Instance]:
    """Every ordered pair of mentions of two different entities in one sentence, no more than ``MAX_GAP``
    tokens apart, whose types some relation group allows, with its features. ``rules`` are the (subject,
    predicate, object) the rules found in the chunk: what they say of each name is a feature too."""
    doc = res.doc
    topic = res.mentions[0].entity if res.mentions else None
    ctx = RuleContext.of(rules)
    located = LocatedFinder(res, Candidates(res))
    by_sentence: dict[int, list[Mention]] = {}
    for m in res.mentions:
        by_sentence.setdefault(res.ctx.sentence(m.start).start, []).append(m)
    for ms in by_sentence.values():
        sent = res.ctx.sentence(ms[0].start)
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if a.entity == b.entity or b.start - a.end > MAX_GAP:
                    continue
                n_arcs: int | None = None  # the same both ways: counted once per pair
                for s, o in ((a, b), (b, a)):
                    if (s.type, o.type) in PAIR_TYPES:
                        anchor, feats = features(doc, res, s, o, topic, sent)
                        feats += ctx.features(feats[0][2:], s.entity, o.entity)
                        if n_arcs is None:
                            n_arcs = arcs(doc, s, o)
                        yield Instance(s, o, anchor, feats, n_arcs, _nests(located, s, o))


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What the rules said of a chunk's names, as features of a pair: the predicates each name is the subject
    or object of, and whether the rules join the two through a third name ("X, Y, Z": X in Y and Y in Z make
    X in Z likely)."""

    out: dict[str, frozenset[str]]  # entity → predicates it is the subject of
    inn: dict[str, frozenset[str]]  # entity → predicates it is the object of
    succ: dict[str, frozenset[str]]  # entity → the objects of its relations

    @staticmethod
    def of(rules: Iterable[tuple[str, str, str]]) -> RuleContext:
        out: dict[str, set[str]] = {}
        inn: dict[str, set[str]] = {}
        succ: dict[str, set[str]] = {}
        for s, p, o in rules:
            out.setdefault(s, set()).add(p)
            inn.setdefault(o, set()).add(p)
            succ.setdefault(s, set()).add(o)
        return RuleContext({k: frozenset(v) for k, v in out.items()}, {k: frozenset(v) for k, v in inn.items()},
                           {k: frozenset(v) for k, v in succ.items()})

    def features(self, base: str, s: str, o: str) -> tuple[str, ...]:
        out = [f"rs:{base}:{p}" for p in sorted(self.out.get(s, ()))]
        out += [f"ro:{base}:{p}" for p in sorted(self.inn.get(o, ()))]
        out += [f"rso:{base}:{p}" for p in sorted(self.inn.get(s, ()))]
        if any(o in self.succ.get(m, ()) for m in self.succ.get(s, ())):
            out.append(f"trans:{base}")
        if s in self.succ.get(o, ()):
            out.append(f"rev:{base}")
        return tuple(out)


def features(doc: Doc, res: ReferenceResolver, s: Mention, o: Mention, topic: str | None,
             sent: Span) -> tuple[int, tuple[str, ...]]:
    """(anchor token, features) of the ordered pair subject ``s`` → object ``o`` (see the module docstring)."""
    first, second = (s, o) if s.start < o.start else (o, s)
    base = f"{_TAG[s.type]}>{_TAG[o.type]}:{'so' if first is s else 'os'}"
    out = [f"t:{base}"]
    between: list[str] = []
    i = first.end
    ents_between = 0
    while i < second.start:
        m = res.ent(i)
        if m is not None:
            between.append(f"[{_TAG[m.type]}]")
            ents_between += 1
            i = m.end
            continue
        tok = doc[i]
        between.append(_word(tok))
        i += 1
    gap = second.start - first.end
    out.append(f"gap:{base}:{_bucket(gap)}")
    out.append(f"nent:{base}:{min(ents_between, 3)}")
    seq = " ".join(between) if len(between) <= 5 else None
    if seq is not None:
        out.append(f"seq:{base}:{seq}")
    for w in between[:12]:
        out.append(f"w:{base}:{w}")
    for w1, w2 in zip(between, between[1:], strict=False):
        out.append(f"bg:{base}:{w1}_{w2}")
    if first.start > sent.start:
        out.append(f"pre:{base}:{_word(doc[first.start - 1])}")
        if first.start - 1 > sent.start:
            out.append(f"pre2:{base}:{_word(doc[first.start - 2])}_{_word(doc[first.start - 1])}")
    if second.end < sent.end:
        out.append(f"post:{base}:{_word(doc[second.end])}")
    out.append(f"ner:{base}:{doc[s.start].ent_type_}>{doc[o.start].ent_type_}")
    shape = "".join("L" if w.startswith("[") else "," if w == "," else "a" if w in {"and", "or"} else "w"
                    for w in between)
    out.append(f"shape:{base}:{shape if len(shape) <= 8 else shape[:4] + '~' + shape[-4:]}")
    names_before = bisect_left(res.starts, first.start) - bisect_left(res.starts, sent.start)
    out.append(f"nth:{base}:{min(names_before, 3)}")
    ra, rb = doc[s.start:s.end].root, doc[o.start:o.end].root
    anchor, up, down = _path(ra, rb)
    path = [f"{t.dep_}^" for t in up] + [f"{t.dep_}v" for t in down]
    words = [_tok(res, t) for t in [*up[1:], anchor, *down[:-1]]]
    out.append(f"arcs:{base}:{_bucket(len(path))}")
    dep = " ".join(path) if len(path) <= _MAX_PATH else None
    if dep is not None:
        out.append(f"path:{base}:{dep}|{' '.join(words)}")
        out.append(f"dep:{base}:{dep}")
        # the path's skeleton: prepositions and the verb "be" as words, other words as their part of speech
        # ("is a village in" and "was a town in" share it; the words alone are too sparse to generalise)
        out.append(f"skel:{base}:{dep}|{' '.join(_skeleton(res, t) for t in [*up[1:], anchor, *down[:-1]])}")
    out.append(f"lca:{base}:{_tok(res, anchor)}")
    out.append(f"lcad:{base}:{anchor.pos_}:{anchor.dep_}")
    for w in words:
        out.append(f"pw:{base}:{w}")
    out.append(f"sh:{_TAG[s.type]}:{ra.dep_}:{_word(ra.head)}")
    out.append(f"oh:{_TAG[o.type]}:{rb.dep_}:{_word(rb.head)}")
    for side, r in (("s", ra), ("o", rb)):
        noun = _governor(r)
        if noun is not None:  # "the village of X", "X, a town", "the X river": the noun the name names
            out.append(f"g{side}:{base}:{_word(noun)}")
    out.extend(_name_features(res, base, s, o, seq, dep))
    if s.entity == topic:
        out.append(f"topic:{base}")
    if s.entity in res.born:
        out.append(f"born:{base}")
    return anchor.i, tuple(out)


def _name_features(res: ReferenceResolver, base: str, s: Mention, o: Mention, seq: str | None,
                   dep: str | None) -> list[str]:
    """What the names say: the head word of a name of several words ("river", "county", "school"), and for two
    places the gazetteer's kinds, which is the larger, whether they share a country and whether GeoNames puts
    one inside the other (``known_inside``)."""
    out = []
    for side, m in (("s", s), ("o", o)):
        words = res.ctx.entity_name.get(m.entity, "").lower().split()
        if len(words) >= 2 and words[-1].isalpha():
            out.append(f"hw{side}:{base}:{words[-1]}")
    if s.type == PERSON:
        return out
    a, b = _known(res, s.entity), _known(res, o.entity)
    kinds = f"{a.kind if a else '-'}>{b.kind if b else '-'}"
    out.append(f"gk:{base}:{kinds}")
    if seq is not None:  # "Kiruna in northern Sweden" says more between a city and a country than two unknowns
        out.append(f"gkseq:{base}:{kinds}:{seq}")
    if dep is not None:
        out.append(f"gkdep:{base}:{kinds}:{dep}")
    name_s, name_o = res.ctx.entity_name.get(s.entity, ""), res.ctx.entity_name.get(o.entity, "")
    if known_inside(name_s, name_o):  # GeoNames puts a place of the subject's name in the object
        out.append(f"kin:{base}")
    elif known_inside(name_o, name_s):
        out.append(f"kout:{base}")
    admin = res.ctx.place_admin1.get(s.entity)
    if admin is not None and not admin[1] and admin[0] == name_key(res.ctx.entity_name.get(o.entity, "")):
        out.append(f"admin1:{base}")  # the gazetteer puts the subject in the object's province or state
    if a is not None and b is not None:
        if b.kind == "country" and a.kind != "country" and a.country == b.country:
            out.append(f"incountry:{base}")
        rank = {"city": 0, "region": 1, "country": 2}
        ka, kb = (rank[a.kind], a.population), (rank[b.kind], b.population)
        out.append(f"gsize:{base}:{'o' if kb > ka else 's' if ka > kb else '='}")
        out.append(f"gc:{base}:{'same' if a.country == b.country else 'diff'}")
        # a village of 900 lies in a town of 40,000 more often than the other way round
        out.append(f"gpop:{base}:{_magnitude(a)}>{_magnitude(b)}")
    return out


def _magnitude(place: Place) -> str:
    """A place's size as its kind, and for a city the order of magnitude of its population."""
    if place.kind != "city":
        return place.kind
    return f"city{min(len(str(max(place.population, 1))), 7)}"


def _known(res: ReferenceResolver, entity: str) -> Place | None:
    """The gazetteer's entry bearing the entity's own name (not a fuzzy neighbour)."""
    return exact_place(res.ctx.entity_name.get(entity, ""))


def _nests(located: LocatedFinder, s: Mention, o: Mention) -> bool:
    """Whether ``s`` may lie in place ``o``: not when ``o`` is one of a list of places; for two places, by the
    gazetteer: the rules' own test ("Texas in Brazoria County" is not, nor a country in a region), and when it
    knows both, the same country ("Madrid in Equatorial Guinea" is not) and, for a town and a first-level division,
    the town's own division ("Dallas in California" is not); nor an abbreviation it does not know ("UK" is its
    United Kingdom)."""
    if o.type == _PLACE and _enumerated(located.res, o):
        return False  # "immigrants from Vietnam, Cambodia and Laos, who comprise a third of Bayou La Batre's …"
    if not (s.type == o.type == _PLACE):
        return True
    if not located.larger(s.entity, o.entity):
        return False
    admin_s = located.res.ctx.place_admin1.get(s.entity)
    admin_o = located.res.ctx.place_admin1.get(o.entity)
    if admin_s is not None and admin_o is not None and not admin_s[1] and admin_o[1] and admin_s[0] != admin_o[0]:
        return False  # "offices in Dallas, Texas and in Sacramento, California": a town lies in one state, its own
    a, b = located.known(s.entity), located.known(o.entity)
    if a is None and _abbreviation(located.res.ctx.entity_name.get(s.entity, "")):
        return False  # "Essex in the UK, lived in New Zealand": "UK", "U.S." are countries the gazetteer lacks
    return a is None or b is None or a.country == b.country


def _enumerated(res: ReferenceResolver, m: Mention) -> bool:
    """Whether a place is one of a list of three places or more ("Vietnam, Cambodia and Laos"): each is a place
    of its own, not the container of a name outside the list (two, "in Lakefield and Ontario", may be a chain)."""
    head = res.root(m)
    for _ in range(_MAX_PATH):
        if head.dep_ != "conj":
            break
        head = head.head
    places: set[str] = set()
    todo = [head]
    while todo and len(places) < 3:
        t = todo.pop()
        n = res.ent(t.i)
        if n is not None and n.type == _PLACE:
            places.add(n.entity)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return len(places) >= 3


def _set_apart(res: ReferenceResolver, s: Mention, o: Mention, opposed: set[frozenset[str]]) -> bool:
    """Whether the parse joins the pair only by coordinating one of its names with a name the rules set against
    it: in "links between Pakistani outfits such as TND and JuB and the HSW" the parser makes HSW a third
    "outfit", but the rules read a link between JuB and HSW (two sides, not two members of one list), so what
    "Pakistani" says of the outfits is not said of HSW. The climb from a name to the pair's common ancestor
    through its coordinations (and appositions) is checked, on both sides; ``opposed`` are the pairs the rules
    call associates (two parties), not those they place one in the other ("Huangpi, Wuhan, Hubei")."""
    anchor, up, down = _path(res.doc[s.start:s.end].root, res.doc[o.start:o.end].root)
    for m, climb in ((s, up), (o, down[::-1])):
        for t in climb:
            if t.dep_ not in {"conj", "appos"}:
                break
            head = t.head
            other = res.ent(head.i)
            if other is not None and other.entity != m.entity and frozenset((m.entity, other.entity)) in opposed:
                return True
    return False


def _owns_another(res: ReferenceResolver, s: Mention, o: Mention) -> bool:
    """Whether place ``o`` owns the subject of a clause of its own that ``s`` is not in: "pirates captured two
    boats in the Gulf of Aden, Yemen's official news agency reported" (the agency reports; it says nothing of
    where the gulf lies). Not "Nagoya … has Japan's third strongest economy", "X is New Zealand's premier
    residency", "Pakistan's Punjab province", where the possessed noun is an object, a predicate or the name's
    own noun."""
    ro, rs = res.doc[o.start:o.end].root, res.doc[s.start:s.end].root
    owned = ro.head
    if ro.dep_ != "poss" or owned.i == rs.i or rs.head.i == owned.i:
        return False
    if owned.dep_ == "appos":  # "boats in the Gulf of Aden, Yemen's news agency reported", parsed as the boats'
        return not s.start <= owned.head.i < s.end  # apposition; not "Kandahar, Afghanistan's second city"
    return owned.dep_ in {"nsubj", "nsubjpass"} and _clause_of(rs).i != owned.head.i


def _clause_of(tok: Token) -> Token:
    """The verb (or the root) of the clause a token belongs to."""
    t = tok
    while t.head.i != t.i and t.pos_ not in {"VERB", "AUX"}:
        t = t.head
    return t


def _abbreviation(name: str) -> bool:
    """ "UK", "U.S.", "DRC": capitals (and dots) only, at most five letters."""
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def threshold_key(group: str, subject: EntityType) -> str:
    """The threshold a pair's group is held to: located_in of an organisation has its own."""
    return ORG_LOCATED if group == "located_in" and subject == _ORG else group


def too_far(subject: EntityType, obj: EntityType, n_arcs: int) -> bool:
    """Whether two names are too many dependency arcs apart for the sentence to join them."""
    return n_arcs > (MAX_ARCS_PLACES if subject == obj == _PLACE else MAX_ARCS)


def arcs(doc: Doc, s: Mention, o: Mention) -> int:
    """The length of the dependency path between the roots of two names."""
    _, up, down = _path(doc[s.start:s.end].root, doc[o.start:o.end].root)
    return len(up) + len(down)


def _skeleton(res: ReferenceResolver, tok: Token) -> str:
    """A token on the path as the skeleton reads it: an entity as its type, a preposition, particle or "be" as
    its word, anything else as its part of speech."""
    m = res.ent(tok.i)
    if m is not None:
        return f"[{_TAG[m.type]}]"
    if tok.pos_ in {"ADP", "PART"} or tok.lemma_ == "be":
        return _word(tok)
    return tok.pos_


def _governor(root: Token) -> Token | None:
    """The common noun a name is said to be: "the village of X" (X under "of" under the noun), "X, a town"
    (the noun in apposition to X), "the X river" (X a compound of the noun)."""
    if root.dep_ == "compound" and root.head.pos_ == "NOUN":
        return root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        return root.head.head
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        return root.head
    return next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)


def _tok(res: ReferenceResolver, tok: Token) -> str:
    """A token on the dependency path: the type of the entity it belongs to, else its word."""
    m = res.ent(tok.i)
    return f"[{_TAG[m.type]}]" if m is not None else _word(tok)


def _word(tok: Token) -> str:
    """A token as a feature: its lower-case lemma, a number as #, punctuation as itself."""
    if tok.like_num:
        return "#"
    return tok.lemma_.lower() or tok.lower_


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7-11" if n < 12 else "12+"


def _path(a: Token, b: Token) -> tuple[Token, list[Token], list[Token]]:
    """The lowest common ancestor of two tokens of one sentence, the tokens from ``a`` up to it (``a`` first,
    the ancestor excluded) and from it down to ``b`` (``b`` last)."""
    up_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    down: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in index:
            down.reverse()
            return t, up_a[:index[t.i]], down
        down.append(t)
    down.reverse()
    return up_a[-1], up_a, down  # no common ancestor: a parse that splits the sentence


def learned_candidates(res: ReferenceResolver, found: Candidates) -> None:
    """Add the model's relations for the pairs of one chunk that no rule related (one direction per pair: the
    more probable)."""
    model = load_model()
    if model is None:
        return
    related = {frozenset((c.subject, c.object)) for c in found.out.values()}
    opposed = {frozenset((c.subject, c.object)) for c in found.out.values() if c.predicate == "associate"}
    rules = [(c.subject, c.predicate, c.object) for c in found.in_order()]
    best: dict[frozenset[str], tuple[float, str, Instance]] = {}
    for inst in instances(res, rules):
        pair = frozenset((inst.subject.entity, inst.object.entity))
        if pair in related or too_far(inst.subject.type, inst.object.type, inst.arcs) \
                or VETO.intersection(inst.features) or _set_apart(res, inst.subject, inst.object, opposed):
            continue
        probs = model.probabilities(inst.features)
        for cls, p in zip(model.classes, probs, strict=True):
            if cls == "none" or p < model.thresholds.get(threshold_key(cls, inst.subject.type),
                                                         model.thresholds.get(cls, 1.1)):
                continue
            if PREDICATE.get((cls, inst.subject.type, inst.object.type)) is None:
                continue
            if cls == "located_in" and (not inst.nests or _owns_another(res, inst.subject, inst.object)):
                continue
            if pair not in best or p > best[pair][0]:
                best[pair] = (p, cls, inst)
    for _, cls, inst in sorted(best.values(), key=lambda v: (v[2].anchor, v[2].subject.start, v[2].object.start)):
        predicate = PREDICATE[(cls, inst.subject.type, inst.object.type)]
        found.emit(inst.subject.entity, predicate, inst.object.entity, ROLE.get(cls), inst.anchor, "model",
                   res.negated(res.doc[inst.anchor]))
