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
                                                             FIXTURES / "hostile.jsonl"],
                    published=dt.date(2024, 5, 20))
    yield from serve(path)


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


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()
    assert not page.errors, page.errors


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
    markers = page.locator("#map path.leaflet-interactive")
    assert markers.count() >= 10
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
    page.locator("#map path.place-marker").first.wait_for(state="attached")
    fills = set(page.locator("#map path.place-marker").evaluate_all("ms => ms.map(m => m.getAttribute('fill'))"))
    assert len(fills) == 1  # one type asked: one colour
    legend = page.inner_text("#map-legend")
    assert "PROTEST" in legend and "size: fatalities" in legend
    visit(page, base)
    assert len(set(page.locator("#map path.place-marker").evaluate_all(
        "ms => ms.map(m => m.getAttribute('fill'))"))) > 2  # several types, several colours


def test_filter_by_type_and_date(page, site):
    base, _ = site
    visit(page, base)
    page.select_option("select[name=type]", "ASSAULT")
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
    # the table scrolls inside its box; the page itself does not get wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#map").bounding_box()["width"] <= 390
    shot(page, "events-phone")
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
