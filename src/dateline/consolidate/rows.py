"""One row of a query as a dict by its column names, whatever the connection's row factory: consolidation
runs on the store's connection and, during an upgrade, on one the store has not yet set up."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any


def one_row(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> dict[str, Any] | None:
    """The query's first row, or None when it gives none."""
    cursor = conn.execute(sql, args)
    row = cursor.fetchone()
    return None if row is None else dict(zip([c[0] for c in cursor.description], row, strict=True))


def the_row(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> dict[str, Any]:
    """The query's first row, which the caller knows is there (a row it stored itself)."""
    row = one_row(conn, sql, args)
    if row is None:
        raise LookupError(f"no row for {args!r}: {sql}")
    return row


def each_row(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
    """The query's rows, one by one."""
    cursor = conn.execute(sql, args)
    names = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))
