"""The event taxonomy: CAMEO categories (Schrodt, Conflict and Mediation Event Observations, 2012).

Analysts read event data in CAMEO's terms (and ACLED's, which map onto them): 20 top-level categories from
"make public statement" to "use unconventional mass violence", each with finer codes. dossier keeps its own
``type`` for what the extractor reads (meeting, attack, arrest …) and adds ``category``, the CAMEO code of the
event: the finest code the text supports ("173" arrest, "195" aerial weapons), else the type's default. Events
CAMEO has no code for (elections, business transactions, and the open class of anything else reported) are
``other`` and keep their trigger lemma (``Event.lemma``). docs/events.md has the table.
"""

from __future__ import annotations

from typing import Final

__all__ = ["CAMEO", "DEFAULT_CATEGORY", "OPEN_CATEGORY", "root", "name"]

CAMEO: Final[dict[str, str]] = {
    "01": "make public statement", "010": "make statement", "02": "appeal", "03": "express intent to cooperate",
    "04": "consult", "040": "consult", "042": "make a visit", "043": "host a visit", "046": "engage in negotiation",
    "05": "engage in diplomatic cooperation", "057": "sign formal agreement", "06": "engage in material cooperation",
    "07": "provide aid", "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove",
    "12": "reject", "13": "threaten", "14": "protest", "141": "demonstrate or rally", "145": "protest violently, riot",
    "15": "exhibit force posture", "16": "reduce relations", "163": "impose embargo, boycott, or sanctions",
    "17": "coerce", "171": "seize or damage property", "173": "arrest, detain, or charge with legal action",
    "174": "expel or deport individuals", "18": "assault", "180": "use unconventional violence",
    "181": "abduct, hijack, or take hostage", "183": "conduct suicide, car, or other non-military bombing",
    "186": "assassinate", "19": "fight", "190": "use conventional military force", "193": "fight with small arms",
    "195": "employ aerial weapons", "20": "use unconventional mass violence", "other": "other",
}  # fmt: skip

# The CAMEO code of each dossier event type when the trigger's lexicon row names no finer one.
DEFAULT_CATEGORY: Final[dict[str, str]] = {
    "meeting": "040", "statement": "010", "attack": "180", "arrest": "173", "operation": "190",
    "infiltration": "190", "protest": "141", "agreement": "057", "sanction": "163", "trial": "173",
    "visit": "042", "election": "other", "transaction": "other", "other": "other",
}  # fmt: skip


# Open triggers (no lexicon type) whose word alone places them in CAMEO: violence against people.
OPEN_CATEGORY: Final[dict[str, str]] = {
    "kill": "180", "wound": "180", "injure": "180", "behead": "180", "slay": "180", "murder": "180",
}  # fmt: skip


def root(code: str) -> str:
    """The top-level CAMEO category of a code ("195" → "19"), or "other"."""
    return code if code == "other" else code[:2]


def name(code: str) -> str:
    """The category's name, for labels and documentation."""
    return CAMEO.get(code, code)
