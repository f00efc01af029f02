"""Bytes to ``str``: BOM first, strict UTF-8 next, a charset guess last, every replacement counted.

Decoding happens once, here, so that HTML reaches trafilatura as ``str`` (it would decompress ``bytes``) and
so that a guessed encoding or a lossy decode is visible in the document's warnings instead of silently turning
"Café" into "CafÃ©".
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from dossier.ingest.sniff import utf16_without_bom

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32-LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32-BE"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16-LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16-BE"),
)
_GUESS_SAMPLE = 256 * 1024
# <meta charset="…">, <meta http-equiv="Content-Type" content="text/html; charset=…">, <?xml … encoding="…"?>
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
# As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are decoded as windows-1252.
_WHATWG_ALIASES = {
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
}  # charset-normalizer reads a sample; the whole file need not be scanned


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name actually used
    warnings: tuple[str, ...] = ()


def _decode_counting(data: bytes, codec: str) -> tuple[str, int]:
    """Decode with U+FFFD for invalid input; return the text and how many replacements were made."""
    text = data.decode(codec, errors="replace")
    replaced = text.count("\ufffd")
    if replaced:
        # A U+FFFD that was in the input is not a replacement we made.
        try:
            replaced -= data.count("\ufffd".encode(codec))
        except (UnicodeEncodeError, LookupError):
            pass
    return text, max(replaced, 0)


def _replacements_warning(label: str, replaced: int, guessed: bool) -> tuple[str, ...]:
    how = " (encoding guessed)" if guessed else ""
    if replaced:
        noun = "replacement" if replaced == 1 else "replacements"
        return (f"decoded as {label} with {replaced:,} {noun} for invalid bytes{how}",)
    return (f"decoded as {label}{how}",) if guessed else ()


def _mostly_utf8(text: str, replaced: int) -> bool:
    """True when the bytes are UTF-8 with some bad bytes rather than a legacy 8-bit encoding.

    In a cp1252 or Latin-1 file a valid UTF-8 multi-byte sequence is an accident (a lead byte such as "Ã" right
    before the exact number of bytes from 0x80-0xBF); in damaged UTF-8 every non-ASCII character is one. So when
    the bytes of valid multi-byte sequences are at least a quarter of the invalid bytes, the file is UTF-8 that
    was damaged, and re-guessing would garble its good parts (three em dashes read as cp850 become "ÔÇö"):
    decode it as UTF-8 with replacements, counted in a warning.
    """
    if replaced == 0:
        return True
    ascii_chars = len(text.encode("ascii", "ignore"))
    valid_multibyte = len(text.encode("utf-8", "surrogatepass")) - ascii_chars - 3 * text.count("\ufffd")
    return valid_multibyte > 0 and 4 * valid_multibyte >= replaced


def _guess_codec(sample: bytes) -> str | None:
    """charset-normalizer's best guess, preferring cp1252 among equally good guesses.

    Short Western-European texts often score the same in cp1250, cp1252 and cp1257, and charset-normalizer
    then names the first; cp1252 is by far the most common legacy encoding of English-language news.
    """
    results = list(charset_normalizer.from_bytes(sample))
    if not results:
        return None
    best = results[0]
    for match in results:
        if match.encoding == "cp1252" and match.chaos == best.chaos and match.coherence == best.coherence:
            return "cp1252"
    if best.encoding != "cp1252":
        try:
            if sample.decode("cp1252") == str(best):
                return "cp1252"  # the same characters either way: use the familiar name
        except UnicodeDecodeError:
            pass
    return str(best.encoding)


def declared_encoding(data: bytes) -> str | None:
    """The Python codec an HTML/XML page declares in its first 4 KB, if Python knows it; never UTF-16/32.

    A declared UTF-16 in a byte stream we could read as ASCII is a lie (a BOM would have said so).
    """
    m = _DECLARED.search(data[:4096])
    if m is None:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii")
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    if name.startswith(("utf_16", "utf_32")):
        return None
    return _WHATWG_ALIASES.get(name, name)


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text; never fails (the last resort is UTF-8 with replacements, and says so).

    ``declared`` is the encoding the document names for itself (HTML ``<meta charset>``): used after BOM and
    valid UTF-8 (pages often declare a legacy charset and serve UTF-8) and only if it decodes without error.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text, replaced = _decode_counting(data[len(bom) :], codec)
            return Decoded(text, codec, _replacements_warning(label, replaced, guessed=False))
    # UTF-16 without a BOM first: its ASCII range is valid UTF-8 too, full of NULs.
    utf16 = utf16_without_bom(data[:_GUESS_SAMPLE])
    if utf16 is not None:
        text, replaced = _decode_counting(data, utf16)
        return Decoded(text, utf16, _replacements_warning(utf16.upper(), replaced, guessed=True))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared is not None:
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    utf8_text, utf8_replaced = _decode_counting(data, "utf-8")
    if _mostly_utf8(utf8_text, utf8_replaced):
        return Decoded(utf8_text, "utf-8", _replacements_warning("UTF-8", utf8_replaced, guessed=False))
    guess = _guess_codec(data[:_GUESS_SAMPLE])
    if guess is not None:
        try:
            text, replaced = _decode_counting(data, guess)
        except LookupError:
            pass
        else:
            return Decoded(text, guess, _replacements_warning(guess, replaced, guessed=True))
    return Decoded(
        utf8_text,
        "utf-8",
        (f"encoding not recognised; decoded as UTF-8 with {utf8_replaced:,} replacements for invalid bytes",),
    )
