"""Exports read back field by field: ACLED CSV, GDELT TSV, JSON lines, GeoJSON and Parquet."""
from __future__ import annotations

import csv
import json

import pytest

from dateline.export import ExportError, export
from dateline.loader import ingest
from dateline.settings import Settings
from dateline.store import open_store

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "e.db"
    with open_store(path) as store:
        ingest(store, [str(SAMPLES / "corpus" / "pages")], settings=Settings(workers=1), published="2024-05-20")
    with open_store(path, readonly=True) as store:
        yield store


def by_id(rows):
    return {row["id"]: row for row in rows}


def test_export_acled_csv_round_trip(store, tmp_path):
    out = tmp_path / "acled.csv"
    count = export(store, "acled-csv", out)
    stored = by_id(e for e in store.events(limit=10000) if e["acled_event_type"])
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert count == len(rows) == len(stored) > 10
    for row in rows:
        e = stored[row["event_id_cnty"]]
        assert (row["event_date"], row["event_type"], row["sub_event_type"]) == (
            e["date"], e["acled_event_type"], e["acled_sub_event_type"])
        assert row["location"] == (e["place_name"] or "") and int(row["fatalities"]) == (e["fatalities"] or 0)
        if e["lat"] is not None:
            assert abs(float(row["latitude"]) - e["lat"]) < 1e-9
        assert row["notes"] == e["evidence"]
    kirkuk = next(r for r in rows if r["location"] == "Kirkuk")
    assert kirkuk["country"] == "Iraq" and kirkuk["iso"] == "368"


def test_export_gdelt_and_jsonl_round_trip(store, tmp_path):
    stored = by_id(store.events(limit=10000))
    export(store, "gdelt", tmp_path / "g.tsv")
    with (tmp_path / "g.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert {r["GLOBALEVENTID"] for r in rows} == set(stored)
    for r in rows:
        e = stored[r["GLOBALEVENTID"]]
        assert r["EventCode"] == e["type"] and r["SQLDATE"] == (e["date"] or "").replace("-", "")
    export(store, "jsonl", tmp_path / "e.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert by_id(lines) == stored


def test_export_geojson_is_valid(store, tmp_path):
    export(store, "geojson", tmp_path / "e.geojson")
    data = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    stored = by_id(store.events(limit=10000))
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lat, lon) == (stored[feature["id"]]["lat"], stored[feature["id"]]["lon"])
        assert feature["properties"]["type"] == stored[feature["id"]]["type"]


def test_export_parquet_round_trip(store, tmp_path):
    import pyarrow.parquet as pq  # a dev dependency: the test runs, never skips
    export(store, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert by_id(table) == by_id(store.events(limit=10000))


def test_export_unknown_format(store, tmp_path):
    with pytest.raises(ExportError) as info:
        export(store, "xlsx", tmp_path / "x")
    assert info.value.code == "E502"
