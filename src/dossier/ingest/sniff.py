"""Look at the bytes before any parser does: reject binaries, archives and compressed streams early.

The file extension is a claim, not a fact. trafilatura decompresses any gzip/zstd/brotli bytes it is handed
(RELIABILITY finding 1), and lxml will happily build a tree from a PNG, so the content decides what it is.
Compressed content is refused, never inflated: a 2 MB gzip can expand to 2 GB.
"""

from __future__ import annotations

from dossier.exc import InputRejected

# (magic prefix, name). Order matters only where prefixes overlap (none do today).
_COMPRESSED: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x04\x22\x4d\x18", "lz4"),
    (b"\x5d\x00\x00", "lzma"),
)
_BINARY: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xca\xfe\xba\xbe", "Mach-O or Java class"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\x00asm", "WebAssembly"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE2) document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
# Bytes that do not occur in text in any encoding we read: C0 controls other than TAB, LF, VT, FF, CR and ESC.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_SAMPLE = 64 * 1024
BINARY_RATIO = 0.05  # share of control bytes above which a sample is binary; random bytes have ~10%


def utf16_without_bom(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NULs sit almost only at odd/even offsets (ASCII-range UTF-16)."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.4 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.4 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _name_binary(data: bytes) -> str:
    """A human name for binary data: our own table first, then puremagic's guess."""
    for magic, name in _BINARY:
        if data.startswith(magic):
            return name
    if len(data) > 262 and data[257:262] == b"ustar":
        return "tar archive"
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    try:
        import puremagic

        matches = puremagic.magic_string(data[:_SAMPLE])
    except Exception:  # puremagic raises its own error for "unknown" and may trip on odd input
        matches = []
    if matches:
        return str(matches[0].name)
    return "unknown binary data"


def sniff(data: bytes) -> None:
    """Raise :class:`InputRejected` unless ``data`` may be text; decoding and parsing come after."""
    head = data[:16]
    if data.startswith(b"%PDF-"):
        raise InputRejected("a PDF where text was expected")
    if data.startswith(b"WARC/"):
        raise InputRejected("a web archive (WARC) where a single page was expected")
    for magic, name in _COMPRESSED:
        if head.startswith(magic):
            raise InputRejected(f"compressed content is not supported (looks like {name}); decompress it first")
    if head[:3] == b"BZh" and head[3:4].isdigit() and head[4:10] in (b"1AY&SY", b"\x17rE8P\x90"):
        raise InputRejected("compressed content is not supported (looks like bzip2); decompress it first")
    # Byte-order marks say "text" with authority: UTF-16 is full of NUL bytes and must not look binary.
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return
    for magic, name in _BINARY:
        # A magic made of printable ASCII ("MZ", "BM", "OggS") could open a text; then the body must agree.
        if head.startswith(magic) and (not magic.isascii() or not magic.isalnum() or _looks_binary(data)):
            raise InputRejected(f"not a text document (looks like {name})")
    if _looks_binary(data):
        raise InputRejected(f"not a text document (looks like {_name_binary(data)})")


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if not sample or utf16_without_bom(sample) is not None:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > BINARY_RATIO * len(sample)
