"""Saved filters (alerts) in the store: each one's filter, its webhook, the new happenings it matched and
which of them its webhook has taken. Matching is done by the writer after an ingest (`match_new`); the
HTTP API only reads what it recorded."""
from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import fields
from typing import Any

from ..errors import AlertError
from .filters import EventFilter
from .runs import utc_now

# what an alert's event rows carry, from the happening and its lead article
EVENT_COLUMNS = ("e.id, e.type, e.acled_event_type, e.acled_sub_event_type, e.place_name, e.country_code, e.date,"
                 " e.fatalities, e.sources, e.n_independent, e.evidence, a.title, a.outlet, a.url")


def dump_filter(match: EventFilter) -> str:
    """The filter's fields that are given, as JSON (what the `alerts` table stores)."""
    given = {}
    for f in fields(match):
        value = getattr(match, f.name)
        if value != f.default:
            given[f.name] = list(value) if isinstance(value, tuple) else value
    return json.dumps(given, sort_keys=True, ensure_ascii=False)


def load_filter(text: str) -> EventFilter:
    values = json.loads(text)
    known = {f.name for f in fields(EventFilter)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise AlertError(f"a saved filter has fields this version does not know: {', '.join(unknown)}", code="E701")
    if values.get("near") is not None:
        values["near"] = tuple(values["near"])
    return EventFilter.of(**values)


class Alerts:
    def __init__(self, conn: sqlite3.Connection, writing: Callable[[], AbstractContextManager[None]],
                 where: Callable[[EventFilter], tuple[list[str], list[Any]]]) -> None:
        self.conn = conn
        self.writing = writing  # the store's translation of write errors (a full disk) into StoreError
        self.where = where  # the store's SQL conditions for a filter over happenings (alias e)

    def add(self, name: str, match: EventFilter, *, webhook: str | None = None) -> dict[str, Any]:
        """Save a filter. The happenings already stored are not new to it: only those stored later match."""
        with self.writing(), self.conn:
            try:
                self.conn.execute(
                    "INSERT INTO alerts (name, filter, webhook, created, seen)"
                    " VALUES (?, ?, ?, ?, (SELECT coalesce(max(rowid), 0) FROM happenings))",
                    (name, dump_filter(match), webhook, utc_now()))
            except sqlite3.IntegrityError as exc:
                raise AlertError(f"an alert named {name!r} exists already (remove it first)", code="E703") from exc
        return self.get(name)

    def remove(self, name: str) -> None:
        with self.writing(), self.conn:
            if self.conn.execute("DELETE FROM alerts WHERE name = ?", (name,)).rowcount == 0:
                raise AlertError(f"no alert named {name!r}", code="E702")

    def get(self, name: str) -> dict[str, Any]:
        rows = self._listed("WHERE name = ?", (name,))
        if not rows:
            raise AlertError(f"no alert named {name!r}", code="E702")
        return rows[0]

    def list(self) -> list[dict[str, Any]]:
        """Every alert, by name, with its filter, how many events it found and how many wait for its webhook."""
        return self._listed("", ())

    # below, `list` in an annotation would name the method above: builtins.list is the type
    def _listed(self, where: str, args: Sequence[Any]) -> builtins.list[dict[str, Any]]:
        rows = [dict(row) for row in self.conn.execute(
            "SELECT name, filter, webhook, created, sent, failed, error,"
            " (SELECT count(*) FROM alert_events WHERE alert = name) AS events,"
            " CASE WHEN webhook IS NULL THEN 0 ELSE"
            " (SELECT count(*) FROM alert_events WHERE alert = name AND sent IS NULL) END AS unsent"
            f" FROM alerts {where} ORDER BY name", args)]
        for row in rows:
            row["filter"] = json.loads(row["filter"])
        return rows

    def match_new(self) -> int:
        """Match every alert against the happenings stored since it last looked, in one transaction (the
        matches and the marks they advance land together); returns how many matches were recorded."""
        found = 0
        with self.writing(), self.conn:
            top = self.conn.execute("SELECT coalesce(max(rowid), 0) FROM happenings").fetchone()[0]
            now = utc_now()
            for name, text, seen in self.conn.execute("SELECT name, filter, seen FROM alerts WHERE seen < ?",
                                                      (top,)).fetchall():
                where, args = self.where(load_filter(text))
                # NOT INDEXED: read the new rows by rowid, whatever the filter's own indexes would offer
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO alert_events (alert, happening_id, found)"
                    " SELECT ?, e.id, ? FROM happenings e NOT INDEXED WHERE e.rowid > ? AND e.rowid <= ?"
                    + "".join(" AND " + w for w in where) + " ORDER BY e.rowid", [name, now, seen, top, *args])
                found += cur.rowcount
                self.conn.execute("UPDATE alerts SET seen = ? WHERE name = ?", (top, name))
        return found

    def unsent(self, name: str, *, limit: int) -> tuple[builtins.list[dict[str, Any]], int]:
        """The oldest `limit` events the alert's webhook has not taken yet, and how many more wait."""
        rows = [dict(row) for row in self.conn.execute(
            f"SELECT {EVENT_COLUMNS}, x.found FROM alert_events x JOIN happenings e ON e.id = x.happening_id"
            " LEFT JOIN articles a ON a.id = e.article_id WHERE x.alert = ? AND x.sent IS NULL"
            " ORDER BY x.rowid LIMIT ?", (name, limit))]
        total = self.conn.execute("SELECT count(*) FROM alert_events WHERE alert = ? AND sent IS NULL",
                                  (name,)).fetchone()[0]
        return rows, total - len(rows)

    def mark_sent(self, name: str, happening_ids: Sequence[str]) -> None:
        with self.writing(), self.conn:
            now = utc_now()
            self.conn.executemany("UPDATE alert_events SET sent = ? WHERE alert = ? AND happening_id = ?",
                                  [(now, name, happening_id) for happening_id in happening_ids])
            self.conn.execute("UPDATE alerts SET sent = ?, error = NULL WHERE name = ?", (now, name))

    def mark_failed(self, name: str, error: str) -> None:
        with self.writing(), self.conn:
            self.conn.execute("UPDATE alerts SET failed = ?, error = ? WHERE name = ?", (utc_now(), error, name))

    def recent(self, name: str, *, limit: int) -> builtins.list[dict[str, Any]]:
        """The alert's latest `limit` events, the most recently found first (its feed)."""
        self.get(name)  # E702 for an unknown name, not an empty feed
        return [dict(row) for row in self.conn.execute(
            f"SELECT {EVENT_COLUMNS}, x.found FROM alert_events x JOIN happenings e ON e.id = x.happening_id"
            " LEFT JOIN articles a ON a.id = e.article_id WHERE x.alert = ?"
            " ORDER BY x.found DESC, x.rowid DESC LIMIT ?", (name, limit))]
