"""How alike two trigger words are as tellings of one event: learned from annotated news, not listed by hand.

Reports of one story tell its event in other words ("died" / "was killed", "the shooting" / "shot"). The table
``data/trigger_pairs.tsv`` holds the lemma pairs that annotators of the ECB+ training topics put in one
cross-document event in at least two unrelated topics, with a similarity: the pair's coreference rate over that
of two mentions of the same word (1: as good as the same word). ``make trigger-pairs`` rebuilds it
(scripts/learn_trigger_pairs.py). Pairs it does not hold score 0: a word is only like itself.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["partners", "similarity"]


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, float]]:
    text = resources.files("dossier.data").joinpath("trigger_pairs.tsv").read_text(encoding="utf-8")
    out: dict[str, dict[str, float]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        a, b, sim = line.split("\t")[:3]
        out.setdefault(a, {})[b] = out.setdefault(b, {})[a] = float(sim)
    return out


def similarity(a: str, b: str) -> float:
    """1 for the same lemma, the learned similarity for a known pair, else 0."""
    if a == b:
        return 1.0
    return _table().get(a, {}).get(b, 0.0)


def partners(lemma: str) -> tuple[str, ...]:
    """The lemmas the table pairs with this one, sorted."""
    return tuple(sorted(_table().get(lemma, {})))
