"""Screen every person and organisation in the store against the watchlists, and keep the hits.

A hit is the best name pairing between one store entity (its name and aliases) and one list entry (its name
and aliases) that scores at least ``min_score``, with the reasons (:mod:`dossier.screen.names`). Hits are
recomputed whole on every run (they depend on the lists and the entities, both of which change); the
analyst's confirm/reject judgements are kept apart and applied by entity name, list and entry, so they
survive re-screening and re-resolution.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dossier.exc import UsageError
from dossier.model.vocab import Verdict
from dossier.model.watch import WatchEntry, WatchlistInfo
from dossier.screen.index import NameIndex
from dossier.screen.lists import WatchList
from dossier.screen.names import NameMatch, compare, prepare
from dossier.store import screening
from dossier.store.sqlite import SQLiteStore

DEFAULT_MIN_SCORE = 0.8
MAX_ALIASES = 12  # per store entity: its name and its most frequent aliases
PERSON_SCHEMATA = frozenset({"Person"})
ORG_SCHEMATA = frozenset({"Organization", "Company", "PublicBody"})
ANY_SCHEMATA = frozenset({"LegalEntity"})
VERDICTS = tuple(v.value for v in Verdict)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class Subject:
    """What is screened: a store entity (or any name with a type)."""

    id: str
    type: str  # person | organization | group
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    entity: str
    entity_name: str
    entity_type: str
    list: str
    entry: str
    entry_name: str
    schema: str
    score: float
    match: NameMatch
    detail: dict[str, str]
    verdict: str | None = None

    def reasons(self) -> dict[str, object]:
        return {"matched": [self.match.a, self.match.b], "how": list(self.match.reasons),
                "words": [[p.a, p.b, p.how] for p in self.match.pairs]}


def _kind(schema: str) -> str:
    return "person" if schema in PERSON_SCHEMATA else "org" if schema in ORG_SCHEMATA else "any"


def _compatible(entity_type: str, schema: str) -> bool:
    if schema in ANY_SCHEMATA:
        return entity_type in ("person", "organization", "group")
    if schema in PERSON_SCHEMATA:
        return entity_type == "person"
    if schema in ORG_SCHEMATA:
        return entity_type in ("organization", "group")
    return False  # vessels, aircraft: not what reports' entities are


class Screener:
    """One list, indexed once, screening many subjects."""

    def __init__(self, name: str, entries: Sequence[WatchEntry], min_score: float = DEFAULT_MIN_SCORE,
                 symbols: bool = False) -> None:
        self.name = name
        self.entries = list(entries)
        self.min_score = min_score
        self.symbols = symbols
        self.index = NameIndex(symbols)
        for i, entry in enumerate(self.entries):
            if entry.schema not in PERSON_SCHEMATA | ORG_SCHEMATA | ANY_SCHEMATA:
                continue
            for text in dict.fromkeys((entry.name, *entry.aliases)):
                self.index.add(i, text, _kind(entry.schema))

    def screen(self, subject: Subject) -> list[Hit]:
        kind = "person" if subject.type == "person" else "org"
        best: dict[int, NameMatch] = {}
        for text in dict.fromkeys((subject.name, *subject.aliases[:MAX_ALIASES])):
            query = prepare(text, kind, self.symbols)
            for candidate in self.index.candidates(query, self.min_score):
                entry = self.entries[candidate.entry]
                if not _compatible(subject.type, entry.schema):
                    continue
                match = compare(query, candidate.name)
                if match.score >= self.min_score:
                    known = best.get(candidate.entry)
                    if known is None or (match.score, -len(match.reasons)) > (known.score, -len(known.reasons)):
                        best[candidate.entry] = match
        hits = []
        for i, match in best.items():
            entry = self.entries[i]
            hits.append(Hit(subject.id, subject.name, subject.type, self.name, entry.id, entry.name, entry.schema,
                            match.score, match, entry.detail))
        hits.sort(key=lambda h: (-h.score, h.entry))
        return hits


# -- the store (SQL in dossier.store.screening) -----------------------------------------------------------------
def add_list(store: SQLiteStore, name: str, source: str, wl: WatchList) -> None:
    """Store (or replace) list ``name`` in one transaction, with the hash of the files it came from."""
    info = WatchlistInfo(name, wl.format, source, wl.sha256, wl.version, len(wl.entries), _now())
    screening.replace_watchlist(store, info, wl.entries)


def remove_list(store: SQLiteStore, name: str) -> None:
    if not screening.delete_watchlist(store, name):
        raise UsageError(f"no watchlist named {name!r} (see `dossier watchlist list`)")


def list_watchlists(store: SQLiteStore) -> list[WatchlistInfo]:
    return screening.watchlists(store)


def load_entries(store: SQLiteStore, name: str) -> list[WatchEntry]:
    return screening.watch_entries(store, name)


def subjects(store: SQLiteStore) -> Iterable[Subject]:
    for e in store.iter_entities():
        if e.type in ("person", "organization", "group"):
            yield Subject(e.id, e.type, e.name, tuple(a for a in e.aliases if a != e.name))


def judgements(store: SQLiteStore) -> dict[tuple[str, str, str], str]:
    return screening.verdicts(store)


def screen_store(store: SQLiteStore, lists: Sequence[str] | None = None,
                 min_score: float = DEFAULT_MIN_SCORE, symbols: bool = False) -> list[Hit]:
    """Screen every entity against ``lists`` (default: all), store the hits, return them with verdicts."""
    known = [w.name for w in list_watchlists(store)]
    names = list(lists) if lists else known
    for name in names:
        if name not in known:
            raise UsageError(f"no watchlist named {name!r} (add one with `dossier watchlist add NAME PATH`)")
    people = list(subjects(store))
    verdicts = judgements(store)
    hits: list[Hit] = []
    for name in names:
        screener = Screener(name, load_entries(store, name), min_score, symbols)
        for subject in people:
            hits.extend(screener.screen(subject))
    screening.replace_hits(store, names, [(h.entity, h.list, h.entry, h.score, h.reasons()) for h in hits], _now())
    return [_with_verdict(h, verdicts) for h in hits]


def _with_verdict(hit: Hit, verdicts: dict[tuple[str, str, str], str]) -> Hit:
    from dataclasses import replace

    return replace(hit, verdict=verdicts.get((hit.entity_name.casefold(), hit.list, hit.entry)))


def stored_hits(store: SQLiteStore, since: str | None = None, canonical_ids: bool = False
                ) -> list[dict[str, Any]]:
    """Hits as the last screening stored them (for exports and the digest), with entry names and verdicts;
    ``entity`` is the entity's name, or its canonical id with ``canonical_ids`` (the JSON export)."""
    rows = screening.stored_hits(store, since)
    if not rows:
        return []
    names = {e.id: e.name for e in store.iter_entities()}
    verdicts = judgements(store)
    out = []
    for r in rows:
        if r.entity not in names:
            continue  # resolution has since merged or split it: the next screening finds it again
        entity_name = names[r.entity]
        out.append({"entity": r.entity if canonical_ids else entity_name, "entity_name": entity_name,
                    "list": r.list, "entry": r.entry, "entry_name": r.entry_name,
                    "schema": r.schema, "score": r.score, "reasons": r.reasons,
                    "detail": r.detail, "screened_at": r.screened_at,
                    "verdict": verdicts.get((entity_name.casefold(), r.list, r.entry))})
    return out


def judge(store: SQLiteStore, entity_name: str, list_name: str, entry: str, verdict: str,
          note: str | None = None) -> None:
    """Record the analyst's verdict on a hit (kept across re-screening)."""
    if verdict not in VERDICTS:
        raise UsageError(f"verdict must be one of {', '.join(VERDICTS)}")
    if not screening.has_entry(store, list_name, entry):
        raise UsageError(f"no entry {entry!r} in watchlist {list_name!r}")
    names = {e.name.casefold(): e.name for e in store.iter_entities()}
    if entity_name.casefold() not in names:
        raise UsageError(f"no entity named {entity_name!r} (try `dossier entities`)")
    screening.record_verdict(store, names[entity_name.casefold()], list_name, entry, verdict, note, _now())
