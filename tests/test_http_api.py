"""The HTTP API: every route, its errors and paging, the OpenAPI document, security headers."""
from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from dateline.api import create_app
from dateline.errors import StoreError

from .conftest import FIXTURES, SAMPLES, ingested


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = ingested(tmp_path_factory.mktemp("api") / "api.db",
                    [SAMPLES / "corpus" / "pages", FIXTURES / "corroboration.jsonl"], published=dt.date(2024, 5, 20))
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
                                    {"actor_type": "aliens"}, {"min_independent": 0}, {"limit": 5000}, {"offset": -1},
                                    {"type": "FIGHT"},
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


def test_http_openapi_document_validates(client):
    from openapi_spec_validator import validate

    spec = client.get("/openapi.json").json()
    validate(spec)  # raises on any violation of the OpenAPI 3.1 schema
    assert {"/api/timeline", "/api/map", "/api/export", "/api/stories/{story_id}", "/api/actors/{name}",
            "/api/runs"} <= set(spec["paths"])


def test_http_sorting_and_admin1(client):
    by_deaths = client.get("/api/events", params={"sort": "fatalities_desc", "limit": 20}).json()["events"]
    deaths = [e["fatalities"] or -1 for e in by_deaths]
    assert deaths == sorted(deaths, reverse=True) and deaths[0] > 5
    oldest = client.get("/api/events", params={"sort": "date_asc", "limit": 5}).json()["events"]
    assert [e["date"] for e in oldest] == sorted(e["date"] for e in oldest)
    assert client.get("/api/events", params={"sort": "random"}).status_code == 422
    kirkuk = client.get("/api/events", params={"place": "Kirkuk", "limit": 1}).json()["events"][0]
    same_admin1 = client.get("/api/events", params={"admin1": kirkuk["admin1"]}).json()["events"]
    assert same_admin1 and {e["admin1"] for e in same_admin1} == {kirkuk["admin1"]}


def test_http_timeline_counts_match_the_list(client):
    params = {"country": "IQ"}
    listed = client.get("/api/events", params={**params, "limit": 1000}).json()["events"]
    days = client.get("/api/timeline", params=params).json()["counts"]
    assert sum(c["events"] for c in days) == sum(1 for e in listed if e["date"])
    weeks = client.get("/api/timeline", params={**params, "interval": "week"}).json()["counts"]
    assert sum(c["events"] for c in weeks) == sum(c["events"] for c in days)
    from datetime import date

    assert all(date.fromisoformat(c["period"]).weekday() == 0 for c in weeks)  # weeks start on Monday
    assert client.get("/api/timeline", params={"interval": "hour"}).status_code == 422


def test_http_map_points(client):
    points = client.get("/api/map", params={"type": "ASSAULT"}).json()["places"]
    listed = client.get("/api/events", params={"type": "ASSAULT", "limit": 1000}).json()["events"]
    assert sum(p["events"] for p in points) == sum(1 for e in listed if e["lat"] is not None)
    assert all(-90 <= p["lat"] <= 90 and "ASSAULT" in p["types"] for p in points)


def test_http_story_actor_and_runs(client):
    biggest = client.get("/api/stories").json()["stories"][0]
    story = client.get(f"/api/stories/{biggest['story_id']}").json()
    assert len(story["articles"]) == biggest["n_articles"] and story["events"]
    assert client.get("/api/stories/nope").status_code == 404
    actor = client.get("/api/actors", params={"limit": 1}).json()["actors"][0]["name"]
    detail = client.get(f"/api/actors/{actor}").json()
    assert detail["events"] and all(actor in (e["actor_name"], e["recipient_name"]) for e in detail["events"])
    assert all(c["name"] != actor or c["events"] for c in detail["counterparts"])
    assert client.get("/api/actors/Nobody at all").status_code == 404
    runs = client.get("/api/runs").json()["runs"]
    assert runs[0]["state"] == "finished" and runs[0]["done"] == runs[0]["total"]


@pytest.mark.parametrize("fmt", ["acled-csv", "csv", "gdelt", "jsonl", "geojson", "parquet"])
def test_http_export_every_format(client, fmt):
    response = client.get("/api/export", params={"format": fmt, "country": "IQ"})
    assert response.status_code == 200 and response.content
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "geojson":
        features = response.json()["features"]
        listed = client.get("/api/events", params={"country": "IQ", "limit": 1000}).json()["events"]
        assert len(features) == sum(1 for e in listed if e["lat"] is not None)


def test_http_export_formats_are_the_exporters():
    from typing import get_args

    from dateline.api.app import EXPORT
    from dateline.export import FORMATS

    assert set(get_args(EXPORT)) == set(FORMATS)


@pytest.mark.parametrize("params, named", [
    ({"contry": "IQ"}, "contry"),  # misspelt: refused, not everything unfiltered
    ({"country": "IQ", "limitt": "5"}, "limitt"),
])
def test_http_unknown_parameters_are_refused_by_name(client, params, named):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422 and named in response.json()["detail"]
    assert "country" in response.json()["detail"]  # and what the route does take


def test_http_a_repeated_single_value_is_refused_not_half_read(client):
    response = client.get("/api/events?limit=5&limit=50")
    assert response.status_code == 422 and "limit given more than once" in response.json()["detail"]


def test_http_a_filter_of_several_values_takes_them_all(client):
    def ids(query):
        return {e["id"] for e in client.get(f"/api/events?limit=1000&{query}").json()["events"]}

    iraq, haiti = ids("country=IQ"), ids("country=HT")
    assert iraq and haiti and ids("country=IQ&country=HT") == iraq | haiti
    protests, battles = ids("acled_type=Protests"), ids("acled_type=Armed%20clash")
    assert ids("acled_type=Protests&acled_type=Armed%20clash") == protests | battles


def test_http_the_filters_are_the_event_filter_record(client):
    # the API's filters and the store's EventFilter are one list: a field added to one and not the other fails
    from dataclasses import fields

    from dateline.store.filters import EventFilter

    spec = client.get("/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]
    taken = {p["name"] for p in spec}
    api_fields = {f.name for f in fields(EventFilter)} - {"near", "actor_name", "story"} | {"lat", "lon", "radius_km"}
    assert api_fields <= taken
    assert taken - api_fields == {"sort", "limit", "offset", "mentions", "format"}


def test_http_an_offset_past_any_store_is_refused_not_a_crash(client):
    response = client.get("/api/events", params={"offset": "99999999999999999999"})
    assert response.status_code == 422
    assert client.get("/api/events", params={"offset": str(2 ** 62)}).status_code == 200


def test_http_a_country_code_no_country_has_is_refused(client):
    response = client.get("/api/events", params={"country": "XQ"})
    assert response.status_code == 422 and "XQ" in response.json()["detail"]
    assert client.get("/api/events", params={"country": "iq"}).status_code == 200


@pytest.mark.parametrize("sort, column, descending", [
    ("type_asc", "type", False), ("acled_asc", "acled_event_type", False), ("actor_asc", "actor_name", False),
    ("recipient_asc", "recipient_name", False), ("place_asc", "place_name", False), ("status_asc", "status", False),
    ("independent_desc", "n_independent", True)])
def test_http_sorting_by_a_column_puts_the_empty_last_and_pages_through(client, sort, column, descending):
    rows = client.get("/api/events", params={"sort": sort, "limit": 1000}).json()["events"]
    values = [e[column] for e in rows]
    filled = [v for v in values if v is not None]
    assert filled and values[:len(filled)] == filled  # every empty value after every filled one
    assert filled == sorted(filled, reverse=descending) and len(set(filled)) > 1
    paged = [e["id"] for offset in range(0, len(rows), 7)
             for e in client.get("/api/events", params={"sort": sort, "limit": 7, "offset": offset}).json()["events"]]
    assert paged == [e["id"] for e in rows]  # pages meet where the filled values end, nothing twice
    from dateline.store import Store

    with Store(client.app.state.db, readonly=True) as store:  # an export reads them in the same order
        assert [e["id"] for e in store.each_event(sort=sort)] == paged


def test_http_min_confidence(client):
    confident = client.get("/api/events", params={"min_confidence": 0.8, "limit": 1000}).json()
    everything = client.get("/api/events", params={"limit": 1000}).json()
    assert confident["events"] and all(e["confidence"] >= 0.8 for e in confident["events"])
    assert confident["total"] < everything["total"]
    assert client.get("/api/events", params={"min_confidence": 1.5}).status_code == 422


def test_http_summary_against_the_previous_period(client):
    params = {"since": "2024-05-13", "until": "2024-05-19"}
    summary = client.get("/api/summary", params=params).json()
    assert summary["period"] == params and summary["previous"] == {"since": "2024-05-06", "until": "2024-05-12"}
    listed = client.get("/api/events", params={**params, "limit": 1}).json()
    before = client.get("/api/events", params={"since": "2024-05-06", "until": "2024-05-12", "limit": 1}).json()
    totals = summary["totals"]
    assert (totals["events"], totals["fatalities"]) == (listed["total"], listed["fatalities"]) and totals["events"]
    assert (totals["previous_events"], totals["previous_fatalities"]) == (before["total"], before["fatalities"])
    by = summary["by"]
    iraq = next(row for row in by["country"] if row["key"] == "IQ")
    in_iraq = client.get("/api/events", params={**params, "country": "IQ", "limit": 1}).json()
    assert iraq["name"] == "Iraq" and iraq["events"] == in_iraq["total"]
    assert [row["events"] for row in by["country"]] == sorted((row["events"] for row in by["country"]), reverse=True)
    assert all(row["name"] and not row["name"].startswith("IQ.") for row in by["admin1"] if row["key"].startswith("IQ"))
    assert sum(row["events"] for row in by["month"]) == totals["events"]
    assert all(row["previous_events"] is not None for row in by["actor"])
    # the rollup (dates alone) and the happenings (any other filter) count alike
    read = client.get("/api/summary", params={**params, "min_independent": 1}).json()
    assert read["totals"] == totals and read["by"]["month"] == by["month"]


def test_http_summary_of_an_open_filter_spans_its_events(client):
    summary = client.get("/api/summary", params={"country": "IQ"}).json()
    dated = [e["date"] for e in client.get("/api/events", params={"country": "IQ", "limit": 1000}).json()["events"]
             if e["date"]]
    assert summary["period"] == {"since": min(dated), "until": max(dated)}
    assert {row["key"] for row in summary["by"]["country"]} == {"IQ"}
    nothing = client.get("/api/summary", params={"country": "IS"}).json()  # no events in Iceland
    assert nothing["period"] is None and nothing["totals"]["events"] == 0 and nothing["by"]["country"] == []
    assert client.get("/api/summary", params={"country": "XQ"}).status_code == 422


def test_http_choices_and_labels_name_the_codes(client):
    choices = client.get("/api/choices").json()
    iraq = next(c for c in choices["countries"] if c["code"] == "IQ")
    assert iraq == {"code": "IQ", "name": "Iraq", "iso3": "IRQ", "fips": "IZ"}
    assert [c["name"] for c in choices["countries"]] == sorted(c["name"] for c in choices["countries"])
    listed = client.get("/api/events", params={"limit": 1000}).json()["events"]
    assert {c["code"] for c in choices["countries"]} == {e["country_code"] for e in listed if e["country_code"]}
    assert {a["code"] for a in choices["admin1"]} == {e["admin1"] for e in listed if e["admin1"]}
    battles = next(a for a in choices["acled"] if a["type"] == "Battles")
    assert "Armed clash" in battles["sub_types"] and "ASSAULT" in choices["plover"]
    assert {"code": "asserted", "label": "reported"} in choices["statuses"]
    labels = client.get("/api/labels").json()
    assert labels["countries"]["IQ"] == "Iraq" and set(labels["countries"]) == {c["code"] for c in choices["countries"]}


def test_http_actors_are_found_by_name_or_alias(client):
    everyone = {a["name"] for a in client.get("/api/actors", params={"limit": 1000}).json()["actors"]}
    assert "Islamic State" in everyone
    by_alias = client.get("/api/actors", params={"q": "daes"}).json()["actors"]
    assert [(a["name"], a["alias"]) for a in by_alias] == [("Islamic State", "Daesh")]
    by_name = client.get("/api/actors", params={"q": "islamic"}).json()["actors"]
    assert by_name and all("islamic" in a["name"].lower() for a in by_name) and by_name[0]["alias"] is None
    assert client.get("/api/actors", params={"q": ""}).status_code == 422
