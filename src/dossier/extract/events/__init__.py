"""Events with type, trigger, date, place and participants, from the dependency parse (see docs/events.md).

``finder`` runs the steps over a chunk: ``chunk`` (dateline, headline, segments, shared parse lookups),
``triggers`` (trigger words and their grouping), ``args`` (participants and place), ``dates``, ``coreference``
(within a document) and ``counts``; ``lexicon`` and ``taxonomy`` are the trigger lexicon and the CAMEO codes;
``context`` is the story context (where and when a report is set) that dates and places fall back on.
"""
