"""Ingest runs and their progress, kept in the store so that the terminal, the web UI and a second process
all read the same figures while a run goes on."""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

COUNTS = ("articles", "events", "failures", "skipped")


def utc_now() -> str:
    """Now, in UTC, to the second: the store's timestamps."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Runs:
    def __init__(self, conn: sqlite3.Connection, writing: Callable[[], AbstractContextManager[None]]) -> None:
        self.conn = conn
        self.writing = writing  # the store's translation of write errors (a full disk) into StoreError

    def start(self, inputs: list[str], *, total: int | None) -> int:
        """Record a new run. Runs left 'running' by a process that is gone are marked 'interrupted'."""
        with self.writing(), self.conn:
            for row in self.conn.execute("SELECT id, pid FROM runs WHERE state = 'running'").fetchall():
                if not _alive(row[1]):
                    self.conn.execute("UPDATE runs SET state = 'interrupted' WHERE id = ?", (row[0],))
            cur = self.conn.execute("INSERT INTO runs (pid, inputs, started, updated, total) VALUES (?,?,?,?,?)",
                                    (os.getpid(), json.dumps(inputs), utc_now(), utc_now(), total))
        assert cur.lastrowid is not None  # an INSERT's cursor always has it
        return cur.lastrowid

    def update(self, run_id: int, *, done: int, counts: dict[str, int]) -> None:
        with self.writing(), self.conn:
            self.conn.execute(f"UPDATE runs SET updated = ?, done = ?, {', '.join(f'{k} = ?' for k in COUNTS)}"
                              " WHERE id = ?", (utc_now(), done, *(counts[k] for k in COUNTS), run_id))

    def finish(self, run_id: int, *, state: str = "finished") -> None:
        with self.writing(), self.conn:
            self.conn.execute("UPDATE runs SET state = ?, finished = ?, updated = ? WHERE id = ?",
                              (state, utc_now(), utc_now(), run_id))

    def recent(self, *, limit: int = 10) -> list[dict[str, Any]]:
        """The latest runs, newest first, each with its rate (articles read per second) and an ETA when the
        total is known."""
        rows = [dict(r) for r in self.conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))]
        for row in rows:
            row["inputs"] = json.loads(row["inputs"])
            row.update(rate_and_eta(row["done"], row["total"], _seconds(row["started"], row["updated"])))
        return rows


def rate_and_eta(done: int, total: int | None, seconds: float) -> dict[str, float | None]:
    rate = done / seconds if seconds > 0 and done else None
    eta = (max(0, total - done) / rate) if rate and total is not None else None
    return {"rate": rate, "eta_seconds": eta}


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
