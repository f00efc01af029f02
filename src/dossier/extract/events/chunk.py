"""The chunk as event extraction reads it: which tokens are story text, where its segments break, and the
parse lookups every stage of event extraction shares (see ``events``).

The top of a report is not prose: a dateline or byline ("DHAKA, March 14, 2024 (Bengal Wire) -", "By X |
Lagos | 8 May") names a place and a date at which nothing happened, and headline lines drop articles and
final punctuation, so the parser often fuses them into the first sentence. ``EventChunk`` marks the dateline
tokens (``excluded``), the end of the headline lines (``headline_end``) and a *segment* per sentence and per
line, and its lookups (``kids``, ``subject``) never step outside a segment or into the dateline, so a
headline fused into a sentence never supplies an argument. Triggers, arguments, dates and coreference all read
the parse through it.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Span, Token

from dossier.extract.context import DocContext
from dossier.extract.events import lexicon as lx
from dossier.extract.token_words import token_words
from dossier.model import EntityType

__all__ = ["MAX_WALK", "EventChunk"]

MAX_WALK: Final = 6  # depth bound on every tree walk: keeps the work per trigger constant


class EventChunk:
    """One parsed chunk with its dateline, headline lines and segments marked."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.excluded = self._dateline_tokens()
        self.segment = self._segments()
        self.headline_end = self._headline_end()

    # ----------------------------------------------------------------------------------- layout

    def _dateline_tokens(self) -> set[int]:
        """Tokens of a dateline or byline ("DHAKA, March 14, 2024 (Bengal Wire) -", "By X | Lagos | 8 May")."""
        out: set[int] = set()
        if self.ctx.offset != 0:
            return out
        line_start = 0
        for tok in self.doc:
            if tok.idx > 600:
                break
            if "\n" in tok.text_with_ws or tok.i == len(self.doc) - 1:
                line = self.doc[line_start:tok.i + 1]
                out.update(self._dateline_in(line))
                line_start = tok.i + 1
        return out

    def _dateline_in(self, line: Span) -> list[int]:
        words = [t for t in line if not t.is_space]
        if not words:
            return []
        if any(t.text == "|" for t in words) or words[0].lower_ == "by":
            return [t.i for t in line]  # a byline
        for t in words[:12]:
            if t.text in lx.DATELINE_DASHES and t.i > line.start:
                before = self.doc[line.start:t.i]
                if any(u.pos_ in ("VERB", "AUX") for u in before) or before[0].pos_ not in ("PROPN", "NOUN"):
                    break
                place_like = len(before) <= 5 and all(u.pos_ in ("PROPN", "PUNCT", "NUM") for u in before)
                if any(e.label_ == "DATE" for e in before.ents) or before[0].is_upper or place_like:
                    end = t.i + 1
                    if t.text == "(":  # "(Bengal Wire) -"
                        # the tokenizer may keep the bracket on the word before it ("(Oct. 8) -": "8)")
                        close = next((u.i for u in line if u.i > t.i and u.text.endswith(")")), t.i)
                        end = close + 2 if close + 1 < line.end and line.doc[close + 1].text in lx.DATELINE_DASHES \
                            else close + 1
                    return list(range(line.start, min(end, line.end)))
                break
        return []

    def _segments(self) -> list[int]:
        """Segment number per token: a new one at each sentence start and after each line break."""
        starts = {sent.start for sent in self.doc.sents}
        seg: list[int] = []
        n = 0
        # a token's trailing whitespace is one space at most: a line break is in its text (``lower_`` keeps it)
        for i, lower in enumerate(token_words(self.doc).lower):
            if i in starts and i > 0:
                n += 1
            seg.append(n)
            if "\n" in lower:
                n += 1
        return seg

    def _headline_end(self) -> int:
        """Token index after the headline lines at the top of a report (a title, a subtitle: lines without
        final punctuation), else 0. The first line that ends like a sentence, or a long one, ends them."""
        if self.ctx.offset != 0:
            return 0
        end = 0
        line_start = 0
        for tok in self.doc:
            if tok.i - line_start > 40:
                break
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                words = [t for t in self.doc[line_start:tok.i + 1] if not t.is_space]
                if words and words[-1].text in (".", "!", "?", ":", '"', "”"):
                    break
                if words and not all(t.i in self.excluded for t in words):
                    end = tok.i + 1
                line_start = tok.i + 1
        return end

    def same_segment(self, a: Token, b: Token) -> bool:
        return self.segment[a.i] == self.segment[b.i]

    def kids(self, tok: Token) -> list[Token]:
        """The token's children within its segment (a headline fused into a sentence is not an argument)."""
        seg = self.segment[tok.i]
        return [c for c in tok.children if self.segment[c.i] == seg and c.i not in self.excluded]

    # ----------------------------------------------------------------------------------- entities

    def eid(self, tok: Token) -> str | None:
        return self.ctx.entity_at(tok.i)

    def etype(self, eid: str) -> EntityType | None:
        return self.ctx.entity_type.get(eid)

    # ----------------------------------------------------------------------------------- subjects

    def subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The verb's subject (following conjunctions, xcomp and relative clauses) and whether it is the
        patient (a passive subject)."""
        cur = verb
        for _ in range(4):
            for c in self.kids(cur):
                if c.dep_ in ("nsubj", "csubj"):
                    if c.tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
                        return cur.head, False
                    return c, False
                if c.dep_ == "nsubjpass":
                    return c, cur is verb
            if cur.dep_ in ("conj", "xcomp") and cur.head.pos_ in ("VERB", "AUX") \
                    and self.same_segment(cur, cur.head):
                cur = cur.head
                continue
            if cur.dep_ == "xcomp" and cur.head.pos_ == "ADJ" and cur.head.dep_ == "acomp":
                cur = cur.head.head  # "is due to appear", "is likely to meet"
                continue
            if cur.dep_ == "relcl" and self.same_segment(cur, cur.head):
                return cur.head, False
            break
        return self._orphan_subject(verb), False

    def _orphan_subject(self, verb: Token) -> Token | None:
        """A subject the parser hung on a fused headline or dateline: the first noun before the verb in its
        segment whose head lies outside the segment ("Bogotá — Colombia's government ... began")."""
        if verb.dep_ not in ("ROOT", "conj", "appos", "dep") and self.same_segment(verb, verb.head):
            return None
        seg = self.segment[verb.i]
        i = verb.i - 1
        while i >= 0 and self.segment[i] == seg and verb.i - i < 40:
            i -= 1
        for tok in self.doc[i + 1:verb.i]:
            if tok.i in self.excluded or tok.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            head = tok.head
            if head.i == tok.i or self.segment[head.i] != seg or head.i in self.excluded:
                return tok
        return None
