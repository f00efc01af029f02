"""The web UI driven in Debian's chromium (Playwright) over a real server on the example corpus: search, the
entity card, evidence in its document, the link chart (expand, filter, export), timeline, map, discrepancies,
and a hostile report uploaded from the page, whose markup must stay inert text."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from dossier.serve.config import Settings
from dossier.serve.harness import CHROMIUM, launch_chromium, serve_in_thread
from tests.serve.conftest import TOKEN, copy_store

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium (make chromium)")
sync_api = pytest.importorskip("playwright.sync_api")

HOSTILE_TEXT = (
    "Tariq Bhatti met members of the Lashkar-e-Sabeel in Multan on 3 March 2025, the Frontier Wire reported. "
    "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> A statement at "
    "<a href=\"javascript:window.__pwned = 3\">this link</a> said the meeting in Multan was routine.\n"
)
HOSTILE_HTML = (
    "<html><head><title>&lt;img src=x onerror=window.__pwned=4&gt; Raid in Lahore</title></head><body><article>"
    "<h1>&lt;img src=x onerror=window.__pwned=4&gt; Raid in Lahore</h1>"
    "<p>LAHORE, March 5, 2025 — Police in Lahore arrested Farhan Qureshi, a financier of the Lashkar-e-Sabeel, "
    "on Wednesday, officials said. &lt;script&gt;window.__pwned = 5&lt;/script&gt; Qureshi denied the charges.</p>"
    "<p><a href=\"javascript:window.__pwned=6\" onclick=\"window.__pwned=7\">Read the statement</a> issued by "
    "the Counter Terrorism Department in Lahore.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def server(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = copy_store(corpus_db, tmp_path_factory.mktemp("e2e") / "e2e.db")
    with serve_in_thread(Settings(db=str(db), token=TOKEN)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture(params=[False])
def page(browser: Any, server: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    # bypass_csp=True: a test proves that the page builds the DOM safely on its own, CSP being the second line
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                  bypass_csp=request.param)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.problems = problems
    yield pg
    context.close()
    assert not [p for p in problems if "Content Security Policy" in p or "dialog" in p or "page error" in p], problems


def api(server: str, path: str, **params: Any) -> Any:
    r = httpx.get(server + path, params=params)
    r.raise_for_status()
    return r.json()


def until(page: Any, js: str, timeout: float = 15.0) -> None:
    """Poll an expression through CDP (``wait_for_function`` would need eval, which the page's CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(js):
        assert time.monotonic() < deadline, f"timed out waiting for {js}"
        page.wait_for_timeout(100)


def ready(page: Any) -> None:
    page.wait_for_selector('main[data-ready="true"]', timeout=20_000)


def go(page: Any, server: str, route: str) -> None:
    page.goto(f"{server}/{route}")
    ready(page)


def test_search_card_and_evidence(page: Any, server: str) -> None:
    top = api(server, "/api/entities", type="organization", limit=1)["items"][0]
    go(page, server, "")
    page.fill("#search", top["name"][:5])
    page.wait_for_selector("#suggestions li.suggestion")
    names = page.locator("#suggestions li.suggestion .name").all_inner_texts()
    assert top["name"] in names
    page.locator("#suggestions li.suggestion", has_text=top["name"]).first.dispatch_event("mousedown")
    page.wait_for_selector(".card h1")
    ready(page)
    assert page.inner_text(".card h1") == top["name"]
    card = api(server, f"/api/entities/{top['id']}")
    rels = page.locator(".facts.relations details.fact")
    assert rels.count() == len(card["relations"]["items"])
    first = card["relations"]["items"][0]
    fact = page.locator(f'details.fact[data-id="{first["id"]}"]').first
    fact.locator("summary").click(position={"x": 4, "y": 8})  # the disclosure marker, not a link in it
    fact.locator(".supports .support").first.wait_for()
    assert fact.locator(".supports .support").count() == len(first["supports"])
    evidence = first["supports"][0]["evidence"][0]
    fact.locator(".support a.doclink").first.click()
    ready(page)
    marked = "".join(page.locator("mark.evidence-hl").all_inner_texts())
    assert " ".join(marked.split()) == " ".join(evidence["text"].split())
    # mentions in the document link to their entities
    link = page.locator(f'.doc-text a.mention[href="#/entity/{top["id"]}"]')
    assert link.count() >= 1


def test_link_chart_expand_filter_export(page: Any, server: str, tmp_path: Path) -> None:
    top = api(server, "/api/entities", type="organization", limit=1)["items"][0]
    hood = api(server, f"/api/entities/{top['id']}/neighbourhood", limit=80)
    go(page, server, f"#/graph/{top['id']}")
    count = "window.dossierChart.nodes().length"
    assert page.evaluate(count) == len(hood["nodes"])
    # expand the neighbour with the most relations of its own
    other = max((n for n in hood["nodes"] if n["id"] != top["id"]), key=lambda n: n["degree"])
    page.evaluate(f"window.dossierChart.getElementById({other['id']!r}).select()")
    page.click("#expand")
    until(page, f"window.dossierChart.getElementById({other['id']!r}).hasClass('expanded')")
    grown = page.evaluate(count)
    assert grown >= len(hood["nodes"])
    assert page.evaluate("window.dossierChart.edges().length") > len(hood["edges"])
    visible_edges = "window.dossierChart.edges().filter(e => !e.hasClass('hidden'))"
    before = page.evaluate(f"{visible_edges}.length")
    page.fill(".filters .f-min", "2")
    page.dispatch_event(".filters .f-min", "change")
    after = page.evaluate(f"{visible_edges}.map(e => e.data('independent_sources'))")
    assert after and all(n >= 2 for n in after) and len(after) < before
    page.uncheck(".filters .f-asserted")
    kept = page.evaluate(f"{visible_edges}.map(e => e.data('modality'))")
    assert "asserted" not in kept
    with page.expect_download() as dl:
        page.click("#export-png")
    png = tmp_path / "chart.png"
    dl.value.save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as dl:
        page.click("#export-svg")
    svg = tmp_path / "chart.svg"
    dl.value.save_as(svg)
    assert "<svg" in svg.read_text()[:500]


def test_link_chart_paths(page: Any, server: str) -> None:
    top = api(server, "/api/entities", type="organization", limit=1)["items"][0]
    two = api(server, f"/api/entities/{top['id']}/neighbourhood", depth=2)
    far = next(n for n in two["nodes"] if n["depth"] == 2)
    want = api(server, "/api/paths", **{"from": top["id"], "to": far["id"], "max_length": 4, "limit": 5})
    go(page, server, f"#/graph/{top['id']}")
    assert page.evaluate(f"window.dossierChart.getElementById({far['id']!r}).empty()")  # not in the first hop
    page.fill("#path-to", far["name"])
    page.click("#find-path")
    until(page, "window.dossierChart.edges('.path').length > 0")
    on_path = set(page.evaluate("window.dossierChart.edges('.path').map(e => e.id())"))
    assert on_path == {e for p in want["paths"] for e in p["edges"]}
    assert page.evaluate(f"window.dossierChart.getElementById({far['id']!r}).hasClass('path')")


def test_timeline_and_filter(page: Any, server: str) -> None:
    tl = api(server, "/api/timeline", limit=500)
    go(page, server, "#/timeline")
    page.wait_for_selector("#timeline-results .timeline")
    assert page.locator("#timeline-results .timeline details.fact").count() == tl["total"]
    assert page.locator(".histogram .bar").count() == len(tl["months"])
    # the undated events are counted in the heading and listed, never silently left out
    undated = tl["undated"]["total"]
    assert page.locator("#undated-events details.fact").count() == undated
    word = "event" if undated == 1 else "events"
    assert f"{undated} undated {word}" in page.inner_text("#timeline-results h2")
    kind = tl["items"][0]["type"]
    page.select_option(".filters .f-kind", kind)
    want = api(server, "/api/timeline", type=kind, limit=500)["total"]
    until(page, f"document.querySelectorAll('#timeline-results .timeline details.fact').length === {want}")
    types = page.locator("#timeline-results .timeline details.fact .etype").all_inner_texts()
    assert types and set(types) == {kind}


def test_map_places_and_events(page: Any, server: str) -> None:
    places = api(server, "/api/places")["items"]
    go(page, server, "#/map")
    # nearby places are clustered: every place is in exactly one marker's tooltip
    titles = page.locator("#map circle.place title").all_text_contents()
    listed = [line.rsplit(":", 1)[0] for t in titles for line in t.split("\n")]
    assert sorted(listed) == sorted(p["name"] for p in places)
    assert page.locator("#map .countries path").count() > 100  # Natural Earth outlines, shipped
    marker = page.locator(f'#map circle.place[data-id="{places[0]["id"]}"]')
    listing = page.locator(f'#place-events .cluster-list button[data-id="{places[0]["id"]}"]')
    for _ in range(10):  # a cluster zooms in on its places, or lists them when they share one spot
        if "cluster" not in (marker.get_attribute("class") or "") or listing.count():
            break
        marker.dispatch_event("click")
    assert page.locator("#map circle.place").count() >= len(titles)
    if listing.count():
        listing.click()
    else:
        marker.dispatch_event("click")
    page.click("#map-reset")
    assert page.locator("#map circle.place").count() == len(titles)
    page.wait_for_selector("#place-events details.fact")
    assert page.locator("#place-events details.fact").count() == places[0]["events"]
    # the place's precision is shown: in the panel, the tooltip, and as a dashed marker when coarser than a town
    assert {p["precision"] for p in places} & {"city", "country", "admin1"}
    assert page.inner_text("#place-events .precision").startswith("Precision: ")
    if places[0]["precision"]:
        assert places[0]["precision"].replace("admin1", "province") in page.inner_text("#place-events .precision") \
            or places[0]["precision"] in ("city", "district", "region")
    coarse = [p for p in places if p["precision"] in ("country", "admin1")]
    if coarse:
        page.click("#map-reset")
        shown = page.locator('#map circle.place.coarse').evaluate_all("ns => ns.map(n => n.dataset.id)")
        singles = page.locator('#map circle.place:not(.cluster)').evaluate_all("ns => ns.map(n => n.dataset.id)")
        assert {p["id"] for p in coarse} & set(singles) <= set(shown)
    assert any(f"({p['precision']})" in t for t in titles for p in places if p["precision"])


def test_discrepancies_page(page: Any, server: str) -> None:
    total = api(server, "/api/discrepancies", limit=500)["total"]
    go(page, server, "#/discrepancies")
    assert page.locator(".discrepancy").count() == total


@pytest.mark.parametrize("page", [True], indirect=True)
def test_upload_hostile_reports_stay_inert(page: Any, server: str, tmp_path: Path) -> None:
    go(page, server, f"#token={TOKEN}")
    go(page, server, "#/ingest")
    page.fill("#paste", HOSTILE_TEXT)
    page.click("#ingest-go")
    page.wait_for_selector("#ingest-result .ok")
    assert "Lashkar-e-Sabeel" in page.inner_text("#ingest-result")
    report = tmp_path / "lahore-raid.html"
    report.write_text(HOSTILE_HTML, encoding="utf-8")
    page.fill("#paste", "")
    page.set_input_files("#file", str(report))
    page.click("#ingest-go")
    page.locator("#ingest-result .ok", has_text="lahore-raid.html").wait_for()
    page.locator("#ingest-result a.button").click()  # "Show … in the link chart"
    # the click changes the route asynchronously: the ingest view may still read as ready, so wait for the chart
    page.wait_for_url("**/#/graph/**")
    ready(page)
    page.wait_for_function("window.dossierChart !== undefined && window.dossierChart.nodes().length >= 2",
                           timeout=20_000)
    docs = api(server, "/api/documents", q="raid", limit=10)["items"]
    assert docs
    for d in [docs[0], *api(server, "/api/documents", q="paste/", limit=10)["items"]]:
        go(page, server, f"#/doc/{d['id']}")
    go(page, server, "#/documents")
    search_html = api(server, "/api/search", q="Qureshi")["items"]
    assert search_html
    go(page, server, f"#/entity/{search_html[0]['id']}")
    for view in ("", "#/documents", f"#/doc/{docs[0]['id']}"):
        go(page, server, view)
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('main script, main [onerror], main [onclick]').length") == 0
        assert page.evaluate("[...document.querySelectorAll('a[href]')].filter(a => "
                             "a.getAttribute('href').trim().toLowerCase().startsWith('javascript')).length") == 0
    go(page, server, f"#/doc/{docs[0]['id']}")
    assert "window.__pwned" in page.inner_text(".doc-text") or "Qureshi" in page.inner_text(".doc-text")


def test_merge_judgement_from_the_card(page: Any, server: str) -> None:
    people = api(server, "/api/entities", type="person", limit=50)["items"]
    a, b = people[-1], people[-2]
    go(page, server, f"#token={TOKEN}")
    go(page, server, f"#/entity/{a['id']}")
    page.click("details.judge summary")
    page.fill("#judge-other", b["name"])
    page.click("#judge-merge")
    deadline = time.monotonic() + 30
    while not (merges := [j for j in api(server, "/api/judgements")["items"] if j["decision"] == "merge"]):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert merges[-1]["a"] == a["id"] and merges[-1]["b"] == b["name"]
    while True:  # the judgement is committed first, then the store re-resolved: wait for the merged entity
        now = api(server, "/api/search", q=b["name"])["items"][0]  # the entity b belongs to now
        card = api(server, f"/api/entities/{now['id']}")["entity"]
        if {a["name"], b["name"]} <= {card["name"], *card["aliases"]}:
            break
        assert time.monotonic() < deadline, (a["name"], b["name"], card["name"], card["aliases"])
        time.sleep(0.2)
    until(page, f"location.hash === '#/entity/{now['id']}' || "
                "(document.querySelector('#judge-result')?.textContent || '').includes('recorded')")
    ready(page)
    assert page.inner_text(".card h1") == card["name"]


def _upload(server: str, name: str, text: str) -> dict[str, Any]:
    r = httpx.post(f"{server}/api/documents", params={"name": name}, content=text.encode(),
                   headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}, timeout=120)
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_correct_a_report_title_survives_reingest_and_undo(page: Any, server: str) -> None:
    text = ("Police in Multan detained two men on 4 March 2025, the Frontier Wire reported.\n\n"
            "Officials said the men were questioned about a rally in Multan.\n")
    first = _upload(server, "e2e-correction.txt", text)
    go(page, server, f"#token={TOKEN}")
    go(page, server, f"#/doc/{first['document']}")
    assert page.inner_text(".document h1").startswith("Police in Multan")  # its first line, not a path or id
    page.click("#fix-document summary")
    page.fill("#fix-title", "Multan detentions (analyst title)")
    page.click("#fix-set-title")
    until(page, "document.querySelector('.document h1')?.textContent === 'Multan detentions (analyst title)'", 30)
    ready(page)
    assert "corrected: title" in page.inner_text(".document .meta")
    # the report changes and is ingested again: a new version keeps the correction
    second = _upload(server, "e2e-correction.txt", text + "A third man was released on Friday.\n")
    assert second["status"] == "new-version" and second["document"] != first["document"]
    go(page, server, f"#/doc/{second['document']}")
    assert page.inner_text(".document h1") == "Multan detentions (analyst title)"
    # listed with who and when, and undone from the judgements page
    go(page, server, "#/judgements")
    row = page.locator("table.judgements tr", has_text="Multan detentions (analyst title)").first
    assert "(web)" in row.inner_text()
    row.locator("button.undo").click()
    until(page, "[...document.querySelectorAll('table.judgements tr.undone')]"
                ".some((r) => r.textContent.includes('Multan detentions'))", 30)
    go(page, server, f"#/doc/{second['document']}")
    assert page.inner_text(".document h1").startswith("Police in Multan")


def test_full_text_search_from_the_search_box(page: Any, server: str) -> None:
    go(page, server, "")
    page.fill("#search", "Multan")
    page.wait_for_selector("#search-reports")
    page.locator("#search-reports").dispatch_event("mousedown")
    page.wait_for_selector('main[data-view="search"]')
    ready(page)
    hits = page.locator("ul.hits li.hit")
    assert hits.count() >= 1
    marks = page.locator("ul.hits .snippet mark").all_inner_texts()
    assert marks and all(m.casefold() == "multan" for m in marks)
    assert "doc_" not in page.inner_text("ul.hits")


def test_link_chart_events_as_nodes_and_type_filter(page: Any, server: str) -> None:
    evs = api(server, "/api/events", limit=500)["items"]
    who = next(p["entity"] for f in evs for p in f.get("participants", []) if p.get("entity", {}).get("id"))
    go(page, server, f"#/graph/{who['id']}")
    until(page, "!!window.dossierChart && window.dossierChart.nodes().length > 0")
    assert page.evaluate("window.dossierChart.nodes('[type = \"event\"]').length") == 0
    page.check("#events-toggle")
    until(page, "window.dossierChart.nodes('[type = \"event\"]').length > 0", 30)
    assert "event" in page.inner_text("#chart-counts")
    page.uncheck('#type-filter input[value="event"]')
    until(page, "window.dossierChart.nodes('[type = \"event\"]:visible').length === 0")
    page.check('#type-filter input[value="event"]')
    until(page, "window.dossierChart.nodes('[type = \"event\"]:visible').length > 0")
    page.uncheck("#events-toggle")
    until(page, "window.dossierChart.nodes('[type = \"event\"]').length === 0", 30)


def test_rename_an_entity_from_its_card_and_undo(page: Any, server: str) -> None:
    e = api(server, "/api/entities", type="person", limit=3)["items"][-1]
    go(page, server, f"#token={TOKEN}")
    go(page, server, f"#/entity/{e['id']}")
    page.click("#fix-entity summary")
    page.fill("#fix-name", f"{e['name']} (checked)")
    page.fill("#fix-note", "spelling confirmed")
    page.click("#fix-rename")
    until(page, f"document.querySelector('.card h1')?.textContent === {e['name'] + ' (checked)'!r}", 30)
    ready(page)
    assert e["name"] in page.inner_text(".card .aliases")
    go(page, server, "#/judgements")
    row = page.locator("table.judgements tr", has_text="spelling confirmed").first
    row.locator("button.undo").click()
    until(page, "[...document.querySelectorAll('table.judgements tr.undone')]"
                ".some((r) => r.textContent.includes('spelling confirmed'))", 30)
    go(page, server, f"#/entity/{e['id']}")
    assert page.inner_text(".card h1") == e["name"]


def _card_events(server: str, entity: str) -> dict[str, Any]:
    return {f["id"]: f for f in api(server, f"/api/entities/{entity}")["events"]["items"]}


def test_merge_and_split_events_from_the_card_survive_reingest_and_undo(page: Any, server: str) -> None:
    # an entity whose card lists two events told by different reports
    for e in api(server, "/api/entities", limit=40)["items"]:
        evs = _card_events(server, e["id"])
        singles = [f for f in evs.values() if len({s["document"] for s in f["supports"]}) == 1]
        pair = next(((a, b) for a in singles for b in singles
                     if a["supports"][0]["document"] < b["supports"][0]["document"]), None)
        if pair:
            break
    assert pair, "no entity with two events from different reports"
    a, b = pair
    go(page, server, f"#token={TOKEN}")
    go(page, server, f"#/entity/{e['id']}")
    box_a = page.locator(f'details.fact[data-id="{a["id"]}"]')
    box_a.locator("summary").click()
    box_a.locator("button.fix-mark-event").click()
    go(page, server, f"#/entity/{e['id']}")
    box_b = page.locator(f'details.fact[data-id="{b["id"]}"]')
    box_b.locator("summary").click()
    box_b.locator("button.fix-merge-event").click()
    until(page, f"!document.querySelector('details.fact[data-id=\"{b['id']}\"]')", 30)
    merged = _card_events(server, e["id"])
    assert b["id"] not in merged and len(merged[a["id"]]["supports"]) == 2
    # another report arrives (the clusters are refreshed): the merge holds
    _upload(server, "e2e-event-merge.txt", "Police in Quetta arrested a shopkeeper on 2 May 2025, officials said.\n")
    assert b["id"] not in _card_events(server, e["id"])
    # split the second report off again from the merged event's card
    go(page, server, f"#/entity/{e['id']}")
    box = page.locator(f'details.fact[data-id="{a["id"]}"]')
    box.locator("summary").click()
    box.locator("select.fix-split-report").select_option(b["supports"][0]["document"])
    box.locator("button.fix-split-event").click()
    until(page, f"!!document.querySelector('details.fact[data-id=\"{b['id']}\"]')", 30)
    go(page, server, "#/judgements")
    rows = page.locator("table.judgements tr", has_text="event")
    assert "events merged" in page.inner_text("table.judgements") and "event split" in page.inner_text(
        "table.judgements")
    assert "(web)" in rows.first.inner_text()
    # undo the split: merged again; undo the merge: as the model had it
    for what in ("event split", "events merged"):
        page.locator("table.judgements tr", has_text=what).first.locator("button.undo").click()
        until(page, "[...document.querySelectorAll('table.judgements tr.undone')]"
                    f".some((r) => r.textContent.includes({what!r}))", 30)
    evs = _card_events(server, e["id"])
    assert a["id"] in evs and b["id"] in evs and len(evs[a["id"]]["supports"]) == 1


def _set_range(page: Any, selector: str, value: int) -> None:
    page.locator(selector).evaluate(
        "(r, v) => { r.value = String(v); r.dispatchEvent(new Event('input', { bubbles: true })); }", value)


def test_link_chart_time_slider(page: Any, server: str) -> None:
    top = api(server, "/api/entities", type="organization", limit=1)["items"][0]
    go(page, server, f"#/graph/{top['id']}")
    until(page, "!!window.dossierChart && window.dossierChart.edges().length > 0")
    page.check("#events-toggle")
    until(page, "window.dossierChart.nodes('[type = \"event\"]').length > 0", 30)
    n_months = int(page.get_attribute("#time-to", "max") or 0) + 1
    assert n_months > 1 and page.is_visible("#time-slider")
    label = page.inner_text("#time-label")
    all_links = page.evaluate("window.dossierChart.edges(':visible').length")
    # only the last month: every link still shown is dated in it, or undated (and counted as such)
    _set_range(page, "#time-from", n_months - 1)
    last = page.inner_text("#time-label").split(" – ")[1][:7]
    assert page.locator("#time-to").evaluate("r => r.value") == str(n_months - 1)
    assert page.inner_text("#time-label") != label
    spans = page.evaluate("""window.dossierChart.edges(':visible').map((e) => {
        const d = e.data();
        const own = d.first_seen || (d.kind === 'event' ? (e.source().data('date') || e.target().data('date')) : null);
        return own ? [own, d.last_seen || own] : null; })""")
    assert len(spans) < all_links
    dated = [s for s in spans if s]
    assert all(s[1][:7] >= last[: len(s[1][:7])] for s in dated)
    undated = len(spans) - len(dated)
    assert (f"{undated} undated link" in page.inner_text("#time-label")) == (undated > 0)
    # back to the whole span: everything again
    _set_range(page, "#time-from", 0)
    until(page, f"window.dossierChart.edges(':visible').length === {all_links}")


def test_link_chart_200_nodes_stay_readable(page: Any, server: str) -> None:
    top = api(server, "/api/entities", type="organization", limit=1)["items"][0]
    go(page, server, f"#/graph/{top['id']}")
    until(page, "!!window.dossierChart && window.dossierChart.nodes().length > 0")
    # grow the chart to 200 nodes: a tree of made-up people hanging from what is there, then the chart's layout
    page.evaluate("""(centre) => {
        const cy = window.dossierChart; const have = cy.nodes().map((n) => n.id());
        const nodes = []; const edges = [];
        for (let i = 0; cy.nodes().length + nodes.length < 200; i += 1) {
          const id = `ent_synthetic${String(i).padStart(6, '0')}`;
          const parent = i < 20 ? centre : `ent_synthetic${String(Math.floor(i / 6)).padStart(6, '0')}`;
          nodes.push({ group: 'nodes',
                       data: { id, name: `Person Number ${i}`, type: 'person', mentions: 1, depth: 2 } });
          edges.push({ group: 'edges', data: { id: `syn${i}`, source: parent, target: id, predicate: 'membership',
                       modality: 'asserted', independent_sources: 1 } });
        }
        cy.add(nodes); cy.add(edges); window.dossierChartLayout();
      }""", top["id"])
    n = page.evaluate("window.dossierChart.nodes(':visible').length")
    assert n >= 200
    boxes = page.evaluate("""window.dossierChart.nodes(':visible').map((n) => {
        const b = n.boundingBox({ includeLabels: true, includeNodes: false, includeOverlays: false });
        return [b.x1, b.y1, b.x2, b.y2]; })""")
    overlaps = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert overlaps <= len(boxes) // 100, f"{overlaps} overlapping labels among {len(boxes)} nodes"  # 17 before
    # edge labels only on demand in a dense chart
    assert page.evaluate("window.dossierChart.edges('.dense').length === window.dossierChart.edges().length")


def _undo_from_judgements(page: Any, server: str, correction: int) -> None:
    """Undo one correction from the judgements page, where it is listed with who and when."""
    go(page, server, "#/judgements")
    row = page.locator(f'table.judgements tr[data-id="{correction}"]')
    assert "(web)" in row.inner_text()
    row.locator("button.undo").click()
    until(page, f"!!document.querySelector('table.judgements tr.undone[data-id=\"{correction}\"]')", 30)


def _corrections(server: str, **match: Any) -> list[dict[str, Any]]:
    return [c for c in api(server, "/api/corrections")["items"]
            if not c["undone_at"] and all(c[k] == v for k, v in match.items())]


REPORT_META_TEXT = ("Nadeem Afridi, a trader, was detained by police in Peshawar on 6 March 2025, the Frontier Wire "
                    "reported.\n\nAfridi met a customs officer in Peshawar before his arrest, officials said.\n")


def test_correct_a_report_date_and_publisher_survive_a_new_version_and_undo(page: Any, server: str) -> None:
    first = _upload(server, "e2e-report-meta.txt", REPORT_META_TEXT)
    go(page, server, f"#token={TOKEN}")
    go(page, server, f"#/doc/{first['document']}")
    page.click("#fix-document summary")
    page.fill("#fix-publisher", "Khyber Daily (analyst)")
    page.click("#fix-set-publisher")
    until(page, "document.querySelector('.doc-publisher')?.textContent === 'Khyber Daily (analyst)'", 30)
    ready(page)
    page.click("#fix-document summary")
    page.fill("#fix-published", "2025-03-07")
    page.click("#fix-set-date")
    until(page, "document.querySelector('.doc-date')?.textContent === '2025-03-07'", 30)  # no longer '(inferred)'
    ready(page)
    assert "corrected: date, publisher" in page.inner_text(".document .meta")
    # in the card too: a fact told by the report names the corrected publisher and date in its support
    who = next(e for e in first["entities"] if api(server, f"/api/entities/{e['id']}")["relations"]["total"]
               or api(server, f"/api/entities/{e['id']}")["events"]["total"])
    go(page, server, f"#/entity/{who['id']}")
    box = page.locator("details.fact", has_text=who["name"]).first
    box.locator("summary").click(position={"x": 4, "y": 8})
    support = box.locator(".support", has_text="Khyber Daily (analyst)").first
    assert support.locator(".date").inner_text() == "2025-03-07"
    # the report changes and is ingested again: the new version keeps both corrections
    second = _upload(server, "e2e-report-meta.txt", REPORT_META_TEXT + "He was released on bail on Friday.\n")
    assert second["status"] == "new-version"
    go(page, server, f"#/doc/{second['document']}")
    assert page.inner_text(".doc-publisher") == "Khyber Daily (analyst)"
    assert page.inner_text(".doc-date") == "2025-03-07"
    # undone from the judgements page: the report's own metadata again
    for c in _corrections(server, target="document", label="upload/e2e-report-meta.txt"):
        _undo_from_judgements(page, server, c["id"])
    go(page, server, f"#/doc/{second['document']}")
    assert page.inner_text(".doc-publisher") != "Khyber Daily (analyst)"
    assert page.inner_text(".doc-date") != "2025-03-07"
    assert "corrected" not in page.inner_text(".document .meta")


def test_retype_an_entity_survives_a_new_version_and_undo(page: Any, server: str) -> None:
    text = "Police in Quetta questioned Zarghun Khan on 9 April 2025 about the attack, officials said.\n"
    first = _upload(server, "e2e-retype.txt", text)
    e = next(x for x in first["entities"] if x["name"] == "Zarghun Khan")
    assert e["type"] == "person"
    go(page, server, f"#token={TOKEN}")
    go(page, server, f"#/entity/{e['id']}")
    page.click("#fix-entity summary")
    page.select_option("#fix-type", "organization")
    page.fill("#fix-note", "a trading house, not a man")
    page.click("#fix-retype")
    until(page, "document.querySelector('.card .badge.type')?.textContent === 'organization'", 30)
    ready(page)
    assert "t-organization" in (page.get_attribute(".card h1", "class") or "")
    # a new version of the report re-creates the entity under the same name: still an organization
    second = _upload(server, "e2e-retype.txt", text + "Khan's office in Quetta was closed.\n")
    assert second["status"] == "new-version"
    now = next(x for x in second["entities"] if x["name"] == "Zarghun Khan")
    assert now["type"] == "organization"
    go(page, server, f"#/entity/{now['id']}")
    assert page.inner_text(".card .badge.type") == "organization"
    [fix] = _corrections(server, target="entity", field="type", note="a trading house, not a man")
    _undo_from_judgements(page, server, fix["id"])
    go(page, server, f"#/entity/{now['id']}")
    assert page.inner_text(".card .badge.type") == "person"


def _open_fact(page: Any, fact_id: str) -> Any:
    box = page.locator(f'details.fact[data-id="{fact_id}"]').first
    box.locator("summary").click(position={"x": 4, "y": 8})  # the disclosure marker, not a link in it
    box.locator(".fact-fix").wait_for()
    return box


def test_event_date_place_and_a_rejected_claim_survive_a_new_version_and_undo(page: Any, server: str) -> None:
    text = ("Police in Quetta arrested Gul Khan Achakzai on 9 April 2025 after the attack, officials said.\n\n"
            "Achakzai said the police had no warrant for the arrest.\n")
    first = _upload(server, "e2e-event-fix.txt", text)
    who = next(x for x in first["entities"] if x["name"] == "Gul Khan Achakzai")

    def arrest() -> dict[str, Any]:
        return next(f for f in _card_events(server, who["id"]).values() if f["type"] == "arrest")

    ev = arrest()
    assert ev["date"] == "2025-04-09" and ev["place"]["name"] == "Quetta"
    elsewhere = next(p for p in api(server, "/api/places")["items"] if p["name"] not in ("Quetta", "Pakistan"))
    go(page, server, f"#token={TOKEN}")
    go(page, server, f"#/entity/{who['id']}")
    box = _open_fact(page, ev["id"])
    box.locator("input.fix-event-date").fill("2025-03")
    box.locator("button.fix-set-event-date").click()
    summary = f'details.fact[data-id="{ev["id"]}"] summary'
    until(page, f"document.querySelector('{summary} .date')?.textContent === '2025-03'", 30)
    ready(page)
    box = _open_fact(page, ev["id"])
    # a place no report names is refused with a reason, not stored as "no place"
    box.locator("input.fix-event-place").fill("Nowhere Valley")
    box.locator("button.fix-set-event-place").click()
    box.locator(".fix-out", has_text="no place named").wait_for()
    assert not _corrections(server, target="event", field="place", key=ev["id"])
    box.locator("input.fix-event-place").fill(elsewhere["name"])
    box.locator("button.fix-set-event-place").click()
    until(page, f"!!document.querySelector('{summary} a[href=\"#/entity/{elsewhere['id']}\"]')", 30)
    ready(page)
    # and what he said is rejected as wrong (a misread): off his card
    [claim] = api(server, f"/api/entities/{who['id']}")["claims"]["items"]
    _open_fact(page, claim["id"]).locator("button.fix-reject").click()
    until(page, f"!document.querySelector('details.fact[data-id=\"{claim['id']}\"]')", 30)
    ready(page)
    assert api(server, f"/api/events/{ev['id']}")["date_granularity"] == "month"  # shown at its precision
    # a new version of the report: new records, so the event and the claim have new ids; the corrections hold
    second = _upload(server, "e2e-event-fix.txt", text + "He was released on bail later.\n")
    assert second["status"] == "new-version"
    now = arrest()
    assert now["id"] != ev["id"] and now["date"] == "2025-03" and now["place"]["id"] == elsewhere["id"]
    page.reload()  # the same route: read the card again
    ready(page)
    summary = f'details.fact[data-id="{now["id"]}"] summary'
    assert page.inner_text(f"{summary} .date") == "2025-03"
    assert page.locator(f'{summary} a[href="#/entity/{elsewhere["id"]}"]').count() == 1
    assert page.locator(".facts.claims details.fact").count() == 0
    assert api(server, f"/api/entities/{who['id']}")["claims"]["total"] == 0
    for c in [*_corrections(server, target="event", key=ev["id"]), *_corrections(server, key=claim["id"])]:
        _undo_from_judgements(page, server, c["id"])
    go(page, server, f"#/entity/{who['id']}")
    assert page.inner_text(f"{summary} .date") == "2025-04-09"
    assert page.locator(f"{summary} a", has_text="Quetta").count() == 1
    assert "the police had no warrant" in page.inner_text(".facts.claims")


def test_reject_a_relation_an_event_and_a_claim_as_wrong_survive_reingest_and_undo(page: Any, server: str) -> None:
    picks: dict[str, tuple[str, str]] = {}  # kind → (entity whose card shows it, fact id)
    for e in api(server, "/api/entities", limit=200)["items"]:
        card = api(server, f"/api/entities/{e['id']}")
        for kind in ("relations", "events", "claims"):
            if kind not in picks and card[kind]["items"]:
                picks[kind] = (e["id"], card[kind]["items"][0]["id"])
        if len(picks) == 3:
            break
    assert len(picks) == 3, picks
    go(page, server, f"#token={TOKEN}")
    for entity, fact in picks.values():
        go(page, server, f"#/entity/{entity}")
        _open_fact(page, fact).locator("button.fix-reject").click()
        until(page, f"!document.querySelector('details.fact[data-id=\"{fact}\"]')", 30)
        ready(page)
    assert {c["key"] for c in _corrections(server, field="rejected")} >= {f for _, f in picks.values()}
    # another report arrives: the rejected facts stay out, of the cards and of the listings
    _upload(server, "e2e-reject.txt", "Police in Quetta arrested a tailor on 4 May 2025, officials said.\n")
    for kind, (entity, fact) in picks.items():
        go(page, server, f"#/entity/{entity}")
        assert page.locator(f'details.fact[data-id="{fact}"]').count() == 0
        assert fact not in {f["id"] for f in api(server, f"/api/{kind}", limit=500)["items"]}
    # the judgements page says what was rejected; undone, each is back on its card
    go(page, server, "#/judgements")
    assert page.locator("table.judgements tr", has_text="rejected as wrong").count() >= 3
    for kind, (entity, fact) in picks.items():
        [c] = _corrections(server, field="rejected", key=fact)
        assert c["target"] == kind[:-1]
        _undo_from_judgements(page, server, c["id"])
        go(page, server, f"#/entity/{entity}")
        assert page.locator(f'details.fact[data-id="{fact}"]').count() == 1
