"""What `dateline watch` remembers between polls, in the store: each feed's caching headers and the items
already read, and each watched file's size and time, so a poll reads only what is new."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager

from .runs import utc_now


class Watched:
    def __init__(self, conn: sqlite3.Connection, writing: Callable[[], AbstractContextManager[None]]) -> None:
        self.conn = conn
        self.writing = writing  # the store's translation of write errors (a full disk) into StoreError

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """The feed's ETag and Last-Modified from its last poll, for a conditional request."""
        row = self.conn.execute("SELECT etag, modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember_feed(self, url: str, *, status: int | None, etag: str | None = None,
                      modified: str | None = None, error: str | None = None) -> None:
        with self.writing(), self.conn:
            self.conn.execute(
                "INSERT INTO feeds (url, etag, modified, polled, status, error) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(url) DO UPDATE SET etag = coalesce(excluded.etag, etag),"
                " modified = coalesce(excluded.modified, modified), polled = excluded.polled,"
                " status = excluded.status, error = excluded.error",
                (url, etag, modified, utc_now(), status, error))

    def items_seen(self, url: str) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT item_id FROM feed_items WHERE feed = ?", (url,))}

    def remember_items(self, url: str, item_ids: Iterable[str]) -> None:
        with self.writing(), self.conn:
            self.conn.executemany("INSERT OR IGNORE INTO feed_items VALUES (?, ?, ?)",
                                  [(url, item_id, utc_now()) for item_id in item_ids])

    def files_seen(self) -> dict[str, tuple[int, int]]:
        """Each watched file's (size, mtime_ns) when it was last read."""
        return {row[0]: (row[1], row[2]) for row in self.conn.execute("SELECT path, size, mtime_ns FROM folder_files")}

    def remember_files(self, files: Iterable[tuple[str, int, int]]) -> None:
        """(path, size, mtime_ns) of files just read."""
        with self.writing(), self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO folder_files VALUES (?, ?, ?, ?)",
                                  [(path, size, mtime, utc_now()) for path, size, mtime in files])
