"""Real reports read right: the ISAF floors (bench/score_isaf.py), and no date, dateline or title ever taken
for a publisher or a claim's source, over every text in the shared data (ISAF releases, MEANTIME articles
rebuilt from their tokens, the seed reports). Skipped where ../shared/data is absent."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

FLOORS = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8")).get("isaf", {})
SHARED = REPO.parent / "shared"


def _isaf_data() -> Path:
    from score_isaf import DATA

    return Path(DATA)


@pytest.fixture(scope="module")
def isaf_scores() -> dict[str, Any]:
    if not (_isaf_data() / "dev.jsonl").exists():
        pytest.skip(f"ISAF data not found at {_isaf_data()} (set DOSSIER_ISAF)")
    from score_isaf import load, score

    return {"dev": score(load())}


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_isaf_floor(isaf_scores: dict[str, Any], key: str) -> None:
    split, path = key.split(":", 1)
    node: Any = isaf_scores[split]
    for part in path.split("."):
        node = node[part]
    assert float(node) >= FLOORS[key], f"{key}: {float(node):.3f} fell below the floor {FLOORS[key]}"


def _meantime_text(path: Path) -> str:
    """A MEANTIME article as text (its README): title line, date line, then the body."""
    from lxml import etree

    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    lines = []
    for _, toks in sorted(sentences.items()):
        out = ""
        for t in toks:
            if out and not re.fullmatch(r"[.,;:!?%)\]'’”]|'s|n't", t) and not out.endswith(("(", "[", "$", "“")):
                out += " "
            out += t
        lines.append(out)
    return "\n".join([*lines[:2], " ".join(lines[2:])]) + "\n"


def _shared_texts() -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    isaf = _isaf_data() / "dev.jsonl"
    if isaf.exists():
        for line in isaf.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                row = json.loads(line)
                texts.append((row["id"], row["text"]))
    for path in sorted((SHARED / "data" / "meantime").glob("corpus_*/*.xml")):
        texts.append((path.stem, _meantime_text(path)))
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        texts.append((path.name, path.read_text(encoding="utf-8")))
    return texts


# A written date: "Jan. 25, 2013", "Nov. 1. 2011", "25 January", "2013-01-25".
_DATEISH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? ?[0-9]{1,2}\b"
    r"|\b[0-9]{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b",
    re.IGNORECASE,
)


def test_no_date_dateline_or_title_as_publisher_or_source() -> None:
    texts = _shared_texts()
    if len(texts) < 50:
        pytest.skip(f"shared data not found under {SHARED}")
    from dossier.extract.pipeline import extract_many
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_bytes

    docs = [parse_bytes(text.encode("utf-8"), name, name + ".txt", Limits()) for name, text in texts]
    bad: list[str] = []
    for x in extract_many(docs):
        d = x.document
        if d.publisher and (_DATEISH.search(d.publisher) or d.publisher == d.title):
            bad.append(f"{d.source}: publisher {d.publisher!r}")
        for claim in x.claims:
            src = claim.source
            if src == "reporter":
                continue
            if _DATEISH.search(src) or src == d.title or (d.dateline_place and f"{d.dateline_place} (" in src):
                bad.append(f"{d.source}: claim source {src!r}")
    assert not bad, "\n".join(bad[:20])


def test_isaf_datelines_date_their_releases() -> None:
    """Every release whose dateline prints its year is dated by it (the yearless ones need a year from
    elsewhere in the text)."""
    if not (_isaf_data() / "dev.jsonl").exists():
        pytest.skip("ISAF data not found")
    from score_isaf import _gold_day, dateline_date, load

    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_bytes

    wrong = []
    for row in load():
        m = re.search(r"Afghanistan \((?:[A-Z][a-z]+\.? [0-9]{1,2}[.,] [0-9]{4})\)", row["text"][:1500])
        if m is None:
            continue
        expected = dateline_date(row["text"], _gold_day(row["gold"]))
        doc = parse_bytes(row["text"].encode("utf-8"), row["id"], row["id"] + ".txt", Limits())
        if expected is None or doc.published != expected.isoformat() or doc.publisher == m.group(0)[13:-1]:
            wrong.append(f"{row['id']}: {doc.published} / {doc.publisher}")
    assert not wrong, wrong[:10]


def _seed(prefix: str) -> Path:
    found = sorted((SHARED / "seeds").glob(prefix + "*.txt"))
    if not found:
        pytest.skip(f"seed report {prefix} not found under {SHARED / 'seeds'}")
    return found[0]


def test_seed_rawalakot_conference_is_dated_and_placed() -> None:
    from dossier.extract.pipeline import extract
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_input
    from dossier.ingest.sources import InputRef

    path = _seed("000_")
    x = extract(parse_input(InputRef(path.name, str(path)), Limits()))
    names = {e.id: e.name for e in x.entities}
    meetings = [e for e in x.events if e.type == "meeting" and e.date == "2025-02-05"]
    assert any(names.get(e.place or "") == "Rawalakot" for e in meetings), [(e.label, e.date) for e in x.events]


def test_seed_evidence_stays_with_its_own_event() -> None:
    """"numerous events were conducted on February 5" is not more on the meeting of August 5 just before it."""
    from dossier.extract.pipeline import extract
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_bytes

    text = _seed("003_").read_text(encoding="utf-8")
    x = extract(parse_bytes(text.encode("utf-8"), "003", "003.txt", Limits()))
    february = text.index("The report emphasizes that on February 5")
    for event in x.events:
        if event.date == "2025-08-05":
            assert all(not s.start <= february < s.end for s in event.evidence), event.label


def test_the_main_event_is_the_telling_not_the_summary_lead() -> None:
    """The scorer's main event: a lead placed no finer than a country ("across southern Afghanistan") is the
    release's umbrella; the first typed event placed in a province is what it reports."""
    from score_isaf import main_event, province_of

    from dossier.extract.pipeline import extract
    from dossier.ingest.limits import Limits
    from dossier.ingest.parse import parse_bytes

    text = ("KABUL, Afghanistan (March 3, 2014) - Several militants were killed during operations across southern "
            "Afghanistan on Sunday. In Arghandab district, Kandahar province, a border police patrol shot dead two "
            "militants who were planting a bomb near a bridge.")
    x = extract(parse_bytes(text.encode("utf-8"), "t", "t.txt", Limits()))
    first_typed = min((e for e in x.events if e.category != "other"), key=lambda e: e.trigger.start)
    assert province_of(x, first_typed) is None  # the lead is there, placed in the country only
    event = main_event(x)
    assert event is not None and province_of(x, event) == "Kandahar" and event.date == "2014-03-02"


def test_event_day_misses_are_classed_by_what_the_text_gives() -> None:
    """The scorer's miss classes (score_isaf.MISS_CLASSES) separate the gold's conventions from dossier's errors."""
    import datetime as dt

    from score_isaf import miss_class

    day = dt.date(2011, 2, 25)
    dated = "KABUL, Afghanistan (Feb. 27, 2011) In Helmand province, forces detained a man yesterday."
    assert miss_class(dated, "2011-02-27", day, dt.date(2011, 2, 27), "2011-02-26") == "dateline_minus_2"
    yearless = "KABUL, Afghanistan (Feb. 26) Forces detained a man yesterday."
    assert miss_class(yearless, None, day, dt.date(2011, 2, 26), None) == "no_year"
    assert miss_class("Forces detained a man yesterday.", None, day, None, None) == "no_report_date"
    assert miss_class(dated, "2011-02-26", day, dt.date(2011, 2, 26), "2011-02-26", "relative") \
        == "gold_day_before_relative"
    assert miss_class(dated, "2011-02-26", day, dt.date(2011, 2, 26), None, "none", "2011-02-25/2011-02-26") \
        == "span_of_days"
    assert miss_class(dated, "2011-02-26", day, dt.date(2011, 2, 26), None) == "undated_in_dated_report"
    assert miss_class(dated, "2011-02-26", dt.date(2011, 2, 26), dt.date(2011, 2, 26), "2011-02-25") \
        == "gold_dateline_day"
    assert miss_class(dated, "2011-02-26", day, dt.date(2011, 2, 26), "2011-02-20") == "other"
