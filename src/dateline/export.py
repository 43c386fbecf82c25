"""Exports of stored events: ACLED CSV, GDELT 2.0 TSV, a plain CSV, JSON lines, GeoJSON, Parquet, and the
reviewed events as training examples for the event model.

    dateline export --db events.db --format acled-csv -o events.csv

A row is a happening (one real-world event with all its sources) unless `unit="mention"` asks for one row
per mention. The ACLED CSV has ACLED's own columns in ACLED's order and holds what ACLED would code: events
with an ACLED type, reported as having happened, with coordinates; every row it leaves out is counted by
reason. GDELT's file has GDELT 2.0's 61 event columns, tab-separated with no header, as GDELT's own files.
The mapping of every column is in docs/exports.md.

A row an analyst corrected carries the reviewed values (the machine's in `machine_reading`, with
`review_status` where the format has room for them); a rejected one is left out (counted) unless the
filter's `review` asks for it.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ExportError
from .store.filters import EventFilter

if TYPE_CHECKING:
    from .store.db import Store

# ACLED's interaction codes by actor kind (ACLED codebook): 1 state forces ... 8 external forces
INTER_CODES = {"state_forces": 1, "government": 1, "rebels": 2, "political_militia": 3, "identity_militia": 4,
               "rioters": 5, "protesters": 6, "civilians": 7, "external": 8}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Strategic developments": "Strategic developments"}
DISORDER_BY_SUB_TYPE = {"Violent demonstration": "Demonstrations", "Mob violence": "Political violence",
                        "Excessive force against protesters": "Political violence; Demonstrations"}
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
HAPPENED = ("asserted", "claimed")
FORMATS = ("acled-csv", "csv", "gdelt", "jsonl", "geojson", "parquet", "training")
TRAINED_ON = ("confirmed", "corrected", "rejected")  # the reviews a training export reads by default


@dataclass
class Exported:
    """What an export wrote: its rows, and the rows it left out by reason."""
    rows: int = 0
    left_out: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        told = f"{self.rows} rows"
        if self.left_out:
            told += " (left out: " + ", ".join(f"{n} {why}" for why, n in sorted(self.left_out.items())) + ")"
        return told


class Tables:
    """The lookups an ACLED or GDELT row needs (countries, ACLED regions, division names), read once."""

    def __init__(self) -> None:
        from .data import load_data
        from .gazetteer import admin1_names, country_table

        self.countries = country_table()
        self.regions = {code: region for region, codes in load_data("acled_regions.json")["regions"].items()
                        for code in codes}
        self.admin1 = admin1_names()


def acled_id(e: dict[str, Any], iso3: str) -> str:
    """ACLED's shape, a country's ISO alpha-3 and a number: the number from the happening's own id, so an
    export made again gives every row the same id."""
    return f"{iso3 or 'XXX'}{int(hashlib.sha1(e['id'].encode()).hexdigest()[:12], 16) % 10 ** 9}"


def acled_row(e: dict[str, Any], tables: Tables) -> dict[str, Any]:
    inter1, inter2 = INTER_CODES.get(e["actor_type"] or "", 0), INTER_CODES.get(e["recipient_type"] or "", 0)
    country = tables.countries.get(e["country_code"] or "", {})
    precision = e["location_precision"] or ""
    first = e.get("first_reported")
    return {
        "event_id_cnty": acled_id(e, country.get("iso3", "")), "event_date": e["date"],
        "year": (e["date"] or "")[:4], "time_precision": TIME_PRECISION.get(e["date_precision"], 3),
        "disorder_type": DISORDER_BY_SUB_TYPE.get(e["acled_sub_event_type"], DISORDER.get(e["acled_event_type"], "")),
        "event_type": e["acled_event_type"], "sub_event_type": e["acled_sub_event_type"],
        "actor1": e["actor_name"], "assoc_actor_1": "", "inter1": inter1,
        "actor2": e["recipient_name"], "assoc_actor_2": "", "inter2": inter2,
        "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else inter1 * 10,
        "civilian_targeting": "Civilian targeting" if e["recipient_type"] == "civilians" else "",
        "iso": country.get("isonumeric", ""), "region": tables.regions.get(e["country_code"] or "", ""),
        "country": country.get("name", e["country_code"]),
        "admin1": tables.admin1.get(e["admin1"] or "", "") if precision != "admin1" else e["place_name"],
        "admin2": e["place_name"] if precision == "admin2" else "", "admin3": "",
        "location": e["place_name"], "latitude": e["lat"], "longitude": e["lon"],
        "geo_precision": GEO_PRECISION.get(precision, 3), "source": e.get("sources") or e["outlet"] or e["via"],
        "source_scale": "", "notes": e["evidence"], "fatalities": e["fatalities"] or 0, "tags": "",
        "timestamp": int(dt.datetime.fromisoformat(first).replace(tzinfo=dt.UTC).timestamp())
        if first else "",
    }


def acled_rows(events: Iterable[dict], exported: Exported) -> Iterator[dict]:
    """The rows ACLED would code, each row left out counted by its reason."""
    tables = Tables()
    for e in events:
        if not e["acled_event_type"]:
            exported.left_out["without an ACLED type"] += 1
        elif e["status"] not in HAPPENED:
            exported.left_out["not reported as having happened"] += 1
        elif e["lat"] is None or e["lon"] is None or not e["date"]:
            exported.left_out["without coordinates or a date"] += 1
        else:
            yield acled_row(e, tables)


def _write_csv(rows: Iterable[dict], path: Path, columns: tuple[str, ...] | None = None, *,
               delimiter: str = ",", header: bool = True) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(f, fieldnames=columns or list(row), delimiter=delimiter,
                                        extrasaction="ignore")
                if header:
                    writer.writeheader()
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            count += 1
        if writer is None and header and columns:
            csv.writer(f, delimiter=delimiter).writerow(columns)
    return count


def write_acled(events: Iterable[dict], path: Path) -> Exported:
    exported = Exported()
    exported.rows = _write_csv(acled_rows(events, exported), path, ACLED_COLUMNS)
    return exported


def write_csv(events: Iterable[dict], path: Path) -> Exported:
    """Every row, every column, as stored."""
    return Exported(rows=_write_csv(events, path))


def write_gdelt(events: Iterable[dict], path: Path) -> Exported:
    from .gazetteer import country_table
    from .gdelt import COLUMNS, gdelt_row

    countries = country_table()  # all a GDELT row looks up (not the regions and divisions ACLED's need)
    return Exported(rows=_write_csv((gdelt_row(e, countries) for e in events), path, COLUMNS,
                                    delimiter="\t", header=False))


def write_jsonl(events: Iterable[dict], path: Path) -> Exported:
    count = 0
    with path.open("w", encoding="utf-8") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
            count += 1
    return Exported(rows=count)


def write_geojson(events: Iterable[dict], path: Path) -> Exported:
    """A FeatureCollection of Points ([lon, lat], RFC 7946) for the events that have coordinates, written
    feature by feature (memory stays flat however many events there are)."""
    exported = Exported()
    with path.open("w", encoding="utf-8") as f:
        f.write('{"type": "FeatureCollection", "features": [')
        for e in events:
            if e["lat"] is None or e["lon"] is None:
                exported.left_out["without coordinates"] += 1
                continue
            feature = {"type": "Feature", "id": e["id"],
                       "geometry": {"type": "Point", "coordinates": [e["lon"], e["lat"]]},
                       "properties": {k: v for k, v in e.items() if k not in ("lat", "lon")}}
            f.write(("," if exported.rows else "") + "\n" + json.dumps(feature, ensure_ascii=False))
            exported.rows += 1
        f.write("\n]}\n")
    return exported


def write_parquet(events: Iterable[dict], path: Path) -> Exported:
    """Every row, every column, in batches of fixed types (memory stays flat)."""
    from .dataset import arrow, schema

    pa, pq = arrow()
    exported, writer = Exported(), None
    batch: list[dict] = []

    def flush(writer: Any) -> None:
        writer.write_table(pa.Table.from_pylist(batch, schema=writer.schema))
        exported.rows += len(batch)
        batch.clear()

    try:
        for e in events:
            if writer is None:  # the columns are the first row's, their types the store's
                writer = pq.ParquetWriter(path, schema(tuple(e)))
            batch.append(e)
            if len(batch) == 10000:
                flush(writer)
        if writer is None:
            pq.write_table(pa.table({}), path)
        elif batch:
            flush(writer)
    finally:
        if writer is not None:
            writer.close()
    return exported


def write_training(events: Iterable[dict], path: Path) -> Exported:
    """The reviewed events as lines of the training corpus (`dateline.review.training_example`): a
    confirmed or corrected event with its reviewed types, a rejected one as a sentence reporting none."""
    from .review import training_example

    exported = Exported()
    with path.open("w", encoding="utf-8") as f:
        for e in events:
            line, why = training_example(e)
            if line is None:
                exported.left_out[why] += 1
                continue
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
            exported.rows += 1
    return exported


WRITERS: dict[str, Callable[[Iterable[dict], Path], Exported]] = {
    "acled-csv": write_acled, "csv": write_csv, "gdelt": write_gdelt, "jsonl": write_jsonl,
    "geojson": write_geojson, "parquet": write_parquet, "training": write_training,
}


def export(store: Store, fmt: str, path: str | Path, *, unit: str = "happening", **filters: Any) -> Exported:
    """Write the store's happenings (or mentions, `unit="mention"`), with any `Store.events` filters, in a
    format, oldest first; says how many rows were written and how many were left out, and why (the events
    a reviewer rejected among them, unless the filter's `review` asks for them)."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}", code="E502")
    match = filters.get("match") or EventFilter.of(**filters)
    if fmt == "training" and not match.review:
        match = replace(match, review=TRAINED_ON)
    done = WRITERS[fmt](store.each_event(unit=unit, match=match), Path(path))
    if not match.review:
        rejected = store.totals(unit=unit, match=replace(match, review=("rejected",)))["events"]
        if rejected:
            done.left_out["rejected by a reviewer"] += rejected
    return done
