"""Exports of stored events: ACLED-layout CSV, GDELT-style TSV, JSON lines, GeoJSON and Parquet.

    dateline export --db events.db --format acled-csv -o events.csv

Each writer takes the rows of `Store.events()` (one dict per event) and a path. ACLED's layout holds the
events that have an ACLED type; the other formats hold every event. The column mapping is in docs/exports.md.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .errors import ExportError

# ACLED's interaction codes by actor kind (ACLED codebook): 1 state forces ... 8 external forces
INTER_CODES = {"state_forces": 1, "government": 1, "rebels": 2, "political_militia": 3, "identity_militia": 4,
               "rioters": 5, "protesters": 6, "civilians": 7, "external": 8}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "inter1", "actor2", "inter2", "interaction", "civilian_targeting", "iso", "country", "admin1",
                 "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities")
GDELT_COLUMNS = ("GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code", "Actor2Name",
                 "Actor2CountryCode", "Actor2Type1Code", "EventCode", "EventMode", "IsRootEvent", "NumMentions",
                 "NumSources", "NumArticles", "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
                 "ActionGeo_ADM1Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "Status",
                 "Fatalities", "SOURCEURL")
GDELT_GEO_TYPE = {"country": 1, "admin1": 2, "city": 4, "point": 4, "admin2": 5, "region": 1}
FORMATS = ("acled-csv", "csv", "gdelt", "jsonl", "geojson", "parquet")


def acled_row(e: dict[str, Any], countries: dict[str, dict]) -> dict[str, Any]:
    inter1, inter2 = INTER_CODES.get(e["actor_type"] or "", 0), INTER_CODES.get(e["recipient_type"] or "", 0)
    return {
        "event_id_cnty": e["id"], "event_date": e["date"], "year": (e["date"] or "")[:4],
        "time_precision": TIME_PRECISION.get(e["date_precision"], 3), "event_type": e["acled_event_type"],
        "sub_event_type": e["acled_sub_event_type"], "actor1": e["actor_name"], "inter1": inter1,
        "actor2": e["recipient_name"], "inter2": inter2,
        "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else inter1 * 10,
        "civilian_targeting": "Civilian targeting" if e["recipient_type"] == "civilians" else "",
        "iso": countries.get(e["country_code"] or "", {}).get("isonumeric", ""),
        "country": countries.get(e["country_code"] or "", {}).get("name", e["country_code"]),
        "admin1": e["admin1"], "location": e["place_name"], "latitude": e["lat"], "longitude": e["lon"],
        "geo_precision": GEO_PRECISION.get(e["location_precision"] or "", 3), "source": e["outlet"] or e["via"],
        "notes": e["evidence"], "fatalities": e["fatalities"] or 0,
    }


def gdelt_row(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "GLOBALEVENTID": e["id"], "SQLDATE": (e["date"] or "").replace("-", ""), "Actor1Name": e["actor_name"],
        "Actor1CountryCode": e["actor_country"], "Actor1Type1Code": e["actor_type"], "Actor2Name": e["recipient_name"],
        "Actor2CountryCode": e["recipient_country"], "Actor2Type1Code": e["recipient_type"], "EventCode": e["type"],
        "EventMode": e["mode"], "IsRootEvent": 1, "NumMentions": e["n_mentions"] or 1,
        "NumSources": e["n_independent"] or 1, "NumArticles": e["n_articles"] or 1,
        "ActionGeo_Type": GDELT_GEO_TYPE.get(e["location_precision"] or "", 0), "ActionGeo_FullName": e["place_name"],
        "ActionGeo_CountryCode": e["country_code"], "ActionGeo_ADM1Code": e["admin1"], "ActionGeo_Lat": e["lat"],
        "ActionGeo_Long": e["lon"], "ActionGeo_FeatureID": e["geonameid"], "Status": e["status"],
        "Fatalities": e["fatalities"], "SOURCEURL": e.get("url") or e["doc_id"],
    }


def _write_csv(rows: Iterable[dict], path: Path, columns: tuple[str, ...], delimiter: str = ",") -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            count += 1
    return count


def write_acled(events: Iterable[dict], path: Path) -> int:
    from .gazetteer import country_table

    countries = country_table()
    return _write_csv((acled_row(e, countries) for e in events if e["acled_event_type"]), path, ACLED_COLUMNS)


def write_gdelt(events: Iterable[dict], path: Path) -> int:
    return _write_csv((gdelt_row(e) for e in events), path, GDELT_COLUMNS, delimiter="\t")


def write_jsonl(events: Iterable[dict], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_geojson(events: Iterable[dict], path: Path) -> int:
    """A FeatureCollection of Points ([lon, lat], RFC 7946) for the events that have coordinates."""
    features = [{"type": "Feature", "id": e["id"], "geometry": {"type": "Point", "coordinates": [e["lon"], e["lat"]]},
                 "properties": {k: v for k, v in e.items() if k not in ("lat", "lon")}}
                for e in events if e["lat"] is not None and e["lon"] is not None]
    with path.open("w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False)
    return len(features)


def arrow():
    """pyarrow and pyarrow.parquet, or E501 saying how to install them (the `parquet` extra)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet needs pyarrow: pip install 'dateline[parquet]'", code="E501") from exc
    return pa, pq


def write_parquet(events: Iterable[dict], path: Path) -> int:
    pa, pq = arrow()
    rows = list(events)
    pq.write_table(pa.Table.from_pylist(rows), path)
    return len(rows)


WRITERS: dict[str, Callable[[Iterable[dict], Path], int]] = {
    "acled-csv": write_acled, "csv": write_acled, "gdelt": write_gdelt, "jsonl": write_jsonl,
    "geojson": write_geojson, "parquet": write_parquet,
}


def export(store, fmt: str, path: str | Path, *, batch: int = 10000, **filters) -> int:
    """Write the store's events (with any `Store.events` filters) in a format; returns how many were written."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}", code="E502")

    def events():
        offset = 0
        while rows := store.events(limit=batch, offset=offset, **filters):
            yield from rows
            offset += batch

    return WRITERS[fmt](events(), Path(path))
