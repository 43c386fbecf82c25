"""Events across articles: mentions of one happening merged, with every mention kept as evidence.

Two event mentions are one happening when they have the same PLOVER type, the same place (GeoNames id, or
none and the same country and place name: one of our regions, or no place), dates within a tolerance that
follows the date's precision, and sides that do not contradict each other (the same name, or one side
unknown). Counts of articles, outlets and independent outlets (a syndicated copy counts for the outlet that
wrote it) are kept on the happening; conflicting figures (12 dead in one report, 15 in another) are all kept.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

TOLERANCE_DAYS = {"day": 2, "week": 7, "month": 31, "year": 366, "unknown": 3}


def _compatible(mine: tuple[str | None, str | None], theirs: tuple[str | None, str | None]) -> bool:
    """Sides (name, kind) agree: the same name or kind, one unknown, or one loosely named ("several stalls")."""
    (name, kind), (other_name, other_kind) = mine, theirs
    # the same kind of side at the same place and time: "Civilians" and "Civilians (Iraq)" are one
    return name is None or other_name is None or name == other_name or "other" in (kind, other_kind) \
        or kind == other_kind


def _shift(value: str, days: int) -> str:
    return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()


class HappeningIndex:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def add(self, event_id: str) -> str:
        """The happening a stored event belongs to (found or created); its counts brought up to date."""
        cursor = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,))
        e = dict(zip([d[0] for d in cursor.description], cursor.fetchone()))
        happening = self._find(e)
        if happening is None:
            happening = e["id"]
            self.conn.execute(
                "INSERT INTO happenings (id, type, acled_event_type, acled_sub_event_type, actor_name, actor_type,"
                " recipient_name, recipient_type, geonameid, place_name, country_code, lat, lon, date, date_precision)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (happening, e["type"], e["acled_event_type"], e["acled_sub_event_type"], e["actor_name"],
                 e["actor_type"], e["recipient_name"], e["recipient_type"], e["geonameid"], e["place_name"],
                 e["country_code"], e["lat"], e["lon"], e["date"], e["date_precision"]))
        else:  # a later report may name a side the first one left out
            self.conn.execute("UPDATE happenings SET actor_type = CASE WHEN actor_name IS NULL THEN ? ELSE actor_type END,"
                              " actor_name = coalesce(actor_name, ?),"
                              " recipient_type = CASE WHEN recipient_name IS NULL THEN ? ELSE recipient_type END,"
                              " recipient_name = coalesce(recipient_name, ?),"
                              " acled_event_type = coalesce(acled_event_type, ?),"
                              " acled_sub_event_type = coalesce(acled_sub_event_type, ?) WHERE id = ?",
                              (e["actor_type"], e["actor_name"], e["recipient_type"], e["recipient_name"],
                               e["acled_event_type"], e["acled_sub_event_type"], happening))
        self.conn.execute("UPDATE events SET happening_id = ? WHERE id = ?", (happening, event_id))
        self._recount(happening, e)
        return happening

    def _find(self, e: dict) -> str | None:
        if e["status"] not in ("asserted", "claimed") or not e["date"]:
            return None  # a threat or a denial is its own record, never merged into what happened
        days = TOLERANCE_DAYS.get(e["date_precision"], 3)
        sql = ("SELECT id, actor_name, actor_type, recipient_name, recipient_type FROM happenings WHERE type = ? AND date BETWEEN ? AND ? AND "
               + ("geonameid = ?" if e["geonameid"] is not None else
                  "geonameid IS NULL AND country_code IS ? AND place_name IS ?")
               + " ORDER BY date LIMIT 50")
        place = (e["geonameid"],) if e["geonameid"] is not None else (e["country_code"], e["place_name"])
        rows = self.conn.execute(sql, (e["type"], _shift(e["date"], -days), _shift(e["date"], days), *place))
        for happening, actor, actor_type, recipient, recipient_type in rows:
            if _compatible((e["actor_name"], e["actor_type"]), (actor, actor_type)) and \
                    _compatible((e["recipient_name"], e["recipient_type"]), (recipient, recipient_type)):
                return happening
        return None

    def _recount(self, happening: str, e: dict) -> None:
        """The happening's counts with one more mention, `e`: what it adds (a new article, outlet, independent
        outlet or fatality figure) is recorded in `happening_members`, and only what is new is counted."""
        # an article whose outlet is unknown counts as a source of its own, not as none
        outlet, independent = self.conn.execute(
            "SELECT coalesce(a.outlet, a.doc_id), coalesce(o.outlet, o.doc_id, a.outlet, a.doc_id) FROM articles a"
            " LEFT JOIN articles o ON o.doc_id = a.duplicate_of WHERE a.id = ?", (e["article_id"],)).fetchone()
        members = [("article", str(e["article_id"])), ("outlet", outlet), ("independent", independent)]
        if e["fatalities"] is not None:
            members.append(("figure", str(e["fatalities"])))
        new = set()
        for kind, value in members:
            cursor = self.conn.execute("INSERT OR IGNORE INTO happening_members VALUES (?, ?, ?)",
                                       (happening, kind, value))
            if cursor.rowcount:
                new.add(kind)
        self.conn.execute("UPDATE happenings SET n_mentions = n_mentions + 1, n_articles = n_articles + ?,"
                          " n_outlets = n_outlets + ?, n_independent = n_independent + ? WHERE id = ?",
                          ("article" in new, "outlet" in new, "independent" in new, happening))
        if "figure" in new or self.conn.execute("SELECT fatalities IS NULL FROM happenings WHERE id = ?",
                                                (happening,)).fetchone()[0]:
            figures = sorted(int(r[0]) for r in self.conn.execute(
                "SELECT value FROM happening_members WHERE happening_id = ? AND kind = 'figure'", (happening,)))
            self.conn.execute("UPDATE happenings SET fatalities = ? WHERE id = ?", (json.dumps(figures), happening))
