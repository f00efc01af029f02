"""Splitting an SQL script into statements, for running a schema inside an open transaction (which
``executescript`` would commit first)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator


def statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, split where SQLite says one is complete (a ';' inside a comment or a
    string does not end one). ``executescript`` would commit the open transaction first."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip() and not all(ln.lstrip().startswith("--") or not ln.strip() for ln in pending.splitlines()):
        yield pending
