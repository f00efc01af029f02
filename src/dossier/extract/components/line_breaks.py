"""``dossier_line_breaks``: a line break ends a sentence.

Reports put a headline, a dateline, bullet points and paragraphs on lines of their own; the parser, left to
itself, glues a headline onto the first sentence and a bullet onto the next one. Running before the parser, this
component marks the first token after any line break as a sentence start, which the parser then respects.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dossier_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc
