"""Cross-document event coreference on the store: which event records, across reports, are one event.

The scorer is ``dossier.resolve.event_coref`` (evaluated on ECB+, docs/event-coreference.md); this module feeds it
the store's events and keeps its answer in ``event_clusters``:

- **Views.** Each event record becomes an ``EventView``: its trigger key (the label's head noun, so "met" and
  "meeting" agree; for a statement, also its speaker — "a statement" is a different event for each speaker),
  type, date bounds, place and participants as *canonical* entity ids (after entity resolution), and the
  document's context — the canonical ids of everything the report names.
- **Evidence.** Across reports, two records are joined only with positive evidence (``event_evidence``):
  compatible dates at the reported granularity with shared specific participants, a rare trigger or a specific
  place; undated records only through shared specific participants. What is *specific* or *rare* is measured on
  the store: a named person always, an organisation, a place or a trigger key when few current reports name it
  (``SPECIFIC_SHARE``; "the Taliban" or a province named by every other report identifies nothing).
  Conflicting dates or places never go together.
- **Families and blocks.** Coreference is only scored within one family of event types (an attack and a raid
  may be one occurrence) and inside it within a *block*: the views connected by a shared blocking key (the keys
  the evidence needs — so no pair with evidence is in two blocks — and the report, whose records the model may
  join). A key more than ``MAX_KEY`` records share links none of them (it identifies nothing), and a block
  larger than ``MAX_BLOCK`` is split by content (``_split``: laid out by trigger key, named participants, then
  dates, and cut where a hash of what starts there says so), so a new record moves only the cuts around it
  and an upload re-clusters a few chunks, not every chunk after its records. Memory and time are linear
  in the events and quadratic only in a block's size. (Blocks replaced partitions by type × year: a report
  without a date was never compared with dated ones, and a year of one family was one quadratic partition.)
- **Incremental.** The blocks are recomputed on every update (linear); a block is re-clustered only when what it
  is clustered from changed: its members or any of their keys (a new report, a new entity link, a merge or
  split). Its row in ``event_partitions`` is keyed ``family:first member``. Each block's answer depends on its
  own views alone, sorted by id, so updating after every report gives the same clusters as one run over all.
  A long-lived process (the web server's writer worker: ``keep_records``) keeps the records it decoded, the
  views it made, their blocking keys and the blocks' signatures, each used again only for equal input.

- **The analyst's word.** A merge or split of events by hand (``resolve/corrections.py``, field ``merge`` or
  ``split`` on an event) is replayed over the model's clusters in the order given: a merge puts the two records'
  clusters together (must-link; the first one's id is kept), a split takes the records named out of their
  cluster into one of their own (cannot-link with the rest). A block holding any record ever judged is
  re-clustered, with all such blocks, whenever the judgements change, so an undo brings the model's answer back.

Embeddings are not used here, so results do not depend on whether the optional extra is installed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.model import dates, stable_id
from dossier.model.analysis import StoredEvent
from dossier.model.reference import lookup_place
from dossier.model.vocab import ParticipantRole
from dossier.resolve import event_cluster
from dossier.resolve.event_coref import EventView, default_model, resolve_events
from dossier.resolve.event_evidence import STORY_NAMES, PairEvidence, blocking_keys, published_close, trigger_group
from dossier.store.analysis import AnalysisReader, AnalysisWriter

_LABEL_TAIL = re.compile(r" (?:between|of|in) ")
# event types one occurrence is often given by different reports ("raid" by police vs "attack" by militants):
# they share a family, and the scorer's type feature weighs the difference
_BY_SPEAKER = frozenset({"statement"})
_FAMILY = {"attack": "violence", "operation": "violence", "arrest": "violence", "meeting": "meeting",
           "visit": "meeting", "agreement": "meeting"}


MAX_BLOCK = 200  # views compared pairwise at most (a larger block is split, see ``blocks``)
MAX_KEY = 100  # a blocking key shared by more views than this links none of them
SPECIFIC_SHARE = 0.05  # named by at most this share of the current reports (and at least 5): specific / rare
_ACTORS = frozenset({"person", "organization"})



@dataclass(frozen=True, slots=True)
class UpdateStats:
    partitions: int  # blocks in the store (family × connected blocking keys)
    reclustered: int  # blocks whose clusters were recomputed
    events: int
    clusters: int


def trigger_key(label: str, trigger_text: str) -> str:
    """The head noun of the event's label ("meeting between A and B" → "meeting"), singular."""
    base = _LABEL_TAIL.split(label, maxsplit=1)[0].strip().lower() or trigger_text.lower()
    head = base.split()[-1]
    if len(head) > 4 and head.endswith("s") and not head.endswith(("ss", "us", "is")):
        head = head[:-1]
    return head


def located_in(c: AnalysisReader) -> frozenset[tuple[str, str]]:
    """(place, enclosing place) pairs, transitively, as canonical entity ids: stated by the current reports
    (located-in relations), or known from the gazetteer (a place in the country whose code it carries)."""
    links = c.entity_links()
    up: dict[str, set[str]] = {}
    for s, o in c.located_in():
        up.setdefault(links.get(s, s), set()).add(links.get(o, o))
    # the gazetteer's countries: a place whose country code is that of a country the store names is inside it
    code_of: dict[str, str] = {}
    countries: dict[str, set[str]] = {}
    for le_id, a in c.place_attributes():
        key, code = links.get(le_id, le_id), a.get("country")
        if not code:
            continue
        gaz = lookup_place(a.get("gazetteer_name", ""), allow_common_words=True)
        if gaz is not None and gaz.kind == "country":
            countries.setdefault(code, set()).add(key)
        else:
            code_of.setdefault(key, code)
    for key, code in code_of.items():
        up.setdefault(key, set()).update(countries.get(code, ()))
    out: set[tuple[str, str]] = set()
    for place in up:
        seen: set[str] = set()
        todo = sorted(up[place])
        while todo and len(seen) < 50:
            x = todo.pop()
            if x not in seen and x != place:
                seen.add(x)
                todo.extend(sorted(up.get(x, ())))
        out.update((place, x) for x in seen)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class _Record:
    """What a view takes from its event record and report: it never changes (records are never edited)."""

    id: str
    document: str
    type: str
    key: str  # trigger key (a statement's speaker is added per view: the speaker's link may change)
    speakers: tuple[str, ...]  # local entity ids
    participants: tuple[str, ...]  # local entity ids
    place: str | None
    date: tuple[dt.date, dt.date] | None
    granularity: str | None
    sentence: str
    trigger: tuple[int, int] | None
    published: dt.date | None
    category: str  # CAMEO code, "other" when CAMEO has none


def _record(r: StoredEvent) -> _Record:
    sentence, trigger = "", None
    for span in r.evidence:
        if span["start"] <= r.trigger_start and r.trigger_end <= span["end"]:
            sentence, trigger = span["text"], (r.trigger_start - span["start"], r.trigger_end - span["start"])
            break
    return _Record(r.id, r.document, r.type, trigger_key(r.label, r.trigger_text),
                   tuple(p["entity"] for p in r.participants if p["role"] == ParticipantRole.SPEAKER),
                   tuple(p["entity"] for p in r.participants), r.place,
                   dates.bounds(r.date) if r.date else None, r.date_granularity, sentence, trigger, _day(r.published),
                   r.category)


class _Kept:
    """The records read by earlier refreshes of one store, kept by a long-lived process (the web server's writer
    worker, ``keep_records``) so that a refresh decodes only the records added since. Off by default: a
    one-off command would only hold them longer."""

    on = False
    store: tuple[str, str] | None = None
    records: dict[str, _Record] = {}
    # the views last made, their blocking keys and the blocks' signatures: a view equal to the one kept is
    # replaced by it, so what was computed from it is found again by identity
    views: dict[str, EventView] = {}
    keys: dict[str, tuple[EventView, set[tuple[str, ...]]]] = {}
    signatures: dict[str, tuple[tuple[EventView, ...], str]] = {}

    @classmethod
    def reset(cls, on: bool, store: tuple[str, str] | None = None) -> None:
        cls.on, cls.store, cls.records, cls.views, cls.keys, cls.signatures = on, store, {}, {}, {}, {}


def keep_records(on: bool = True) -> None:
    """Keep the event records read by a refresh, and what was computed from them, for the next refreshes (this
    process refreshes one store often). Each kept value is used only for input equal to what it was made from."""
    _Kept.reset(on)


def _current_records(c: AnalysisReader) -> list[_Record]:
    """The records of every current report's events: read and decoded, or (``keep_records``) those not kept."""
    if not _Kept.on:
        return [_record(r) for r in c.current_events()]
    store = c.identity()
    if _Kept.store != store:
        _Kept.reset(True, store)
    ids = c.current_event_ids()
    kept = _Kept.records
    missing = [e for e in ids if e not in kept]
    if missing:
        kept.update((r.id, _record(r)) for r in c.current_events(only=missing))
    if len(kept) > 2 * len(ids) + 1000:  # many superseded: keep the current ones only
        _Kept.reset(True, store)
        _Kept.records = kept = {e: kept[e] for e in ids}
    return [kept[e] for e in ids]


def _kept_view(view: EventView) -> EventView:
    """The view kept for this record when it is equal to ``view`` (so what was computed from it is found again),
    else ``view``, kept from now on."""
    old = _Kept.views.get(view.id)
    if old is not None and old == view:
        return old
    _Kept.views[view.id] = view
    return view


def prepare(c: AnalysisReader) -> None:
    """Read the store's events and compute their blocks once, so that the next refresh finds them kept
    (``keep_records``; the web server's writer worker does this before its first upload)."""
    for part, views in _keyed_blocks(load_views(c)).items():
        _block_signature(part, views)


def _blocking_keys(v: EventView) -> set[tuple[str, ...]]:
    """``blocking_keys(v)``, kept with the view (``keep_records``)."""
    if not _Kept.on:
        return blocking_keys(v)
    kept = _Kept.keys.get(v.id)
    if kept is not None and kept[0] is v:
        return kept[1]
    keys = blocking_keys(v)
    _Kept.keys[v.id] = (v, keys)
    return keys


def load_views(c: AnalysisReader) -> dict[str, tuple[str, EventView]]:
    """event id → (type family, view) for every event of a current document."""
    links = c.entity_links()
    context: dict[str, set[str]] = {}
    kind: dict[str, str] = {}
    for le_id, doc, type_ in c.current_local_entities():
        key = links.get(le_id, le_id)
        context.setdefault(doc, set()).add(key)
        kind.setdefault(key, type_)
    n_docs = len(context)
    cap = max(5, int(SPECIFIC_SHARE * n_docs))
    df: dict[str, int] = {}
    for keys in context.values():
        for k in keys:
            df[k] = df.get(k, 0) + 1
    keyed = []
    trigger_docs: dict[str, set[str]] = {}
    for r in _current_records(c):
        key = r.key
        if r.type in _BY_SPEAKER and r.speakers:  # "a statement" is told apart by who made it
            key = f"{key}/{min(links.get(p, p) for p in r.speakers)}"
        trigger_docs.setdefault(key, set()).add(r.document)
        keyed.append((r, key))
    # the specific actors of each report (people, and organisations few reports name; not places: a province
    # is named by every report of its operations): two reports that share several tell one story
    # (event_evidence)
    story = {doc: frozenset(k for k in keys if kind.get(k) == "person"
                            or (kind.get(k) in _ACTORS and df.get(k, 0) <= cap))
             for doc, keys in context.items()}
    published_of = {r.document: r.published for r, _k in keyed}
    story_of = _stories(story, published_of)
    contexts = {doc: frozenset(keys) for doc, keys in context.items()}
    out: dict[str, tuple[str, EventView]] = {}
    for r, key in keyed:
        doc = r.document
        participants = frozenset(links.get(p, p) for p in r.participants)
        rare = len(trigger_docs.get(key, ())) <= cap
        specific = frozenset(p for p in participants
                             if kind.get(p) == "person" or (kind.get(p) in _ACTORS and df.get(p, 0) <= cap))
        place_key = links.get(r.place, r.place) if r.place else None
        view = EventView(
            id=r.id, document=doc, lemma=key, sentence=r.sentence, trigger=r.trigger, type=r.type,
            date=r.date, granularity=r.granularity, place=place_key,
            participants=participants, context=contexts.get(doc, frozenset()),
            specific=specific, rare=rare, place_specific=place_key is not None and df.get(place_key, 0) <= cap,
            people=frozenset(p for p in specific if kind.get(p) == "person"),
            story=story.get(doc, frozenset()), published=r.published, story_id=story_of.get(doc),
            category=r.category, speakers=frozenset(links.get(p, p) for p in r.speakers),
        )
        out[r.id] = (_FAMILY.get(r.type, r.type), _kept_view(view) if _Kept.on else view)
    return out


def _stories(names: dict[str, frozenset[str]], published: dict[str, dt.date | None]) -> dict[str, str]:
    """report → story id for the reports of a story: reports joined, transitively, when two share at least
    ``STORY_NAMES`` story names and were published close together (``event_evidence``). A name more than
    ``MAX_KEY`` reports share joins none of them (it identifies no story). Reports of no story are absent."""
    holders: dict[str, list[str]] = {}
    for doc in sorted(names):
        for name in names[doc]:
            holders.setdefault(name, []).append(doc)
    shared: dict[tuple[str, str], int] = {}
    for docs in holders.values():
        if len(docs) <= MAX_KEY:
            for i, a in enumerate(docs):
                for b in docs[i + 1:]:
                    shared[(a, b)] = shared.get((a, b), 0) + 1
    order = sorted(names)
    index = {d: i for i, d in enumerate(order)}
    pairs = [(index[a], index[b]) for (a, b), n in shared.items()
             if n >= STORY_NAMES and published_close(published.get(a), published.get(b))]
    out: dict[str, str] = {}
    for comp in event_cluster.components_from_pairs(len(order), sorted(pairs)):
        if len(comp) > 1:
            sid = stable_id("sty", order[comp[0]])
            out.update((order[i], sid) for i in comp)
    return out


def _day(published: str | None) -> dt.date | None:
    """A report's publication day, or None when unknown or unreadable."""
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _signature(views: list[EventView]) -> str:
    h = hashlib.sha1()
    for v in views:
        h.update(repr((v.id, v.lemma, v.type, v.date, v.granularity, v.place, sorted(v.participants),
                       sorted(v.context), sorted(v.specific), v.rare, v.place_specific, sorted(v.people),
                       sorted(v.story), v.published, v.story_id, v.category, sorted(v.speakers))).encode())
    return h.hexdigest()


def _block_signature(part: str, views: list[EventView]) -> str:
    """``_signature(views)``, kept for the block (``keep_records``): its views are the kept ones when equal."""
    if not _Kept.on:
        return _signature(views)
    block = tuple(views)
    kept = _Kept.signatures.get(part)
    if kept is not None and len(kept[0]) == len(block) and all(a is b for a, b in zip(kept[0], block, strict=True)):
        return kept[1]
    sig = _signature(views)
    _Kept.signatures[part] = (block, sig)
    return sig


def blocks(views: list[EventView]) -> list[list[EventView]]:
    """The views (sorted by id) split into blocks: connected by shared blocking keys, at most ``MAX_BLOCK``."""
    views = sorted(views, key=lambda v: v.id)
    holders: dict[tuple[str, ...], list[int]] = {}
    for i, v in enumerate(views):
        for k in _blocking_keys(v):
            holders.setdefault(k, []).append(i)
    # a key more than MAX_KEY records share identifies nothing (two people who appear together in hundreds of
    # undated reports): it links no one, as a stop word; the records' other keys still count
    links = ((h[0], x) for h in holders.values() if len(h) <= MAX_KEY for x in h[1:])
    out: list[list[EventView]] = []
    for comp in event_cluster.components_from_pairs(len(views), links):
        members = [views[i] for i in comp]
        if len(members) > MAX_BLOCK:  # a huge block (keys chained through recurring names): split
            out.extend(sorted(chunk, key=lambda v: v.id) for chunk in _split(members))
        else:
            out.append(members)
    return out


def _split(members: list[EventView]) -> list[list[EventView]]:
    """A block too large to score pairwise, in chunks of at most ``MAX_BLOCK``, cut by content so that a new
    record changes one chunk, not every chunk after it (an upload to a large store re-clusters what it touched).

    The records are laid out by trigger key, then the people they name, then date (records that may be one
    event side by side), and a chunk ends before a record whose content says so (``_cut``): between trigger
    keys, between people and between dates, each at a share of the places chosen by a hash of what starts
    there, so the cut points do not depend on what lies before; a chunk is never cut before ``MIN_CHUNK``
    records, and always at ``MAX_BLOCK``. A record added moves the cuts of its own chunk, and the chunks fall
    back in step at the next content cut."""
    order = sorted(members, key=_layout)
    chunks: list[list[EventView]] = []
    current: list[EventView] = []
    for v in order:
        if len(current) >= MAX_BLOCK or (len(current) >= MIN_CHUNK and _cut(current[-1], v)):
            chunks.append(current)
            current = []
        current.append(v)
    if current:
        chunks.append(current)
    return chunks


MIN_CHUNK = MAX_BLOCK // 2  # a split block's chunks are at least this large (but its last)
_CUTS = ((0, 1), (1, 16), (2, 32))  # (layout level, one boundary in how many is a cut): trigger, people, date


def _layout(v: EventView) -> tuple[str, tuple[str, ...], dt.date, str]:
    return (trigger_group(v.lemma), tuple(sorted(v.specific)), v.date[0] if v.date else dt.date.max, v.id)


def _cut(prev: EventView, v: EventView) -> bool:
    """Whether a chunk ends between ``prev`` and ``v`` (laid out in that order): at the first level of the layout
    where they differ, when the hash of ``v``'s layout up to that level picks the place."""
    a, b = _layout(prev), _layout(v)
    for level, share in _CUTS:
        if a[level] != b[level]:
            digest = hashlib.blake2b(repr(b[:level + 1]).encode(), digest_size=8).digest()
            return int.from_bytes(digest, "big") % share == 0
    return False


def cluster_block(block: list[EventView], inside: frozenset[tuple[str, str]] = frozenset()
                  ) -> list[tuple[str, str, float | None]]:
    """``(event id, cluster id, joining score)`` for one block's views."""
    if len(block) == 1:
        return [(block[0].id, stable_id("evt", block[0].id), None)]
    rows: list[tuple[str, str, float | None]] = []
    result = resolve_events(block, model=default_model(False), embedder=None, gate=PairEvidence(block, inside))
    for members in result.clusters():
        cluster = stable_id("evt", block[members[0]].id)
        scores = result.mean_scores(members) if len(members) > 1 else [None]
        for m, score in zip(members, scores, strict=True):
            rows.append((block[m].id, cluster, score))
    return rows


def cluster_partition(views: list[EventView], inside: frozenset[tuple[str, str]] = frozenset()
                      ) -> list[tuple[str, str, float | None]]:
    """``(event id, cluster id, joining score)`` for one family's views, block by block."""
    return [row for block in blocks(views) for row in cluster_block(block, inside)]


@dataclass(frozen=True, slots=True)
class EventJudgement:
    """One merge (``a`` with ``others[0]``) or split (``others`` out of their cluster) of event records."""

    kind: str  # "merge" | "split"
    a: str
    others: tuple[str, ...]


def load_judgements(c: AnalysisReader) -> tuple[list[EventJudgement], frozenset[str]]:
    """The event merges and splits in force (oldest first), and every record any judgement ever named."""
    rows = c.event_judgements()
    if rows is None:  # a store from before corrections
        return [], frozenset()
    active: list[EventJudgement] = []
    ever: set[str] = set()
    for key, field, value, undone in rows:
        others = tuple((value or "").split())
        ever.update((key, *others))
        if undone is None and others:
            active.append(EventJudgement(field, key, others))
    return active, frozenset(ever)


def apply_judgements(assign: dict[str, str], judged: list[EventJudgement]) -> dict[str, str]:
    """event id → cluster id after replaying the analyst's merges and splits (records absent are skipped)."""
    out = dict(assign)
    for j in judged:
        if j.kind == "merge":
            b = j.others[0]
            if j.a in out and b in out and out[j.a] != out[b]:
                keep, gone = out[j.a], out[b]
                out.update({e: keep for e, k in out.items() if k == gone})
        elif j.kind == "split":
            moved = sorted(e for e in j.others if e in out)
            if not moved:
                continue
            new = stable_id("evt", moved[0])
            old = {out[e] for e in moved}
            rest = [e for e, k in out.items() if k in old and e not in moved]
            if new in {out[e] for e in rest}:  # the rest carried the id the moved records would take
                new = stable_id("evt", moved[0], "split")
            out.update({e: new for e in moved})
    return out


def _keyed_blocks(views: dict[str, tuple[str, EventView]]) -> dict[str, list[EventView]]:
    """``family:first member id`` → block, over every family."""
    by_family: dict[str, list[EventView]] = {}
    for family, view in views.values():
        by_family.setdefault(family, []).append(view)
    out: dict[str, list[EventView]] = {}
    for family in sorted(by_family):
        for block in blocks(by_family[family]):
            out[f"{family}:{min(v.id for v in block)}"] = sorted(block, key=lambda v: v.id)
    return out


def update(c: AnalysisWriter, *, full: bool = False) -> UpdateStats:
    """Bring ``event_clusters`` up to date inside the caller's transaction."""
    by_block = _keyed_blocks(load_views(c))
    inside = located_in(c)
    known = {} if full else c.event_partitions()
    if full:
        c.clear_event_clusters()
    gone = set(known) - set(by_block)
    for part in sorted(gone):
        c.drop_event_partition(part)
    near: dict[str, list[tuple[str, str]]] = {}  # the located-in pairs a place is in: they decide conflicts
    for pair in sorted(inside):
        near.setdefault(pair[0], []).append(pair)
        near.setdefault(pair[1], []).append(pair)
    judged, ever = load_judgements(c)
    jsig = hashlib.sha1(repr(judged).encode()).hexdigest()
    touched = {part for part, views in by_block.items() if any(v.id in ever for v in views)}
    sigs: dict[str, str] = {}
    for part in sorted(by_block):
        views = by_block[part]
        sigs[part] = _block_signature(part, views) + repr(sorted({p for v in views if v.place
                                                                  for p in near.get(v.place, ())}))
        if part in touched:
            sigs[part] += f"/judged:{jsig}"
    if any(known.get(part) != sigs[part] for part in touched):  # re-cluster all judged blocks together
        known = {p: s for p, s in known.items() if p not in touched}
    redone = 0
    judged_rows: list[tuple[str, str, float | None, str]] = []
    for part in sorted(by_block):
        views = by_block[part]
        sig = sigs[part]
        if known.get(part) == sig:
            continue
        if part in touched:
            redone += 1
            judged_rows.extend((e, k, s, part) for e, k, s in cluster_block(views, inside))
            c.set_event_partition(part, sig)
            continue
        redone += 1
        c.replace_event_clusters([part], [(e, k, part, s) for e, k, s in cluster_block(views, inside)])
        c.set_event_partition(part, sig)
    if judged_rows:
        fixed = apply_judgements({e: k for e, k, _s, _p in judged_rows}, judged)
        c.replace_event_clusters(sorted({p for *_x, p in judged_rows}),
                                 [(e, fixed[e], p, s if fixed[e] == k else None) for e, k, s, p in judged_rows])
    n_events = sum(len(v) for v in by_block.values())
    return UpdateStats(len(by_block), redone, n_events, c.event_cluster_count())


def clusters_in_memory(views: Iterable[tuple[str, EventView]],
                       inside: frozenset[tuple[str, str]] = frozenset(),
                       judged: list[EventJudgement] | None = None) -> dict[str, str]:
    """event id → cluster id without the store tables (a read-only store written before they were filled)."""
    by_part: dict[str, list[EventView]] = {}
    for part, view in views:
        by_part.setdefault(part, []).append(view)
    out = {e: k for part in sorted(by_part) for e, k, _ in cluster_partition(by_part[part], inside)}
    return apply_judgements(out, judged or [])


def explain(c: AnalysisReader, a: str, b: str) -> list[str]:
    """Why two event records are (not) one event: their families, blocks, evidence and the pair's features."""
    views = load_views(c)
    missing = [x for x in (a, b) if x not in views]
    if missing:
        raise KeyError(missing[0])
    (pa, va), (pb, vb) = views[a], views[b]
    def when(v: EventView) -> str:
        return "undated" if v.date is None else "/".join(sorted({v.date[0].isoformat(), v.date[1].isoformat()}))

    lines = [f"{a}: {va.type} '{va.lemma}' {when(va)} in family {pa}",
             f"{b}: {vb.type} '{vb.lemma}' {when(vb)} in family {pb}"]
    if pa != pb:
        return [*lines, "apart: different type families are never compared"]
    inside = located_in(c)
    block = next(b for b in blocks([v for p, v in views.values() if p == pa]) if any(v.id == a for v in b))
    index = {v.id: i for i, v in enumerate(block)}
    if b not in index:
        verdict, reason = PairEvidence([va, vb], inside).judge(0, 1)
        return [*lines, f"apart: never compared (different blocks: {verdict}, {reason})"]
    result = resolve_events(block, model=default_model(False), embedder=None, gate=PairEvidence(block, inside))
    e = result.why(index[a], index[b])
    lines.append(f"evidence: {' — '.join(PairEvidence(block, inside).judge(index[a], index[b]))}")
    lines.append(e.summary())
    lines.append("features and weighted contributions: " + ", ".join(
        f"{k}={e.features[k]:+.2f} ({e.contributions[k]:+.2f})" for k in sorted(e.features) if e.features[k]))
    return lines
