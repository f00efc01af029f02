"""Watchlist hits as every export format carries them (docs/screening.md, "Where hits appear").

One reading of the last screening for all formats: the hits of each canonical entity, best first, with the
list's format and SHA-256, **rejected hits left out** (the analyst said they are not the same), and each hit's
verdict (``confirmed`` or none: a possible match). A store without watchlists gives nothing, so its exports
stay byte-identical to what they were before screening existed.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any

from dossier.store.sqlite import SQLiteStore

# the lists whose entries are sanctions designations (a plain CSV of names is just a watch list)
SANCTION_FORMATS = {"ofac": "OFAC", "un": "UN Security Council"}


@dataclass(frozen=True, slots=True)
class ExportHit:
    entity: str  # canonical entity id
    list: str
    list_format: str
    list_sha256: str
    entry: str
    entry_name: str
    schema: str
    score: float
    how: tuple[str, ...]
    matched: tuple[str, str]
    detail: dict[str, str]
    verdict: str | None  # "confirmed" or None (never "rejected": those are not exported)

    @property
    def status(self) -> str:
        return "confirmed" if self.verdict == "confirmed" else "possible"

    def programs(self) -> str:
        return self.detail.get("programs") or self.detail.get("program") or ""

    def topics(self) -> builtins.list[str]:
        """FollowTheMoney topics a *confirmed* hit puts on the entity: the list entry's own topics (FtM lists),
        ``sanction`` for a sanctions list (OFAC, UN); none for a plain name list."""
        if self.verdict != "confirmed":
            return []
        own = [t.strip() for t in self.detail.get("topics", "").split(";") if t.strip()]
        return own or (["sanction"] if self.list_format in SANCTION_FORMATS else [])

    def summary(self) -> str:
        """One line a person reads: status, list, entry, score and how the names matched."""
        programs = f"; programs {self.programs()}" if self.programs() else ""
        return (f"{self.status} match on watchlist {self.list} (sha256 {self.list_sha256[:12]}): "
                f"{self.entry_name} (entry {self.entry}), score {self.score:.2f}, "
                f"'{self.matched[0]}' ~ '{self.matched[1]}': {'; '.join(self.how) or 'same name'}{programs}")

    def row(self) -> dict[str, Any]:
        """A flat record (tables, graph attributes)."""
        return {"entity": self.entity, "list": self.list, "list_format": self.list_format,
                "list_sha256": self.list_sha256, "entry": self.entry, "entry_name": self.entry_name,
                "schema": self.schema, "score": round(self.score, 4), "status": self.status,
                "matched_name": self.matched[0], "entry_matched_name": self.matched[1],
                "reasons": "; ".join(self.how), "programs": self.programs()}


def selection_hits(selection: object) -> dict[str, list[ExportHit]]:
    """The hits of a selection (``Selection.screening``); a selection that has no store to screen (a stand-in
    written for a test, an importer's view) has none."""
    get = getattr(selection, "screening", None)
    if not callable(get):
        return {}
    hits: dict[str, list[ExportHit]] = get()
    return hits


def export_hits(store: SQLiteStore) -> dict[str, list[ExportHit]]:
    """Canonical entity id → its hits not rejected, best first (confirmed before possible at equal score)."""
    from dossier.screen.engine import list_watchlists, stored_hits

    lists = {w.name: w for w in list_watchlists(store)}
    if not lists:
        return {}
    out: dict[str, list[ExportHit]] = {}
    for h in stored_hits(store, canonical_ids=True):
        if h["verdict"] == "rejected":
            continue
        w = lists.get(str(h["list"]))
        matched = h["reasons"].get("matched") or ["", ""]
        out.setdefault(h["entity"], []).append(ExportHit(
            h["entity"], h["list"], w.format if w else "", w.sha256 if w else "", h["entry"],
            h["entry_name"], h["schema"], float(h["score"]), tuple(h["reasons"].get("how") or ()),
            (str(matched[0]), str(matched[1])), dict(h["detail"]), h["verdict"]))
    for hits in out.values():
        hits.sort(key=lambda x: (-x.score, x.verdict != "confirmed", x.list, x.entry))
    return out
