"""spaCy pipeline components that make the small English model robust on news about actor networks.

Each module holds one factory with declared ``requires``/``assigns``. They run after ``ner`` in this order:
``dossier_titles`` → ``dossier_name_repair`` → ``dossier_head_names`` → ``dossier_acronyms`` → ``dossier_entity_types``.
Custom attributes are registered in ``extensions`` with a ``dossier_`` prefix.
"""
