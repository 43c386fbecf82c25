"""Alerts: saved filters told of new events, by a webhook that a real HTTP server on this machine receives
(after `ingest` and `watch`), by an Atom feed read through the HTTP API, and from the command line."""
from __future__ import annotations

import datetime as dt
import json
import os
import queue
import re
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote

import pytest
from fastapi.testclient import TestClient

from dateline.alerts import add_alert, notify, remove_alert
from dateline.api import create_app
from dateline.errors import AlertError
from dateline.ingest import ingest
from dateline.settings import Settings
from dateline.store import open_store
from dateline.store.filters import EventFilter
from dateline.watch import poll_folder

from .test_cli import run

PUBLIC = "https://events.example.org/"
SETTINGS = Settings(workers=1, public_url=PUBLIC)
NIGERIA = EventFilter.of(country="NG", type="ASSAULT")
A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
HOSTILE = "<script>alert('x')</script> & \"Gunmen\" ]]> strike\x07"

FIRST = [  # two attacks in Nigeria, an arrest in Zimbabwe, a march in Peru
    {"id": "ng-kaduna", "title": "Villagers killed", "outlet": "Savannah Daily",
     "text": "Gunmen killed seven villagers near Kaduna on Sunday, police said."},
    {"id": "ng-zaria", "title": "Passengers taken", "outlet": "Northern Star",
     "text": "Armed men abducted twelve passengers on a highway outside Zaria on Tuesday, residents said."},
    {"id": "zw-harare", "title": "Activists held", "outlet": "Highveld Times",
     "text": "Police arrested five opposition activists in Harare on Friday, their lawyer said."},
    {"id": "pe-lima", "title": "Teachers march", "outlet": "Andes Wire",
     "text": "Thousands of teachers marched through Lima on Wednesday to demand higher pay."},
]
SECOND = [  # one more attack in Nigeria, whose headline is hostile markup; another arrest in Zimbabwe
    {"id": "ng-sokoto", "title": HOSTILE, "outlet": "Sahel <b>Post</b>",
     "text": "Gunmen killed three traders near Sokoto on Monday, police said."},
    {"id": "zw-bulawayo", "title": "Students held", "outlet": "Highveld Times",
     "text": "Police arrested nine students in Bulawayo on Thursday, a union said."},
]


def jsonl(path, docs):
    path.write_text("".join(json.dumps(doc) + "\n" for doc in docs), encoding="utf-8")
    return str(path)


class Webhook:
    """A real HTTP server on 127.0.0.1 that hands every POST it receives to `received` (before it answers,
    so a delivery is in the queue by the time the ingest that made it returns) and answers `status`, or
    holds the answer until `release` is set when `hang` is."""

    def __init__(self):
        self.received: queue.Queue = queue.Queue()
        self.status = 200
        self.hang = False
        self.release = threading.Event()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.received.put((self.path, self.headers.get("Content-Type"), json.loads(body)))
                if hook.hang:
                    hook.release.wait(timeout=60)
                self.send_response(hook.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def next(self):
        return self.received.get(timeout=60)

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook():
    hook = Webhook()
    yield hook
    hook.close()


def test_webhook_gets_exactly_the_new_matching_events_once(tmp_path, webhook):
    with open_store(tmp_path / "a.db") as store:
        add_alert(store, "nigeria", NIGERIA, webhook=webhook.url + "/hook")
        add_alert(store, "peru", EventFilter.of(country="PE", type="PROTEST"))  # a feed only, never POSTed
        first = jsonl(tmp_path / "first.jsonl", FIRST)
        ingest(store, [first], settings=SETTINGS, published=dt.date(2024, 5, 20))

        path, content_type, body = webhook.next()
        expected = {e["id"] for e in store.events(match=NIGERIA)}
        assert len(expected) == 2  # Kaduna and Zaria; not Harare, not Lima
        assert (path, content_type, body["alert"], body["more"]) == ("/hook", "application/json", "nigeria", 0)
        assert {e["id"] for e in body["events"]} == expected
        kaduna = next(e for e in body["events"] if e["place"] == "Kaduna")
        assert (kaduna["type"], kaduna["country_code"], kaduna["date"], kaduna["fatalities"]) == \
            ("ASSAULT", "NG", "2024-05-19", 7)
        assert kaduna["link"] == PUBLIC + "#/event/" + quote(kaduna["id"], safe="")
        assert webhook.received.empty()  # one POST for the run, none for the alert without a webhook

        # the same articles again: nothing new is stored, nothing is sent
        assert ingest(store, [first], settings=SETTINGS)["articles"] == 0
        assert webhook.received.empty()

        add_alert(store, "late", EventFilter.of(country="NG"))  # what is stored already is not new to it
        second = jsonl(tmp_path / "second.jsonl", SECOND)
        ingest(store, [second], settings=SETTINGS, published=dt.date(2024, 5, 20))
        _, _, body = webhook.next()
        assert [e["place"] for e in body["events"]] == ["Sokoto"]
        assert webhook.received.empty()

        nigeria, peru, late = (store.alerts.get(name) for name in ("nigeria", "peru", "late"))
        assert (nigeria["events"], nigeria["unsent"], nigeria["error"]) == (3, 0, None) and nigeria["sent"]
        assert (peru["events"], peru["unsent"], peru["sent"]) == (1, 0, None)
        assert [row["place_name"] for row in store.alerts.recent("late", limit=10)] == ["Sokoto"]
        remove_alert(store, "nigeria")  # and what it found goes with it
        assert store.conn.execute("SELECT count(*) FROM alert_events WHERE alert = 'nigeria'").fetchone()[0] == 0


def test_a_failing_webhook_is_recorded_and_sent_again_next_run(tmp_path, webhook, caplog):
    webhook.status = 500
    with open_store(tmp_path / "a.db") as store:
        add_alert(store, "nigeria", NIGERIA, webhook=webhook.url + "/hook")
        first = jsonl(tmp_path / "first.jsonl", FIRST)
        counts = ingest(store, [first], settings=SETTINGS, published=dt.date(2024, 5, 20))
        assert counts["articles"] == 4 and store.counts()["articles"] == 4  # the ingest is stored whatever
        _, _, tried = webhook.next()
        alert = store.alerts.get("nigeria")
        assert "[E704]" in alert["error"] and "HTTP 500" in alert["error"] and alert["failed"]
        assert (alert["unsent"], alert["sent"]) == (2, None)
        assert any("alert nigeria" in r.getMessage() and "HTTP 500" in r.getMessage()
                   and "sent again on the next run" in r.getMessage() for r in caplog.records)

        # a webhook that accepts the connection and never answers: the wait is bounded by webhook_timeout
        webhook.hang = True
        outcome = notify(store, settings=SETTINGS.replace(webhook_timeout=0.5))
        assert outcome[0]["error"] and "could not be reached" in store.alerts.get("nigeria")["error"]
        webhook.next()
        webhook.release.set()
        webhook.hang = False

        webhook.status = 200
        assert ingest(store, [first], settings=SETTINGS)["articles"] == 0
        _, _, sent = webhook.next()
        assert {e["id"] for e in sent["events"]} == {e["id"] for e in tried["events"]} and len(tried["events"]) == 2
        alert = store.alerts.get("nigeria")
        assert (alert["unsent"], alert["error"]) == (0, None) and alert["sent"]

        ingest(store, [first], settings=SETTINGS)
        assert webhook.received.empty()


def test_watching_a_folder_tells_the_webhook_a_bounded_batch_a_poll(tmp_path, webhook, monkeypatch):
    monkeypatch.setattr("dateline.alerts.MAX_EVENTS", 1)  # one event a POST: the other waits for the next poll
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    jsonl(inbox / "first.jsonl", FIRST)
    past = time.time() - 60
    os.utime(inbox / "first.jsonl", (past, past))  # settled: not being written any more
    with open_store(tmp_path / "w.db") as store:
        add_alert(store, "nigeria", NIGERIA, webhook=webhook.url + "/hook")
        poll_folder(store, inbox, settings=SETTINGS, published=dt.date(2024, 5, 20))
        _, _, first = webhook.next()
        assert (len(first["events"]), first["more"]) == (1, 1)
        assert webhook.received.empty()
        poll_folder(store, inbox, settings=SETTINGS)  # nothing new in the folder; the one waiting is sent
        _, _, second = webhook.next()
        assert (len(second["events"]), second["more"]) == (1, 0)
        assert {e["place"] for e in first["events"] + second["events"]} == {"Kaduna", "Zaria"}
        poll_folder(store, inbox, settings=SETTINGS)
        assert webhook.received.empty()


@pytest.mark.parametrize("webhook_url", ["file:///etc/passwd", "ftp://files.example.org/x", "http://",
                                         "javascript:alert(1)", "https://hooks.example.org/a b"])
def test_only_http_webhooks_are_taken(tmp_path, webhook_url):
    with open_store(tmp_path / "a.db") as store:
        with pytest.raises(AlertError) as caught:
            add_alert(store, "bad", NIGERIA, webhook=webhook_url)
        assert caught.value.code == "E701" and store.alerts.list() == []


def test_alert_names_filters_and_duplicates(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        for name in ("../etc", "", "a/b", "x" * 65, "-dash"):
            with pytest.raises(AlertError, match="E701"):
                add_alert(store, name, NIGERIA)
        with pytest.raises(AlertError, match="XQ"):
            add_alert(store, "nowhere", EventFilter.of(country="XQ"))
        with pytest.raises(AlertError, match="not a date"):
            add_alert(store, "when", EventFilter.of(since="last week"))
        saved = add_alert(store, "kirkuk.v2", EventFilter.of(place="Kirkuk", acled_type=["Battles", "Riots"],
                                                             min_independent=2))
        assert saved["filter"] == {"place": "Kirkuk", "acled_type": ["Battles", "Riots"], "min_independent": 2}
        with pytest.raises(AlertError) as caught:
            add_alert(store, "kirkuk.v2", NIGERIA)
        assert caught.value.code == "E703"
        remove_alert(store, "kirkuk.v2")
        assert store.alerts.list() == []
        with pytest.raises(AlertError) as caught:
            remove_alert(store, "kirkuk.v2")
        assert caught.value.code == "E702"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The API over a store whose alert saw two ingest runs, the second with a hostile headline."""
    folder = tmp_path_factory.mktemp("alerts-api")
    with open_store(folder / "api.db") as store:
        add_alert(store, "nigeria", NIGERIA)
        add_alert(store, "silent", EventFilter.of(country="NZ"), webhook="https://hooks.example.org/t0ken")
        ingest(store, [jsonl(folder / "first.jsonl", FIRST)], settings=SETTINGS, published=dt.date(2024, 5, 20))
        ingest(store, [jsonl(folder / "second.jsonl", SECOND)], settings=SETTINGS, published=dt.date(2024, 5, 20))
    with TestClient(create_app(folder / "api.db")) as client:
        yield client


def test_http_alerts_list(client):
    response = client.get("/api/alerts")
    alerts = {a["name"]: a for a in response.json()["alerts"]}
    assert set(alerts) == {"nigeria", "silent"}
    assert alerts["nigeria"]["filter"] == {"country": ["NG"], "type": ["ASSAULT"]}
    assert (alerts["nigeria"]["events"], alerts["nigeria"]["webhook"]) == (3, False)
    assert alerts["nigeria"]["feed"] == "/api/alerts/nigeria/feed.atom"
    assert alerts["silent"]["webhook"] is True and "t0ken" not in response.text  # a webhook's address stays private


def test_http_alert_feed_is_atom(client):
    response = client.get("/api/alerts/nigeria/feed.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    assert b"<script>" not in response.content and b"\x07" not in response.content
    feed = ET.fromstring(response.content)
    assert feed.tag == A + "feed"
    for tag in ("id", "title", "updated", "author/" + A + "name"):
        assert (feed.findtext(A + tag) or "").strip(), tag
    assert feed.findtext(A + "id").startswith("urn:uuid:") and RFC3339.match(feed.findtext(A + "updated"))
    entries = feed.findall(A + "entry")
    assert len(entries) == 3
    ids = {e.findtext(A + "id") for e in entries}
    assert len(ids) == 3 and all(i.startswith("urn:uuid:") for i in ids)
    places = []
    for entry in entries:
        assert entry.findtext(A + "title") and RFC3339.match(entry.findtext(A + "updated"))
        link = entry.find(A + "link[@rel='alternate']").get("href")
        assert link.startswith("http://testserver/#/event/")
        event = client.get("/api/events/" + quote(unquote(link.rsplit("/", 1)[1]), safe="")).json()["event"]
        summary = entry.findtext(A + "summary")
        for label in ("Type: ASSAULT", f"Place: {event['place_name']}, NG", f"Date: {event['date']}",
                      "Fatalities: ", "Outlets: "):
            assert label in summary
        places.append(event["place_name"])
    assert places[0] == "Sokoto" and set(places[1:]) == {"Kaduna", "Zaria"}  # the second run's first
    sokoto = entries[0]
    assert sokoto.findtext(A + "title").endswith(": " + HOSTILE.replace("\x07", ""))  # escaped, read back whole
    assert "Sahel <b>Post</b>" in sokoto.findtext(A + "summary")


def test_http_alert_feed_limit_and_errors(client):
    one = ET.fromstring(client.get("/api/alerts/nigeria/feed.atom", params={"limit": 1}).content)
    assert len(one.findall(A + "entry")) == 1
    empty = ET.fromstring(client.get("/api/alerts/silent/feed.atom").content)
    assert empty.findall(A + "entry") == [] and RFC3339.match(empty.findtext(A + "updated"))
    assert client.get("/api/alerts/nobody/feed.atom").status_code == 404
    for params in ({"limit": 0}, {"limit": 201}, {"limt": 5}):
        assert client.get("/api/alerts/nigeria/feed.atom", params=params).status_code == 422


def test_cli_alerts_add_list_remove(tmp_path):
    db = str(tmp_path / "c.db")
    out = run("alerts", "add", "ng-attacks", "--db", db, "--country", "NG", "--type", "ASSAULT",
              "--webhook", "https://hooks.example.org/ng")
    assert out.returncode == 0, out.stderr
    assert "/api/alerts/ng-attacks/feed.atom" in out.stderr
    listed = run("alerts", "list", "--db", db, "--format", "json")
    alert = json.loads(listed.stdout)
    assert alert["filter"] == {"country": ["NG"], "type": ["ASSAULT"]}
    assert (alert["webhook"], alert["events"]) == ("https://hooks.example.org/ng", 0)
    table = run("alerts", "list", "--db", db).stdout
    assert "ng-attacks" in table and "--country NG --type ASSAULT" in table
    again = run("alerts", "add", "ng-attacks", "--db", db, "--country", "NG")
    assert again.returncode == 2 and "E703" in again.stderr
    bad = run("alerts", "add", "other", "--db", db, "--webhook", "ftp://files.example.org/")
    assert bad.returncode == 2 and "E701" in bad.stderr and "http" in bad.stderr
    assert run("alerts", "remove", "ng-attacks", "--db", db).returncode == 0
    assert run("alerts", "list", "--db", db).stdout == ""
    gone = run("alerts", "remove", "ng-attacks", "--db", db)
    assert gone.returncode == 2 and "E702" in gone.stderr


def test_cli_ingest_reports_a_failing_webhook_and_completes(tmp_path, webhook):
    webhook.status = 503
    db = str(tmp_path / "c.db")
    assert run("alerts", "add", "ng", "--db", db, "--country", "NG", "--webhook", webhook.url).returncode == 0
    out = run("ingest", jsonl(tmp_path / "first.jsonl", FIRST), "--db", db, "--workers", "1",
              "--published", "2024-05-20", "--public-url", PUBLIC)
    assert out.returncode == 0, out.stderr
    assert "ingested 4 new articles" in out.stderr
    assert re.search(r"dateline: alert ng: \[E704\] the webhook answered HTTP 503 .*sent again on the next run",
                     out.stderr)
    _, _, body = webhook.next()
    assert all(e["link"].startswith(PUBLIC) for e in body["events"])
    assert json.loads(run("alerts", "list", "--db", db, "--format", "json").stdout)["unsent"] == 2
