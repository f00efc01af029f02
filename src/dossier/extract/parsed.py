"""The serialised parse a worker hands back: its own module so that the pool (which ships it) and the pipeline
(which makes and reads it) share the type without importing each other.

A chunk's parse travels as ``Doc.to_dict`` (text, the token attribute array, the strings it uses), which the
pool pickles as it pickles any result, not as ``Doc.to_bytes``: those bytes are the same dict packed with
srsly's msgpack, whose every call scans the installed packages' entry points and spaCy's whole function
registry for msgpack extensions (about 0.4 ms a call, twice per chunk on each side). ``Doc.from_dict`` of the
dict is what ``Doc.from_bytes`` does after unpacking, so the parse read back is the same.
"""

from __future__ import annotations

from typing import Any

Parsed = list[tuple[int, dict[str, Any]]]  # one document: (offset of the chunk, its ``Doc.to_dict``) per chunk
