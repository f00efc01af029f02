"""Event triggers: which words of a chunk tell of an event, and which of them tell of the same one.

A word in the trigger lexicon (``events.lexicon``, read from ``data/event_triggers.tsv``) is a trigger only in
the syntactic context its row asks for: an object ("signed an *agreement*"), a particle ("stepped *down*"), a
modifier ("*news* conference"), a price or a company bought ("acquire *Ashanti Gold*"). Rows for one word are
tried in file order and the first whose conditions hold wins. A trigger that is negated ("did not meet", "no
talks"), conditional ("if convicted"), wished for ("called for a ceasefire"), measured ("50 percent of the
vote"), inside a name or in the dateline tells of no event and is skipped here, so that later stages never see
it.

Triggers of one type that govern each other within a segment ("signed an agreement", "announced at a news
conference") are grouped into one ``Mention``: the unit that gets arguments, a date and a place, and that
coreference joins to an earlier event or starts a new one with.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from dossier.extract.events import lexicon as lx
from dossier.extract.events.chunk import EventChunk
from dossier.extract.events.lexicon import Entry, lexicon
from dossier.extract.token_words import token_words
from dossier.model import EntityType
from dossier.model.reference import org_heads

__all__ = ["Mention", "describes_holder", "find_triggers", "group_mentions", "is_participial", "is_stative"]


@dataclass(slots=True)
class Mention:
    tokens: list[Token]  # trigger tokens of one type that govern each other, in text order
    entry: Entry
    headline: bool


# --------------------------------------------------------------------------------------------- triggers


def find_triggers(chunk: EventChunk) -> dict[int, Entry]:
    """Trigger token index → the lexicon entry it triggers, for every trigger of the chunk."""
    lex = lexicon()
    nouns = lx.eventive_nouns()
    entries: dict[int, Entry] = {}
    table = token_words(chunk.doc)
    for i, (lemma, lower, pos) in enumerate(zip(table.lemma, table.lower, table.pos, strict=True)):
        if lemma not in lex and lower not in lex and (i < 2 or table.lower[i - 1] != "-") \
                and pos != "VERB" and pos != "NOUN":
            continue  # neither ``_entry`` (a lexicon word) nor ``_open`` (a verb or a noun) takes it
        tok = chunk.doc[i]
        entry = _entry(chunk, lex, tok)
        if entry is None:
            entry = _open(chunk, lex, nouns, tok)
        if entry is not None:
            entries[tok.i] = entry
    return entries


def _open(chunk: EventChunk, lex: dict[str, tuple[Entry, ...]], nouns: frozenset[str], tok: Token) -> Entry | None:
    """An open trigger: a verb that tells of a happening, or a noun that usually does (``eventive_nouns``),
    outside names and the dateline, asserted as happening (not negated, wished for or measured). A lexicon
    word whose rows' conditions all failed is read here too ("demonstrated the features": no protest, but an
    open ``demonstrate`` event). A noun spelled as an event verb needs an argument of its own."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        if lemma in lx.NON_EVENT_VERBS or not tok.is_alpha or len(lemma) < 2:
            return None
    elif tok.pos_ != "NOUN":
        return None
    elif not lx.is_eventive_noun(lemma) and not (lx.is_zero_derived(lemma) and _own_argument(chunk, tok)):
        return None
    elif lemma in _organisation_heads():
        return None  # "an Arab armed movement", "a liaison office": an organisation or its premises
    if tok.i in chunk.excluded or tok.ent_type_ not in ("", "EVENT") \
            or tok.i >= chunk.headline_end and _names_a_field(tok):
        return None
    if _negated(chunk, tok) or _quantity(tok) or _wished(tok):
        return None
    if tok.pos_ == "VERB" and (tok.dep_ == "amod" or tok.tag_ == "VBG" and tok.dep_ in ("amod", "compound")):
        return None  # "the combined company", "a leading maker": a participle used as an adjective
    return lx.open_entry(lemma, tok.pos_ == "VERB")


@cache
def _organisation_heads() -> frozenset[str]:
    """Nouns that head organisation names ("Movement", "Office", "Council": ``data/org_heads.txt``, the entity
    layer's list), lower-cased. As an open noun such a word names the organisation, its premises or a post
    ("the movement's envoys", "a liaison office", "the movement's Beirut offices"), not a happening, although
    ECB+'s annotators mark "office" ("took office") and "move" makes "movement" look deverbal. A lexicon row
    ("conference", "assembly") still makes its word a typed trigger."""
    return frozenset(w.lower() for w in org_heads() if w.isalpha())


_PERSON_SUFFIXES = ("ist", "ian", "man", "woman", "person")


@cache
def _person_nouns() -> frozenset[str]:
    """Nouns for people by their work: the role titles of the relation lexicon and those induced from data."""
    from dossier.extract.relations.lexicon import lexicon as role_lexicon
    from dossier.extract.relations.open_roles import induced_roles

    # the last word of a title of several words that only an organisation holds names no one: "upper house" makes
    # "house" no noun for people ("office building houses"); a body's own word stays ("an election office")
    titles = {sense.words[-1] for senses in role_lexicon().titles.values() for sense in senses
              if EntityType.PERSON in sense.subject or len(sense.words) == 1}
    return frozenset(titles | induced_roles())


def _names_a_field(tok: Token) -> bool:
    """An event noun that modifies a noun for a person names that person's field, not something that happened:
    "a sanctions lawyer", "an election observer", "a protest leader" (not "first-degree murder")."""
    if tok.dep_ != "compound" or tok.head.pos_ != "NOUN" or tok.head.i == tok.i:
        return False
    head = tok.head.lemma_.lower()
    return head.isalpha() and (head in _person_nouns()
                               or head.endswith(_PERSON_SUFFIXES) and head not in _PERSON_SUFFIXES)


def _entry(chunk: EventChunk, lex: dict[str, tuple[Entry, ...]], tok: Token) -> Entry | None:
    doc = chunk.doc
    if tok.lemma_.lower() not in lex and tok.lower_ not in lex \
            and (tok.i < 2 or doc[tok.i - 1].text != "-"):
        return None  # the common case, decided by two dictionary lookups
    if tok.i in chunk.excluded or tok.ent_type_ not in ("", "EVENT"):
        return None
    is_verb = tok.pos_ == "VERB"
    is_noun = tok.pos_ in ("NOUN", "PROPN")
    # headlines drop articles and the parser reads "after Muscat talks" as a verb
    headline_noun = tok.i < chunk.headline_end and tok.tag_ == "VBZ"
    if not (is_verb or is_noun or headline_noun) or (is_noun and tok.i >= chunk.headline_end and _names_a_field(tok)):
        return None
    keys = [tok.lemma_.lower()]
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
        keys.insert(0, f"{doc[tok.i - 2].lower_}-{tok.lemma_.lower()}")
        keys.insert(1, f"{doc[tok.i - 2].lower_}-{tok.lower_}")
    if is_noun and tok.lower_ != keys[-1]:
        keys.append(tok.lower_)
    for key in keys:
        for entry in lex.get(key, ()):
            if headline_noun and entry.noun and entry.has("plural"):
                return entry
            if (entry.verb if is_verb else entry.noun) and _static_ok(chunk, tok, entry):
                return None if _negated(chunk, tok) or _quantity(tok) or _wished(tok) else entry
    return None


def _own_argument(chunk: EventChunk, tok: Token) -> bool:
    """A noun with an argument of its own: a possessor or an "of / from / for / on / against / by / between /
    with" phrase ("Boeing's order", "an order from Qatar Airways", "the ban on imports")."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in _NOUN_ARG_PREPS) for c in chunk.kids(tok))


_NOUN_ARG_PREPS = frozenset({"of", "from", "for", "on", "against", "by", "between", "with"})


def _static_ok(chunk: EventChunk, tok: Token, entry: Entry) -> bool:
    for cond in entry.conditions:
        name, words = cond.name, cond.words
        if name == "obj":
            objs = _objects(chunk, tok)
            if not objs or ("*" not in words and not any(o.lemma_.lower() in words for o in objs)):
                return False
        elif name == "notobj":
            # a level or a bargain is no target: "struck a ten-month high", "hit a record", "struck a deal"
            if any(o.lemma_.lower() in words or any(c.dep_ == "compound" and c.lemma_.lower() in words
                                                   for c in chunk.kids(o)) for o in _objects(chunk, tok)):
                return False
        elif name == "intrans":
            # "demonstrated against the war" is a protest, "demonstrated the features" is not; "voted in the
            # election" is an election, "voted the proposition down" / "voted to approve" are not
            if _objects(chunk, tok) or any(c.dep_ in ("xcomp", "ccomp", "prt") for c in chunk.kids(tok)):
                return False
        elif name == "prep":
            if not any(c.dep_ in ("prep", "prt", "advmod") and c.lower_ in words for c in chunk.kids(tok)):
                return False
        elif name in ("before", "to"):
            if not any(c.dep_ == "prep" and c.lower_ == name
                       and any(t.lower_ in words or t.lemma_.lower() in words for t in c.subtree)
                       for c in chunk.kids(tok)):
                return False
        elif name == "mod":
            if not any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in words
                       for c in chunk.kids(tok)):
                return False
        elif name == "head":
            head = tok.head.head if tok.dep_ == "pobj" else tok.head
            if head.lemma_.lower() not in words:
                return False
        elif name == "money":
            if not any(_is_money(chunk, o) for o in _objects(chunk, tok)):
                return False
        elif name == "asset":
            if not _asset(chunk, tok):
                return False
        elif name == "singular" and tok.tag_ in ("NNS", "NNPS"):
            return False
        elif name in ("subj", "single"):
            subj, _ = chunk.subject(tok)
            if name == "subj" and (subj is None or subj.lemma_.lower() not in words):
                return False
            if name == "single" and subj is not None and subj.tag_ in ("NNS", "NNPS"):
                return False
    return True


def _asset(chunk: EventChunk, tok: Token) -> bool:
    """A company bought or sold ("acquire Ashanti Gold Cocoa"), or a price ("for $120 million")."""
    for o in _objects(chunk, tok):
        if any((e := chunk.eid(t)) is not None and chunk.etype(e) == EntityType.ORGANIZATION
               for t in (o, *chunk.kids(o))) or _is_money(chunk, o):
            return True
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(p.ent_type_ == "MONEY" or _is_money(chunk, p)
                                                               for p in chunk.kids(c))
               for c in chunk.kids(tok))


def _objects(chunk: EventChunk, tok: Token) -> list[Token]:
    out = [c for c in chunk.kids(tok) if c.dep_ in ("dobj", "nsubjpass", "attr")]
    for o in list(out):
        out.extend(c for c in chunk.kids(o) if c.dep_ == "conj")
    return out


def _is_money(chunk: EventChunk, tok: Token) -> bool:
    if tok.ent_type_ == "MONEY" or tok.lemma_.lower() in lx.MONEY_WORDS:
        return True
    return any(c.ent_type_ == "MONEY" for c in chunk.kids(tok))


def _negated(chunk: EventChunk, tok: Token) -> bool:
    """Negated ("did not meet", "no talks", "no group has claimed") or conditional ("if convicted")."""
    for c in chunk.kids(tok):
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return True
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in lx.NOBODY or any(
                d.dep_ == "det" and d.lower_ == "no" for d in chunk.kids(c))):
            return True
    return tok.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in chunk.kids(tok.head))


def _wished(tok: Token) -> bool:
    """An event someone asks or aims for ("called for a ceasefire", "aimed at a truce"), or an activity
    someone is accused of ("accused of moving money")."""
    if tok.pos_ == "VERB":
        return tok.dep_ == "pcomp" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lx.ACCUSING
    if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "at", "toward", "towards"):
        return tok.head.head.lemma_.lower() in lx.PURPOSE_VERBS
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in lx.WANTING_VERBS


def _quantity(tok: Token) -> bool:
    """"50 percent of the vote", "a share of the deal": the noun is measured, not an event."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    return tok.head.head.lemma_.lower() in lx.QUANTITY_NOUNS or tok.head.head.like_num


def is_stative(chunk: EventChunk, verb: Token) -> bool:
    """A state or a habit, not an occurrence: "both groups are banned", "he meets many people"."""
    kids = chunk.kids(verb)
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in kids):
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in kids)


def describes_holder(chunk: EventChunk, verb: Token) -> bool:
    """An open verb that says who someone is, not what happened: a present-tense relative clause on a named
    person describes him ("Sandhu, who heads Jamaat-ul-Burhan"), and a verb with no object whose "as" phrase
    names a post tells that its subject holds it ("has served as Pakistan's ambassador since February",
    "serves as the movement's special envoy"). Told with an object the post is given, which is a happening
    ("appointed him as envoy"). On a thing, a present relative clause tells what it does ("an airport which
    serves Bangkok", "a player which mimics the iPhone"), which MEANTIME's annotators mark as events: kept."""
    if verb.dep_ == "relcl" and is_stative(chunk, verb):
        eid = chunk.eid(verb.head)
        if eid is not None and chunk.etype(eid) == EntityType.PERSON:
            return True
    kids = chunk.kids(verb)
    if any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "dative") for c in kids):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "as" and any(
        p.dep_ == "pobj" and p.lemma_.lower() in _person_nouns() for p in chunk.kids(c)) for c in kids)


def is_participial(chunk: EventChunk, verb: Token) -> bool:
    """"those detained", "the banned group": a participle modifying a noun, not a finite verb the parser
    hung on a noun ("CTD has arrested X" after a fused dateline)."""
    if not (verb.dep_ == "amod" or (verb.dep_ == "acl" and verb.tag_ == "VBN")):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in chunk.kids(verb))


# --------------------------------------------------------------------------------------------- mentions


def group_mentions(chunk: EventChunk, entries: dict[int, Entry], start: int, end: int,
                   headline: bool) -> list[Mention]:
    """Trigger tokens of a segment, grouped: same-type triggers that govern each other are one mention."""
    toks = [chunk.doc[i] for i in range(start, end) if i in entries]
    group: dict[int, int] = {t.i: t.i for t in toks}

    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for t in toks:
        cur = t
        for _ in range(3):
            if cur.head.i == cur.i:
                break
            xcomp = cur.dep_ == "xcomp"
            cur = cur.head
            if not chunk.same_segment(cur, t):
                break
            if cur.i in group and entries[cur.i].open != entries[t.i].open:
                continue  # open and typed triggers never group: look past it to the nearest of its own kind
            if cur.i in group:
                # the nearest trigger above: one mention when the type is the same, or when this one is
                # what it commits to ("agreed to acquire", "agree to swap")
                above, this = entries[cur.i], entries[t.i]
                if above.open or this.open:
                    same = above.open and this.open and above.lemma == this.lemma
                    if same or (xcomp and cur is t.head and not above.open):
                        group[find(t.i)] = find(cur.i)
                elif above.type == this.type or (xcomp and cur is t.head):
                    group[find(t.i)] = find(cur.i)
                break
    out: dict[int, list[Token]] = {}
    for t in toks:
        out.setdefault(find(t.i), []).append(t)
    mentions = []
    for root, members in out.items():
        members.sort(key=lambda x: x.i)
        mentions.append(Mention(members, entries[root], headline))
    mentions.sort(key=lambda m: m.tokens[0].i)
    return mentions
