"""The web UI in real headless Chromium (Debian's `chromium`, driven by Playwright) against a real server on
a real store: map, timeline, filters, an event with its evidence highlighted, actor and story pages, a phone
screen, ingest progress, and an article full of markup that must stay text. Screenshots of each page go to
test-output/ui/."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import threading
from pathlib import Path
from urllib.parse import unquote

import pytest
import uvicorn

from dateline.api import create_app
from dateline.store import open_store
from dateline.web import vendor_missing

from .conftest import FIXTURES, ROOT, SAMPLES, ingested

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("DATELINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "test-output" / "ui"
# flags for a closed network: no background connections, no component updates
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A server on a free port over the sample corpus, the corroboration set and one hostile article."""
    path = ingested(tmp_path_factory.mktemp("ui") / "ui.db", [SAMPLES / "corpus", FIXTURES / "corroboration.jsonl",
                                                             FIXTURES / "hostile.jsonl", FIXTURES / "placeless.jsonl"],
                    published=dt.date(2024, 5, 20))
    yield from serve(path)


@pytest.fixture(scope="module")
def growing(tmp_path_factory):
    """A server over a store that a test adds articles to while the page is open."""
    yield from serve(ingested(tmp_path_factory.mktemp("ui-growing") / "g.db", [FIXTURES / "hostile.jsonl"]))


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory):
    """A server over one page, 20 syndicated copies of it and 5 retellings of its main event."""
    yield from serve(ingested(tmp_path_factory.mktemp("ui-syndicated") / "s.db", [FIXTURES / "syndication.jsonl"]))


def serve(path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)  # listening before the server starts: early requests wait in the backlog
    server = uvicorn.Server(uvicorn.Config(create_app(path), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", path
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} not found: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium to run the browser tests")
    assert not vendor_missing(), f"front-end files missing {vendor_missing()}: run `make web`"
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def watched_page(browser):
    """A fresh page whose script errors and dialogs fail the test that used it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()
    assert not page.errors, page.errors


@pytest.fixture
def page(browser, site):
    yield from watched_page(browser)


def visit(page, base: str, route: str = "#/") -> None:
    page.goto(f"{base}/{route}")
    page.wait_for_selector("body[data-ready]")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_map_timeline_and_table_load(page, site):
    base, _ = site
    visit(page, base)
    assert page.get_attribute("body", "data-ready") == "#/"
    # Natural Earth outlines and one marker per place, drawn by Leaflet as SVG paths (waited for through a
    # locator: a function evaluated in the page would be refused by the page's own CSP, no unsafe-eval)
    page.locator("#map path").nth(150).wait_for(state="attached")
    # places close together are one cluster showing their events; the others a marker each
    page.locator("#map .marker-cluster").first.wait_for()
    clustered = sum(int(n) for n in page.locator("#map .cluster-count").all_inner_texts())
    total = int(re.search(r"of (\d+)", page.inner_text("#totals")).group(1))
    assert page.locator("#map path.place-marker").count() >= 3 and 2 <= clustered < total
    assert page.locator("#timeline rect.bar").count() >= 5
    assert page.locator("table.events tbody tr").count() == 50  # one page
    shot(page, "events")


def test_syndicated_copies_are_one_row_each_event_once(page, syndicated):
    base, path = syndicated
    with open_store(path, readonly=True) as store:
        happenings = store.events(limit=1000)
        attack = next(e for e in happenings if e["acled_sub_event_type"] == "Attack")
    visit(page, base)
    rows = page.locator("table.events tbody tr")
    assert rows.count() == len(happenings) < 10  # not 26 copies of each
    assert f"of {len(happenings)} · 7 fatalities" in page.inner_text("#totals")
    assert page.locator("#timeline rect.bar").count() >= 1
    row = page.locator(f"table.events tbody tr[data-event='{attack['id']}']")
    cells = row.locator("td").all_inner_texts()
    assert cells[6] == "7" and cells[8] == "6" and cells[9] == "26"  # deaths, independent outlets, reports
    shot(page, "syndicated")
    row.locator("a:text('open')").click()
    page.wait_for_selector("body[data-ready^='#/event/']")
    assert "26 mention(s), 6 independent" in page.inner_text("h2:has-text('Sources')")
    facts = page.inner_text("dl.facts")
    assert "Djibo" in facts and not re.search(r"\b[A-Z]{2}\.\w+", facts)  # a division's name, not its code
    assert "state_forces" not in facts and "asserted" not in facts  # labels, not codes
    assert page.locator("ul.sources li").count() == 26
    shot(page, "syndicated-event")


def test_api_docs_load_from_the_package_with_no_network(browser, site):
    # every request that is not to the local server is refused: the docs must not need a CDN
    base, _ = site
    context = browser.new_context()
    outside = []

    def only_local(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.goto(f"{base}/docs")
    page.locator(".opblock-summary-path", has_text="/api/events").first.wait_for()
    assert page.locator(".opblock").count() >= 10 and not outside
    shot(page, "api-docs")
    context.close()


def test_timeline_is_continuous_labelled_and_clickable(page, site):
    base, _ = site
    visit(page, base)
    heading = page.inner_text("#timeline h2")
    assert heading in ("Events by day", "Events by week", "Events by month")
    interval = heading.rsplit(" ", 1)[-1]
    ticks = page.locator("#timeline text.tick").evaluate_all("ts => ts.map(t => t.textContent)")
    assert "0" in ticks and len(ticks) >= 4  # a count axis and dates along the bottom
    periods = sorted(set(page.locator("#timeline rect.bar").evaluate_all("bs => bs.map(b => b.dataset.period)")))
    counts = page.request.get(f"{base}/api/timeline?interval={interval}").json()["counts"]
    assert periods == sorted({c["period"] for c in counts})  # every period with events drawn, where it falls
    bar = page.locator("#timeline rect.bar").first
    period = bar.get_attribute("data-period")
    bar.click(force=True)
    page.wait_for_selector(f"body[data-ready*='since={period}']")
    for row in page.locator("table.events tbody tr").all():
        assert row.locator("td").first.inner_text() >= period
    shot(page, "timeline-clicked")


def test_timeline_is_coloured_by_the_taxonomy_being_filtered(page, site):
    base, _ = site
    visit(page, base, "#/?acled_type=Battles")
    types = set(page.locator("#timeline rect.bar").evaluate_all("bs => bs.map(b => b.dataset.type)"))
    assert types == {"Battles"}
    assert "Battles" in page.inner_text("#timeline .legend")


def test_map_markers_are_coloured_by_type_with_a_legend(page, site):
    base, _ = site
    visit(page, base, "#/?type=PROTEST")
    page.locator("#map path.place-marker, #map .cluster-count").first.wait_for(state="attached")
    assert len(colours(page)) == 1  # one type asked: one colour, markers and clusters alike
    legend = page.inner_text("#map-legend")
    assert "PROTEST" in legend and "size: fatalities" in legend
    visit(page, base)
    page.locator("#map path.place-marker").first.wait_for(state="attached")
    assert len(colours(page)) > 2  # several types, several colours


def colours(page) -> set[str]:
    return set(page.locator("#map path.place-marker").evaluate_all("ms => ms.map(m => m.getAttribute('fill'))")) | \
        set(page.locator("#map .cluster-count").evaluate_all("cs => cs.map(c => c.dataset.color)"))


def test_filter_by_type_and_date(page, site):
    base, _ = site
    visit(page, base)
    page.click("details.picker[data-name=type] summary")
    page.check("details.picker[data-name=type] input[value=ASSAULT]")
    page.fill("input[name=since]", "2024-05-10")
    page.fill("input[name=until]", "2024-05-19")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("body[data-ready*='type=ASSAULT']")
    rows = page.locator("table.events tbody tr")
    assert rows.count() > 0
    for row in rows.all():
        cells = row.locator("td").all_inner_texts()
        assert "2024-05-10" <= cells[0] <= "2024-05-19" and cells[1].startswith("ASSAULT")
    bars = page.locator("#timeline rect.bar")
    assert bars.count() > 0 and set(bars.evaluate_all("bs => bs.map(b => b.dataset.type)")) == {"ASSAULT"}
    assert "type=ASSAULT" in page.get_attribute("a[href*='format=geojson']", "href")
    shot(page, "events-filtered")


def test_event_page_highlights_evidence_and_links_to_its_actor(page, site):
    base, _ = site
    visit(page, base, "#/?type=ASSAULT&min_independent=3")  # the corroborated Tuz Khurmatu bombing
    page.click("table.events tbody tr:first-child a:text('open')")
    page.wait_for_selector("body[data-ready^='#/event/']")
    event_id = page.get_attribute("body", "data-ready").removeprefix("#/event/")
    event = page.request.get(f"{base}/api/events/{event_id}").json()["event"]
    mark = page.locator("#article-text mark.evidence")
    assert mark.count() == 1 and mark.inner_text() == event["evidence"]
    assert mark.is_visible()
    assert page.locator("ul.sources li").count() >= 2  # told by several outlets
    assert page.locator("#event-map path.leaflet-interactive").count() == 1
    shot(page, "event")
    actor = event["actor_name"] or event["recipient_name"]
    page.click(f"dl.facts a:text-is('{actor}')")
    page.wait_for_selector("body[data-ready^='#/actor/']")
    assert page.inner_text("h1") == actor
    assert page.locator("table.events tbody tr").count() >= 1
    shot(page, "actor")


def test_stories_and_actors_pages(page, site):
    base, _ = site
    visit(page, base, "#/stories")
    stories = page.locator("main li a")
    assert stories.count() >= 10
    page.click("main li a >> nth=0")  # the largest story: the corroborated bombing
    page.wait_for_selector("body[data-ready^='#/story/']")
    assert page.locator("#story-articles li").count() >= 3 and page.locator("table.events tbody tr").count() >= 1
    tags = page.locator("#story-articles li .tag").all_inner_texts()
    assert set(tags) <= {"own reporting", "copy", "wire story"} and "own reporting" in tags
    assert page.locator(".story-timeline li").count() >= 1
    assert "independent" in page.inner_text("main p.muted")
    shot(page, "story")
    visit(page, base, "#/stories/other")
    assert page.inner_text("h1") == "Other stories"
    visit(page, base, "#/actors")
    assert page.locator("main li").count() >= 10
    shot(page, "actors")


def test_markup_in_articles_is_shown_as_text_and_runs_nothing(page, site):
    base, _ = site
    visit(page, base, "#/?place=Kidal")
    page.click("table.events tbody tr:first-child a:text('open')")
    page.wait_for_selector("body[data-ready^='#/event/']")
    text = page.inner_text("#article-text")
    assert "<script>window.__xss = 'script'</script>" in text and "onerror=" in text
    assert page.inner_text(".article-title").startswith("<img src=x onerror=")
    assert page.locator("main script, main img, #article-text a").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0  # the article's own URL is not a link
    assert page.evaluate("typeof window.__xss") == "undefined"
    shot(page, "hostile-article")


def test_usable_on_a_phone(browser, site):
    base, _ = site
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    visit(page, base)
    page.wait_for_selector("#map path.leaflet-interactive")
    # the page does not get wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#map").bounding_box()["width"] <= 390
    # each event a card, not a table of columns: its date, its type and its way in all on the screen
    assert not page.locator("table.events thead").is_visible()
    card = page.locator("table.events tbody tr").first
    card.scroll_into_view_if_needed()
    box, opening = card.bounding_box(), card.locator("a:text('open')").bounding_box()
    assert box["width"] <= 390 and box["height"] > 3 * card.locator("td.date").bounding_box()["height"]
    assert 0 <= opening["x"] and opening["x"] + opening["width"] <= 390 and opening["height"] >= 20
    assert card.locator("td.date").bounding_box()["y"] - box["y"] < 30  # the date heads the card
    shot(page, "events-phone")
    card.locator("a:text('open')").click()
    page.wait_for_selector("body[data-ready^='#/event/']")
    shot(page, "event-phone")
    context.close()


def test_a_running_ingest_shows_its_progress(page, site):
    base, path = site
    with open_store(path) as store:
        run = store.runs.start(["incoming/"], total=200)
        store.runs.update(run, done=50, counts={"articles": 48, "events": 61, "failures": 2, "skipped": 0})
    try:
        visit(page, base)
        page.wait_for_selector("#run:not([hidden])")
        assert "50/200 articles" in page.inner_text("#run") and page.get_attribute("#run progress", "value") == "50"
        shot(page, "progress")
    finally:
        with open_store(path) as store:
            store.runs.finish(run)


def column(page, name: str) -> list[str]:
    return page.locator(f"table.events tbody td.{name}").all_inner_texts()


def test_clicking_a_header_sorts_the_rows_on_the_server(page, site):
    base, _ = site
    visit(page, base)
    newest = column(page, "date")
    assert newest == sorted(newest, reverse=True)
    page.click("table.events th button:text('Deaths')")
    page.wait_for_selector("body[data-ready*='sort=fatalities_desc']")
    deaths = [int(d) if d != "—" else -1 for d in column(page, "deaths")]
    assert deaths == sorted(deaths, reverse=True) and deaths[0] > 5 and deaths != sorted(deaths)
    assert page.get_attribute("th.sorted", "aria-sort") == "descending"
    page.click("table.events th button:text('Date')")  # newest first, the default ...
    page.wait_for_selector("body[data-ready*='sort=date_desc']")
    page.click("table.events th button:text('Date')")  # ... and a second click: oldest first
    page.wait_for_selector("body[data-ready*='sort=date_asc']")
    oldest = column(page, "date")
    assert oldest == sorted(oldest) and oldest[0] < newest[-1]
    page.click("table.events th button:text('Actor')")
    page.wait_for_selector("body[data-ready*='sort=actor_asc']")
    actors = column(page, "actor")
    named = [a for a in actors if a != "—"]
    assert named == sorted(named) and actors[:len(named)] == named  # A to Z, the unnamed after
    assert page.locator("table.events td.date").first.evaluate("td => getComputedStyle(td).whiteSpace") == "nowrap"
    shot(page, "sorted-by-actor")


def test_a_whole_row_opens_its_event(page, site):
    base, _ = site
    visit(page, base)
    row = page.locator("table.events tbody tr").nth(3)
    event_id = row.get_attribute("data-event")
    row.locator("td.acled").click()  # not a link: the row itself
    page.wait_for_selector("body[data-ready^='#/event/']")
    assert unquote(page.get_attribute("body", "data-ready")) == f"#/event/{event_id}"
    assert page.locator("dl.facts").is_visible()


def test_two_acled_types_from_the_picker_reach_the_address_and_the_api(page, site):
    base, _ = site
    visit(page, base)
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "/api/events?" in request.url else None)
    page.click("details.picker[data-name=acled_type] summary")
    page.fill("details.picker[data-name=acled_type] .picker-find", "prot")  # narrows the list as typed
    assert page.locator("details.picker[data-name=acled_type] li:visible").count() == 4  # Protests and its 3
    page.fill("details.picker[data-name=acled_type] .picker-find", "")
    page.check("details.picker[data-name=acled_type] input[value='Protests']")
    page.check("details.picker[data-name=acled_type] input[value='Armed clash']")
    assert page.inner_text("details.picker[data-name=acled_type] .picker-chosen") == "Armed clash, Protests"
    shot(page, "acled-picker")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("body[data-ready*='acled_type=Armed']")
    address = page.url.split("#", 1)[1]
    assert "acled_type=Protests" in address and "acled_type=Armed+clash" in address
    assert "acled_type=Protests" in asked[-1] and "acled_type=Armed+clash" in asked[-1]
    kinds = {cell.split(" / ")[0] if "Protests" in cell else cell for cell in column(page, "acled")}
    assert kinds == {"Protests", "Battles / Armed clash"}  # both kinds shown, nothing else
    # the picker shows what the address holds
    assert page.locator("details.picker[data-name=acled_type] input:checked").count() == 2


def test_countries_are_picked_by_name(page, site):
    base, _ = site
    visit(page, base)
    page.click("details.picker[data-name=country] summary")
    page.fill("details.picker[data-name=country] .picker-find", "ira")
    options = page.locator("details.picker[data-name=country] li:visible").all_inner_texts()
    assert [o.strip() for o in options] == ["Iraq"]
    page.check("details.picker[data-name=country] input[value=IQ]")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("body[data-ready*='country=IQ']")
    places = column(page, "place")
    assert places and all(p.endswith("Iraq") for p in places)
    assert page.inner_text("details.picker[data-name=country] .picker-chosen") == "Iraq"


def test_the_actor_box_suggests_names_by_their_aliases(page, site):
    base, _ = site
    visit(page, base)
    page.fill("#actor-box", "daes")
    suggestion = page.locator("#actor-suggestions button").first
    suggestion.wait_for()
    assert "Islamic State" in suggestion.inner_text() and "Daesh" in suggestion.inner_text()
    shot(page, "actor-suggestions")
    suggestion.click()
    assert page.input_value("#actor-box") == "Islamic State"
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("body[data-ready*='actor=Islamic']")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    for row in rows.all():
        assert "Islamic State" in row.locator("td.actor").inner_text() + row.locator("td.recipient").inner_text()


@pytest.mark.parametrize("route, said", [
    ("#/?min_confidence=4", "min_confidence: Input should be less than or equal to 1"),
    ("#/?country=ZZ", "country ZZ: no such ISO 3166 alpha-2 code"),
])
def test_a_refused_filter_is_said_in_the_page_above_its_form(page, site, route, said):
    base, _ = site
    visit(page, base, route)
    alert = page.locator("#problem .error[role=alert]")
    assert said in alert.inner_text() and "{" not in alert.inner_text()
    assert page.inner_text("h1") == "Events" and page.locator("form.filters").is_visible()
    assert page.locator("table.events").count() == 0 and "detail" not in page.inner_text("main")
    shot(page, "refused-filter")
    alert.locator("a:text('clear it')").click()
    page.wait_for_selector("table.events")


def test_a_confidence_threshold(page, site):
    base, _ = site
    visit(page, base)
    everything = int(re.search(r"of (\d+)", page.inner_text("#totals")).group(1))
    page.fill("input[name=min_confidence]", "0.9")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("body[data-ready*='min_confidence=0.9']")
    confident = int(re.search(r"of (\d+)", page.inner_text("#totals")).group(1))
    listed = page.request.get(f"{base}/api/events?min_confidence=0.9&limit=1000").json()["events"]
    assert 0 < confident == len(listed) < everything and all(e["confidence"] >= 0.9 for e in listed)


def test_the_summary_compares_with_the_period_before(page, site):
    base, _ = site
    visit(page, base, "#/?since=2024-05-13&until=2024-05-19")
    period = page.inner_text("#summary .period")
    assert period.startswith("13 May 2024 – 19 May 2024 (7 days)") and "6 May 2024 – 12 May 2024" in period
    api = page.request.get(f"{base}/api/summary?since=2024-05-13&until=2024-05-19").json()
    iraq = next(r for r in api["by"]["country"] if r["key"] == "IQ")
    row = page.locator("#summary [data-by=country] tr", has_text="Iraq")
    assert row.locator("td").nth(1).inner_text().split()[0] == str(iraq["events"])
    assert page.locator("#summary [data-by=month] tbody tr").count() == len(api["by"]["month"])
    shot(page, "summary")
    row.locator("button").click()  # a name narrows the list to it
    page.wait_for_selector("body[data-ready*='country=IQ']")
    assert all(p.endswith("Iraq") for p in column(page, "place"))


def test_the_map_clusters_names_places_and_draws_divisions(page, site):
    base, _ = site
    visit(page, base)
    page.locator("#map .place-label span").nth(4).wait_for()  # place names from the gazetteer package
    page.locator("#map path.admin1-outline").nth(9).wait_for(state="attached")  # first-level divisions
    before = int(page.get_attribute("#map", "data-zoom"))
    page.locator("#map .marker-cluster").first.click()  # a cluster opens by zooming in on what it holds
    page.wait_for_selector(f"#map:not([data-zoom='{before}'])")
    assert int(page.get_attribute("#map", "data-zoom")) > before
    shot(page, "map-cluster-opened")


def test_the_world_fills_the_map_with_no_line_across_the_antimeridian(page, site):
    base, _ = site
    visit(page, base, "#/?country=IS")  # no event: the map stays at its widest
    page.locator("#map .leaflet-outlines-pane path").first.wait_for(state="attached")
    frame = page.locator("#map").bounding_box()
    boxes = page.locator("#map .leaflet-outlines-pane path").evaluate_all(
        "ps => ps.map(p => { const r = p.getBoundingClientRect(); return [r.left, r.right, r.width]; })")
    assert min(b[0] for b in boxes) <= frame["x"] + 2 and max(b[1] for b in boxes) >= frame["x"] + frame["width"] - 2
    # a ring that jumped from 180 to -180 would be a path as wide as the map: only Antarctica's is
    assert sum(1 for b in boxes if b[2] >= 0.95 * frame["width"]) <= 1
    shot(page, "world")


def test_an_event_page_map_is_zoomed_to_its_place(page, site):
    base, _ = site
    visit(page, base, "#/?place=Kirkuk")
    page.locator("table.events tbody tr").first.locator("a:text('open')").click()
    page.wait_for_selector("body[data-ready^='#/event/']")
    assert int(page.get_attribute("#event-map", "data-zoom")) >= 7
    frame = page.locator("#event-map").bounding_box()
    marker = page.locator("#event-map path.event-marker").bounding_box()
    centre = (marker["x"] + marker["width"] / 2, marker["y"] + marker["height"] / 2)
    assert abs(centre[0] - (frame["x"] + frame["width"] / 2)) < 20
    assert abs(centre[1] - (frame["y"] + frame["height"] / 2)) < 20
    page.locator("#event-map .place-label span").nth(1).wait_for()  # its surroundings named
    page.locator("#event-map path.admin1-outline").first.wait_for(state="attached")
    shot(page, "event-map")


def test_an_event_with_no_place_says_so(page, site):
    base, path = site
    with open_store(path, readonly=True) as store:
        placeless = next(e for e in store.events(limit=1000) if e["lat"] is None)
    visit(page, base, f"#/event/{placeless['id']}")
    assert "No place is known for this event" in page.inner_text("#event-map")
    assert page.locator("#event-map .leaflet-container, #event-map.leaflet-container").count() == 0
    shot(page, "event-no-place")


def test_the_list_refreshes_when_an_ingest_ends(page, growing):
    base, path = growing
    visit(page, base)
    before = int(re.search(r"of (\d+)", page.inner_text("#totals")).group(1))
    page.wait_for_selector("#run[data-seen]", state="attached")  # the page has read the runs once
    page.evaluate("window.stillTheSamePage = true")
    ingested(path, [FIXTURES / "placeless.jsonl"])
    with open_store(path, readonly=True) as store:
        after = store.totals()["events"]
    assert after > before
    page.locator("#totals", has_text=f"of {after} ").wait_for(timeout=60_000)
    assert "Ingest finished" in page.inner_text("#run")
    assert page.evaluate("window.stillTheSamePage") is True  # brought up to date, not reloaded
    shot(page, "refreshed-after-ingest")
