"""``dossier_name_repair``: entity boundaries the small model gets wrong on transliterated names.

* Hyphenated names stay whole: "Jaish-e-Mohammed", "Lashkar-e-Taiba", "Al-Shabki" (the model splits them into
  a NORP and a PERSON, or misses them).
* Edges are cleaned: quotes, a leading "the", a trailing possessive ("Hamas's") or a trailing lower-case function
  word ("Penn Station on") are not part of a name.
* "Rawalakot, PoK" is two places, not one organisation.
* A person's name continues over an adjacent capitalised proper noun the model left out ("Asghar Khan
  Kashmiri").
* Observances ("Kashmir Solidarity Day") are not places or organisations.
* A spaced dash separates names ("San Jose - Cisco" is a town, then a company); "Air" before a place opens an
  airline's name ("Air China"); an Irish "O'" split off by a space stays in the name ("Michael O' Leary").
* A possessive inside an organisation's name separates its owner from it ("Yale's Berkeley Divinity School",
  "Tehran University's College of Architecture"), where the owner is a name (an organisation word ends it, the
  gazetteer knows it, or the report names it alone or as the opening of another organisation's name) and the
  rest names a body; "People's Daily", "St. Martin's College", "Women's World Cup" stay whole. A place's name
  does not run over "in" another place ("Holmenkollen in Oslo").
* A division word closes a place name: the proper nouns right before "district" / "province" are one place
  ("Nadir Shah Kot district", "Tarnek wa Jaldak district", "Jaji district"), whatever the model tagged of
  them (a part, a person, nothing).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from dossier.extract.components.extensions import register
from dossier.extract.components.org_cues import team_names
from dossier.extract.components.spans import is_capitalised, set_ents
from dossier.extract.relations.place_words import ROAD_WORDS, STREET_WORDS
from dossier.model.reference import lookup_place, org_heads

_IZAFE = {"e", "i"}  # Persian/Urdu izafe particles, typical of organisation names (Jaish-e-, Lashkar-i-)
_LINKS = {"ul", "ud", "ur", "us", "al", "el", "ad", "an", "as", "ash", "at", "bin", "ibn", "bint", "abu", "e", "i"}
_KEEP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_OBSERVANCE_HEADS = {"day", "week", "month", "year", "festival", "anniversary"}
_EDGE_WORDS = {"the", "a", "an"}
_POSSESSIVES = {"'s", "’s", "'", "’"}
# Lower-case function words a name never ends in: "Penn Station on (Amtrak's line)", "the Circuit Court of".
_TRAILING_WORDS = {"of", "for", "the", "and", "in", "at", "on", "to", "from", "with", "by"}


def _hyphen_chains(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges like ``Word - e - Word`` written without spaces, first and last word capitalised."""
    chains = []
    i = 0
    n = len(doc)
    while i < n:
        if not (doc[i].is_alpha and doc[i].whitespace_ == "" and i + 2 < n and doc[i + 1].text == "-"):
            i += 1
            continue
        j = i
        while j + 2 < n and doc[j].whitespace_ == "" and doc[j + 1].text == "-" and doc[j + 1].whitespace_ == "" \
                and doc[j + 2].is_alpha:
            j += 2
        first, last = doc[i].text, doc[j].text
        inner = [doc[k].lower_ for k in range(i + 2, j, 2)]
        particle_name = first.lower() in _LINKS and is_capitalised(last)  # "al-Shabki", "Abu-Bakr"
        if j > i and ((is_capitalised(first) and is_capitalised(last)) or particle_name) \
                and all(w in _LINKS or is_capitalised(w) for w in inner):
            chains.append((i, j + 1))
        i = j + 1
    return chains


def _chain_label(doc: Doc, start: int, end: int, overlapping: list[Span]) -> str:
    words = [doc[k].lower_ for k in range(start, end) if doc[k].text != "-"]
    if any(w in _IZAFE for w in words[1:-1]):
        return "ORG"
    if words[0] in {"al", "el", "abu", "ibn", "bin"}:
        return "PERSON"  # "el-Haddad"; a group named so ("al-Shabaab") is typed by the alias table later
    labels = [e.label_ for e in overlapping if e.label_ in _KEEP_LABELS]
    if labels:
        return max(set(labels), key=lambda lab: sum(len(e) for e in overlapping if e.label_ == lab))
    return "ORG"


def _trim(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].lower_ in _EDGE_WORDS or doc[start].is_quote):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_quote or doc[end - 1].lower_ in _POSSESSIVES
                           or doc[end - 1].text in _TRAILING_WORDS):
        end -= 1
    if end <= start:
        return None
    return Span(doc, start, end, label=span.label_)


def _split_commas(span: Span) -> list[Span]:
    """'Rawalakot, PoK' → two place spans, when the parts look like places."""
    doc = span.doc
    cuts = [t.i for t in span if t.text == ","]
    if not cuts:
        return [span]
    parts, start = [], span.start
    for c in [*cuts, span.end]:
        if c > start:
            parts.append(Span(doc, start, c, label=span.label_))
        start = c + 1
    if span.label_ in {"GPE", "LOC"} or any(lookup_place(p.text) for p in parts):
        return [Span(doc, p.start, p.end, label="GPE" if lookup_place(p.text) else p.label_) for p in parts]
    return [span]


def _split_open_bracket(span: Span) -> list[Span]:
    """"Terje Halleland (Progress Party" (the bracket closes right after the span) → the name and what the
    brackets hold: a name never spans an opening bracket it does not close."""
    doc = span.doc
    cut = next((t.i for t in span if t.text == "("), None)
    if cut is None or cut == span.start or any(t.text == ")" for t in doc[cut: span.end]) \
            or span.end >= len(doc) or doc[span.end].text != ")":
        return [span]
    parts = [Span(doc, span.start, cut, label=span.label_)]
    if cut + 1 < span.end:
        parts.append(Span(doc, cut + 1, span.end, label=span.label_))
    return parts


def _extend_person(span: Span, taken: set[int]) -> Span:
    doc = span.doc
    end = span.end
    while end < len(doc) and end not in taken and doc[end - 1].whitespace_ and doc[end].is_alpha \
            and is_capitalised(doc[end].text) and doc[end].tag_ == "NNP" and not doc[end].is_sent_start:
        end += 1
    return span if end == span.end else Span(doc, span.start, end, label="PERSON")


def _join_split_dates(doc: Doc, ents: list[Span]) -> list[Span]:
    """'October 7' + ',' + '2023' → one date (the model often splits a full date at the comma)."""
    ents = sorted(ents, key=lambda e: e.start)
    out: list[Span] = []
    for e in ents:
        if out and e.label_ == "DATE" and out[-1].label_ == "DATE" and e.start == out[-1].end + 1 \
                and doc[out[-1].end].text == "," and len(e) == 1 and e[0].like_num and len(e[0].text) == 4:
            out[-1] = Span(doc, out[-1].start, e.end, label="DATE")
        else:
            out.append(e)
    return out


_LATEST_YEAR = 2100  # a bare number beyond it is no year a report tells ("2301 West Big Beaver Road")


def _address_number(span: Span) -> bool:
    """A bare number the model took for a year that is a street address: "at 1600 Pennsylvania Avenue", "at
    2301 West Big Beaver Road" (capitalised words closing on a street word), or past any year a report tells.
    A number before a bare name stays a year: headlines drop the article ("gold at 2008 Olympics")."""
    if len(span) != 1 or not span[0].is_digit or not 3 <= len(span.text) <= 5:
        return False
    if int(span.text) > _LATEST_YEAR:
        return True
    for k, tok in enumerate(span.doc[span.end : span.end + 5]):
        if k > 0 and tok.is_title and tok.lower_.rstrip(".") in STREET_WORDS:
            return True
        if not (tok.is_title or tok.like_num):
            return False
    return False


def _split_lines(span: Span) -> list[Span]:
    """A name never crosses a line break ('Mali\\n\\nBAMAKO' is a country, then a dateline)."""
    doc = span.doc
    parts, start = [], span.start
    for t in span:
        if t.is_space:
            if t.i > start:
                parts.append(Span(doc, start, t.i, label=span.label_))
            start = t.i + 1
    if start < span.end:
        parts.append(Span(doc, start, span.end, label=span.label_))
    return [p for p in parts if not all(t.is_space or t.is_punct for t in p)]


def _split_dashes(span: Span, alone: set[str]) -> list[Span]:
    """'San Jose - Cisco' → two names: a dash with spaces on both sides separates names when one side has two
    words or more, a one-word side is a name the report also uses alone ('Cisco'), and one side at least is.
    Otherwise it is one name whose hyphen was spaced out ('Wal - Mart', 'Queens Hit - Run', 'Follow - Up')."""
    doc = span.doc
    cuts = [t.i for t in span if t.text in {"-", "–", "—"} and span.start < t.i < span.end - 1
            and doc[t.i - 1].whitespace_ and t.whitespace_]
    if not cuts:
        return [span]
    parts, start = [], span.start
    for c in [*cuts, span.end]:
        if c > start:
            parts.append(Span(doc, start, c, label=span.label_))
        start = c + 1
    words = [sum(t.is_alpha for t in p) for p in parts]
    if any(n >= 2 for n in words) and any(p.text in alone for p in parts) \
            and all(n >= 2 or p.text in alone for n, p in zip(words, parts, strict=True)):
        return parts
    return [span]


def _airline(span: Span) -> Span:
    """'Air' + a place the model tagged alone ('Air China', 'Air India') is an airline."""
    doc = span.doc
    if span.label_ in {"GPE", "LOC"} and span.start > 0 and doc[span.start - 1].text == "Air" \
            and doc[span.start - 1].whitespace_:
        return Span(doc, span.start - 1, span.end, label="ORG")
    return span


_IRISH_PREFIXES = frozenset({"O", "D"})
_APOSTROPHES = frozenset({"'", "’"})


def _join_prefixed_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """'Michael O'' + 'Leary' → 'Michael O'Leary': a person's name cut after an "O'" / "D'" written with a space
    before the rest of the surname (text rebuilt from tokens, or a typo)."""
    out = sorted(ents, key=lambda e: e.start)
    for k, e in enumerate(out):
        if e.label_ != "PERSON":
            continue
        j = e.end
        if doc[j - 1].text in _APOSTROPHES and len(e) >= 2 and doc[j - 2].text in _IRISH_PREFIXES:
            pass
        elif doc[j - 1].text in _IRISH_PREFIXES and j < len(doc) and doc[j].text in _APOSTROPHES:
            j += 1
        else:
            continue
        if j < len(doc) and doc[j].is_alpha and is_capitalised(doc[j].text):
            out[k] = Span(doc, e.start, j + 1, label="PERSON")
            out = [o for o in out if o is out[k] or o.end <= e.start or o.start > j]
            return _join_prefixed_surnames(doc, out)
    return out


def _split_coordinated_places(span: Span) -> list[Span]:
    """'Chisinau and Tiraspol' tagged as one name → two places, when both sides are known places."""
    doc = span.doc
    for t in span:
        if t.lower_ in {"and", "&"} and span.start < t.i < span.end - 1:
            left, right = Span(doc, span.start, t.i, label="GPE"), Span(doc, t.i + 1, span.end, label="GPE")
            if lookup_place(span.text) is None and lookup_place(left.text) and lookup_place(right.text):
                return [left, right]
    return [span]


def _join_adjacent_people(doc: Doc, ents: list[Span]) -> list[Span]:
    """'Farhana' + 'Kabir Chowdhury' → one person when only a space separates the two spans."""
    out: list[Span] = []
    for e in sorted(ents, key=lambda e: e.start):
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "PERSON" and e.label_ == "PERSON" and e.start == prev.end \
                and doc[prev.end - 1].whitespace_ == " ":
            out[-1] = Span(doc, prev.start, e.end, label="PERSON")
        else:
            out.append(e)
    return out


def _join_compound_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """'Jammu' + 'and' + 'Kashmir' → one place when the gazetteer knows the compound name."""
    ents = sorted(ents, key=lambda e: e.start)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        a = ents[i]
        if i + 1 < len(ents):
            b = ents[i + 1]
            if b.start == a.end + 1 and doc[a.end].lower_ in {"and", "&"}:
                joined = Span(doc, a.start, b.end, label="GPE")
                if lookup_place(joined.text) is not None:
                    out.append(joined)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


_DIVISION_WORDS = frozenset({"district", "districts", "province", "provinces"})
_NAME_LINKS = frozenset({"wa", "e", "-", "i", "al", "el", "ul"})  # "Tarnek wa Jaldak", "Nahr-e Saraj"


def _division_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """The proper nouns before a division word as one place: a run of capitalised proper nouns (linked by
    "wa", "-e", …) that ends right before "district(s)" / "province(s)". Names the model tagged inside the run
    are replaced by it; a name that already holds the division word, or a group ("Afghan"), is left alone."""
    out = list(ents)
    for tok in doc:
        if tok.lower_ not in _DIVISION_WORDS or tok.i == 0:
            continue
        start = tok.i
        while start > tok.sent.start and tok.i - start < 7:
            prev = doc[start - 1]
            if (prev.tag_ in ("NNP", "NNPS") and is_capitalised(prev.text)) or \
                    (prev.lower_ in _NAME_LINKS and start < tok.i):
                start -= 1
            else:
                break
        while start < tok.i and doc[start].lower_ in _NAME_LINKS:
            start += 1  # a link opens no name
        if start == tok.i or not is_capitalised(doc[start].text):
            continue
        inside = [e for e in out if e.start < tok.i and e.end > start]
        if any(e.end > tok.i or e.label_ not in ("GPE", "LOC", "FAC", "PERSON", "ORG") for e in inside):
            continue  # "Paktika Province" is whole already; "Afghan" is a group
        lo = min([start, *[e.start for e in inside]])
        out = [e for e in out if e not in inside]
        out.append(Span(doc, lo, tok.i, label="GPE"))
    return sorted(out, key=lambda e: e.start)


def _road_numbers(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name ending in a road word and followed by the road's number ("State Route" + "52", "US Highway" +
    "101A") is the road, a facility; the number stops being a number of its own."""
    out = list(ents)
    for e in ents:
        if e.label_ not in _KEEP_LABELS or e[-1].lower_ not in ROAD_WORDS or e.end >= len(doc):
            continue
        number = doc[e.end]
        if not (number.text[:1].isdigit() and number.text.isalnum() and len(number.text) <= 4):
            continue
        out = [x for x in out if x is not e and not x.start == number.i]
        out.append(Span(doc, e.start, e.end + 1, label="FAC"))
    return sorted(out, key=lambda x: x.start)


def _split_possessive(span: Span, named: set[str]) -> list[Span]:
    """"Yale's Berkeley Divinity School" → the owner and the body it owns, when the owner is a name (``named``:
    the names the report uses alone or opens another organisation's name with) and an organisation word is in
    the two or more words after the possessive; never a saint's or a plural's ("St. Paul's Church", "People's
    Republic of China", "Women's Hockey World Cup")."""
    if span.label_ not in {"ORG", "FAC", "GPE", "LOC"}:
        return [span]
    doc = span.doc
    cut = next((t.i for t in span if t.text in _POSSESSIVES and span.start < t.i < span.end - 2), None)
    if cut is None:
        return [span]
    owner, owned = Span(doc, span.start, cut, label="ORG"), Span(doc, cut + 1, span.end, label=span.label_)
    heads = org_heads()
    if owner[0].text in {"St.", "St", "Saint", "Ste."} or owner[-1].tag_ in {"NNS", "NNPS"} \
            or not is_capitalised(owned[0].text) or not any(t.text in heads for t in owned):
        return [span]
    if owner[-1].text in heads:
        return [owner, owned]
    if lookup_place(owner.text) is not None:
        return [Span(doc, owner.start, owner.end, label="GPE"), owned]
    return [owner, owned] if owner.text in named else [span]


def _split_in(span: Span) -> list[Span]:
    """"Holmenkollen in Oslo" tagged as one place → the place, then the place it is in, when the gazetteer knows
    the second (an organisation keeps its "in": "the Evangelical Lutheran Church in America")."""
    if span.label_ not in {"GPE", "LOC", "FAC"}:
        return [span]
    doc = span.doc
    for t in span:
        if t.lower_ == "in" and span.start < t.i < span.end - 1 and is_capitalised(doc[t.i + 1].text):
            left, right = Span(doc, span.start, t.i, label=span.label_), Span(doc, t.i + 1, span.end, label="GPE")
            if is_capitalised(left[0].text) and lookup_place(right.text) is not None:
                return [left, right]
    return [span]


@Language.factory("dossier_name_repair", requires=["doc.ents", "token.tag"], assigns=["doc.ents"])
def make_name_repair(nlp: Language, name: str) -> NameRepair:
    register()
    return NameRepair()


class NameRepair:
    def __call__(self, doc: Doc) -> Doc:
        ents = _join_prefixed_surnames(doc, list(doc.ents))
        for start, end in _hyphen_chains(doc):
            overlapping = [e for e in ents if e.start < end and e.end > start]
            lo = min([start, *[e.start for e in overlapping]])
            hi = max([end, *[e.end for e in overlapping]])
            label = _chain_label(doc, start, end, overlapping)
            ents = [e for e in ents if e not in overlapping]
            ents.append(Span(doc, lo, hi, label=label))
        repaired: list[Span] = []
        alone = {e.text for e in ents}
        # the names an owner may carry: used alone, or opening another organisation's name ("Yale College")
        named = alone | {doc[e.start:k].text for e in ents if e.label_ == "ORG" for k in range(e.start + 1, e.end)
                         if doc[k].text not in _POSSESSIVES}
        for e in ents:
            trimmed = _trim(e)
            if trimmed is None:
                continue
            if trimmed[0].text in {"Operation", "Op."} and len(trimmed) > 1:
                repaired.append(Span(doc, trimmed.start, trimmed.end, label="EVENT"))  # "Operation Tupac"
                continue
            if trimmed.label_ == "NORP" and not is_capitalised(trimmed.text):
                continue  # "anti-India" is a stance, not a group
            if trimmed[-1].lower_ in _OBSERVANCE_HEADS and trimmed.label_ in {"FAC", "ORG", "GPE", "LOC", "EVENT"}:
                continue
            for part in (p for line in _split_lines(trimmed) for dashed in _split_dashes(line, alone)
                         for p in _split_open_bracket(dashed)):
                for piece in (c for p in _split_possessive(part, named) for c in _split_commas(p)):
                    repaired.extend(_airline(p) for placed in _split_coordinated_places(piece)
                                    for p in _split_in(placed))
        repaired = _join_split_dates(doc, _join_compound_places(doc, _join_adjacent_people(doc, repaired)))
        repaired = _road_numbers(doc, team_names(doc, _division_names(doc, repaired)))
        # "at 1600 Pennsylvania Avenue": a street number the model took for a year is no date
        repaired = [e for e in repaired if e.label_ != "DATE" or not _address_number(e)]
        taken = {t for e in repaired for t in range(e.start, e.end)}
        repaired = [_extend_person(e, taken) if e.label_ == "PERSON" else e for e in repaired]
        set_ents(doc, repaired)
        return doc
