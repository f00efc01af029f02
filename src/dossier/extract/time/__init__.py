"""Time expressions: finding them in a parse and normalising them to ISO 8601 (see docs/time.md).

``timex`` is the entry point (``normalize``, ``is_reference_relative``, ``bounds``); it combines ``calendar``
(absolute dates, months, years, seasons, decades, holidays) and ``relative`` (expressions anchored on the
publication date or the event just mentioned) on top of ``values`` (``TimeValue``, interval arithmetic) and
``words`` (the vocabulary). ``spans`` finds the expressions in a parse, ``tense`` reads the direction a
clause points in time, and ``timeml`` writes TimeML values for scoring against MEANTIME.
"""
