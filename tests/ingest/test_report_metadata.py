"""Press-release layouts, dated headings, sidecar files: the report's date, title and publisher."""

from __future__ import annotations

import json
from pathlib import Path

from dossier.ingest.dateline import parse_dateline
from dossier.ingest.limits import Limits
from dossier.ingest.parse import parse_bytes, parse_input
from dossier.ingest.plaintext import text_metadata
from dossier.ingest.sidecar import read_sidecar
from dossier.ingest.sources import InputRef, iter_inputs


def test_a_date_in_brackets_is_the_date_never_the_publisher() -> None:
    dl = parse_dateline("KABUL, Afghanistan (Jan. 25, 2013)")
    assert dl is not None and dl.publisher is None and dl.date is not None
    assert dl.date.iso() == "2013-01-25" and dl.place == "KABUL, Afghanistan"
    typo = parse_dateline("KABUL, Afghanistan (Nov. 1. 2011)")
    assert typo is not None and typo.publisher is None and typo.date is not None and typo.date.iso() == "2011-11-01"
    wire = parse_dateline("Islamabad, Sep 17 (NationPress) A recent report")
    assert wire is not None and wire.publisher == "NationPress"


def test_press_release_with_reference_number_is_dated_by_its_dateline() -> None:
    text = ("2011-10-S-009\nISAF Joint Command - Afghanistan\nFor Immediate Release\n\n"
            "KABUL, Afghanistan (Oct. 5)\nIn Ghorak district, Kandahar province, a force detained two men.\n")
    meta = text_metadata(text)
    assert meta.published == "2011-10-05" and meta.published_inferred  # the year from the reference number
    assert meta.title != "2011-10-S-009" and meta.publisher is None


def test_a_heading_that_opens_or_closes_with_its_date_dates_the_report() -> None:
    opened = text_metadata("June 20: Operations in Khost\nISAF 2010-06-CA-074 For Immediate Release\n"
                           "A force detained several suspected insurgents last night in Khost Province.\n")
    assert opened.published == "2010-06-20"
    closed = text_metadata("ISAF Joint Command Morning Operational Update, Feb. 8, 2011\n"
                           "A leader was detained during an operation in Sabari district, Khost province.\n")
    assert closed.published == "2011-02-08" and not closed.published_inferred


def test_sidecar_gives_title_date_and_publisher(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Something happened somewhere on a day nobody wrote down in this text.\n", encoding="utf-8")
    (tmp_path / "r.txt.json").write_text(json.dumps(
        {"title": "A title", "published": "2025-02-07T10:00:00Z", "publisher": "Example Wire"}), encoding="utf-8")
    doc = parse_input(InputRef(str(report), str(report)), Limits())
    assert (doc.title, doc.published, doc.publisher, doc.published_inferred) == \
        ("A title", "2025-02-07", "Example Wire", False)
    walk = iter_inputs([str(tmp_path)], Limits())
    assert [r.source for r in walk if isinstance(r, InputRef)] == [str(report)]
    assert walk.skipped_total == 0  # the sidecar is not counted as an unsupported file


def test_a_bad_sidecar_costs_its_field_with_one_warning(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("KABUL, Afghanistan (Jan. 25, 2013)\nA force detained a man yesterday.\n", encoding="utf-8")
    (tmp_path / "r.meta.json").write_text('{"published": "25/01/2013", "publisher": "ISAF"}', encoding="utf-8")
    doc = parse_input(InputRef(str(report), str(report)), Limits())
    assert doc.published == "2013-01-25" and doc.publisher == "ISAF"
    assert any("r.meta.json" in w and "published" in w for w in doc.warnings)
    (tmp_path / "r.meta.json").write_text("{not json", encoding="utf-8")
    sidecar = read_sidecar(str(report))
    assert sidecar is not None and sidecar.warnings and "not valid" in sidecar.warnings[0]


def test_html_metadata_date_and_site_name() -> None:
    page = ('<html><head><meta property="article:published_time" content="2024-03-14T08:00:00Z">'
            '<meta property="og:site_name" content="Example Times"><title>Talks end</title></head>'
            '<body><article><p>' + "Delegations met in Muscat on Wednesday to end the talks. " * 5 +
            '</p></article></body></html>')
    doc = parse_bytes(page.encode(), "p.html", "p.html", Limits())
    assert doc.published == "2024-03-14" and doc.publisher == "Example Times"


def test_html_json_ld_date_and_publisher() -> None:
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Talks end", '
          '"datePublished": "2024-03-14T08:00:00Z", "publisher": {"@type": "Organization", "name": "Example Times"}}')
    page = (f'<html><head><script type="application/ld+json">{ld}</script><title>Talks end</title></head>'
            '<body><article><p>' + "Delegations met in Muscat on Wednesday to end the talks. " * 5 +
            '</p></article></body></html>')
    doc = parse_bytes(page.encode(), "p.html", "p.html", Limits())
    assert doc.published == "2024-03-14" and doc.publisher == "Example Times"
