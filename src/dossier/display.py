"""What a person sees of a report: a title (its own, or its first line), its path relative to the folder it was
ingested from, never an absolute path or an internal id; and counted nouns with the right plural.

The store keeps the source as given on the command line (often absolute); these helpers only shape what is shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dossier.store.sqlite import SQLiteStore

_MAX_TITLE = 100
_SPACE = re.compile(r"\s+")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 disagreement``, ``2 disagreements``, ``1 entity``, ``3 entities``."""
    if n == 1:
        return f"{n} {word}"
    if many is None:
        many = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
    return f"{n} {many}"


def headline(text: str | None) -> str | None:
    """A report's first non-empty line as its title: cut at a word boundary with an ellipsis when long."""
    for line in (text or "").splitlines():
        line = _SPACE.sub(" ", line.strip().lstrip("#").strip())
        if not line:
            continue
        if len(line) <= _MAX_TITLE:
            return line
        cut = line[:_MAX_TITLE].rsplit(" ", 1)[0]
        return (cut or line[:_MAX_TITLE]).rstrip(",;:") + "…"
    return None


def common_root(sources: Iterable[str]) -> str:
    """The folder the absolute file sources share (the folder that was ingested); '' when there is none.
    Relative sources (uploads, paths given relative) are shown as stored."""
    dirs = [os.path.dirname(s) for s in sources if s and os.path.isabs(s)]
    if not dirs:
        return ""
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # absolute and relative paths mixed
        return ""


def relative_source(source: str, root: str) -> str:
    """A source path relative to ``root`` (never absolute): its base name when it is not under ``root``."""
    if not source or source.startswith("<"):  # "<stdin>", "<upload>"
        return "pasted text"
    if root:
        try:
            rel = os.path.relpath(source, root)
        except ValueError:
            rel = ""
        if rel and not rel.startswith(".."):
            return rel
    return os.path.basename(source) if os.path.isabs(source) else source


def document_label(title: str | None, text: str | None, path: str) -> str:
    """The name a report is shown by: its title, else its first line, else its relative path."""
    return (title or "").strip() or headline(text) or path


def document_cards(store: SQLiteStore, *, current_only: bool = True, only: str | None = None,
                   root: str = "") -> dict[str, dict[str, Any]]:
    """Current documents' metadata as a person sees it: ``title`` (the report's own, else its first line, else
    its path; ``title_from`` says which), ``source`` relative to the folder ingested, never absolute.
    ``only``: that document's card alone, its source shown relative to ``root`` (the folder of the others)."""
    from dossier.resolve.corrections import Corrections
    from dossier.store.documents import documents
    from dossier.store.pages import authors

    rows = list(documents(store, current_only=current_only, order="source", only=only))
    if only is None:
        root = common_root(r.source for r in rows if not current_only or r.is_current)
    corr = Corrections.load(store)
    written_by = authors(store)
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        path = relative_source(r.source, root)
        title = document_label(r.title, r.head, path)
        out[r.id] = {"id": r.id, "source": path, "stored_source": r.source, "title": title,
                     "title_from": "report" if (r.title or "").strip() else "first line" if title != path else "path",
                     "published": r.published, "published_inferred": r.published_inferred,
                     "publisher": r.publisher, "dateline_place": r.dateline_place,
                     "media_type": r.media_type, "version": r.version,
                     "current": r.is_current, "author": written_by.get(r.id)}
        if corr:
            out[r.id] = corr.document(r.source, out[r.id])
    return out
