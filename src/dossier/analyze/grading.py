"""A per-fact confidence grade in the spirit of the NATO / Admiralty system, with the reason spelled out.

The Admiralty code rates a piece of information on two independent axes (see docs/corroboration.md):

- **Source reliability**, a letter A–F. dossier cannot judge an outlet's track record, and a neutral tool must
  not pretend to: every source is ``F`` ("reliability cannot be judged") unless an analyst rated its publisher
  (``dossier rate PUBLISHER LETTER``). A fact takes the best letter among its independent sources.
- **Information credibility**, a digit 1–6, computed from what the sources say:

  ====  ===================  ==========================================================================
  1     confirmed            ≥ 2 independent sources state it (asserted or reported), none denies it
  2     probably true        ≥ 2 independent sources, but only one states it outright — the others
                             allege it or speculate — and none denies it
  3     possibly true        one independent source states it (asserted or reported), none denies it
  4     doubtful             only allegations or speculation; or stated but also denied
  5     improbable           denied by more independent sources than state it
  6     cannot be judged     no source states, alleges or denies it (should not occur for extracted facts)
  ====  ===================  ==========================================================================

``confidence`` maps the digit to STIX 2.1's 0–100 scale as its appendix A suggests for the Admiralty
credibility scale (1→90, 2→70, 3→50, 4→30, 5→10, 6→none).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from dossier.model import Modality
from dossier.model.vocab import CREDIBILITY_NAMES, MODALITY_ORDER, RELIABILITY_NAMES, STATED, WEAK

CONFIDENCE: Final[Mapping[int, int | None]] = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: None}


@dataclass(frozen=True, slots=True)
class Grade:
    reliability: str
    credibility: int
    confidence: int | None
    reason: str

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"


def summary_modality(modalities: Sequence[str]) -> str:
    """The modality that describes a fact as a whole: the strongest stance any source takes, denial last."""
    present = set(modalities)
    return next((m.value for m in MODALITY_ORDER if m in present), Modality.ASSERTED.value)


def grade(sources: Sequence[tuple[str, frozenset[str], str | None]]) -> Grade:
    """Grade one fact from its independent sources: ``(label, modalities used by that source, rating)``.

    A source that both states and denies a fact (e.g. reports an allegation and its denial) counts on both sides.
    """
    stating = [s for s in sources if s[1] & STATED]
    weak = [s for s in sources if s[1] & WEAK and not s[1] & STATED]
    denying = [s for s in sources if Modality.DENIED in s[1]]
    n = len(sources)
    if len(denying) > len(stating) and denying:
        cred = 5
    elif denying or (not stating and weak):
        cred = 4
    elif len(stating) >= 2:
        cred = 1
    elif stating and n >= 2:
        cred = 2
    elif stating:
        cred = 3
    else:
        cred = 6
    ratings = sorted(r for _, _, r in sources if r)
    letter = ratings[0] if ratings else "F"

    def names(group: list[tuple[str, frozenset[str], str | None]]) -> str:
        return ", ".join(label for label, _, _ in group)

    parts = [f"{n} independent source{'s' if n != 1 else ''}"]
    if stating:
        parts.append(f"stated by {names(stating)}")
    if weak:
        parts.append(f"only alleged or speculated by {names(weak)}")
    if denying:
        parts.append(f"denied by {names(denying)}")
    rel = (f"best source rating {letter} ({RELIABILITY_NAMES[letter]})" if ratings
           else "no source rated (F: reliability cannot be judged)")
    reason = f"{CREDIBILITY_NAMES[cred]}: " + "; ".join(parts) + f"; {rel}"
    return Grade(letter, cred, CONFIDENCE[cred], reason)
