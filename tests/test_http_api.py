"""The HTTP API: every route, its errors and paging, the OpenAPI document, security headers."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dateline.api import create_app
from dateline.errors import StoreError
from dateline.loader import ingest
from dateline.settings import Settings
from dateline.store import open_store

from .conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.db"
    with open_store(path) as store:
        ingest(store, [str(SAMPLES / "corpus" / "pages"), str(ROOT / "tests" / "fixtures" / "corroboration.jsonl")],
               settings=Settings(workers=1), published="2024-05-20")
    with TestClient(create_app(path)) as client:
        yield client


def test_http_events_filters_and_paging(client):
    all_events = client.get("/api/events", params={"limit": 1000}).json()["events"]
    assert len(all_events) > 20
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert [e["id"] for e in first["events"] + second["events"]] == [e["id"] for e in all_events[:10]]
    iraq = client.get("/api/events", params={"country": "IQ", "type": "ASSAULT"}).json()["events"]
    assert iraq and all(e["country_code"] == "IQ" and e["type"] == "ASSAULT" for e in iraq)
    dated = client.get("/api/events", params={"since": "2024-05-10", "until": "2024-05-12"}).json()["events"]
    assert dated and all("2024-05-10" <= e["date"] <= "2024-05-12" for e in dated)
    found = client.get("/api/events", params={"text": "Kirkuk"}).json()["events"]
    assert "Kirkuk" in {e["place_name"] for e in found}  # and the Tuz Khurmatu articles that name Kirkuk
    csv_text = client.get("/api/events", params={"format": "csv", "limit": 3}).text
    assert csv_text.splitlines()[0].startswith("id,") and len(csv_text.splitlines()) == 4


def test_http_events_near_actor_type_and_corroboration(client):
    near = client.get("/api/events", params={"lat": 35.47, "lon": 44.39, "radius_km": 50}).json()["events"]
    assert near and {e["place_name"] for e in near} == {"Kirkuk"}  # Tuz Khurmatu is 70 km away
    wider = client.get("/api/events", params={"lat": 35.47, "lon": 44.39, "radius_km": 100}).json()["events"]
    assert {"Kirkuk", "Ţūz Khūrmātū"} <= {e["place_name"] for e in wider}
    civilians = client.get("/api/events", params={"actor_type": "civilians"}).json()["events"]
    assert civilians and all("civilians" in (e["actor_type"], e["recipient_type"]) for e in civilians)
    corroborated = client.get("/api/events", params={"min_independent": 4}).json()["events"]
    assert corroborated and all(e["n_independent"] >= 4 for e in corroborated)


@pytest.mark.parametrize("params", [{"limit": 0}, {"lat": 10, "lon": 10}, {"radius_km": -5, "lat": 1, "lon": 1},
                                    {"actor_type": "aliens"}, {"min_independent": 0}, {"limit": 5000}, {"offset": -1}, {"type": "FIGHT"},
                                    {"country": "Iraq"}, {"since": "yesterday"}, {"status": "maybe"},
                                    {"since": "2024-05-12", "until": "2024-05-10"}, {"format": "xml"}])
def test_http_events_reject_bad_parameters(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422 and response.json()["detail"]


def test_http_event_with_its_mentions(client):
    top = client.get("/api/happenings", params={"min_independent": 4}).json()["happenings"]
    assert len(top) == 1 and top[0]["n_articles"] == 12
    detail = client.get(f"/api/events/{top[0]['id']}").json()
    assert detail["happening"]["n_independent"] == 4 and len(detail["mentions"]) == 12
    mention = detail["mentions"][0]
    article = client.get(f"/api/articles/{mention['doc_id']}").json()
    assert article["text"][mention["evidence_start"]:mention["evidence_end"]] == mention["evidence"]
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404


def test_http_lists(client):
    assert client.get("/api/stories").json()["stories"]
    actors = client.get("/api/actors", params={"limit": 5}).json()["actors"]
    assert len(actors) == 5 and actors[0]["events"] >= actors[-1]["events"]
    places = client.get("/api/places").json()["places"]
    assert any(p["geonameid"] == 94787 for p in places)  # Kirkuk


def test_http_openapi_and_security_headers(client):
    response = client.get("/openapi.json")
    spec = response.json()
    assert spec["openapi"].startswith("3.") and spec["info"]["title"] == "dateline"
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{doc_id}", "/api/happenings", "/api/stories",
            "/api/actors", "/api/places"} <= set(spec["paths"])
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_http_missing_database_is_refused(tmp_path):
    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.db")
