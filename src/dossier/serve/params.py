"""Query parameters shared by the fact endpoints: pagination and fact filters, validated into one JSON error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request

from dossier.model import Modality
from dossier.model.dates import bounds
from dossier.model.facts import EventFact, Fact, RelationFact, fact_json
from dossier.serve.errors import ApiError
from dossier.serve.index import Index, fact_span

MAX_LIMIT = 500
MAX_OFFSET = 10**9  # far beyond any store; a larger one is a client bug (422, RELIABILITY S4)
MAX_SUPPORTS = 25  # supports listed per fact in a response; ``supports_total`` gives the full count
F = TypeVar("F", bound=Fact)


def get_index(request: Request) -> Index:
    index: Index = request.app.state.dossier.index()
    return index


IndexDep = Annotated[Index, Depends(get_index)]


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    offset: int

    def of(self, items: list[Any], shape: Callable[[Any], Any] | None = None) -> dict[str, Any]:
        """This page of ``items`` (``shape`` applied to the page only), with the total."""
        chosen = items[self.offset:self.offset + self.limit]
        return {"items": [shape(i) for i in chosen] if shape else chosen, "total": len(items), "limit": self.limit,
                "offset": self.offset}


def page(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
         offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(page)]


def _date(name: str, value: str | None) -> tuple[dt.date, dt.date] | None:
    if value is None or value == "":
        return None
    b = bounds(value.strip())
    if b is None:
        raise ApiError(422, f"{name}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}",
                       details=[{"param": name, "message": "not an ISO date"}])
    return b


@dataclass(frozen=True, slots=True)
class FactFilter:
    modality: frozenset[str]
    min_sources: int
    date_from: tuple[dt.date, dt.date] | None
    date_to: tuple[dt.date, dt.date] | None
    kind: frozenset[str]  # relation predicates or event types

    def keeps(self, f: Fact, *, by_kind: bool = False) -> bool:
        """Whether the fact passes; ``by_kind``: the kind filter applies to it (a relation's predicate, an
        event's type)."""
        if self.modality and f.modality not in self.modality:
            return False
        if f.independent_sources < self.min_sources:
            return False
        if self.kind and by_kind and _kind(f) not in self.kind:
            return False
        if self.date_from or self.date_to:
            span = fact_span(f)
            if span is None:
                return False
            if self.date_from and span[1] < self.date_from[0]:
                return False
            if self.date_to and span[0] > self.date_to[1]:
                return False
        return True

    def apply(self, facts: Iterable[F], *, by_kind: bool = False) -> list[F]:
        return [f for f in facts if self.keeps(f, by_kind=by_kind)]


def _kind(f: Fact) -> str | None:
    return f.predicate if isinstance(f, RelationFact) else f.type if isinstance(f, EventFact) else None


ModalityQ = Annotated[list[Modality] | None, Query(description="Keep these modalities (repeatable).")]
MinSourcesQ = Annotated[int, Query(ge=0, le=10_000, description="Minimum independent sources.")]
DateFromQ = Annotated[str | None, Query(description="ISO date: facts on or after it.")]
DateToQ = Annotated[str | None, Query(description="ISO date: facts on or before it.")]


def _filter(modality: list[Modality] | None, min_sources: int, date_from: str | None, date_to: str | None,
            kind: list[str] | None) -> FactFilter:
    lo, hi = _date("date_from", date_from), _date("date_to", date_to)
    if lo and hi and lo[0] > hi[1]:
        raise ApiError(422, "date_from is after date_to", details=[{"param": "date_from", "message": "after date_to"}])
    return FactFilter(frozenset(m.value for m in modality or []), min_sources, lo, hi,
                      frozenset(k for k in kind or [] if k))


def relation_filter(modality: ModalityQ = None, min_sources: MinSourcesQ = 0, date_from: DateFromQ = None,
                    date_to: DateToQ = None,
                    predicate: Annotated[list[str] | None, Query(description="Keep these predicates (repeatable).")]
                    = None) -> FactFilter:
    return _filter(modality, min_sources, date_from, date_to, predicate)


def event_filter(modality: ModalityQ = None, min_sources: MinSourcesQ = 0, date_from: DateFromQ = None,
                 date_to: DateToQ = None,
                 type: Annotated[list[str] | None, Query(description="Keep these event types (repeatable).")] = None
                 ) -> FactFilter:
    return _filter(modality, min_sources, date_from, date_to, type)


RelationFilterDep = Annotated[FactFilter, Depends(relation_filter)]
EventFilterDep = Annotated[FactFilter, Depends(event_filter)]


def trimmed(f: Fact) -> dict[str, Any]:
    """A fact's JSON with at most MAX_SUPPORTS supports listed (the rest counted), to keep responses small."""
    return {**fact_json(f, max_supports=MAX_SUPPORTS), "supports_total": len(f.supports)}


def entity_or_404(index: Index, entity_id: str) -> None:
    if entity_id not in index.entities:
        raise ApiError(404, f"no entity with id {entity_id!r}", details=[{"param": "entity", "message": "unknown"}])
