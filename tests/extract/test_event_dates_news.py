"""When a report's events happened, read the way press releases and wire copy tell it: a dateline the tokenizer
splits oddly, two dates in one sentence, a dated bulletin heading, a span reckoned from the report, a later
and wider date, and a headline that restates one of several body events (issue 11)."""

from __future__ import annotations

from dossier.extract.pipeline import extract
from dossier.ingest.limits import Limits
from dossier.ingest.parse import parse_bytes
from dossier.model import Extraction


def _extract(text: str) -> Extraction:
    return extract(parse_bytes(text.encode("utf-8"), "t.txt", "t.txt", Limits()))


def test_a_dateline_whose_bracket_sticks_to_the_day_is_no_date_of_the_lead() -> None:
    """"(Oct. 8) -" is tokenized "(", "Oct.", "8)": the whole dateline is left out of the lead sentence, so the
    lead's own "Tuesday" dates the capture (a noun: "confirmed the capture of")."""
    x = _extract("Ref. 2010-10-CA-083\n\nKABUL, Afghanistan (Oct. 8) - The force confirmed the capture of a "
                 "militant commander during an operation Tuesday in Kandahar province.\n")
    assert x.document.published == "2010-10-08"
    capture = next(e for e in x.events if e.type == "arrest")
    assert capture.date == "2010-10-05"


def test_a_date_that_hangs_on_another_event_leaves_the_sentences_other_date() -> None:
    x = _extract("KABUL, Afghanistan (Dec. 30, 2010) - Forces detained a key facilitator linked to the murder "
                 "of a local shopkeeper in March in Kandahar province yesterday.\n")
    detention = next(e for e in x.events if e.type == "arrest")
    assert detention.date == "2010-12-29"


def test_the_day_the_news_was_told_is_not_the_day_it_happened() -> None:
    """"said on Wednesday" is when it was told and "earlier this month" is the blacklisting's: neither dates
    the arrest, which takes the day the next sentence gives."""
    x = _extract("Lagos, Jan 22, 2025 (Harbour Wire) Police said on Wednesday they had arrested a trader accused "
                 "of moving money through a firm that regulators blacklisted earlier this month.\n\nThe trader "
                 "was detained in a raid on his warehouse in Apapa on Tuesday, officers said.\n")
    arrest = next(e for e in x.events if e.type == "arrest")
    assert arrest.date == "2025-01-21"


def test_a_bulletin_heading_dates_its_lead() -> None:
    """No dateline, but the heading "June 17: …" dates the bulletin: its first story sentence is that day's."""
    x = _extract("June 17: Joint Operations in Southern Provinces\nCommand - Afghanistan\n2010-06-CA-063\n\n"
                 "In a separate action, the same unit seized a kilogram of heroin on a farm tractor and detained "
                 "several men.\n")
    assert x.document.published == "2010-06-17"
    seizure = next(e for e in x.events if e.lemma == "seize")
    assert seizure.date == "2010-06-17" and seizure.date_inferred


def test_a_later_wider_date_does_not_replace_the_night_its_sentence_tells() -> None:
    x = _extract("KABUL, Afghanistan (Dec. 12, 2010) - Forces killed two insurgents, including a commander, "
                 "during a security operation in Wardak province last night. The commander is the seventh "
                 "leader captured or killed in the district this month.\n")
    kill = next(e for e in x.events if e.category == "180" and e.lemma == "kill")
    assert kill.date == "2010-12-11"


def test_a_span_reckoned_from_the_report_dates_the_tellings_that_follow() -> None:
    """"over the last 24 hours" is a span of two days, not the dateline's day: the summary and the telling of
    one of its operations both take it."""
    x = _extract("KABUL, Afghanistan (Dec. 27, 2010) - More than 10 insurgents were killed during separate "
                 "clearing operations in southern Afghanistan over the last 24 hours.\n\nIn Helmand province, a "
                 "patrol spotted insurgents planting a bomb in Musa Qala district. The patrol engaged the "
                 "position, killing several insurgents.\n")
    kills = [e for e in x.events if e.category == "180" and e.lemma == "kill"]
    assert kills and all(e.date == "2010-12-26/2010-12-27" and e.date_granularity == "range" for e in kills)


def test_a_headline_restates_the_body_event_with_its_number_of_people() -> None:
    """"Six guards killed" is the lead's "at least six guards were killed", not the key-point line's "says 11
    killed" that comes first in the body."""
    x = _extract("Six guards killed in dawn raid on Bannu checkpoint\n\nKey points:\n- Raid on checkpoint in Bannu "
                 "district leaves at least six dead\n- Ansar Group claims responsibility, says 11 killed\n\n"
                 "Peshawar, Mar 1 (Harbour Wire) At least six guards were killed and three wounded when militants "
                 "stormed a checkpoint in Bannu district of Khyber Pakhtunkhwa province before dawn on Saturday, "
                 "police said.\n\nThe group claimed responsibility in a statement, saying 11 \"soldiers\" had been "
                 "killed. It was the third raid since an operation began on February 10, 2025.\n")
    headline_end = x.document.text.index("\n")
    lead = next(e for e in x.events if e.lemma == "kill" and e.date == "2025-03-01")
    assert any(m.end <= headline_end for m in lead.mentions)


def test_a_street_number_is_no_year() -> None:
    """"at 2301 West Big Beaver Road" had dated the shooting to the year 2301, "1600 Pennsylvania Avenue" to 1600;
    a year before a bare name still dates ("gold at 2008 Olympics": headlines drop the article)."""
    x = _extract("TROY, Mich., April 2, 2007 - A gunman opened fire at 2301 West Big Beaver Road on Monday. "
                 "Police later searched a house at 1600 Pennsylvania Avenue.\n")
    assert not any(t.text in ("2301", "1600") for t in x.times)
    assert all(e.date is None or not e.date.startswith(("2301", "1600")) for e in x.events)
    y = _extract("Phelps wins eighth gold at 2008 Olympics\n\nMichael Phelps won again on Saturday.\n")
    assert any(t.value == "2008" for t in y.times)
