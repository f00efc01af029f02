"""``dossier why A B``: why two entities were (or were not) resolved to one.

The comparison is recomputed from the stored profiles (the score is a pure function of them) and set beside what
the resolver stored for the pair: its score, features and whether the link was applied. When the two are one
entity but not directly linked, the chain of links that joins them is shown.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dossier.exc import UsageError
from dossier.resolve import blocking
from dossier.resolve.compare import NO_CONTEXT, DocContext
from dossier.resolve.judgements import Side, resolve_ref
from dossier.resolve.profile import Profile
from dossier.resolve.scoring import (
    COMPARISONS,
    CONTRADICTION,
    PRIOR,
    THRESHOLD,
    WEIGHTS,
    PairScore,
    levels_of,
    name_gate,
    score_pair,
    weight,
)
from dossier.store.resolution import ResolutionReader, reading

if TYPE_CHECKING:
    from dossier.store.sqlite import SQLiteStore

MAX_PAIRS = 40_000


@dataclass(frozen=True, slots=True)
class Explanation:
    a: Side
    b: Side
    same_entity: bool
    shown: tuple[str, str]  # the compared local entities, A's first
    pair: PairScore
    names: tuple[str, str]
    sources: tuple[str, str]
    stored: dict[str, Any] | None
    blocks: list[dict[str, Any]]
    compared: bool
    judgement: dict[str, Any] | None
    decision: str
    path: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "a": {"ref": self.a.ref, "entity": self.a.entities[0] if self.a.entities else None,
                  "local_entities": list(self.a.locals)},
            "b": {"ref": self.b.ref, "entity": self.b.entities[0] if self.b.entities else None,
                  "local_entities": list(self.b.locals)},
            "same_entity": self.same_entity,
            "pair": {"a": self.shown[0], "b": self.shown[1], "names": list(self.names),
                     "sources": list(self.sources)},
            "features": [{"comparison": f.comparison, "level": f.level, "weight": f.weight}
                         for f in self.pair.features],
            "prior": PRIOR, "score": self.pair.score, "probability": round(self.pair.probability, 4),
            "threshold": THRESHOLD, "accepted": self.pair.accepted, "weak": self.pair.weak,
            "compared": self.compared, "blocks": self.blocks, "stored": self.stored,
            "judgement": self.judgement, "decision": self.decision, "path": self.path,
        }


def _profiles(r: ResolutionReader, ids: set[str]) -> tuple[dict[str, Profile], dict[str, DocContext]]:
    docs: set[str] = set()
    for i in sorted(ids):
        doc = r.profile_document(i)
        if doc is None:
            raise UsageError("the store is not resolved yet: run `dossier resolve`")
        docs.add(doc)
    profiles: dict[str, Profile] = {}
    ctx: dict[str, DocContext] = {}
    for doc in sorted(docs):
        ps = [Profile.from_json(p.local_entity, p.document, p.exact_id, p.profile)
              for p in r.profiles_of_document(doc)]
        profiles.update((p.id, p) for p in ps)
        ctx[doc] = DocContext.of(ps)
    return profiles, ctx


def _blocks(r: ResolutionReader, a: str, b: str) -> list[dict[str, Any]]:
    ka, kb = set(r.keys_of(a)), set(r.keys_of(b))
    out = []
    for k in sorted(ka & kb):
        size = r.key_size(k)
        piv = r.pivots(k, blocking.PIVOTS)
        kind = blocking.key_kind(k)
        out.append({"key": k, "kind": kind, "size": size,
                    "joins": kind == blocking.IDENTITY or blocking.qualifies(k, size, piv, a, b)})
    return out


def _path(r: ResolutionReader, entity: str, start: str, goal: str) -> list[dict[str, Any]]:
    """The shortest chain of applied links from ``start`` to ``goal`` inside one entity."""
    members = r.entity_members(entity)
    inside = set(members)
    adj: dict[str, list[tuple[str, str, float | None]]] = {m: [] for m in members}
    for m in members:
        for pa, pb, sc in r.linked_pairs_of(m):
            other = pb if pa == m else pa
            if other in inside:
                adj[m].append((other, "scored", sc))
        for ma, mb in r.merges_of(m):
            other = mb if ma == m else ma
            if other in inside:
                adj[m].append((other, "judgement", None))
        for k in r.identity_keys_of(m):
            for other in r.key_members(k):
                if other in inside and other != m:
                    adj[m].append((other, f"identity {k}", None))
    prev: dict[str, tuple[str, str, float | None]] = {start: (start, "", None)}
    queue = deque([start])
    while queue:
        x = queue.popleft()
        if x == goal:
            break
        for y, how, score in sorted(adj.get(x, []), key=lambda t: t[0]):
            if y not in prev:
                prev[y] = (x, how, score)
                queue.append(y)
    if goal not in prev:
        return []
    steps = []
    x = goal
    while x != start:
        p, how, score = prev[x]
        steps.append({"from": p, "to": x, "how": how, "score": score})
        x = p
    names = {m: name for m in {s["from"] for s in steps} | {s["to"] for s in steps}
             if (name := r.local_name(str(m))) is not None}
    for s in steps:
        s["from_name"], s["to_name"] = names.get(s["from"]), names.get(s["to"])
    return list(reversed(steps))


def explain(store: SQLiteStore, ref_a: str, ref_b: str) -> Explanation:
    a, b = resolve_ref(store, ref_a), resolve_ref(store, ref_b)
    if set(a.locals) & set(b.locals) and len(a.locals) == len(b.locals) == 1:
        raise UsageError(f"{ref_a!r} and {ref_b!r} are the same local entity")
    pairs = [(x, y) for x in a.locals for y in b.locals if x != y][:MAX_PAIRS]
    if not pairs:
        raise UsageError(f"{ref_a!r} and {ref_b!r} name the same local entities: nothing to compare")
    r = reading(store)
    profiles, ctx = _profiles(r, {i for p in pairs for i in p})
    stored_rows = {}
    for x, y in pairs:
        lo, hi = min(x, y), max(x, y)
        row = r.stored_pair(lo, hi)
        if row is not None:
            stored_rows[(lo, hi)] = row
    scored = [(x, y, score_pair(profiles[x], profiles[y], ctx.get(profiles[x].document, NO_CONTEXT),
                                ctx.get(profiles[y].document, NO_CONTEXT))) for x, y in pairs]
    # the pair to show: a stored one if any (best score), else the best-scoring comparison
    first, second, best = max(scored, key=lambda t: ((t[2].a, t[2].b) in stored_rows, t[2].score, t[0], t[1]))
    pa, pb = profiles[best.a], profiles[best.b]
    blocks = _blocks(r, best.a, best.b)
    compared = any(bl["joins"] and bl["kind"] != blocking.IDENTITY for bl in blocks)
    identity = [bl["key"] for bl in blocks if bl["kind"] == blocking.IDENTITY]
    srow = stored_rows.get((best.a, best.b))
    stored: dict[str, Any] | None = None if srow is None else {
        "score": srow[0], "accepted": srow[1] == 1, "contradicted": srow[1] == -1,
        "applied": (srow[2] or "linked") if srow[1] == 1 else None,
        "features": [{"comparison": c, "level": lv, "weight": weight(c, lv)}
                     for c, lv in zip(COMPARISONS, levels_of(srow[3]), strict=True)]}
    jrow = r.pair_judgement(best.a, best.b)
    judgement = None if jrow is None else {"decision": jrow[0], "id": jrow[1], "a": jrow[2], "b": jrow[3],
                                           "at": jrow[4]}
    ea = a.entities[0] if a.entities else None
    eb = b.entities[0] if b.entities else None
    same = ea is not None and ea == eb
    if judgement:
        decision = f"{judgement['decision']} by judgement #{judgement['id']} ({judgement['at']})"
    elif identity:
        decision = f"same entity by identity key {identity[0]} (no scoring needed)"
    elif not blocks:
        decision = "never compared: no block joins them (names, skeletons, acronyms, reference ids all differ)"
    elif not compared:
        big = ", ".join(f"{bl['key']} ({bl['size']} members)" for bl in blocks)
        decision = f"never compared: the blocks that join them are over the cap of {blocking.CAP}: {big}"
    elif name_gate(pa, pb) is None:
        decision = "compared, not kept: the names disagree and no acronym or reference id joins them"
    elif best.accepted:
        applied = stored["applied"] if stored else None
        decision = {"linked": "match: linked",
                    "ambiguous": "match, but not linked: the weak name matches more than one entity",
                    "blocked": "match, but not linked: a split judgement forbids it",
                    "kept-apart": "match, but not linked: a contradicted pair keeps the two clusters apart"}.get(
            applied or "", "match")
    elif best.contradicted:
        decision = (f"no match: score below threshold, and the reports contradict each other (context weighs "
                    f"≤ {CONTRADICTION}): this pair keeps their clusters apart")
    else:
        decision = "no match: score below threshold"
    path = _path(r, ea, first, second) if same and ea else []
    src = {i: r.local_source(i) for i in (first, second)}
    return Explanation(a, b, same, (first, second), best, (profiles[first].name, profiles[second].name),
                       (src[first], src[second]), stored, blocks, compared, judgement, decision, path)


def render(e: Explanation) -> list[str]:
    """The explanation as lines of text."""
    def side(s: Side) -> str:
        ent = s.entities[0] if s.entities else "unlinked"
        n = len(s.locals)
        return f"{s.ref!r} → {ent} ({n} local entit{'y' if n == 1 else 'ies'})"

    lines = [f"A: {side(e.a)}", f"B: {side(e.b)}",
             "result: " + ("one entity " + (e.a.entities[0] if e.a.entities else "")
                           if e.same_entity else "different entities"),
             f"pair: {e.shown[0]} {e.names[0]!r} ({e.sources[0]})",
             f"    × {e.shown[1]} {e.names[1]!r} ({e.sources[1]})"]
    if e.blocks:
        for bl in e.blocks:
            state = "joins them" if bl["joins"] else f"over the cap ({blocking.CAP})"
            lines.append(f"block: {bl['key']}  [{bl['kind']}, {bl['size']} members]  {state}")
    else:
        lines.append("block: none shared")
    lines.append(f"  {'comparison':12} {'level':18} {'weight':>8}   why")
    lines.append(f"  {'prior':12} {'':18} {PRIOR:>+8.3f}   a blocked pair is a match 1 time in 10")
    for f in e.pair.features:
        lv = WEIGHTS[f.comparison].get(f.level)
        lines.append(f"  {f.comparison:12} {f.level:18} {f.weight:>+8.3f}   {lv.why if lv else ''}")
    lines.append(f"  {'score':12} {'':18} {e.pair.score:>+8.3f}   match probability {e.pair.probability:.3f}, "
                 f"threshold {THRESHOLD:+.3f}" + ("; weak name: linked only if unambiguous" if e.pair.weak else ""))
    if e.stored is None:
        lines.append("stored: no (never compared, or the names ruled it out)")
    else:
        lines.append(f"stored: score {e.stored['score']:+.3f}, accepted {e.stored['accepted']}, "
                     f"applied {e.stored['applied'] or '-'}")
    if e.judgement:
        j = e.judgement
        lines.append(f"judgement: #{j['id']} {j['decision']} {j['a']!r} {j['b']!r} at {j['at']}")
    else:
        lines.append("judgement: none")
    lines.append(f"decision: {e.decision}")
    for step in e.path:
        how = f"score {step['score']:+.3f}" if step["score"] is not None else step["how"]
        lines.append(f"  link: {step['from_name']!r} ({step['from']}) — {step['to_name']!r} ({step['to']}): {how}")
    return lines
