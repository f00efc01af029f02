"""Text normalisation, applied exactly once, before any character offset exists.

Everything downstream (sentences, mentions, evidence spans) indexes into the cleaned text, and the document id
is a hash of it, so this function decides when two files are "the same document". It removes what no
report means to contain and what breaks later stages (NUL confuses SQLite's ``length()``, a lone surrogate
cannot be encoded as UTF-8, one C0 control kills a GraphML export) and keeps every visible character. The
exact rules are in docs/limits.md; change them only together with that page, since they change document ids.
"""

from __future__ import annotations

import re
import unicodedata

# Every line boundary str.splitlines() knows becomes "\n", so that after cleaning
# text.split("\n") == text.splitlines(). CR LF is one boundary; CR alone another.
_OTHER_BREAKS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
# C0 controls except TAB and LF, DEL, C1 controls, and U+FEFF (a byte-order mark or zero-width no-break space,
# invisible either way). The line-break controls above are already gone when this runs.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Three or more blank lines (four or more newlines once lines are stripped) become two blank lines.
_BLANK_RUN = re.compile("\n{4,}")


def clean_text(s: str) -> tuple[str, int]:
    """Normalise ``s``; return the cleaned text and how many characters were removed or replaced as invalid.

    The count covers control characters dropped and lone surrogates replaced by U+FFFD (not line-ending or
    whitespace changes, which are routine), so that callers can warn about damaged input.
    """
    bad = 0
    # Each step first checks cheaply whether it has anything to do: on a 20 MB report a regex pass costs
    # about 0.2 s, a substring test a few milliseconds.
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s, n = _SURROGATE.subn("\ufffd", s)
        bad += n
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    for brk in _OTHER_BREAKS:
        if brk in s:
            s = s.replace(brk, "\n")
    s, n = _CONTROL.subn("", s)
    bad += n
    # NFC after removing controls: a dropped control can bring a base letter and a combining mark together.
    s = unicodedata.normalize("NFC", s)
    s = "\n".join(line.rstrip() for line in s.split("\n"))
    s = s.strip("\n")
    if "\n\n\n\n" in s:
        s = _BLANK_RUN.sub("\n\n\n", s)
    return s, bad


def one_line(s: str) -> str:
    """Clean a metadata value (title, publisher) and fold it onto a single line with single spaces."""
    cleaned, _ = clean_text(s)
    return " ".join(cleaned.split())
