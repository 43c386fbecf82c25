"""What the events of a filter add up to, and the values the UI's pickers offer.

`summarise` counts events and fatalities by country, first-level division, actor and month for a period,
against the period of the same length just before it. `distinct` lists the values a column holds by seeking
its index from one value to the next, never reading every row.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .filters import EventFilter

# what a summary counts by: the column, or the two sides of an event for the actor
DIMENSIONS = {"country": "e.country_code", "admin1": "e.admin1", "actor": None, "month": "substr(e.date, 1, 7)"}
# the columns a picker offers, each the first column of an index on the happenings
PICKED = {"country": "country_code", "admin1": "admin1", "acled_sub_event_type": "acled_sub_event_type",
          "status": "status", "type": "type"}

Where = Callable[[EventFilter], tuple[str, list[Any]]]  # a filter as " FROM ... WHERE ..." and its values


def period_of(conn: sqlite3.Connection, match: EventFilter, where: Where) -> tuple[str, str] | None:
    """The filter's dates, an open end closed by the first or last matching event's date (None: no event
    that matches has a date)."""
    ends = {"since": match.since, "until": match.until}
    sql, args = where(match)
    for end, order in (("since", "ASC"), ("until", "DESC")):
        if ends[end] is None:
            row = conn.execute(f"SELECT e.date{sql} AND e.date IS NOT NULL ORDER BY e.date {order} LIMIT 1",
                               args).fetchone()
            if row is None:
                return None
            ends[end] = row[0]
    since, until = ends["since"], ends["until"]
    assert since is not None and until is not None  # each end given, or the date of an event that has one
    return since, until


def previous_period(since: str, until: str) -> tuple[str, str]:
    """The period of the same length that ends the day before `since`."""
    start, end = dt.date.fromisoformat(since), dt.date.fromisoformat(until)
    days = (end - start).days + 1
    return (start - dt.timedelta(days=days)).isoformat(), (start - dt.timedelta(days=1)).isoformat()


def summarise(conn: sqlite3.Connection, match: EventFilter, where: Where, *, limit: int = 10) -> dict[str, Any]:
    """Events and fatalities of the filter in its period and in the one before, in all and by dimension
    (the `limit` largest of each, by events; months all, oldest first)."""
    period = period_of(conn, match, where)
    # an open end closed by the events' own dates selects no fewer events: the filter is kept as given, so
    # that a whole-store summary reads each column's index, not the dates' with a row lookup for each
    current = match
    before = previous_period(*period) if period else None
    earlier = replace(match, since=before[0], until=before[1]) if before else None
    out: dict[str, Any] = {
        "period": {"since": period[0], "until": period[1]} if period else None,
        "previous": {"since": before[0], "until": before[1]} if before else None,
        "totals": _with_previous([_totals(conn, current, where)],
                                 [_totals(conn, earlier, where)] if earlier else None)[0],
        "by": {},
    }
    for name in DIMENSIONS:
        rows = _grouped(conn, current, where, name, limit=None if name == "month" else limit)
        if name == "month":
            out["by"]["month"] = rows
            out["by"]["previous_month"] = _grouped(conn, earlier, where, name, limit=None) if earlier else []
            continue
        keys = [row["key"] for row in rows]
        out["by"][name] = _with_previous(rows, _grouped(conn, earlier, where, name, keys=keys) if earlier else None)
    return out


def _totals(conn: sqlite3.Connection, match: EventFilter, where: Where) -> dict[str, Any]:
    only_dates_and_type = replace(match, since=None, until=None, type=()) == EventFilter()
    if only_dates_and_type:  # the store's daily rollup holds these: no happening is read
        sql, args = _days(match)
        row = conn.execute(f"SELECT coalesce(sum(events), 0), coalesce(sum(fatalities), 0){sql}", args).fetchone()
    else:
        sql, args = where(match)
        row = conn.execute(f"SELECT count(*), coalesce(sum(e.fatalities), 0){sql}", args).fetchone()
    return {"key": None, "events": row[0], "fatalities": row[1]}


def _days(match: EventFilter) -> tuple[str, list[Any]]:
    """The filter (dates and PLOVER types only) over the `happening_days` rollup."""
    sql, args = " FROM happening_days WHERE date != ''", []
    for value, condition in ((match.since, " AND date >= ?"), (match.until, " AND date <= ?")):
        if value:
            sql += condition
            args.append(value)
    if match.type:
        sql += f" AND type IN ({','.join('?' * len(match.type))})"
        args += [t.upper() for t in match.type]
    return sql, args


def _grouped(conn: sqlite3.Connection, match: EventFilter, where: Where, name: str, *,
             limit: int | None = 10, keys: list[str] | None = None) -> list[dict[str, Any]]:
    if keys is not None and not keys:
        return []
    if name == "month" and replace(match, since=None, until=None, type=()) == EventFilter():
        sql, args = _days(match)
        return _rows(conn, f"SELECT substr(date, 1, 7) AS key, sum(events) AS events, sum(fatalities) AS fatalities"
                           f"{sql} GROUP BY key HAVING sum(events) > 0 ORDER BY key", args)
    sql, args = where(match)
    # each column grouped in its index's order; the actor is either side, each side grouped on its own and
    # the two added up (an actor on both sides of one event counts twice)
    columns = ["e.actor_name", "e.recipient_name"] if name == "actor" else [DIMENSIONS[name]]
    parts, values = [], []
    for column in columns:
        picked = f" AND {column} IN ({','.join('?' * len(keys))})" if keys else ""
        parts.append(f"SELECT {column} AS key, count(*) AS events, coalesce(sum(e.fatalities), 0) AS fatalities"
                     f"{sql} AND {column} IS NOT NULL{picked} GROUP BY {column}")
        values += args + (keys or [])
    order = "key" if name == "month" else "events DESC, key"
    return _rows(conn, "SELECT key, sum(events) AS events, sum(fatalities) AS fatalities"
                       f" FROM ({' UNION ALL '.join(parts)}) GROUP BY key ORDER BY {order}"
                       + (" LIMIT ?" if limit else ""), values + ([limit] if limit else []))


def _with_previous(rows: list[dict[str, Any]], earlier: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Each row with the previous period's figures for its key (0 when it had none, None with no period)."""
    found = {row["key"]: row for row in earlier or []}
    for row in rows:
        prior = found.get(row["key"], {"events": 0, "fatalities": 0})
        row["previous_events"] = prior["events"] if earlier is not None else None
        row["previous_fatalities"] = prior["fatalities"] if earlier is not None else None
    return rows


def distinct(conn: sqlite3.Connection, column: str) -> list[str]:
    """The values of a happenings column, in order: one index seek a value (a loose index scan), so a
    million happenings of 200 countries cost 200 seeks."""
    if column not in PICKED.values():
        raise ValueError(f"no picker reads {column!r}")
    sql = (f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM happenings UNION ALL"
           f" SELECT (SELECT min({column}) FROM happenings WHERE {column} > v.x) FROM v WHERE v.x IS NOT NULL)"
           " SELECT x FROM v WHERE x IS NOT NULL")
    return [row[0] for row in conn.execute(sql)]


def _rows(conn: sqlite3.Connection, sql: str, args: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, args)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
