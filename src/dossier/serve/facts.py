"""Cross-document facts for the web app, in the shapes of ``dossier.analyze.Analysis``.

The server reads aggregated facts (relations, events, claims with their supports, corroboration and grades) from
``Analysis`` when the package provides it. Older builds without the analysis module get a plain aggregation of the
per-document records (``dossier.store.facts.Facts``) in the same shapes, ungraded, so the API never changes shape.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from dossier.store.facts import Facts
from dossier.store.sqlite import SQLiteStore

Fact = dict[str, Any]


def _analysis_class() -> Callable[[SQLiteStore], Any] | None:
    try:
        module = importlib.import_module("dossier.analyze")
    except ImportError:
        return None
    cls = getattr(module, "Analysis", None)
    return cls if callable(cls) else None


class FactSource:
    """Everything the index needs from one store generation: facts, discrepancies, document origins."""

    def __init__(self, store: SQLiteStore) -> None:
        cls = _analysis_class()
        self.analysis: Any = cls(store) if cls is not None else None
        self.store = store

    @property
    def graded(self) -> bool:
        return self.analysis is not None

    def relations(self) -> list[Fact]:
        if self.analysis is not None:
            return list(self.analysis.relations())
        return _fallback_relations(self.store)

    def events(self) -> list[Fact]:
        if self.analysis is not None:
            return list(self.analysis.events())
        return _fallback_events(self.store)

    def claims(self) -> list[Fact]:
        if self.analysis is not None:
            return list(self.analysis.claims())
        return _fallback_claims(self.store)

    def discrepancies(self) -> list[Fact]:
        if self.analysis is not None:
            return list(self.analysis.discrepancies())
        return []


# -- fallback: one fact per (subject, predicate, object, modality) etc., supports counted by publisher ---------------
def _doc_meta(store: SQLiteStore) -> dict[str, dict[str, Any]]:
    return {r["id"]: {"title": r["title"], "publisher": r["publisher"], "published": r["published"],
                      "source": r["source"]} for r in store.documents()}


def _support(rec: Fact, meta: dict[str, dict[str, Any]], **extra: Any) -> Fact:
    m = meta.get(rec["document"], {})
    origin = m.get("publisher") or rec["document"]
    return {"record": rec["id"], "document": rec["document"], "source": m.get("source"), "title": m.get("title"),
            "publisher": m.get("publisher"), "published": m.get("published"), "origin": origin,
            "modality": rec["modality"], "attribution": rec.get("attribution"), **extra}


def _finish(fid: str, fact: Fact, supports: list[Fact]) -> Fact:
    dates = sorted(s["published"] for s in supports if s.get("published"))
    fact.update({"id": fid, "supports": supports, "documents": len({s["document"] for s in supports}),
                 "independent_sources": len({s["origin"] for s in supports}), "grade": None, "confidence": None,
                 "grade_reason": "not graded (the analysis module is not available)",
                 "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None})
    return fact


def _fallback_relations(store: SQLiteStore) -> list[Fact]:
    meta = _doc_meta(store)
    groups: dict[tuple[str, str, str, str], list[Fact]] = {}
    heads: dict[tuple[str, str, str, str], Fact] = {}
    for r in Facts(store).relations():
        key = (r["subject"]["id"], r["predicate"], r["object"]["id"], r["modality"])
        heads.setdefault(key, r)
        groups.setdefault(key, []).append(_support(r, meta, role=r["role"], evidence=r["evidence"]))
    out = []
    for key, supports in groups.items():
        h = heads[key]
        roles = sorted({s["role"] for s in supports if s.get("role")})
        out.append(_finish("rel_" + "_".join(k[-12:] for k in key), {
            "subject": h["subject"], "predicate": h["predicate"], "object": h["object"], "roles": roles,
            "modality": h["modality"]}, supports))
    return sorted(out, key=lambda f: f["id"])


def _fallback_events(store: SQLiteStore) -> list[Fact]:
    meta = _doc_meta(store)
    out = []
    for e in Facts(store).events():
        support = _support(e, meta, evidence=e["evidence"], date=e["date"], place=e["place"],
                           participants=e["participants"])
        out.append(_finish("evt_" + e["id"], {
            "type": e["type"], "label": e["label"], "date": e["date"], "date_granularity": e["date_granularity"],
            "place": e["place"], "participants": e["participants"], "modality": e["modality"]}, [support]))
    return out


def _fallback_claims(store: SQLiteStore) -> list[Fact]:
    meta = _doc_meta(store)
    rows = {r["id"]: r for r in store.query("SELECT id, ev_start, ev_end, document FROM claims")}
    out = []
    for k in Facts(store).claims():
        row = rows[k["id"]]
        ev = [{"document": k["document"], "start": row["ev_start"], "end": row["ev_end"], "text": k["evidence"]}]
        support = _support(k, meta, evidence=ev, cue=k["cue"])
        out.append(_finish("clm_" + k["id"], {
            "source": k["source"], "source_entity": k["source_entity"], "proposition": k["proposition"],
            "modality": k["modality"], "cue": k["cue"]}, [support]))
    return out
