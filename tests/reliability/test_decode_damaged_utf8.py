"""Damaged UTF-8 stays UTF-8 (issue 13, item 7): a few bad bytes never turn every em dash into "ÔÇö"."""

from __future__ import annotations

import pytest

from dossier.ingest.decode import decode

REPORT = ("The minister said on Monday that talks would resume \u2014 officials in Karachi confirmed it. " * 3)


@pytest.mark.parametrize("bad", [b"\xff" * 10, b"\xff\xfe\x81" * 10, b"\x93quoted\x94 \x96 " * 10])
def test_invalid_bytes_among_valid_multibyte_characters_decode_as_utf8(bad: bytes) -> None:
    data = REPORT.encode() + bad + b" end of report."
    d = decode(data)
    assert d.encoding == "utf-8"
    assert d.text.count("\u2014") == 3 and "ÔÇö" not in d.text and "‚Äî" not in d.text
    assert d.warnings and "replacements for invalid bytes" in d.warnings[0]


@pytest.mark.parametrize("repeat", [1, 5, 50])
def test_legacy_8bit_text_is_still_recognised(repeat: int) -> None:
    text = ("Le ministre a déclaré lundi que les négociations reprendraient à Genève — «sûrement» après l'été, "
            "a précisé Hélène Müller. Ça coûte cher, dit-il. ") * repeat
    d = decode(text.encode("cp1252"))
    assert d.encoding == "cp1252"
    assert d.text == text
