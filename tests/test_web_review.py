"""Reviewing in the web UI, in real headless Chromium against a real server started with a token: a review
with the token is saved and shown beside the machine's reading; without it the server refuses and the page
says so; a page of another site cannot post one (a form, or a script holding the token); markup in a
review's fields stays text. Screenshots go to test-output/ui/."""
from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import uvicorn

from dateline.api import create_app

from .conftest import FIXTURES, ingested
from .test_web_ui import browser, shot, visit, watched_page  # noqa: F401 - browser is a fixture

TOKEN = "ui-test-token-7f3a"
XSS = "<img src=x onerror=\"document.title='pwned'\">"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The server, with a token, over the Tuz Khurmatu reports."""
    path = ingested(tmp_path_factory.mktemp("ui-review") / "r.db", [FIXTURES / "corroboration.jsonl"])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    server = uvicorn.Server(uvicorn.Config(create_app(path, token=TOKEN), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


@pytest.fixture
def page(browser, served):  # noqa: F811
    yield from watched_page(browser)


def happenings(page, base) -> dict[str, str]:
    every = "&".join(f"review={status}" for status in ("unreviewed", "confirmed", "corrected", "rejected"))
    rows = page.request.get(f"{base}/api/events?limit=1000&{every}").json()["events"]
    return {"bombing": max(rows, key=lambda e: e["n_mentions"])["id"],
            "strike": next(e["id"] for e in rows if e["place_name"] == "Yemen"),
            "protest": next(e["id"] for e in rows if "teachers protested" in (e["evidence"] or "")),
            "arrests": next(e["id"] for e in rows if e["type"] == "COERCE")}


def review_of(page, base, happening_id):
    return page.request.get(f"{base}/api/happenings/{happening_id}").json()["review"]


def withdraw(page, base, happening_id):
    page.request.delete(f"{base}/api/happenings/{happening_id}/review", headers={"Authorization": f"Bearer {TOKEN}"})


def test_a_review_with_the_token_is_saved_and_shown_beside_the_machine_reading(page, served):
    base = served
    ids = happenings(page, base)
    visit(page, base, f"#/event/{ids['bombing']}")
    assert "Not reviewed yet" in page.inner_text("#review-state")
    page.fill("#review input[name=reviewer]", "Amina Yusuf")
    page.click("#review button[name=correct]")
    page.fill("form.correction input[name=fatalities]", "12")
    page.fill("form.correction input[name=actor_name]", "Islamic State")
    page.select_option("form.correction select[name=acled_sub_event_type]", "Suicide bomb")
    page.click("form.correction button[type=submit]")
    # the first write has no token yet: the server refuses, the page asks for it once
    page.wait_for_selector("form.token input[name=token]")
    assert "401" in page.inner_text("#review-message")
    page.fill("form.token input[name=token]", TOKEN)
    page.click("form.token button[type=submit]")
    page.wait_for_selector("#review-state[data-status=corrected]")
    assert page.inner_text("#review-state tr[data-field=fatalities] td.machine") == "9"
    assert page.inner_text("#review-state tr[data-field=fatalities] td.reviewed") == "12"
    assert page.inner_text("#review-state tr[data-field=actor_name] td.reviewed") == "Islamic State"
    assert page.inner_text("#review-state tr[data-field=acled_sub_event_type] td.machine") == \
        "Remote explosive/landmine/IED"
    assert "Amina Yusuf" in page.inner_text("#review-state") and "Saved" in page.inner_text("#review-message")
    assert "9" in page.inner_text("dl.facts")  # the machine's facts stay beside the review
    review = review_of(page, base, ids["bombing"])
    assert (review["status"], review["reviewer"], review["corrections"]["fatalities"]) == \
        ("corrected", "Amina Yusuf", 12)
    shot(page, "review-corrected")
    # the token is kept for the tab: another event is confirmed without being asked again
    visit(page, base, f"#/event/{ids['protest']}")
    assert page.input_value("#review input[name=reviewer]") == "Amina Yusuf"  # remembered too
    page.click("#review button[name=confirm]")
    page.wait_for_selector("#review-state[data-status=confirmed]")
    assert page.locator("form.token").count() == 0
    # and it is there after a reload; withdrawn from the page, it is gone
    page.reload()
    page.wait_for_selector("#review-state[data-status=confirmed]")
    page.click("#review button[name=withdraw]")
    page.wait_for_selector("#review-state:not([data-status])")
    assert review_of(page, base, ids["protest"]) is None
    withdraw(page, base, ids["bombing"])


def test_without_the_token_the_review_is_refused_and_the_page_says_so(page, served):
    base = served
    ids = happenings(page, base)
    visit(page, base, f"#/event/{ids['strike']}")
    page.fill("#review input[name=reviewer]", "Amina")
    page.click("#review button[name=reject]")
    page.wait_for_selector("#review-message.error")
    assert "Refused by the server (401)" in page.inner_text("#review-message")
    assert page.locator("form.token input[name=token]").is_visible()
    assert review_of(page, base, ids["strike"]) is None
    page.fill("form.token input[name=token]", "not-the-token")
    page.click("form.token button[type=submit]")
    page.wait_for_selector("#review-message:has-text('403')")
    assert "wrong token" in page.inner_text("#review-message")
    assert review_of(page, base, ids["strike"]) is None and "Not reviewed yet" in page.inner_text("#review-state")
    shot(page, "review-refused")


class Attacker(BaseHTTPRequestHandler):
    """Another site's page: forms that post a review to the API, and a script that tries it with the token."""
    target = ""

    def do_GET(self):  # noqa: N802 - http.server's name
        page = f"""<!doctype html><title>elsewhere</title>
<form id="plain" method="post" action="{self.target}">
  <input name="status" value="rejected"><input name="reviewer" value="someone else"><button>post</button></form>
<form id="json-looking" method="post" enctype="text/plain" action="{self.target}">
  <input name='{{"status": "rejected", "reviewer": "someone else", "x": "' value='"}}'><button>post</button></form>
<p id="out">waiting</p>
<script>
fetch("{self.target}", {{method: "POST", headers: {{"Content-Type": "application/json",
  Authorization: "Bearer {TOKEN}"}}, body: JSON.stringify({{status: "rejected", reviewer: "script"}})}})
  .then((r) => {{ document.getElementById("out").textContent = "answered " + r.status; }})
  .catch(() => {{ document.getElementById("out").textContent = "blocked"; }});
</script>"""
        body = page.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def attacker(served, page):
    target = f"{served}/api/happenings/{happenings(page, served)['arrests']}/review"
    handler = type("Here", (Attacker,), {"target": target})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}/"  # another host name: another site
    server.shutdown()
    server.server_close()
    thread.join(timeout=30)


@pytest.mark.parametrize("form", ["plain", "json-looking"])
def test_a_cross_site_form_post_is_refused(page, served, attacker, form):
    base = served
    arrests = happenings(page, base)["arrests"]
    page.goto(attacker)
    page.wait_for_selector("#out:not(:has-text('waiting'))")
    assert page.inner_text("#out") == "blocked"  # even with the token, a script of another site gets nowhere
    with page.expect_navigation():
        page.click(f"#{form} button")
    assert "cross-site request refused" in page.inner_text("body")
    assert review_of(page, base, arrests) is None
    # a request that says it comes from another site, with the right token, is refused as well
    answer = page.request.post(f"{base}/api/happenings/{arrests}/review", data={"status": "rejected", "reviewer": "x"},
                               headers={"Origin": "http://attacker.example", "Authorization": f"Bearer {TOKEN}"})
    assert answer.status == 403 and review_of(page, base, arrests) is None


def test_markup_in_a_reviews_fields_stays_text(page, served):
    base = served
    ids = happenings(page, base)
    answer = page.request.post(f"{base}/api/happenings/{ids['bombing']}/review", headers={
        "Authorization": f"Bearer {TOKEN}"}, data={
        "status": "corrected", "reviewer": XSS, "note": "<script>document.title='pwned'</script>",
        "corrections": {"actor_name": XSS, "recipient_name": "<b onmouseover=\"document.title='pwned'\">x</b>"}})
    assert answer.ok, answer.text()
    visit(page, base, f"#/event/{ids['bombing']}")
    page.wait_for_selector("#review-state[data-status=corrected]")
    state = page.inner_text("#review-state")
    assert XSS in state and "<script>document.title='pwned'</script>" in state
    assert page.inner_text("#review-state tr[data-field=actor_name] td.reviewed") == XSS
    assert page.locator("#review img, #review script, #review b").count() == 0
    page.hover("#review-state tr[data-field=recipient_name] td.reviewed")
    assert page.title() != "pwned"
    shot(page, "review-markup")
    # the list shows the reviewed actor, as text too
    visit(page, base, "#/")
    row = page.locator(f"table.events tbody tr[data-event='{ids['bombing']}']")
    assert XSS in row.inner_text() and row.locator("img").count() == 0 and page.title() != "pwned"
    withdraw(page, base, ids["bombing"])
