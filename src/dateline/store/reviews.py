"""Analysts' reviews of happenings: confirmed, corrected or rejected, each with who and when, every verdict
and withdrawal kept in `review_log`. The happening's own columns stay the machine's reading; a list's or an
export's row gets the reviewed values laid over them (`overlay`), the machine's beside them. The checks of
what a review may say are `dateline.review`'s; this module only stores it."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from ..consolidate.happenings import HappeningIndex
from ..consolidate.rows import one_row
from .runs import utc_now

STATUSES = ("confirmed", "corrected", "rejected")
# what a correction may change: ACLED's event and sub-event type, actor 1 and 2, the place, the date, the toll
FIELDS = ("acled_event_type", "acled_sub_event_type", "actor_name", "recipient_name", "place_name", "date",
          "fatalities")
# what a corrected place or date brings with it: where the place is, and the precision of a day
FOLLOWING = ("geonameid", "lat", "lon", "country_code", "admin1", "location_precision", "date_precision")
# the columns a list's or an export's row gains
ROW_COLUMNS = ("review_status", "reviewed_by", "reviewed_at", "machine_reading")


def overlay(row: dict[str, Any]) -> dict[str, Any]:
    """A list's or an export's row with its review: corrected values in place of the machine's, which go to
    `machine_reading` (a JSON object of the fields corrected; None when none is)."""
    corrections = json.loads(row.pop("review_corrections", None) or "{}")
    machine = {field: row.get(field) for field in corrections}
    row.update(corrections)
    row["machine_reading"] = json.dumps(machine, ensure_ascii=False) if machine else None
    return row


class Reviews:
    def __init__(self, conn: sqlite3.Connection, writing: Callable[[], AbstractContextManager[None]]) -> None:
        self.conn = conn
        self.writing = writing  # the store's translation of write errors (a full disk) into StoreError

    def get(self, happening_id: str) -> dict[str, Any] | None:
        """A happening's review: status, corrections, what the machine read when it was made (`seen`),
        reviewer, time, note, and the mention it was made on; None when it has none."""
        row = self.conn.execute("SELECT * FROM reviews WHERE happening_id = ?", (happening_id,)).fetchone()
        return _review(row) if row else None

    def record(self, happening_id: str, *, status: str, corrections: dict[str, Any], reviewer: str,
               note: str | None = None) -> dict[str, Any] | None:
        """Store a review of a happening (the one before it replaced, both in the log); None when there is
        no such happening. The values are taken as given: `dateline.review.record` checks them."""
        with self.writing(), self.conn:
            h = one_row(self.conn, "SELECT * FROM happenings WHERE id = ?", (happening_id,))
            if h is None:
                return None
            event_id, doc_id = self._anchor(h)
            before = self._status(happening_id)
            seen = {field: h[field] for field in FIELDS + FOLLOWING}
            self.conn.execute(
                "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (happening_id) DO UPDATE SET"
                " event_id = excluded.event_id, doc_id = excluded.doc_id, evidence = excluded.evidence,"
                " status = excluded.status, corrections = excluded.corrections, seen = excluded.seen,"
                " reviewer = excluded.reviewer, note = excluded.note, reviewed_at = excluded.reviewed_at",
                (happening_id, event_id, doc_id, h["evidence"], status, _json(corrections), _json(seen), reviewer,
                 note, utc_now()))
            self._log(happening_id, event_id, doc_id, status, corrections, reviewer, note)
            self._recount(happening_id, before, status)
        return self.get(happening_id)

    def withdraw(self, happening_id: str, *, reviewer: str | None = None) -> bool:
        """Take a happening's review back (logged, with who); False when it had none."""
        with self.writing(), self.conn:
            row = self.conn.execute("SELECT event_id, doc_id, status FROM reviews WHERE happening_id = ?",
                                    (happening_id,)).fetchone()
            if row is None:
                return False
            self.conn.execute("DELETE FROM reviews WHERE happening_id = ?", (happening_id,))
            self._log(happening_id, row[0], row[1], "withdrawn", {}, reviewer, None)
            self._recount(happening_id, row[2], None)
        return True

    def history(self, happening_id: str) -> list[dict[str, Any]]:
        """Every verdict and withdrawal on a happening, oldest first."""
        rows = self.conn.execute("SELECT action, corrections, reviewer, note, at FROM review_log"
                                 " WHERE happening_id = ? ORDER BY id", (happening_id,)).fetchall()
        return [{"action": r[0], "corrections": json.loads(r[1]), "reviewer": r[2], "note": r[3], "at": r[4]}
                for r in rows]

    def recent(self, *, limit: int = 100, status: str | None = None) -> list[dict[str, Any]]:
        """The latest reviews, newest first (of one status, if given)."""
        rows = self.conn.execute("SELECT * FROM reviews WHERE ? IS NULL OR status = ?"
                                 " ORDER BY reviewed_at DESC, happening_id LIMIT ?", (status, status, limit))
        return [_review(row) for row in rows.fetchall()]

    def counts(self) -> dict[str, int]:
        return {status: n for status, n in self.conn.execute("SELECT status, count(*) FROM reviews GROUP BY status")}

    def relink(self) -> int:
        """Reviews whose happening is gone (the happenings rebuilt under other ids) follow the mention they
        were made on to its happening now: by its event id, else by its article and sentence. Returns how
        many moved; a review whose mention is nowhere is kept as it is (`orphans`), never dropped."""
        moved = 0
        with self.writing(), self.conn:
            for happening_id, event_id, doc_id, evidence in self.conn.execute(
                    "SELECT r.happening_id, r.event_id, r.doc_id, r.evidence FROM reviews r"
                    " LEFT JOIN happenings h ON h.id = r.happening_id WHERE h.id IS NULL").fetchall():
                found = self.conn.execute("SELECT happening_id FROM events WHERE id = ?", (event_id,)).fetchone() \
                    or self.conn.execute("SELECT e.happening_id FROM events e JOIN articles a ON a.id = e.article_id"
                                         " WHERE a.doc_id = ? AND e.evidence IS ? ORDER BY e.id LIMIT 1",
                                         (doc_id, evidence)).fetchone()
                target = found[0] if found else None
                if target is None or self._status(target) is not None:
                    continue  # nowhere to go, or its new happening has a review of its own: kept for a person
                self.conn.execute("UPDATE reviews SET happening_id = ? WHERE happening_id = ?", (target, happening_id))
                self.conn.execute("UPDATE review_log SET happening_id = ? WHERE happening_id = ?",
                                  (target, happening_id))
                moved += 1
        return moved

    def orphans(self) -> list[dict[str, Any]]:
        """Reviews whose happening is nowhere in the store."""
        rows = self.conn.execute("SELECT r.* FROM reviews r LEFT JOIN happenings h ON h.id = r.happening_id"
                                 " WHERE h.id IS NULL ORDER BY r.happening_id")
        return [_review(row) for row in rows.fetchall()]

    def _anchor(self, h: dict[str, Any]) -> tuple[str, str]:
        """The mention a review is made on: the happening's lead (its first report's sentence)."""
        row = self.conn.execute(
            "SELECT e.id, a.doc_id FROM events e JOIN articles a ON a.id = e.article_id WHERE e.happening_id = ?"
            " ORDER BY e.article_id IS NOT ? OR e.evidence IS NOT ?, e.id LIMIT 1",
            (h["id"], h["article_id"], h["evidence"])).fetchone()
        if row is None:  # a happening whose mentions are gone: its id is its first mention's
            return h["id"], h["id"].rsplit(":", 1)[0]
        return row[0], row[1]

    def _status(self, happening_id: str) -> str | None:
        row = self.conn.execute("SELECT status FROM reviews WHERE happening_id = ?", (happening_id,)).fetchone()
        return row[0] if row else None

    def _log(self, happening_id: str, event_id: str, doc_id: str, action: str, corrections: dict[str, Any],
             reviewer: str | None, note: str | None) -> None:
        self.conn.execute("INSERT INTO review_log (happening_id, event_id, doc_id, action, corrections, reviewer,"
                          " note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          (happening_id, event_id, doc_id, action, _json(corrections), reviewer, note, utc_now()))

    def _recount(self, happening_id: str, before: str | None, after: str | None) -> None:
        """The rollups (the whole store's totals, timeline and map) leave rejected happenings out, as the
        lists do by default."""
        if (before == "rejected") != (after == "rejected"):
            HappeningIndex(self.conn).count(happening_id, -1 if after == "rejected" else 1)


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _review(row: sqlite3.Row) -> dict[str, Any]:
    r = dict(row)
    return {"happening_id": r["happening_id"], "status": r["status"], "corrections": json.loads(r["corrections"]),
            "seen": json.loads(r["seen"]), "reviewer": r["reviewer"], "reviewed_at": r["reviewed_at"],
            "note": r["note"], "event_id": r["event_id"], "doc_id": r["doc_id"], "evidence": r["evidence"]}
