"""The words of a parsed chunk as plain strings, read once per ``Doc``: lower-cased text, lower-cased lemma, POS.

Several passes over a chunk (event triggers, attribution frames and hedges) look at every token only to ask
whether its word is in a lexicon; each ``Token`` they make and each ``lower_``/``lemma_`` they read costs more
than the lookup itself. ``token_words`` reads the three columns in one ``Doc.to_array`` and keeps them in
``Doc.user_data``, so a pass can skip the tokens no lexicon knows without making their ``Token`` objects.
The parse does not change after ``nlp`` (dossier's components change entities only), so the table stays true.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import NAMES
from spacy.tokens import Doc

_KEY = "dossier_token_words"


@dataclass(frozen=True, slots=True)
class TokenWords:
    lower: list[str]  # token index → ``Token.lower_``
    lemma: list[str]  # token index → ``Token.lemma_.lower()``
    pos: list[str]  # token index → ``Token.pos_``


def token_words(doc: Doc) -> TokenWords:
    """The chunk's words by token index (made on first use, then kept on the ``Doc``)."""
    cached = doc.user_data.get(_KEY)
    if isinstance(cached, TokenWords) and len(cached.lower) == len(doc):
        return cached
    strings = doc.vocab.strings
    rows = doc.to_array([LOWER, LEMMA, POS]).tolist() if len(doc) else []
    words = TokenWords([strings[lower] for lower, _, _ in rows],
                       [strings[lemma].lower() for _, lemma, _ in rows],
                       [NAMES.get(pos, "") for _, _, pos in rows])
    doc.user_data[_KEY] = words
    return words
