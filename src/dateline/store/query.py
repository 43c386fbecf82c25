"""Querying the store: events (happenings or mentions) through any filter, their totals, timeline and map,
one event or happening, actors, places and stories. Values are bound, never pasted into SQL."""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from ..consolidate.story_rows import LIKELY_EVENTS, SOURCE, TOLD, WITH_ORIGINAL, sourcing
from .filters import EventFilter, _like_prefix
from .reviews import Reviews, overlay
from .summary import distinct, summarise


class Reader:
    """The reading half of `Store`: what the CLI, the HTTP API and the exports ask."""

    conn: sqlite3.Connection
    reviews: Reviews

    def counts(self) -> dict[str, int]:
        return {table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "events", "places", "quotes", "failures")}

    def article(self, doc_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
        return dict(row) if row else None

    def events(self, *, sort: str = "date_desc", limit: int = 100, offset: int = 0, unit: str = "happening",
               **filters: Any) -> list[dict[str, Any]]:
        """Events matching every filter given (see `event_filters`), most recent first unless `sort` says
        otherwise: one row per happening (a real-world event with its counts and sources), or with
        `unit="mention"` one row per event mention. Values are bound, never pasted into SQL."""
        if sort in EMPTY_LAST:
            return self._empty_last(sort, unit, filters, limit, offset)
        sql, args = self._events_sql(sort, unit, filters)
        return [overlay(row) for row in self._rows(sql + " LIMIT ? OFFSET ?", args + [limit, offset])]

    def each_event(self, *, sort: str = "date_asc", unit: str = "happening",
                   **filters: Any) -> Iterator[dict[str, Any]]:
        """Every matching event, one at a time, read by one query (an export of a million rows neither
        holds them in memory nor pages through them)."""
        column = EMPTY_LAST.get(sort)
        parts = [(sort, [f"{column} IS NOT NULL"]), ("date_desc", [f"{column} IS NULL"])] if column else [(sort, [])]
        for part_sort, extra in parts:
            sql, args = self._events_sql(part_sort, unit, filters, extra)
            for row in self.conn.execute(sql, args):
                yield overlay(dict(row))

    def _events_sql(self, sort: str, unit: str, filters: dict[str, Any],
                    extra: Sequence[str] = ()) -> tuple[str, list[Any]]:
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {sorted(SORTS)}, not {sort!r}")
        where, args = event_filters(self.conn, unit=unit, **filters)
        where += extra
        order = SORTS[sort] if unit == "happening" else SORTS[sort].replace("e.n_independent", "h.n_independent")
        return (f"SELECT {SELECTS[unit]} FROM {TABLES[unit]} e{_joins(where, unit, every=True)}{_where(where)}"
                f" ORDER BY {order}, e.id", args)

    def _empty_last(self, sort: str, unit: str, filters: dict[str, Any], limit: int, offset: int) -> list[dict]:
        """A page in the order of a column some rows leave empty: those with a value read off the column's
        index, then the empty ones newest first (SQLite puts NULLs first, and NULLS LAST would sort them all)."""
        column = EMPTY_LAST[sort]
        sql, args = self._events_sql(sort, unit, filters, [f"{column} IS NOT NULL"])
        rows = self._rows(sql + " LIMIT ? OFFSET ?", args + [limit, offset])
        if len(rows) == limit:
            return rows
        skip = 0
        if not rows:  # the page starts past the rows with a value: how far past
            where, args = event_filters(self.conn, unit=unit, **filters)
            where = [w.replace("+e.", "e.") for w in where] + [f"{column} IS NOT NULL"]
            skip = offset - self.conn.execute(f"SELECT count(*) FROM {TABLES[unit]} e{_joins(where, unit)}"
                                              f"{_where(where)}", args).fetchone()[0]
        sql, args = self._events_sql("date_desc", unit, filters, [f"{column} IS NULL"])
        return rows + self._rows(sql + " LIMIT ? OFFSET ?", args + [limit - len(rows), max(0, skip)])

    def totals(self, *, unit: str = "happening", **filters: Any) -> dict[str, int]:
        """How many events match the filters, and their fatalities (each happening's own figure, once)."""
        where, args = event_filters(self.conn, unit=unit, **filters)
        if _whole_store(where, args, unit):  # the whole store: its rollup, kept up by the writer
            row = self.conn.execute("SELECT coalesce(sum(events), 0), coalesce(sum(fatalities), 0)"
                                    " FROM happening_days").fetchone()
        else:  # a count reads the index of any filter (the `+` that keeps a list in date order is dropped)
            where = [w.replace("+e.", "e.") for w in where]
            row = self.conn.execute(f"SELECT count(*), coalesce(sum(e.fatalities), 0) FROM {TABLES[unit]} e"
                                    f"{_joins(where, unit)}{_where(where)}", args).fetchone()
        return {"events": row[0], "fatalities": row[1]}

    def timeline(self, *, interval: str = "day", by: str = "plover", unit: str = "happening",
                 **filters: Any) -> list[dict[str, Any]]:
        """Counts of matching events by period (a day, the Monday a week starts on, or the first of a month)
        and type (PLOVER's, or `by="acled"` ACLED's event type); periods with no event are not listed."""
        if interval not in PERIODS:
            raise ValueError(f"interval must be one of {', '.join(PERIODS)}, not {interval!r}")
        if by not in ("plover", "acled"):
            raise ValueError(f"by must be plover or acled, not {by!r}")
        period = PERIODS[interval]
        where, args = event_filters(self.conn, unit=unit, **filters)
        if _whole_store(where, args, unit) and by == "plover":  # the whole store: its rollup
            return self._rows(f"SELECT {period} AS period, nullif(e.type, '') AS type, sum(e.events) AS events,"
                              " sum(e.fatalities) AS fatalities FROM happening_days e"
                              " WHERE e.events > 0 AND e.date != ''"
                              " GROUP BY period, e.type ORDER BY period, e.type")
        kind = "e.type" if by == "plover" else "e.acled_event_type"
        sql = (f"SELECT {period} AS period, {kind} AS type, count(*) AS events,"
               f" coalesce(sum(e.fatalities), 0) AS fatalities FROM {TABLES[unit]} e{_joins(where, unit)}"
               f" WHERE e.date IS NOT NULL{''.join(' AND ' + w for w in where)} GROUP BY period, {kind}"
               " ORDER BY period, type")
        return self._rows(sql, args)

    def event_places(self, *, limit: int = 5000, unit: str = "happening", **filters: Any) -> list[dict[str, Any]]:
        """Matching events counted by place (for a map): where, how many, of which types, the latest date."""
        where, args = event_filters(self.conn, unit=unit, **filters)
        if _whole_store(where, args, unit):  # the whole store: its rollup, kept up by the writer
            return self._rows(
                "SELECT min(geonameid) AS geonameid, min(place_name) AS name, min(country_code) AS country_code,"
                " min(location_precision) AS precision, lat, lon, sum(events) AS events, sum(fatalities) AS"
                " fatalities, group_concat(nullif(type, '')) AS types, nullif(max(latest), '') AS latest"
                " FROM happening_places WHERE events > 0 GROUP BY geonameid, lat, lon ORDER BY events DESC LIMIT ?",
                (limit,))
        where.append("+e.lat IS NOT NULL")  # +: a plain scan, not the coordinates index, for a whole-store map
        return self._rows(
            "SELECT e.geonameid, e.place_name AS name, e.country_code, e.location_precision AS precision,"
            " e.lat, e.lon, count(*) AS events, sum(coalesce(e.fatalities, 0)) AS fatalities,"
            f" group_concat(DISTINCT e.type) AS types, max(e.date) AS latest FROM {TABLES[unit]} e"
            f"{_joins(where, unit)} WHERE {' AND '.join(where)} GROUP BY e.geonameid, e.lat, e.lon"
            " ORDER BY events DESC LIMIT ?", args + [limit])

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event mention with its article, or None: the machine's reading (its happening's review is
        the happening's, `happening`)."""
        row = self.conn.execute(f"SELECT {SELECTS['mention']} FROM events e{_joins([], 'mention', every=True)}"
                                " WHERE e.id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        row = dict(row)
        del row["review_corrections"]
        return row

    def happening(self, happening_id: str) -> dict[str, Any] | None:
        """One happening with its lead article and every mention (oldest report first), or None."""
        row = self.conn.execute(f"SELECT {SELECTS['happening']} FROM happenings e"
                                f"{_joins([], 'happening', every=True)} WHERE e.id = ?", (happening_id,)).fetchone()
        if row is None:
            return None
        row = dict(row)
        del row["review_corrections"]
        mentions = self._rows(
            "SELECT e.id, e.evidence, e.evidence_start, e.evidence_end, e.fatalities, e.acled_sub_event_type,"
            " e.date, e.date_precision, e.status, e.confidence, a.doc_id, a.outlet, a.title, a.url, a.published,"
            " a.duplicate_of FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.happening_id = ? ORDER BY a.published, e.id", (happening_id,))
        return {**row, "fatality_figures": json.loads(row["fatality_figures"] or "[]"),
                "review": self.review(row), "mentions": mentions}

    def review(self, happening: dict[str, Any]) -> dict[str, Any] | None:
        """A happening's review beside the machine's reading: the machine's values of the fields corrected
        (`machine`), and the fields the machine reads otherwise now than when the review was made (`changed`:
        a later report gave a finer date, say)."""
        review = self.reviews.get(happening["id"])
        if review is None:
            return None
        return {**review, "machine": {field: happening.get(field) for field in review["corrections"]},
                "changed": sorted(field for field, value in review["seen"].items() if happening.get(field) != value)}

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self.conn.execute(sql, args)]

    def happenings(self, *, min_independent: int = 0, limit: int = 100) -> list[dict[str, Any]]:
        """Happenings, best corroborated first, as reviewed (those a reviewer rejected left out)."""
        return [overlay(row) for row in self._rows(
            f"SELECT {SELECTS['happening']} FROM happenings e{_joins([], 'happening', every=True)}"
            " WHERE e.n_independent >= ? AND r.status IS NOT 'rejected'"
            " ORDER BY e.n_independent DESC, e.n_articles DESC, e.date DESC LIMIT ?", (min_independent, limit))]

    def actors(self, *, limit: int = 100, containing: str | None = None,
               named: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Actors by number of happenings, as actor or recipient; with `containing`, those whose name holds
        it (any case) or is one of `named` (the names an alias stands for)."""
        if containing is None:
            return self._rows("SELECT name, nullif(type, '') AS type, events FROM actor_names"
                              " ORDER BY events DESC, name LIMIT ?", (limit,))
        pattern = "%" + _like_prefix(containing)
        return self._rows("SELECT name, nullif(type, '') AS type, events FROM actor_names WHERE name LIKE ?"
                          f" ESCAPE '\\' OR name IN ({','.join('?' * len(named)) or 'NULL'})"
                          " ORDER BY events DESC, name LIMIT ?", (pattern, *named, limit))

    def summary(self, *, limit: int = 10, **filters: Any) -> dict[str, Any]:
        """Events and fatalities of the filter by country, first-level division, actor and month, in the
        filter's period (its dates, or its events' first to last) and in the period of the same length
        before it (`store.summary.summarise`)."""
        return summarise(self.conn, filters.pop("match", None) or EventFilter.of(**filters), self._from, limit=limit)

    def _from(self, match: EventFilter) -> tuple[str, list[Any]]:
        """FROM and WHERE of the happenings a filter matches, for a count (each filter's index usable)."""
        where, args = event_filters(self.conn, match=match)
        where = [w.replace("+e.", "e.") for w in where]
        return f" FROM happenings e{_joins(where, 'happening')} WHERE {' AND '.join(where) or '1'}", args

    def choices(self) -> dict[str, list[str]]:
        """The values the store's happenings hold for the pickers of a filter: countries, divisions, ACLED
        sub-event types, statuses and PLOVER types (`store.summary.distinct`)."""
        return {name: distinct(self.conn, column) for name, column in
                (("country", "country_code"), ("admin1", "admin1"), ("acled_sub_event_type", "acled_sub_event_type"),
                 ("status", "status"), ("type", "type"))}

    def places(self, *, limit: int = 100) -> list[dict[str, Any]]:
        """Places events happened at, by number of happenings (a region of ours, which has no id, by its name)."""
        return self._rows(
            "SELECT geonameid, place_name AS name, country_code, lat, lon, location_precision AS precision,"
            " count(*) AS events FROM happenings WHERE place_name IS NOT NULL GROUP BY coalesce(geonameid, place_name)"
            " ORDER BY events DESC, name LIMIT ?", (limit,))

    def admin1_codes(self) -> list[str]:
        """The first-level divisions the store's events are in, by code."""
        return distinct(self.conn, "admin1")

    def counterparts(self, name: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Who an actor acted on and who acted on it, by number of events."""
        return self._rows(
            "SELECT name, type, count(*) AS events FROM (SELECT recipient_name AS name, recipient_type AS type"
            " FROM happenings WHERE actor_name = ? AND recipient_name IS NOT NULL UNION ALL SELECT actor_name,"
            " actor_type FROM happenings WHERE recipient_name = ? AND actor_name IS NOT NULL)"
            " GROUP BY name, type ORDER BY events DESC, name LIMIT ?", (name, name, limit))

    def story_articles(self, story_id: str, *, limit: int = 1000) -> list[dict[str, Any]]:
        """The articles of one story, oldest first, each with its `sourcing` (own, copy or wire), the agency it
        credits and the source it counts for (a copy for its original's)."""
        rows = self._rows("SELECT a.doc_id, a.title, a.outlet, a.url, a.published, a.duplicate_of, a.wire,"
                          f" {SOURCE} AS source, {LIKELY_EVENTS} AS n_events FROM {WITH_ORIGINAL}"
                          " WHERE a.story_id = ? ORDER BY a.published IS NULL, a.published, a.id LIMIT ?",
                          (TOLD, story_id, limit))
        return [{**row, "sourcing": sourcing(row)} for row in rows]

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story's row: title, first and last publication, articles, outlets, independent sources, kind."""
        rows = self._rows(f"SELECT {STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,))
        return rows[0] if rows else None

    def stories(self, *, kind: str = "event", sort: str = "sources", limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
        """Stories of one kind ("event": some article tells an event; "other": none does; "all"), the best
        sourced first or (`sort="recent"`) the latest first."""
        if kind not in STORY_KINDS or sort not in STORY_SORTS:
            raise ValueError(f"kind must be one of {STORY_KINDS} and sort one of {sorted(STORY_SORTS)}")
        where = "" if kind == "all" else " WHERE kind = ?"
        return self._rows(f"SELECT {STORY_COLUMNS} FROM stories{where} ORDER BY {STORY_SORTS[sort]} LIMIT ? OFFSET ?",
                          ([] if kind == "all" else [kind]) + [limit, offset])


STORY_COLUMNS = ("id AS story_id, title, title_doc, first_published, last_published, n_articles, n_outlets,"
                 " n_independent, n_copies, n_events, kind")
STORY_KINDS = ("event", "other", "all")
STORY_SORTS = {"sources": "n_independent DESC, last_published DESC, id", "recent": "last_published DESC, id"}


SORTS = {"date_desc": "e.date DESC, e.confidence DESC", "date_asc": "e.date ASC, e.confidence DESC",
         "fatalities_desc": "coalesce(e.fatalities, -1) DESC, e.date DESC",
         "confidence_desc": "e.confidence DESC, e.date DESC",
         # a table's columns, each read off its index with the date (newest first within one value)
         "type_asc": "e.type, e.date DESC", "acled_asc": "e.acled_event_type, e.date DESC",
         "actor_asc": "e.actor_name, e.date DESC", "recipient_asc": "e.recipient_name, e.date DESC",
         "place_asc": "e.place_name, e.date DESC", "status_asc": "e.status, e.date DESC",
         "independent_desc": "e.n_independent DESC, e.date DESC"}
# the sorts by a column some rows leave empty: those rows come after the others (`Store._empty_last`)
EMPTY_LAST = {"type_asc": "e.type", "acled_asc": "e.acled_event_type", "actor_asc": "e.actor_name",
              "recipient_asc": "e.recipient_name", "place_asc": "e.place_name", "status_asc": "e.status"}


UNITS = ("happening", "mention")
# a timeline's periods, each named by its first day
PERIODS = {"day": "e.date", "week": "date(e.date, '-' || ((strftime('%w', e.date) + 6) % 7) || ' days')",
           "month": "substr(e.date, 1, 7) || '-01'"}
# what a row is: a happening (the default of every list and export) or one mention of it in one article
TABLES = {"happening": "happenings", "mention": "events"}
# the tables a row's columns come from, by their alias (CROSS: the events stay the outer loop)
JOINS = {"happening": {"a": "LEFT JOIN articles a ON a.id = e.article_id",
                       "r": "LEFT JOIN reviews r ON r.happening_id = e.id"},
         "mention": {"a": "CROSS JOIN articles a ON a.id = e.article_id",
                     "h": "LEFT JOIN happenings h ON h.id = e.happening_id",
                     "r": "LEFT JOIN reviews r ON r.happening_id = e.happening_id"}}
# a row's review (a mention's is its happening's), laid over it by `reviews.overlay`
REVIEW = ", r.status AS review_status, r.reviewer AS reviewed_by, r.reviewed_at, r.corrections AS review_corrections"
SELECTS = {"happening": "e.*, e.id AS happening_id, a.doc_id, a.title, a.outlet, a.url, a.published, a.story_id,"
                        " a.duplicate_of" + REVIEW,
           "mention": "e.*, a.doc_id, a.title, a.outlet, a.url, a.published, a.story_id, a.duplicate_of,"
                      " h.n_mentions, h.n_articles, h.n_outlets, h.n_independent" + REVIEW}


# a review filter: the row's happening has a review of one of the statuses (a JSON list), or has none of them
REVIEW_CONDITIONS = {"reviewed": "IN (SELECT happening_id FROM reviews WHERE status IN"
                                 " (SELECT value FROM json_each(?)))",
                     "not_reviewed": "NOT IN (SELECT happening_id FROM reviews WHERE status IN"
                                     " (SELECT value FROM json_each(?)))"}
# the filters whose condition depends on what a row is
UNIT_CONDITIONS = {
    # +: read in date order and keep the corroborated (most happenings are, at any small minimum)
    "happening": {"min_independent": "+e.n_independent >= ?",
                  "story": "e.id IN (SELECT m.happening_id FROM events m JOIN articles s ON s.id = m.article_id"
                           " WHERE s.story_id = ?)",
                  "text": "+e.id IN (SELECT happening_id FROM events WHERE article_id IN"
                          " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))",
                  **{key: f"+e.id {condition}" for key, condition in REVIEW_CONDITIONS.items()}},
    # coalesce keeps the happening the inner side of the join
    "mention": {"min_independent": "coalesce(h.n_independent, 0) >= ?", "story": "a.story_id = ?",
                "text": "+e.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                **{key: f"coalesce(e.happening_id, '') {condition}"
                   for key, condition in REVIEW_CONDITIONS.items()}},
}


def event_filters(conn: sqlite3.Connection, *, unit: str = "happening", match: EventFilter | None = None,
                  **given: Any) -> tuple[list[str], list[Any]]:
    """SQL conditions and their bound values for an `EventFilter` (or its fields given as keywords) over
    rows of `unit` (see `UNITS`)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    return (match or EventFilter.of(**given)).where(conn, UNIT_CONDITIONS[unit])


def _whole_store(where: list[str], args: list[Any], unit: str) -> bool:
    """Whether a query over happenings asks for what the rollups hold: every happening but those a
    reviewer rejected (the default of every list)."""
    return unit == "happening" and (not where or (where == [UNIT_CONDITIONS[unit]["not_reviewed"]]
                                                  and args == ['["rejected"]']))


def _joins(where: list[str], unit: str, *, every: bool = False) -> str:
    """The joins a query over `TABLES[unit]` needs: all of them when it shows the rows (`every`), else only
    those a filter asks for (a count over every event then reads the one table alone)."""
    asks = " ".join(where)
    return "".join(f" {join}" for alias, join in JOINS[unit].items()
                   if every or re.search(rf"(?<![\w.]){alias}\.", asks))


def _where(where: list[str]) -> str:
    return " WHERE " + " AND ".join(where) if where else ""
