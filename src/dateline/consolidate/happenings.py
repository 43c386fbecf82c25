"""Events across articles: mentions of one happening merged into one row, every mention kept as evidence.

A stored mention joins the happening it tells by `sameness.same_happening`, the definition the events
stage also reads within one article, asked across texts (a happening gathers many): the same PLOVER type,
a status of the same kind (what happened with what happened, a plan or a prospect with a plan or a
prospect, a denial with a denial), the same place (GeoNames id; or none and the same country and place
name: one of our regions, or no place), dates within the larger tolerance of the two precisions, and sides
that do not contradict (the same name or kind, one unknown, or two non-state armed groups). The query here
only narrows the candidates to what that function could accept, nearest in time first.

The happening is the row every list, map, timeline and export shows. Its fields follow ACLED's rules and are
brought up to date in constant time when a mention arrives (`happening_members` remembers what is counted):
- the first report (earliest publication) gives the lead sentence, article and outlet;
- the most precise date among the mentions (a day beats a week, a week a month);
- fatalities: the lowest figure any source reports (never a sum of copies); every figure is kept;
- the ACLED type most mentions give, `acled_disputed` set when mentions give different ones;
- counts of mentions, articles, outlets and independent outlets (a syndicated copy counts for the outlet
  that wrote it), and `sources`, the independent outlets as ACLED's source column lists them (a copy adds a
  mention, not a source).
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from ..article import EVENT_COLUMNS
from ..gazetteer import normalise
from ..sameness import STATUS_KIND, TOLERANCE_DAYS, Mention, Where, same_happening, tolerance
from .rows import each_row, the_row

DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}  # the finer the lower; unknown ranks last

COPIED = EVENT_COLUMNS  # what a happening copies from its first mention (the rest it gathers from all)
# the lead sentence and where it was read: replaced when an earlier report of the happening arrives
LEAD = ("article_id", "mode", "actor_text", "recipient_text", "speaker", "speaker_type", "via", "anonymous",
        "evidence", "evidence_start", "evidence_end")
# what `mention` reads of a stored event or happening
SAMENESS_COLUMNS = ("id", "type", "status", "acled_event_type", "acled_sub_event_type", "geonameid", "place_name",
                    "country_code", "admin1", "location_precision", "date", "date_precision", "actor_name",
                    "actor_type", "recipient_name", "recipient_type", "evidence_start")


def mention(row: dict[str, Any], report: int | None) -> Mention:
    """What sameness reads of a stored event or happening (`SAMENESS_COLUMNS`); `report`, the article of a
    mention, None for a happening, which gathers many."""
    key = row["geonameid"] if row["geonameid"] is not None else row["place_name"]
    return Mention(type=row["type"], status=row["status"], date=row["date"],
                   precision=row["date_precision"] or "unknown",
                   place=Where(key, row["country_code"], row["admin1"], row["location_precision"]),
                   acled_type=row["acled_event_type"], acled_sub_type=row["acled_sub_event_type"],
                   actor=(row["actor_name"], row["actor_type"]),
                   recipient=(row["recipient_name"], row["recipient_type"]), report=report, start=row["evidence_start"])


def _shift(value: str, days: int) -> str:
    return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()


def _date_rank(precision: str | None) -> int:
    return DATE_RANK.get(precision or "unknown", len(DATE_RANK))


class HappeningIndex:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def add(self, event_id: str) -> str:
        """The happening a stored event belongs to (found or created); its fields and counts brought up to date."""
        e = the_row(self.conn, "SELECT e.*, a.published AS published, a.outlet AS outlet, a.doc_id AS doc_id"
                    " FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?", (event_id,))
        happening = self._find(e)
        if happening is None:
            happening = e["id"]
            self.conn.execute(
                f"INSERT INTO happenings ({', '.join(COPIED)}, first_reported, acled_votes)"
                f" SELECT {', '.join(COPIED)}, ?, ? FROM events WHERE id = ?",
                (e["published"], json.dumps({e["acled_sub_event_type"]: 1} if e["acled_sub_event_type"] else {}),
                 event_id))
            self._roll(e, e["date"], events=1, fatalities=e["fatalities"] or 0)
            self._name(e, "actor")
            self._name(e, "recipient")
            if e["place_name"]:
                self.conn.execute("INSERT INTO place_names VALUES (?, ?, 1)"
                                  " ON CONFLICT DO UPDATE SET events = events + 1",
                                  (e["place_name"], normalise(e["place_name"])))
        else:
            self._update(happening, e)
        self.conn.execute("UPDATE events SET happening_id = ? WHERE id = ?", (happening, event_id))
        self._recount(happening, e)
        return happening

    def _find(self, e: dict) -> str | None:
        """The happening the stored mention `e` tells (`same_happening`, across texts), the nearest in time."""
        mine = mention(e, report=e["article_id"])
        if mine.date is None:
            return None  # `same_date`: across texts an undated mention joins nothing
        # The query is a necessary condition of `same_happening` across texts, so that the function alone
        # decides: the same type, a status of the same kind, the same place key, and a date within the widest
        # tolerance the pair can have: the mention's or a month's (the widest but a year's), or a year's for a
        # happening dated to a year, which is written as its first day. LIMIT bounds the cost, nearest first.
        statuses = [status for status, kind in STATUS_KIND.items() if kind == STATUS_KIND.get(mine.status or "")]
        if mine.type is None or not statuses:
            return None  # `same_type`, `same_status`: no type, or a status of no kind, joins nothing
        day, window = dt.date.fromisoformat(mine.date), max(tolerance(mine.precision), TOLERANCE_DAYS["month"])
        years = [dt.date(year, 1, 1).isoformat() for year in (day.year - 1, day.year, day.year + 1)]
        near = (f"SELECT {', '.join(SAMENESS_COLUMNS)}, abs(julianday(date) - julianday(?)) AS apart, rowid AS arrival"
                " FROM happenings"
                f" WHERE type = ? AND status IN ({', '.join('?' * len(statuses))}) AND "
                + ("geonameid = ?" if e["geonameid"] is not None else
                   "geonameid IS NULL AND country_code IS ? AND place_name IS ?"))
        place = (e["geonameid"],) if e["geonameid"] is not None else (e["country_code"], e["place_name"])
        args = (mine.date, mine.type, *statuses, *place)
        # two indexed lookups: OR in one WHERE would read every date of the place
        sql = (f"{near} AND date BETWEEN ? AND ? UNION {near} AND date IN (?, ?, ?)"
               " ORDER BY apart, date, arrival LIMIT 50")
        for row in each_row(self.conn, sql, (*args, _shift(mine.date, -window), _shift(mine.date, window),
                                             *args, *years)):
            if same_happening(mine, mention(row, report=None)):
                return row["id"]
        return None

    def _update(self, happening: str, e: dict) -> None:
        """The happening's fields with one more mention, `e`, by the rules in the module's docstring."""
        h = the_row(self.conn, "SELECT * FROM happenings WHERE id = ?", (happening,))
        changes: dict[str, Any] = {}
        for side in ("actor", "recipient"):  # a later report may name a side the first one left out
            if h[f"{side}_name"] is None and e[f"{side}_name"] is not None:
                for field in ("text", "name", "type", "country"):
                    changes[f"{side}_{field}"] = e[f"{side}_{field}"]
                self._name(e, side)
        if _date_rank(e["date_precision"]) < _date_rank(h["date_precision"]):
            changes.update(date=e["date"], date_precision=e["date_precision"])
        if e["fatalities"] is not None and (h["fatalities"] is None or e["fatalities"] < h["fatalities"]):
            changes["fatalities"] = e["fatalities"]
        if e["status"] == "asserted" and h["status"] == "claimed":
            changes["status"] = "asserted"
        if (e["confidence"] or 0) > (h["confidence"] or 0):
            changes["confidence"] = e["confidence"]
        if e["published"] and (h["first_reported"] is None or e["published"] < h["first_reported"]):
            changes["first_reported"] = e["published"]
            changes.update({field: e[field] for field in LEAD})
        sub = e["acled_sub_event_type"]
        if sub:
            votes = json.loads(h["acled_votes"] or "{}")
            votes[sub] = votes.get(sub, 0) + 1
            changes["acled_votes"] = json.dumps(votes, sort_keys=True)
            changes["acled_disputed"] = int(len(votes) > 1)
            current = h["acled_sub_event_type"]
            if current is None or votes[sub] > votes.get(current, 0):
                changes.update(acled_event_type=e["acled_event_type"], acled_sub_event_type=sub)
        if changes:
            self.conn.execute(f"UPDATE happenings SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                              (*changes.values(), happening))
        if self._rejected(happening):
            return  # a reviewer took it out of the rollups (`count`): a new mention does not put it back
        old_toll, new_toll = h["fatalities"] or 0, changes.get("fatalities", h["fatalities"]) or 0
        if "date" in changes:  # the happening moves from one day of the rollup to another
            self._roll(h, h["date"], events=-1, fatalities=-old_toll)
            self._roll(h, changes["date"], events=1, fatalities=new_toll)
        elif new_toll != old_toll:
            self._roll(h, h["date"], events=0, fatalities=new_toll - old_toll)

    def count(self, happening: str, sign: int) -> None:
        """The whole store's rollups with a happening taken out (`sign` -1: a reviewer rejected it) or put
        back (+1: the rejection withdrawn), as it stands now."""
        h = the_row(self.conn, "SELECT * FROM happenings WHERE id = ?", (happening,))
        self._roll(h, h["date"], events=sign, fatalities=sign * (h["fatalities"] or 0))

    def _rejected(self, happening: str) -> bool:
        return self.conn.execute("SELECT 1 FROM reviews WHERE happening_id = ? AND status = 'rejected'",
                                 (happening,)).fetchone() is not None

    def _roll(self, h: dict, date: str | None, *, events: int, fatalities: int) -> None:
        """The whole store's timeline and map (`happening_days`, `happening_places`) with one change: a
        happening added (events=1), moved to another day, or given a lower toll."""
        kind = h["type"] or ""
        # undated happenings under "": the timeline leaves them out, the store's totals count them
        self.conn.execute("INSERT INTO happening_days VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
                          " events = events + excluded.events, fatalities = fatalities + excluded.fatalities",
                          (date or "", kind, events, fatalities))
        if h["lat"] is not None and h["lon"] is not None:
            self.conn.execute("INSERT INTO happening_places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO"
                              " UPDATE SET events = events + excluded.events,"
                              " fatalities = fatalities + excluded.fatalities,"
                              " latest = max(coalesce(latest, ''), coalesce(excluded.latest, '')) ",
                              (h["lat"], h["lon"], kind, h["geonameid"], h["place_name"], h["country_code"],
                               h["location_precision"], events, fatalities, date))

    def _name(self, e: dict, side: str) -> None:
        """One more happening for a side's name in `actor_names` (the actors list and filter read it)."""
        if e[f"{side}_name"]:
            self.conn.execute("INSERT INTO actor_names VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET events = events + 1",
                              (e[f"{side}_name"], e[f"{side}_type"] or ""))

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
                          " n_outlets = n_outlets + ?, n_independent = n_independent + ?,"
                          " sources = CASE WHEN ? THEN coalesce(sources || '; ', '') || ? ELSE sources END"
                          " WHERE id = ?",
                          ("article" in new, "outlet" in new, "independent" in new, "independent" in new,
                           independent, happening))
        if "figure" in new:
            figures = sorted(int(r[0]) for r in self.conn.execute(
                "SELECT value FROM happening_members WHERE happening_id = ? AND kind = 'figure'", (happening,)))
            self.conn.execute("UPDATE happenings SET fatality_figures = ? WHERE id = ?",
                              (json.dumps(figures), happening))
