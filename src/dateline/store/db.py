"""The store: articles with their extraction, events, places, quotes and read failures in one SQLite file."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from ..article import EVENT_COLUMNS
from ..errors import StoreError
from ..gazetteer import km
from .alerts import Alerts
from .query import Reader, event_filters
from .reviews import Reviews
from .runs import Runs
from .watched import Watched
from .write import Writer, _bring_up_to_date, backfill, event_row, upgrade

__all__ = ["EVENT_COLUMNS", "Store", "backfill", "event_filters", "event_row", "open_store", "upgrade"]


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    return Store(path, readonly=readonly)


class Store(Writer, Reader):
    """A dateline database. Opening it applies any pending migration (unless read-only)."""

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such database", code="E401")
                _bring_up_to_date(self.path)
                # a web request opens it in one worker thread and reads in another, never two at once
                self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            else:
                # BEGIN IMMEDIATE: a second writer waits for the lock (busy_timeout) instead of failing when
                # two deferred transactions both try to upgrade to writing
                self.conn = sqlite3.connect(self.path, isolation_level="IMMEDIATE", timeout=30)
                self.conn.execute("PRAGMA journal_mode=WAL")
                upgrade(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a dateline database: {exc}", code="E401") from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.create_function("km", 4, km, deterministic=True)  # for the `near` filter
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=10000")
        self.runs = Runs(self.conn, self.writing)
        self.watched = Watched(self.conn, self.writing)
        self.alerts = Alerts(self.conn, self.writing, lambda match: event_filters(self.conn, match=match))
        self.reviews = Reviews(self.conn, self.writing)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
