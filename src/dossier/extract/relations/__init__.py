"""Relations between a chunk's entities, read off the dependency parse (see docs/relations.md).

``finder`` runs the constructions over a chunk in a fixed order; ``lexicon`` is the role lexicon they share;
``references`` resolves names, pronouns and noun phrases to entities and records candidates; ``titles``,
``verbs``, ``places``, ``located`` and ``parts`` each read one family of constructions; ``open_roles`` adds
role titles the lexicon lacks.
"""
