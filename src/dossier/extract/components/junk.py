"""What the small model tags as a name but is not one: dates, press-release boilerplate, file formats, weapon and
model codes, headlines, religions typed as people.

``relabel`` says what such a span really is: ``DATE`` (a date is a time expression, never an organisation —
"Apr. 17", "Oct. 6, 2012" out of a dateline), ``NORP`` (a religion or an ideology is a group of people:
"Muslim", "Jihadi"), ``EVENT`` (a conference or a summit is not a person), or ``""`` (no entity at all).
The lists are of kinds of words (month names, file formats, verbs of headlines), never of names from a corpus.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = re.compile(rf"^(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:[,.]?\s+\d{{4}})?"
                   rf"|\d{{1,2}}\s+{_MONTH}\.?(?:,?\s+\d{{4}})?"
                   rf"|{_MONTH}\.?,?\s+\d{{4}}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)$", re.IGNORECASE)
# a hyphenated letter code and number, a plural of one, or a number first: weapons and models ("AK-47s",
# "M-16", "RPG-7", "737s") are not entities; "M23" and "G20" (a rebel group, a forum) are left alone
_MODEL_CODE = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}-\d+[A-Za-z]?s?|[A-Z]{1,4}\d+s|\d+[A-Za-z]{0,2})$")
_FILE_FORMATS = frozenset("PDF HTML HTM DOC DOCX XLS XLSX PPT CSV JPEG JPG PNG GIF MP3 MP4 RSS XML URL".split())
# ISO 4217 codes of the currencies news quotes most: next to an amount, its unit, not an organisation ("US$ 40
# billion (USD)"); elsewhere "CAD" may be an organisation's acronym
_CURRENCIES = frozenset("USD EUR GBP JPY CNY RMB INR PKR AFN AUD CAD CHF RUB BDT IRR SAR AED TRY".split())
# acronyms of weapons and devices in conflict reporting: things, not organisations
_WEAPONS = frozenset("IED IEDs RPG RPGs VBIED VBIEDs HME UXO AK AKs MANPADS".split())
# offences written as acronyms in crime reporting: "a prior DWI conviction in Minnetonka" places no body there
_OFFENCES = frozenset("DUI DUIs DWI DWIs OWI OUI".split())
_NO_NAMES = _FILE_FORMATS | _WEAPONS | _OFFENCES
# boilerplate of press releases and web pages, as the last word of a short span ("Immediate Release",
# "IJC News Release", "Related Links")
_BOILERPLATE_TAIL = frozenset("Release Releases Links Print Email Download Subscribe Update Updates".split())
# a headline's verb after its first word makes it a headline, not a name ("Suspected Insurgents Detained",
# "Afghan-ISAF Forces Capture IED Facilitator", "Coalition Force Captures Taliban")
_HEADLINE_VERBS = frozenset(
    "Detained Captured Killed Arrested Seized Wounded Injured Released Destroyed Disrupted Targeted "
    "Detain Capture Kill Arrest Seize Destroy Disrupt Target Conduct Confirm Announce Discover Find Uncover "
    "Detains Captures Kills Arrests Seizes Destroys Disrupts Targets Conducts Confirms Announces Discovers "
    "Finds Uncovers".split()
)
# religions and ideologies: groups of people
_RELIGIONS = frozenset(
    "Muslim Muslims Christian Christians Jew Jews Jewish Hindu Hindus Sikh Sikhs Buddhist Buddhists Sunni Sunnis "
    "Shia Shias Shiite Shiites Catholic Catholics Protestant Protestants Jihadi Jihadis Jihadist Jihadists "
    "Islamist Islamists Salafi Salafis Wahhabi Wahhabis Mujahideen Mujahidin Evangelical Evangelicals".split()
)
_EVENT_TAILS = frozenset("Conference Summit Convention Symposium Seminar Workshop Expo Festival Olympics".split())
_SHOWS = frozenset("Show Fair Games Exhibition".split())
# a trade show or an exhibition is an event wherever it is named ("an otherwise disappointing Paris Air Show")
_ALWAYS_EVENTS = frozenset("Show Exhibition Expo".split())
# an honour is no actor: "the MacArthur Genius Award", "the Most Valuable Player Award" (no entity); a ceremony
# named for its awards is an event ("the 85th Academy Awards", "the Tony Awards")
_HONOURS = frozenset("Award Prize Medal Trophy".split())
# academic and professional degrees written after a name: "Jorge Alsip, MD, the society's president" ("MD" is no
# Maryland), "Regina Benjamin, M. D., M. B. A."
_DEGREES = frozenset("MD M.D. PhD Ph.D. MBA M.B.A. DDS D.D.S. MPH M.P.H. JD J.D. RN DO D.O. Esq Esq.".split())
_CEREMONIES = frozenset("Awards".split())
# what one gives *to* an event: "gave the opening keynote to the World Wide Developers Conference"
_GIVEN_TO = frozenset("keynote speech address presentation visit trip delegates visitors".split())
_ATTENDANCE = frozenset("at during before after ahead opening keynote".split())
# what may stand between "at" and the event: "at the company's own annual Worldwide Developers Conference"
_BODY_CHARS = 400  # the least body beside a headline for a name absent from it to be the headline's artefact
_HEADLINE_SHARE = 0.7  # share of capitalised words above which a line of its own is a title-case headline
_EVENT_MODIFIERS = frozenset("the this that year year's 's its their his her company company's own annual "
                             "yearly first second third latest next last".split())


def _attended(span: Span) -> bool:
    """Where a report says one is *at* it ("at the Worldwide Developers Conference", "during the Paris Air Show"),
    a conference or a show is an event; "the Muslim Conference said" stays an organisation (a party)."""
    i = span.start - 1
    doc = span.doc
    while i >= 0 and (doc[i].lower_ in _EVENT_MODIFIERS or doc[i].like_num or doc[i].tag_ == "POS"
                      or (doc[i].is_title and i + 1 < len(doc) and doc[i + 1].tag_ == "POS")):
        i -= 1
    given_to = i > 0 and doc[i].lower_ == "to" and doc[i - 1].lower_ in _GIVEN_TO
    return i >= 0 and (doc[i].lower_ in _ATTENDANCE or given_to)


def _near_amount(span: Span) -> bool:
    doc = span.doc
    window = doc[max(0, span.start - 4):min(len(doc), span.end + 4)]
    return any(t.like_num or t.is_currency for t in window)


def is_date(text: str) -> bool:
    """"Apr. 17", "Oct. 6, 2012", "Tuesday": a date, never a name."""
    return bool(_DATE.match(text.strip()))


def _title_case_line(doc_text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of the line holding ``start:end`` when it is a headline set in title case, else None.

    A line of its own (no sentence-final stop) of at least three words, seven in ten of them capitalised:
    "Woman Killed In Queens Hit - And - Run, Driver Charged"."""
    lo = doc_text.rfind("\n", 0, start) + 1
    hi = doc_text.find("\n", end)
    hi = len(doc_text) if hi < 0 else hi
    line = doc_text[lo:hi].strip()
    if not line or line[-1] in ".?!\"'”’":
        return None
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line)]
    if len(words) < 3 or sum(w[0].isupper() for w in words) / len(words) <= _HEADLINE_SHARE:
        return None
    return lo, hi


def _headline_only(span: Span) -> bool:
    """A name the small model found in a title-case headline that the rest of the report never writes.

    In a headline every word is capitalised, so the model takes runs of them for names ("Obama To Nominate
    Regina Benjamin", "Driver Charged"); a real name there is almost always written again in the body, where
    it is read in running text. Places are left alone (a headline's place is often the only one named), and so
    is a headline with little or no body."""
    if span.label_ in {"GPE", "LOC"}:
        return False
    text = span.doc.text
    line = _title_case_line(text, span.start_char, span.end_char)
    if line is None:
        return False
    if len(text) - (line[1] - line[0]) < _BODY_CHARS:
        return False  # a headline with no body to repeat it (a feed item): its names are all there is
    name = span.text.strip().lower()
    lowered = text.lower()
    return name not in lowered[:line[0]] and name not in lowered[line[1]:]


def _degree_after_name(span: Span) -> bool:
    """A degree after a comma that follows a person's name (or another degree): not a place or a body."""
    if span.text.replace(" ", "") not in _DEGREES or span.start < 2 or span.doc[span.start - 1].text != ",":
        return False
    if span.doc[span.start - 2].ent_type_ == "PERSON":
        return True
    before = span.doc.text[max(0, span.start_char - 24):span.doc[span.start - 1].idx].replace(" ", "")
    return any(before.endswith(degree) for degree in _DEGREES)  # "M. D., M. B. A."


def relabel(span: Span) -> str | None:
    """The label ``span`` should carry instead of its name label, or None when it may well be a name."""
    text = span.text.strip()
    words = [t.text.rstrip("®™©") for t in span if not t.is_punct and t.text not in {"®", "™", "©"}]
    if not words:
        return ""
    if _headline_only(span) or _degree_after_name(span):
        return ""
    if _DATE.match(text):
        return "DATE"
    if text in _CURRENCIES and _near_amount(span):
        return ""
    if text in _NO_NAMES or (len(text) >= 3 and _MODEL_CODE.match(text.replace(" ", ""))):
        return ""
    if len(words) <= 7 and words[-1] in _BOILERPLATE_TAIL:
        return ""
    if any(w in _HEADLINE_VERBS for w in words[1:]) or (len(words) == 1 and words[0] in _HEADLINE_VERBS):
        return ""
    if len(words) == 1 and words[0] in _RELIGIONS:
        return "NORP"
    if len(words) >= 2 and words[-1] in _ALWAYS_EVENTS | _CEREMONIES:
        return "EVENT"
    if len(words) >= 2 and words[-1] in _HONOURS:
        return ""
    if words[-1] in _EVENT_TAILS | _SHOWS and (span.label_ == "PERSON" or _attended(span)):
        return "EVENT"
    return None
