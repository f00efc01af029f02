"""Dependency-parse helpers shared by the attribution passes (frames, sources, hedges and claims): a verb's
subject, agent and to-complement, passive voice, the span a phrase covers and how it is trimmed, and the
words of a source's noun phrase without its asides.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "``", "''"})
_EDGE_PUNCT = frozenset({",", ";", ":", "-", "—", "–", "."}) | _QUOTES
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "noone"})


def verb_subject(t: Token) -> Token | None:
    """The verb's subject; of two (a name the tokenizer split: "al - Hamdani"), the word nearest the verb."""
    subjects = [c for c in t.children if c.dep_ in ("nsubj", "csubj") and not c.is_punct and c.text != "-"]
    return subjects[-1] if subjects else None


def xcomp(t: Token) -> Token | None:
    return next((c for c in t.children if c.dep_ == "xcomp"), None)


def agent_of(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def is_passive(t: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
        return True
    if t.tag_ == "VBN" and t.dep_ == "acl":
        return True  # "a man believed to be …"
    # ", believed to house …" misread as a conjoined past tense: no subject, no auxiliary, a to-infinitive
    return (t.dep_ == "conj" and t.i > 0 and t.doc[t.i - 1].text == "," and t.lemma_.lower() != "claim"
            and xcomp(t) is not None
            and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in t.children))


def tree_depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 200:
        t = t.head
        d += 1
    return d


def cover(parts: Iterable[Token]) -> tuple[int, int]:
    """The token range covering the subtrees of ``parts``."""
    items = list(parts)
    return (min(p.left_edge.i for p in items), max(p.right_edge.i + 1 for p in items))


def strip_edges(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """Trim punctuation, conjunctions and complementisers at the edges; start after a line break (a headline or
    dateline the parser glued onto the sentence)."""
    start, end = span
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].is_space
                           or doc[end - 1].dep_ == "cc"):
        end -= 1
    for j in range(end - 1, start - 1, -1):
        if doc[j].is_space and "\n" in doc[j].text:
            start = j + 1
            break
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].is_space
                           or doc[start].dep_ in ("cc", "mark")):
        start += 1
    return (start, end)


def same_line(doc: Doc, a: int, b: int) -> bool:
    """No line break between tokens ``a`` and ``b`` (a headline glued to the first sentence is another line)."""
    lo, hi = min(a, b), max(a, b)
    return not any(doc[j].is_space and "\n" in doc[j].text for j in range(lo, hi))


def says_nothing(subject: Token) -> bool:
    """A negative subject: "no group", "nobody", "none of them"."""
    return subject.lower_ in _NEGATIVE_SUBJECTS or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def misread_complement(t: Token) -> list[Token]:
    """"told a briefing that the bill would …": a that-clause the parser hung on a noun as a relative clause.

    A real relative clause has a relative pronoun as subject or object; a complement has "that" as a marker and a
    subject of its own.
    """
    after = t.right_edge.i + 1
    if t.dep_ == "relcl" and after < len(t.doc) and t.doc[after].pos_ in ("AUX", "VERB") \
            and any(c.dep_ == "dobj" and c.lower_ in RELATIVE for c in t.children) \
            and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i for c in t.doc[after].children):
        return [t.doc[after]]  # "a faction which Washington has maintained | was behind …", split by the parser
    nouns = [c for c in t.children if c.dep_ == "dobj"]
    nouns += [p for c in t.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for n in nouns:
        for c in n.children:
            if c.dep_ in ("relcl", "acl") and c.i > n.i \
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) \
                    and any(m.dep_ in ("nsubj", "nsubjpass") and m.lower_ not in RELATIVE for m in c.children):
                return [c]
    return []


def content_bounds(sent: Span) -> tuple[int, int]:
    """First and last token of the sentence that are not punctuation or quotes."""
    first, last = sent.start, sent.end - 1
    while first < last and (sent.doc[first].is_punct or sent.doc[first].is_space):
        first += 1
    while last > first and (sent.doc[last].is_punct or sent.doc[last].is_space):
        last -= 1
    return first, last


def noun_phrase(doc: Doc, head: Token) -> tuple[int, int, Token]:
    """The source's words: the phrase of ``head`` without relative clauses, descriptive appositions or asides.

    Returns (start, end, named token): the named token is the head, or the person named in an apposition
    ("An AHF spokesman, Lukas Brunner").
    """
    drop: set[int] = set()
    named = head
    stack = [head]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            if _cut_from_phrase(doc, head, c):
                drop.update(x.i for x in c.subtree)
                continue
            if c.dep_ == "appos" and named.i == head.i and (c.ent_type_ == "PERSON" or tok.i == head.i) \
                    and c.pos_ == "PROPN" and head.ent_type_ != "PERSON":
                named = c
            stack.append(c)
    start = end = head.i
    left, right = head.left_edge.i, head.right_edge.i
    while start - 1 >= left and start - 1 not in drop and not doc[start - 1].is_space:
        start -= 1
    while end + 1 <= right and end + 1 not in drop and not doc[end + 1].is_space:
        end += 1
    if head.ent_iob_ != "O":  # the whole name, even where the parser split it ("al - Hamdani")
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end - 1)
    start, stop = strip_edges(doc, (start, end + 1))
    if stop > start and doc[stop - 1].text == ")" and "(" not in doc[start:stop].text:
        stop -= 1
    if stop > start and doc[stop - 1].text == "(":
        stop -= 1
    return start, max(stop, start + 1), named


def _cut_from_phrase(doc: Doc, head: Token, c: Token) -> bool:
    """Whether the dependent ``c`` (somewhere inside the phrase of ``head``) is an aside, not the source's name."""
    dep = c.dep_
    after_comma = c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","
    if dep in ("relcl", "advcl", "parataxis"):
        return True
    if dep == "acl":  # keep "a statement posted by the movement", drop "a statement issued on Thursday"
        return after_comma or not any(x.dep_ == "agent" for x in c.children)
    if dep == "appos":
        if c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "(":
            return False  # an acronym in brackets
        names_head = c.pos_ == "PROPN" and head.ent_type_ != "PERSON" and (
            c.ent_type_ == "PERSON" or (c.head.i == head.i and head.pos_ != "PROPN"))
        return not names_head
    if dep == "prep" and c.i > head.i and (after_comma or c.lower_ == "as"):
        return True  # "Lawyers for X, including …"; "as …" belongs to the verb, whatever the parse says
    return dep in ("npadvmod", "nmod") and c.ent_type_ in ("DATE", "TIME")

