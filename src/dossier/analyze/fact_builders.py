"""One fact from its supports: the per-report records of a relation, event or claim turned into the fact
``Analysis`` lists and ``stream`` yields (shared, so both build the same facts)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from dossier.analyze import grading
from dossier.analyze.support import Sources
from dossier.model import stable_id
from dossier.model.views import Fact

SYMMETRIC = frozenset({"associate"})  # predicates whose subject and object can swap


def _by_date(sups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(sups, key=lambda x: (x["published"] or "", x["document"], x["record"]))


def relation_support(sources: Sources, r: dict[str, Any]) -> dict[str, Any]:
    return sources.support(r["document"], record=r["id"], modality=r["modality"], attribution=r["attribution"],
                           role=r["role"], evidence=r["evidence"])


def relation_fact(sources: Sources, a: dict[str, Any], pred: str, b: dict[str, Any],
                  sups: list[dict[str, Any]]) -> Fact:
    sups = _by_date(sups)
    return {"id": stable_id("rel", a["id"], pred, b["id"]), "subject": a, "predicate": pred, "object": b,
            "roles": sorted({x["role"] for x in sups if x["role"]}), "supports": sups, **sources.corroborate(sups)}


def event_support(sources: Sources, e: dict[str, Any]) -> dict[str, Any]:
    return sources.support(
        e["document"], record=e["id"], modality=e["modality"], attribution=e["attribution"],
        evidence=e["evidence"], type=e["type"], label=e["label"], date=e["date"],
        date_granularity=e["date_granularity"], place=e["place"], participants=e["participants"],
        trigger=e["trigger"])


def event_fact(sources: Sources, cluster: str, sups: list[dict[str, Any]]) -> Fact:
    sups = _by_date(sups)
    dated = [x for x in sups if x["date"]]
    order = ("day", "week", "month", "season", "quarter", "year", "decade", "century", None)
    best = Counter(x["date"] for x in dated)
    date_sup = min(dated, key=lambda x: (-best[x["date"]], order.index(x["date_granularity"])
                                         if x["date_granularity"] in order else len(order), x["date"]),
                   default=None)
    places = Counter(x["place"]["id"] for x in sups if x["place"])
    place = next((x["place"] for x in sups if x["place"] and x["place"]["id"] == places.most_common(1)[0][0]),
                 None) if places else None
    roles: dict[str, Counter[str | None]] = {}
    refs: dict[str, dict[str, Any]] = {}
    for x in sups:
        for p in x["participants"]:
            refs[p["entity"]["id"]] = p["entity"]
            roles.setdefault(p["entity"]["id"], Counter())[p["role"]] += 1
    types = Counter(x["type"] for x in sups)
    main = max(sups, key=lambda x: (len(x["participants"]), x["place"] is not None))
    return {
        "id": cluster, "type": types.most_common(1)[0][0], "label": main["label"],
        "date": date_sup["date"] if date_sup else None,
        "date_granularity": date_sup["date_granularity"] if date_sup else None,
        "place": place,
        "participants": [{"entity": refs[k], "role": _most_common_role(c)}
                         for k, c in sorted(roles.items())],
        "supports": sups, **sources.corroborate(sups),
    }


def claim_fact(sources: Sources, fact_id: str, records: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> Fact:
    """One claim fact from its records (``Facts.claims`` shape) with each one's evidence spans."""
    sups = _by_date([sources.support(
        c["document"], record=c["id"], modality=c["modality"], attribution=c["source"], cue=c["cue"],
        proposition=c["proposition"], evidence=ev) for c, ev in records])
    first = min((c for c, _ in records), key=lambda c: (c["document"], c["id"]))
    return {"id": fact_id, "source": first["source"], "source_entity": first["source_entity"],
            "proposition": first["proposition"], "cue": first["cue"], "supports": sups,
            **sources.corroborate(sups, attributed=True),
            "modality": grading.summary_modality([x["modality"] for x in sups])}


# -- the filters of relations() / events() / claims() ----------------------------------------------------------


def _most_common_role(roles: Counter[str | None]) -> str | None:
    """The role most reports give (a named role before none; ties alphabetically)."""
    return min(roles.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))[0]
