"""Closed vocabularies that a writer and a reader of the same format must agree on, declared once.

The FollowTheMoney export writes them and ``dossier import`` reads them back, so both take them from here rather
than one from the other (importer never imports export).
"""

from __future__ import annotations

from dossier.model.records import Modality

# Every modality, in the order of ``Modality`` (asserted, reported, alleged, denied, speculative).
MODALITIES: tuple[str, ...] = tuple(m.value for m in Modality)
# The prefix of the FtM ``summary`` value that carries a fact's corroboration ("corroboration: reported overall; …").
CORROBORATION = "corroboration: "
# The role written for a relation whose report names none, by predicate; an import that finds exactly this role
# reads it back as "no role given".
DEFAULT_ROLE: dict[str, str] = {
    "leadership": "leader", "part_of": "part of", "located_in": "located in", "membership": "member",
    "associate": "associate", "representation": "representative", "family": "relative"}
