"""One path from reports to an up-to-date store: ingest → extract → commit → resolve → refresh.

The CLI (``dossier ingest``), the web upload, ``dossier import`` and the batch mode run the same steps here, so a
report meets the same rules whichever way it arrives:

- ingest (``ingest.pool.ParsePool``: bytes to a cleaned ``Document`` in a killable worker), then
  :func:`with_defaults` (the batch's ``--publisher`` and ``--date``);
- :func:`extract_batch`: the per-document step, a pure function of the documents (in worker processes or in this
  one); a document that fails becomes a :class:`~dossier.model.Rejection` naming it, the batch goes on;
- :func:`commit`: one document and everything extracted from it in one transaction, so the store is never
  half-written; a record the store refuses is that document's rejection;
- :func:`commit_batch`: every document of a batch, then :func:`resolve` once (:func:`commit_each` is the same
  without the resolution: ``dossier ingest`` resolves in increments while the extraction worker parses, then
  once more with the refresh at the end);
- :func:`resolve`: cross-document entity resolution (``resolve.engine``), then the analysis refresh
  (``analyze.refresh``: syndication signatures, event clusters, claim groups) that follows the links;
- :func:`judge`: an analyst's merge or split, recorded and re-resolved in one transaction, then refreshed.

Which rejections are recorded in the store's ``rejections`` table is the caller's choice (``dossier ingest`` and
the web upload record them; ``dossier import`` reports them per record instead).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.exc import InputRejected, UsageError
from dossier.extract.pool import ExtractPool
from dossier.model import Document, Extraction, Rejection
from dossier.store.sqlite import AddResult, SQLiteStore

if TYPE_CHECKING:
    from dossier.resolve.engine import ResolveStats
    from dossier.resolve.judgements import JudgementResult
    from dossier.store.resolution import ResolutionWriter

Result = Extraction | Rejection


def with_defaults(document: Document, *, publisher: str | None = None, published: str | None = None) -> Document:
    """``document`` with the batch's defaults where its own metadata has none: the ``publisher`` of a folder of
    one outlet's reports, the ``published`` date (YYYY-MM-DD) of a folder of one day's reports where the report
    gives none or only guessed its year. Applied before extraction, so "yesterday" is anchored on that date."""
    if publisher and not document.publisher:
        document = dataclasses.replace(document, publisher=publisher)
    if published and (document.published is None or document.published_inferred):
        document = dataclasses.replace(document, published=published, published_inferred=False)
    return document


def extract_batch(documents: Iterable[Document], extractor: ExtractPool | None = None,
                  idle: Callable[[bool], None] | None = None) -> Iterator[Result]:
    """One result per document, in input order: extracted in ``extractor``'s workers, or in this process when
    it is ``None``. ``idle`` runs whenever the next parse is not ready (see ``ExtractPool.extract_all``).
    Only a pipeline that cannot run at all raises (``RunError``)."""
    if extractor is None:
        with ExtractPool(0) as local:
            yield from local.extract_all(documents)
    else:
        yield from extractor.extract_all(documents, idle)


def commit(store: SQLiteStore, extraction: Extraction) -> AddResult | Rejection:
    """Write one document and its records in one transaction (all or nothing); the same document twice is
    ``exists``. A record the store refuses rejects that document (not recorded: the caller decides)."""
    try:
        return store.add_extraction(extraction)
    except InputRejected as e:
        return Rejection(extraction.document.source, e.reason)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one document of a batch: its ``AddResult``, or the ``Rejection`` naming it."""

    source: str
    document: Document | None  # None when it was rejected before it was extracted
    result: AddResult | Rejection


@dataclass(slots=True)
class Tally:
    added: int = 0
    versions: int = 0
    existing: int = 0
    rejected: int = 0

    def count(self, outcome: Outcome) -> None:
        r = outcome.result
        if isinstance(r, Rejection):
            self.rejected += 1
        elif r.status == "exists":
            self.existing += 1
        elif r.status == "new-version":
            self.versions += 1
        else:
            self.added += 1

    @property
    def changed(self) -> int:
        """Documents committed that change the store (new ones and new versions): what resolution must see."""
        return self.added + self.versions


def commit_each(store: SQLiteStore, results: Iterable[Result]) -> Iterator[Outcome]:
    """Commit each extraction in its own transaction, yielding one outcome per result, in order, as soon as it
    is committed (so an acknowledgement is only ever printed after COMMIT)."""
    for x in results:
        if isinstance(x, Rejection):
            yield Outcome(x.source, None, x)
        else:
            yield Outcome(x.document.source, x.document, commit(store, x))


def commit_batch(store: SQLiteStore, results: Iterable[Result], *,
                 on_outcome: Callable[[Outcome], None] | None = None) -> Tally:
    """Commit a batch's extractions, then resolve and refresh once if any document changed the store."""
    tally = Tally()
    for outcome in commit_each(store, results):
        tally.count(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    if tally.changed:
        resolve(store)
    return tally


def resolve(store: SQLiteStore, *, full: bool = False, touched: tuple[str, ...] = (),
            prepare: Callable[[ResolutionWriter], None] | None = None,
            analysis: bool = True) -> ResolveStats:
    """Run the resolver: incrementally, or from scratch with ``full`` (judgements are kept), then refresh the
    analysis tables, whose event clusters follow the entity links (docs/corroboration.md).

    ``touched`` local entities have their clusters recomputed; ``prepare`` runs first in the resolver's
    transaction (recording a judgement). ``analysis=False`` leaves the refresh for a later call (an ingest
    resolving in increments while it extracts refreshes once, at the end)."""
    # imported here: the analysis loads datasketch/scipy (~0.6 s), which `dossier --help` need not wait for
    from dossier.analyze.refresh import refresh
    from dossier.resolve import engine

    stats = engine.resolve(store, full=full, touched=touched, prepare=prepare)
    if analysis:
        refresh(store, full=full)
    return stats


def judge(store: SQLiteStore, decision: str, ref_a: str, ref_b: str, note: str | None = None,
          who: str | None = None) -> JudgementResult:
    """Record a merge or split judgement and re-resolve the clusters it touches, in one transaction; then
    refresh the analysis (``dossier merge``/``split`` and ``POST /api/judgements``)."""
    from dossier.resolve import judgements as judgements_
    from dossier.resolve.corrections import analyst

    if decision not in judgements_.DECISIONS:
        raise UsageError(f"unknown judgement {decision!r}")
    resolve(store)  # link anything pending first, so the references see current entities
    pending = judgements_.prepare(store, decision, ref_a, ref_b, note, who or analyst())
    before = set(judgements_.unhonoured(store))
    stats = resolve(store, touched=pending.touched, prepare=pending.record)
    return judgements_.result(store, pending, stats, before)
