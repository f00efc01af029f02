"""Make any string safe to print on a terminal: control characters become visible escapes.

File names, sources, titles and report text come from outside. Printed raw, a file name holding ``\\x1b[2J``
clears the screen, ``\\x1b]0;…\\x07`` sets the window title, and a newline fakes a second message line. Every
line dossier prints for a person passes through :func:`safe`, which turns C0 and C1 controls, DEL, line and
paragraph separators and the bidirectional overrides into ``\\xNN``/``\\uNNNN`` escapes (a tab stays a tab), so a
line stays one line and shows what is really there. Data outputs (``--json``, exports, ``dossier text``) are
not touched: JSON escapes controls itself, and stored text is cleaned at ingest and import (docs/limits.md).
"""

from __future__ import annotations

import re

import click

# C0 except TAB, DEL, C1; U+2028/2029 (line/paragraph separators); bidi embeddings, overrides and isolates,
# which reorder what follows on the line (a file name "txt.exe" shown as "exe.txt").
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(value: object) -> str:
    """``str(value)`` on one line with every control character escaped (``"a\\nb"`` → ``"a\\\\nb"``)."""
    text = str(value)
    return _UNSAFE.sub(_escape, text)


def echo(line: object = "", *, err: bool = False) -> None:
    """``click.echo`` of one line, made terminal-safe."""
    click.echo(safe(line), err=err)
