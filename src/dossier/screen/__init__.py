"""Watchlists and screening: which people and groups in the store are on a sanctions or watch list, and why
the matcher thinks so (docs/screening.md).

* ``lists`` — read a list (FollowTheMoney entities, OFAC SDN CSVs, the UN consolidated XML, a plain CSV);
* ``names`` — prepare names and compare two of them, with the reasons (rigour + rapidfuzz);
* ``index`` — block the list's names by word keys so each entity is compared with a few candidates only;
* ``engine`` — screen every store entity, keep the hits and the analyst's judgements (``records``).
"""
