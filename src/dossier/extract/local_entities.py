"""Within one document, all mentions of one entity become one ``LocalEntity``.

Links, in order: the same name (modulo case, accents, punctuation); an acronym and its defined expansion; a
partial person name ("Azhar", "Masood") and the one full name in the document that contains it. A partial name
that fits two different full names stays apart — a wrong merge is worse than a missed one, and cross-document
resolution can still join them later with more context.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from dossier.model import EntityType, LocalEntity, stable_id
from dossier.model.names import is_acronym, name_key


@dataclass(slots=True)
class RawMention:
    start: int
    end: int
    text: str
    type: EntityType
    sentence: int
    title: str | None = None
    expansion_start: int | None = None  # for an acronym: start char of the name it abbreviates
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return name_key(self.text)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _kind(m: RawMention) -> str:
    return "acronym" if is_acronym(m.text) else "name"


def cluster(document_id: str, mentions: list[RawMention]) -> tuple[list[LocalEntity], list[int], list[str]]:
    """Group mentions; returns (entities, entity index per mention, mention kind per mention)."""
    n = len(mentions)
    uf = _UnionFind(n)
    by_key: dict[tuple[str, EntityType], int] = {}
    by_start = {m.start: i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        k = (m.key, m.type)
        if k in by_key:
            uf.union(by_key[k], i)
        else:
            by_key[k] = i
    for i, m in enumerate(mentions):
        if m.expansion_start is not None and m.expansion_start in by_start:
            uf.union(by_start[m.expansion_start], i)
    kinds = [_kind(m) for m in mentions]
    # partial person names → the unique full name that contains them
    people = [i for i, m in enumerate(mentions) if m.type == EntityType.PERSON]
    full = {i: mentions[i].key.split() for i in people}
    # one mention per name: the mentions of a name are one entity already (``by_key``), so the names that
    # contain a name are compared once, not every mention with every other (quadratic on a long report)
    first = {mentions[i].key: i for i in reversed(people)}
    containing: dict[str, list[int]] = {}
    for i in people:
        toks = full[i]
        key = mentions[i].key
        if key not in containing:
            containing[key] = [j for j in first.values() if len(full[j]) > len(toks) and _contains(full[j], toks)]
        hosts = {uf.find(j) for j in containing[key]}
        if len(hosts) == 1:
            uf.union(hosts.pop(), i)
            kinds[i] = "surname" if toks == full[i][-len(toks):] else "partial"
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    entities: list[LocalEntity] = []
    assignment = [0] * n
    for root in sorted(groups, key=lambda r: mentions[groups[r][0]].start):
        members = groups[root]
        ms = [mentions[i] for i in members]
        etype = Counter(m.type for m in ms).most_common(1)[0][0]
        named = [m for m, i in zip(ms, members, strict=True) if kinds[i] != "acronym"] or ms
        canonical = max(named, key=lambda m: (len(m.key.split()), len(m.text), -m.start)).text
        aliases = sorted({m.text for m in ms if m.text != canonical})
        attrs: dict[str, str] = {}
        for m in ms:
            if m.title:
                attrs.setdefault("title", m.title)
            for attr, value in m.attributes.items():
                attrs.setdefault(attr, value)
        ent = LocalEntity(
            id=stable_id("lent", document_id, ms[0].start),
            document=document_id,
            type=etype,
            name=canonical,
            aliases=tuple(aliases),
            attributes=tuple(sorted(attrs.items())),
        )
        for i in members:
            assignment[i] = len(entities)
        entities.append(ent)
    return entities, assignment, kinds


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[k:k + n] == needle for k in range(len(haystack) - n + 1))
