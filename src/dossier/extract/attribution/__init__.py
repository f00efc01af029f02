"""Who says so, and how firmly: attribution and modality of a clause (see docs/claims.md).

``analysis`` runs the finders sentence by sentence and answers ``attribute`` and ``find_claims``; ``frames``
finds reporting frames and ``sources`` resolves their speakers; ``hedges`` finds hedges; ``syntax`` holds the
parse helpers they share; ``cues`` loads the cue lexicon (``data/modality_cues.tsv``).
"""
