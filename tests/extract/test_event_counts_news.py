"""How many people a report says were killed or arrested, on short reports written for these tests.

Each case runs the real pipeline and adds the counts of the report's events, as ``bench/score_isaf_events.py``
does (docs/events.md, "Counts"): tallies over a period, aims, confirmations and retellings add no one; a
number takes the place of "several"; surrenders and "into custody" are arrests."""

from __future__ import annotations

import pytest

from dossier.extract.pipeline import extract
from tests.conftest import make_document


def _total(text: str, kind: str) -> int:
    x = extract(make_document(text, published="2024-03-14"))
    for ev in x.events:
        for c in ev.counts:
            assert text[c.evidence.start:c.evidence.end] == c.evidence.text
    return sum(c.value for ev in x.events for c in ev.counts if c.kind == kind)


@pytest.mark.parametrize(("text", "kind", "value"), [
    # a running total over a period is no event's toll
    ("Police arrested three men in Lyon on Monday. They are among more than 40 people arrested since January "
     "in the region.", "arrested", 3),
    ("Troops killed two gunmen near Gao on Monday. Security forces have killed 30 militants this year alone.",
     "killed", 2),
    # an aim is no outcome
    ("Police detained three suspects in Medellin on Friday. The police force was conducting the operation to "
     "capture a gang leader in the district.", "arrested", 3),
    ("Police detained two men during raids aimed at capturing a cartel boss in Sinaloa on Sunday.",
     "arrested", 2),
    ("Officers managed to capture three smugglers near the border on Sunday.", "arrested", 3),
    # a confirmation retells what the report has counted, and counts when nothing was
    ("Police arrested two men in Porto on Monday.\n\nOn Wednesday, police confirmed the arrest of a gang leader "
     "in Porto on Monday.", "arrested", 2),
    ("Police confirmed that three men were arrested in Porto on Monday.", "arrested", 3),
    # a confirmation joined to an event that retells a man the lead counted ("detained the Haqqani financier"),
    # even where the context placed that retelling apart from the lead (Pakistan, from the sentence before)
    ("KABUL, Afghanistan (April 1, 2011) \u2028An Afghan and coalition force detained a Haqqani Network financier "
     "during a security operation in Orgun district, Paktika province, yesterday. The insurgent was the senior "
     "financier for the terrorist network with connections worldwide. He used his connections to financially support "
     "suicide bombers who target Afghan civilians and coalition forces.\xa0 He also maintained regular contact with "
     "Haqqani leaders in Pakistan and facilitated money transfers between them.\u2028\xa0\u2028Based on multiple "
     "intelligence sources and reports from citizens, the security force targeted a compound in the district. The "
     "forces isolated, secured and cleared the suspected compound and after initial questioning, they identified and "
     "detained the Haqqani financier. Two additional suspected insurgents were also detained for further questioning. "
     "\n\n---\n\nISAF Joint Command Morning Operational Update April 4, 2011\nISAF Joint Command - Afghanistan"
     "\u20282011-04-S-009\u2028For Immediate Release\u2028\u2028KABUL, Afghanistan (April 4, 2011) \u2028Afghan and "
     "coalition forces confirmed the capture of a Haqqani facilitator during a security operation in Orgun district, "
     "Paktika province, April 1.", "arrested", 3),
    # ... but a confirmation with a retelling of its own and nothing counted before counts
    ("KABUL, Afghanistan (April 4, 2011) Afghan and coalition forces confirmed the capture of a Haqqani facilitator "
     "during a security operation in Orgun district, Paktika province, April 1. The facilitator was detained after "
     "a search of a compound.", "arrested", 1),
    # a group without a number after a group counted is the same people, unless it says "more"
    ("Soldiers detained a local commander and several of his fighters in Gao on Monday. Several other fighters "
     "were also detained during the search.", "arrested", 4),
    ("Police arrested a bomb maker and his driver in Mosul on Monday. Several men were arrested during the raid.",
     "arrested", 2),
    ("Troops killed several militants near Gao on Monday. Several more militants were killed later in the "
     "fighting.", "killed", 6),
    # one person cannot be retold as a group
    ("Police arrested a gang leader in Lyon on Monday. Officers detained several suspects during the raid.",
     "arrested", 4),
    # a number takes the place of "several" told before it at the same place
    ("Police detained numerous suspects in Lahore on Monday. Officers detained eleven suspects in Lahore after "
     "the raid.", "arrested", 11),
    ("Police detained numerous suspects in Kandahar province on Monday. Officers detained twelve suspects in the "
     "Zarghun Kalay district after the raid.", "arrested", 12),
    ("Police detained several suspects in Lahore on Monday. The five suspects were detained after questioning.",
     "arrested", 5),
    # the same number told again in a later sentence is the same people
    ("Police detained one suspected smuggler in Lahore on Monday. After questioning, officers detained one "
     "suspect.", "arrested", 1),
    # giving oneself up, and "into custody"
    ("A wanted bomb maker turned himself in to police in Kunar on Friday.", "arrested", 1),
    ("Two gunmen surrendered to soldiers in Gao on Monday.", "arrested", 2),
    ("The rebels surrendered their weapons in Gao on Monday.", "arrested", 0),
    ("Officers stopped a truck near the border on Monday. They took the two drivers into custody.", "arrested", 2),
    ("The raid in Khost province on Monday resulted in six villagers being killed.", "killed", 6),
    # a man the report named in an earlier sentence is retold, not new; named first where he is counted, he counts
    ("KABUL, Afghanistan (August 24, 2011) - A combined Afghan and coalition security force killed a senior Taliban "
     "leader and one other insurgent during a security operation in Ghormach district, Faryab province, yesterday.\n"
     "Mullah Bahuddin was a senior Taliban leader responsible for directing multiple attacks on Afghan forces.\n"
     "The security force located Bahuddin and one of his subordinates earlier in the day. A firefight ensued, and "
     "Bahuddin and his subordinate were both killed.", "killed", 2),
    ("KABUL, Afghanistan (August 24, 2011) - Mullah Bahuddin was a senior Taliban leader responsible for directing "
     "attacks in Ghormach district, Faryab province.\nA combined security force killed Bahuddin and his subordinate "
     "during a security operation yesterday.", "killed", 2),
    ("KABUL, Afghanistan (August 24, 2011) - A combined security force killed Mullah Bahuddin, a senior Taliban "
     "leader, in Ghormach district, Faryab province, yesterday. Two other insurgents were also killed.", "killed", 3),
    # some of a group told before
    ("Troops killed numerous gunmen near Gao on Monday. One of the gunmen died of his wounds.", "killed", 4),
])
def test_report_totals(text: str, kind: str, value: int) -> None:
    assert _total(text, kind) == value
