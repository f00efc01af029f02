"""Blocking: which local entities are compared at all.

Each profile gets a handful of keys; two local entities are compared only when a key puts them side by side.
Keys come in three kinds:

* **identity** (``r|…`` reference ids, ``x|L|…`` and ``x|G|…`` exact names of places and groups): every member is
  the same entity. Members are joined directly, without pairwise comparison, so "Pakistan" in 40 000 reports
  costs 40 000 unions and no pairs.
* **pivot** (``x|P|…`` exact names and ``s|…`` transliteration skeletons of people and organisations, ``a|…``
  acronyms and initials): up to ``CAP`` members, every pair is compared; above it, every member is compared with
  the block's ``PIVOTS`` smallest ids only, so a name mentioned a million times costs a million comparisons,
  not half a trillion.
* **capped** (``f|…`` first+last name skeleton, ``t|…`` single name tokens, ``c|…`` name + related entity): only
  compared while the block has at most ``CAP`` members; a bigger block ("t|P|mhmd") is too common to say
  anything and produces no pairs.

Whether a pair is compared is a pure function of the final block memberships, so resolving document by document
and resolving everything at once compare the same pairs (``qualifies`` is the rule; ``engine`` keeps it true
when a block grows past its cap or gets a new pivot).
"""

from __future__ import annotations

from collections.abc import Sequence

from dossier.resolve.profile import AGENT, GROUP, PLACE, Profile

CAP = 64
PIVOTS = 16
MIN_TOKEN_SKELETON = 2

IDENTITY = "identity"
PIVOT = "pivot"
CAPPED = "capped"


def key_kind(key: str) -> str:
    if key.startswith("r|") or key.startswith(f"x|{PLACE}|") or key.startswith(f"x|{GROUP}|"):
        return IDENTITY
    if key.startswith(("x|", "s|", "a|")):
        return PIVOT
    return CAPPED


def block_keys(p: Profile) -> list[str]:
    """The blocking keys of one profile, sorted and without duplicates."""
    keys: set[str] = set()
    for kind, ref in p.refs:
        keys.add(f"r|{kind}|{ref}")
    if p.key:
        keys.add(f"x|{p.cls}|{p.key}")
    skel = p.skel
    if len(skel) >= MIN_TOKEN_SKELETON:
        keys.add(f"s|{p.cls}|{skel}")
    keys.update(f"a|{p.cls}|{a}" for a in p.acronyms)
    if p.type in ("organization", "place"):
        keys.update(f"a|{p.cls}|{i}" for i in p.initials)
    if p.cls == AGENT:
        if not p.acronym_only:
            if len(p.skels) >= 2:
                keys.add(f"f|{p.skels[0]}|{p.skels[-1]}")
            keys.update(f"t|{s}" for s in p.skels if len(s) >= MIN_TOKEN_SKELETON)
            for related in p.affil:
                keys.update(f"c|{skel}|{k}" for k in related if k.startswith("s:"))
    return sorted(keys)


def pivots(members: Sequence[str]) -> list[str]:
    """The block's pivots: its PIVOTS smallest ids (``members`` sorted)."""
    return list(members[:PIVOTS])


def partners(x: str, key: str, members: Sequence[str]) -> Sequence[str]:
    """Who ``x`` is compared with through ``key`` (``members`` sorted, including ``x``)."""
    kind = key_kind(key)
    if kind == IDENTITY:
        return ()
    if len(members) <= CAP:
        return [m for m in members if m != x]
    if kind == CAPPED:
        return ()
    piv = members[:PIVOTS]
    if x in piv:
        return [m for m in members if m != x]
    return piv


def qualifies(key: str, size: int, block_pivots: Sequence[str], u: str, v: str) -> bool:
    """Does ``key`` (with ``size`` members, first ``block_pivots``) make ``u`` and ``v`` (both members) a
    candidate pair?"""
    kind = key_kind(key)
    if kind == IDENTITY:
        return False
    if size <= CAP:
        return True
    return kind == PIVOT and (u in block_pivots or v in block_pivots)
