"""Exports read back field by field: ACLED CSV, GDELT TSV, JSON lines, GeoJSON and Parquet."""
from __future__ import annotations

import csv
import datetime as dt
import json
import re

import pytest

from dateline.export import ExportError, export
from dateline.store import open_store

from .conftest import SAMPLES, ingested


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = ingested(tmp_path_factory.mktemp("export") / "e.db", [SAMPLES / "corpus" / "pages"],
                    published=dt.date(2024, 5, 20))
    with open_store(path, readonly=True) as store:
        yield store


def by_id(rows):
    return {row["id"]: row for row in rows}


# ACLED's own columns, in ACLED's order (ACLED's codebook and its data export)
ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                "fatalities", "tags", "timestamp"]


def test_export_acled_csv_loads_with_pandas_under_acleds_header(store, tmp_path):
    import pandas as pd

    out = tmp_path / "acled.csv"
    done = export(store, "acled-csv", out)
    frame = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert list(frame.columns) == ACLED_HEADER
    happenings = store.events(limit=10000)
    # every happening is a row or is counted among those left out, with its reason
    assert done.rows == len(frame) > 10 and done.rows + sum(done.left_out.values()) == len(happenings)
    assert set(done.left_out) <= {"without an ACLED type", "not reported as having happened",
                                  "without coordinates or a date"}
    assert not any(re.fullmatch(r"[A-Z]{2}\.\w+", value) for value in frame["admin1"])  # names, not codes
    assert set(frame["region"]) - {""} and set(frame["disorder_type"]) <= {
        "Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"}
    kirkuk = frame[frame["location"] == "Kirkuk"].iloc[0]
    assert (kirkuk["country"], kirkuk["iso"], kirkuk["region"], kirkuk["admin1"]) == (
        "Iraq", "368", "Middle East", "Kirkuk")
    assert kirkuk["event_id_cnty"].startswith("IRQ")


def test_export_acled_csv_round_trip_keeps_every_field(store, tmp_path):
    from dateline.export import Tables, acled_row

    out = tmp_path / "acled.csv"
    export(store, "acled-csv", out)
    tables = Tables()
    expected = {}
    for e in store.events(limit=10000):
        row = acled_row(e, tables)
        expected[row["event_id_cnty"]] = {k: "" if v is None else str(v) for k, v in row.items()}
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)  # ids unique
    for row in rows:
        assert row == expected[row["event_id_cnty"]]
        assert row["event_type"] and row["latitude"] and row["notes"]


def test_export_gdelt_has_gdelt_2_columns_and_no_header(store, tmp_path):
    from dateline.gdelt import COLUMNS

    assert len(COLUMNS) == 61 and COLUMNS[0] == "GLOBALEVENTID" and COLUMNS[-1] == "SOURCEURL"
    stored = by_id(store.events(limit=10000))
    done = export(store, "gdelt", tmp_path / "g.tsv")
    with (tmp_path / "g.tsv").open(encoding="utf-8", newline="") as f:
        rows = [dict(zip(COLUMNS, line, strict=True)) for line in csv.reader(f, delimiter="\t")]
    assert done.rows == len(rows) == len(stored) and {r["GLOBALEVENTID"] for r in rows} == set(stored)
    for r in rows:
        e = stored[r["GLOBALEVENTID"]]
        assert r["SQLDATE"] == (e["date"] or "").replace("-", "")
        assert r["EventCode"].isdigit() and r["EventRootCode"] == r["EventCode"][:2]
        assert r["QuadClass"] in "1234" and int(r["NumMentions"]) == e["n_mentions"]
        assert int(r["NumSources"]) == e["n_independent"]


def test_export_plain_csv_jsonl_and_parquet_hold_every_row(store, tmp_path):
    import pandas as pd
    import pyarrow.parquet as pq

    stored = by_id(store.events(limit=10000))
    assert export(store, "csv", tmp_path / "e.csv").rows == len(stored)
    frame = pd.read_csv(tmp_path / "e.csv", keep_default_na=False, dtype=str)
    assert set(frame["id"]) == set(stored) and "n_mentions" in frame.columns
    export(store, "jsonl", tmp_path / "e.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert by_id(lines) == stored
    export(store, "parquet", tmp_path / "e.parquet")
    assert by_id(pq.read_table(tmp_path / "e.parquet").to_pylist()) == stored


def test_export_mentions_on_request(store, tmp_path):
    mentions = store.events(limit=10000, unit="mention")
    done = export(store, "jsonl", tmp_path / "m.jsonl", unit="mention")
    assert done.rows == len(mentions) >= len(store.events(limit=10000))
    assert {json.loads(line)["id"] for line in (tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()} \
        == {m["id"] for m in mentions}


def test_export_geojson_is_valid(store, tmp_path):
    done = export(store, "geojson", tmp_path / "e.geojson")
    data = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == done.rows > 0
    stored = by_id(store.events(limit=10000))
    assert done.rows + done.left_out["without coordinates"] == len(stored)
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lat, lon) == (stored[feature["id"]]["lat"], stored[feature["id"]]["lon"])
        assert feature["properties"]["type"] == stored[feature["id"]]["type"]


def test_export_acled_regions_cover_every_country():
    from dateline.export import Tables

    tables = Tables()
    assert set(tables.countries) <= set(tables.regions)


def test_export_unknown_format(store, tmp_path):
    with pytest.raises(ExportError) as info:
        export(store, "xlsx", tmp_path / "x")
    assert info.value.code == "E502"
