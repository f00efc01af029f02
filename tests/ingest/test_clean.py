"""clean_text: the normalisation that decides document ids (docs/limits.md, "Text normalisation")."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.ingest.clean import clean_text
from dossier.model.records import Document, Rejection

from .helpers import doc

# Characters that exercise every rule, mixed into arbitrary text (surrogates included: st.text() omits them).
_TRICKY = [
    "\r\n", "\r", "\n", "\n\n\n\n\n", "\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\v", "\f", "\x1c",
    "\u2028", "\u2029", "\ufeff", "\ud800", "\udc80", "e\u0301", "\u0301", "\u1100\u1161", " ", "\t",
    "\u00a0", "\u3000", "\u202e", "\u200b", "Å", "\u212b", "ﬁ",
]  # fmt: skip
_TEXT = st.lists(
    st.one_of(st.sampled_from(_TRICKY), st.text(alphabet=st.characters(exclude_categories=()), max_size=8)),
    max_size=40,
).map("".join)


def _has_forbidden(s: str) -> bool:
    return any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in s)


@pytest.mark.timeout(120)
@settings(max_examples=500)
@given(_TEXT)
def test_clean_text_properties(s: str) -> None:
    out, _ = clean_text(s)
    assert clean_text(out) == (out, 0), "idempotent"
    assert not _has_forbidden(out), "no NUL, C0 (except TAB/LF), DEL, C1 or surrogates"
    assert unicodedata.is_normalized("NFC", out)
    out.encode("utf-8")  # strict: raises on anything unencodable
    assert "\r" not in out and "\ufeff" not in out
    assert out.split("\n") == out.splitlines() or out == ""  # one notion of "line" for everyone
    assert not out.startswith("\n") and not out.endswith("\n")
    assert "\n\n\n\n" not in out
    assert all(line == line.rstrip() for line in out.split("\n"))


def test_clean_text_rules() -> None:
    assert clean_text("\n\n  a  \r\nb\rc\t\n\n\n\n\n\nd\n\n") == ("  a\nb\nc\n\n\nd", 0)
    assert clean_text("Ha\x00mas\x01 \ud800") == ("Hamas \ufffd", 3)
    assert clean_text("Cafe\u0301") == ("Café", 0)
    assert clean_text("\ufeffBOM") == ("BOM", 1)
    assert clean_text("page one\fpage two\x85three\u2028four") == ("page one\npage two\nthree\nfour", 0)
    # Format characters are kept: they carry meaning in Arabic, Persian and Urdu text (docs/limits.md).
    assert clean_text("a\u200cb\u202ec") == ("a\u200cb\u202ec", 0)


def test_same_document_same_id(parse: Callable[..., Document | Rejection]) -> None:
    """CRLF vs LF, BOM vs none, NFC vs NFD, trailing whitespace: one document, one id."""
    body = "Café owner in Peshawar\n\nPeshawar, March 3, 2025 (AP) — The café owner said the talks went well.\n"
    variants = {
        "lf.txt": body.encode("utf-8"),
        "crlf.txt": body.replace("\n", "\r\n").encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + body.encode("utf-8"),
        "nfd.txt": unicodedata.normalize("NFD", body).encode("utf-8"),
        "trailing.txt": body.replace("\n", "   \n").encode("utf-8") + b"\n\n\n",
        "utf16.txt": body.encode("utf-16"),
    }
    ids = {name: doc(parse(name, data)).id for name, data in variants.items()}
    assert len(set(ids.values())) == 1, ids
    again = doc(parse("again.txt", variants["lf.txt"]))
    assert again.id == ids["lf.txt"], "deterministic"
    edited = doc(parse("edit.txt", body.replace("talks", "talkz").encode("utf-8")))
    assert edited.id != ids["lf.txt"], "a one-character edit is a new document"
