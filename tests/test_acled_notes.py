"""ACLED-style notes we wrote (samples/acled_style_notes.csv): type, sub-type, place, date and deaths
against the coding an analyst would give, with the floors the project holds itself to."""
from __future__ import annotations

import csv
import datetime as dt
import math

import pytest

from dateline.article import Article

from .conftest import SAMPLES


def km(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def macro_f1(pairs):
    labels = {g for g, _ in pairs}
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in pairs)
        fp = sum(p == label != g for g, p in pairs)
        fn = sum(g == label != p for g, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


@pytest.mark.slow
def test_acled_notes_meet_the_floors(pipeline):
    with (SAMPLES / "acled_style_notes.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    articles = [Article(doc_id=r["data_id"], text=r["notes"],
                        published=dt.date.fromisoformat(r["event_date"]) + dt.timedelta(days=1))
                for r in rows]
    types, subs, dead, dates, near, first, second = [], [], [], [], [], [], []
    for row, result in zip(rows, pipeline.pipe(articles), strict=True):
        event = next((e for e in result.events if e.acled_event_type), None)
        types.append((row["event_type"], event.acled_event_type if event else "NONE"))
        subs.append((row["sub_event_type"], event.acled_sub_event_type if event else "NONE"))
        dead.append(int(row["fatalities"]) == ((event.fatalities or 0) if event else 0))
        dates.append(event is not None and event.date.value == row["event_date"])
        loc = event.location if event else None
        near.append(bool(loc and loc.lat is not None and
                         km((loc.lat, loc.lon), (float(row["latitude"]), float(row["longitude"]))) <= 25))
        names = {side.name for side in ((event.actor, event.recipient) if event else ()) if side is not None}
        first.append(row["actor1"] in names)
        if row["actor2"]:
            second.append(row["actor2"] in names)
    # 205 notes since the seventh session (160 added across 60 countries and every sub-event type, written
    # and measured before any change); the floors sit a little under what they measured then
    assert len(rows) >= 200
    assert macro_f1(types) >= 0.88, types  # measured 0.92 (0.90 before the judge coded what the rules left)
    assert macro_f1(subs) >= 0.80, subs  # 0.86
    # deaths, dates and places raised by ACLED's conventions (counts.py, dates.py, places.py): 0.93 -> 0.99,
    # 0.87 -> 0.90, 0.83 -> 0.89; every date and place missed now belongs to a note with no ACLED event found
    assert sum(dead) / len(dead) >= 0.97  # 0.99
    assert sum(dates) / len(dates) >= 0.92  # 0.95
    assert sum(near) / len(near) >= 0.92  # 0.95
    # each side named exactly as ACLED names it (the scorer's fuzzier match gives 0.89 / 0.90): 0.73 / 0.80
    # since the sides' rules of the tenth session (who used the weapon, whom it hit; unnamed armed groups)
    assert sum(first) / len(first) >= 0.70
    assert sum(second) / len(second) >= 0.75
