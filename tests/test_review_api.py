"""The review routes of the HTTP API: the token (401 without, 403 wrong), cross-site requests and form posts
refused, reviews shown beside the machine's reading in every view, `dateline serve`'s token."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from dateline.api import create_app

from .conftest import FIXTURES, ingested

TOKEN = "a-token-for-the-tests-only"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# the car bomb's user, named by no group: an unidentified armed group of the place's country
BOMBERS = "Unidentified Armed Group (Iraq)"
CORRECTED = {"status": "corrected", "reviewer": "Amina",
             "corrections": {"fatalities": 12, "actor_name": "Islamic State", "acled_sub_event_type": "Suicide bomb"}}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return ingested(tmp_path_factory.mktemp("review-api") / "r.db", [FIXTURES / "corroboration.jsonl"])


@pytest.fixture
def client(built, tmp_path):
    path = tmp_path / "r.db"
    shutil.copy(built, path)
    with TestClient(create_app(path, token=TOKEN)) as client:
        yield client


def ids(client) -> tuple[str, str]:
    """The bombing (12 reports) and the Yemen strike (one)."""
    events = client.get("/api/events", params={"limit": 1000}).json()["events"]
    return max(events, key=lambda e: e["n_mentions"])["id"], next(e["id"] for e in events if e["place_name"] == "Yemen")


def review_url(happening_id: str) -> str:
    return f"/api/happenings/{happening_id}/review"


def test_a_review_with_the_token_is_shown_in_every_view(client):
    told, _ = ids(client)
    answer = client.post(review_url(told), json=CORRECTED, headers=AUTH)
    assert answer.status_code == 200, answer.text
    review = answer.json()["review"]
    assert review["status"] == "corrected" and review["reviewer"] == "Amina" and review["reviewed_at"]
    assert review["corrections"]["acled_event_type"] == "Explosions/Remote violence"
    assert review["machine"] == {"fatalities": 9, "actor_name": BOMBERS, "acled_sub_event_type":
                                 "Remote explosive/landmine/IED", "acled_event_type": "Explosions/Remote violence"}
    one = client.get(f"/api/happenings/{told}").json()
    assert one["fatalities"] == 9 and one["review"] == review  # the machine's values stay, the review beside
    event = client.get(f"/api/events/{one['mentions'][-1]['id']}").json()
    assert event["review"] == review and event["happening"]["review"] == review
    listed = next(e for e in client.get("/api/events").json()["events"] if e["id"] == told)
    assert (listed["fatalities"], listed["actor_name"], listed["review_status"]) == (12, "Islamic State", "corrected")
    assert json.loads(listed["machine_reading"])["fatalities"] == 9
    assert client.get(review_url(told)).json()["history"][0]["action"] == "corrected"
    assert client.get("/api/reviews").json()["counts"] == {"corrected": 1}
    exported = client.get("/api/export", params={"format": "training"})
    assert exported.status_code == 200 and exported.headers["x-dateline-rows"] == "1"
    assert json.loads(exported.text)["acled"] == "Suicide bomb"
    # PUT is the same verb; DELETE withdraws
    assert client.put(review_url(told), json={"status": "confirmed", "reviewer": "Jonas"}, headers=AUTH).json()[
        "review"]["status"] == "confirmed"
    assert client.delete(review_url(told), params={"reviewer": "Jonas"}, headers=AUTH).status_code == 200
    assert client.get(f"/api/happenings/{told}").json()["review"] is None
    assert client.delete(review_url(told), headers=AUTH).status_code == 404
    assert [e["action"] for e in client.get(review_url(told)).json()["history"]] == ["corrected", "confirmed",
                                                                                     "withdrawn"]


def test_a_rejected_event_leaves_the_list_and_the_export_says_why(client):
    _, strike = ids(client)
    total = client.get("/api/events").json()["total"]
    assert client.post(review_url(strike), json={"status": "rejected", "reviewer": "Amina"},
                       headers=AUTH).status_code == 200
    listed = client.get("/api/events", params={"limit": 1000}).json()
    assert listed["total"] == total - 1 and strike not in {e["id"] for e in listed["events"]}
    assert [e["id"] for e in client.get("/api/events", params={"review": "rejected"}).json()["events"]] == [strike]
    exported = client.get("/api/export", params={"format": "csv"})
    assert "rejected by a reviewer=1" in exported.headers["x-dateline-left-out"]
    assert client.get("/api/events", params={"review": "approved"}).status_code == 422


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer not-the-token"}, 403),
    ({"Authorization": "Basic " + TOKEN}, 401),
    ({"Authorization": "Bearer"}, 401),
    ({**AUTH, "Origin": "http://attacker.example"}, 403),  # the right token, from another site's page
    ({**AUTH, "Origin": "null"}, 403),
    ({**AUTH, "Sec-Fetch-Site": "cross-site"}, 403),
    ({**AUTH, "Sec-Fetch-Site": "same-site"}, 403),  # another port of this host is another origin
])
def test_a_write_without_the_token_or_from_another_site_is_refused(client, headers, status):
    told, _ = ids(client)
    answer = client.post(review_url(told), json=CORRECTED, headers=headers)
    assert answer.status_code == status, answer.text
    if status == 401:
        assert answer.headers["www-authenticate"] == "Bearer"
    assert client.delete(review_url(told), headers=headers).status_code == status
    assert client.get(f"/api/happenings/{told}").json()["review"] is None


def test_the_servers_own_page_may_write(client):
    told, _ = ids(client)
    own = {**AUTH, "Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert client.post(review_url(told), json={"status": "confirmed", "reviewer": "A"}, headers=own).status_code == 200


@pytest.mark.parametrize("kind", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                  "text/plain"])
def test_a_body_that_is_not_json_is_refused_as_a_form_would_send_it(client, kind):
    told, _ = ids(client)
    body = "status=rejected&reviewer=attacker" if "urlencoded" in kind else json.dumps(CORRECTED)
    answer = client.post(review_url(told), content=body, headers={**AUTH, "Content-Type": kind})
    assert answer.status_code == 415
    assert client.get(f"/api/happenings/{told}").json()["review"] is None


def test_a_server_started_without_a_token_takes_no_review(built):
    client = TestClient(create_app(built))
    told = max(client.get("/api/events").json()["events"], key=lambda e: e["n_mentions"])["id"]
    assert client.post(review_url(told), json=CORRECTED, headers=AUTH).status_code == 403
    assert client.post(review_url(told), json=CORRECTED).status_code == 401


@pytest.mark.parametrize("body, status", [
    ({"status": "corrected", "reviewer": "A", "corrections": {"type": "PROTEST"}}, 422),  # not a correctable field
    ({"status": "corrected", "reviewer": "A", "corrections": {"acled_sub_event_type": "Skirmish"}}, 422),
    ({"status": "corrected", "reviewer": "A", "corrections": {"fatalities": -3}}, 422),
    ({"status": "corrected", "reviewer": "A", "corrections": {"date": "yesterday"}}, 422),
    ({"status": "corrected", "reviewer": "A", "corrections": {"place_name": "Qwxzzy Hollow"}}, 422),
    ({"status": "corrected", "reviewer": "A"}, 422),
    ({"status": "approved", "reviewer": "A"}, 422),
    ({"status": "confirmed"}, 422),
    ({"status": "confirmed", "reviewer": "A", "admin": True}, 422),
])
def test_a_review_out_of_range_is_a_422_naming_it(client, body, status):
    told, _ = ids(client)
    answer = client.post(review_url(told), json=body, headers=AUTH)
    assert answer.status_code == status and answer.json()["detail"]


def test_a_review_of_no_happening_is_a_404(client):
    assert client.post(review_url("no-such:0"), json={"status": "confirmed", "reviewer": "A"},
                       headers=AUTH).status_code == 404


def test_the_correction_choices_are_acleds(client):
    types = client.get("/api/acled-types").json()["types"]
    assert len(types) == 6 and "Suicide bomb" in types["Explosions/Remote violence"]


def test_the_openapi_document_has_the_review_routes_and_validates(client):
    from openapi_spec_validator import validate

    spec = client.get("/openapi.json").json()
    validate(spec)
    assert {"post", "put", "delete", "get"} <= set(spec["paths"]["/api/happenings/{happening_id}/review"])


def serve_lines(db, *args, env=None) -> str:
    """What `dateline serve` says before it serves (the process is stopped once it has said it)."""
    with subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--db", str(db), "--port", "0", *args],
                          stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                          env={**os.environ, **(env or {})}) as process:
        try:
            return process.stderr.readline() + process.stderr.readline()
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_serve_prints_a_fresh_token_unless_given_one(built):
    first, second = serve_lines(built), serve_lines(built)
    assert "127.0.0.1" in first  # this machine only, unless told otherwise

    def token(said):
        return said.split("reviews need the token ", 1)[1].split()[0]

    assert len(token(first)) >= 24 and token(first) != token(second)
    given = serve_lines(built, "--token", "chosen-by-me")
    assert "chosen-by-me" not in given and "given by --token or DATELINE_TOKEN" in given
    assert "from-the-env" not in serve_lines(built, env={"DATELINE_TOKEN": "from-the-env"})


def test_the_routes_choices_are_their_sources():
    # spelt out as Literals for the type checker: the codebook and the store stay what they offer
    from typing import get_args

    from dateline.api.app import REVIEW
    from dateline.api.writes import ACLED_TYPE, REVIEW_STATUS
    from dateline.classify.corpus import ACLED
    from dateline.store.filters import REVIEWS
    from dateline.store.reviews import STATUSES

    assert get_args(ACLED_TYPE) == tuple(ACLED)
    assert get_args(REVIEW_STATUS) == STATUSES
    assert get_args(REVIEW) == REVIEWS
