"""What the events can be narrowed to: one record, `EventFilter`, declared once with each field's help.

The store turns it into SQL (`EventFilter.where`), the command line builds its options from it
(`add_arguments`), and the HTTP API takes the same names (a test holds the three together). A field that
takes several values (`type`, `acled_type`, `country`, `admin1`, `status`, `actor_type`) matches any of them.
"""
from __future__ import annotations

import argparse
import json
import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..gazetteer import normalise

ACLED_EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments"}
STATUSES = ("asserted", "claimed", "denied", "planned", "hypothetical", "historical")
REVIEWS = ("unreviewed", "confirmed", "corrected", "rejected")


def _field(help_: str, *, many: bool = False, metavar: str | None = None, cli: bool = True, default: Any = None) -> Any:
    return field(default=() if many else default,
                 metadata={"help": help_, "many": many, "metavar": metavar, "cli": cli})


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """Events matching every field given (and any value of a field of several)."""

    type: tuple[str, ...] = _field("PLOVER type, e.g. ASSAULT", many=True, metavar="TYPE")
    acled_type: tuple[str, ...] = _field("ACLED event type or sub-event type, e.g. Battles", many=True,
                                         metavar="TYPE")
    actor: str | None = _field("part of an actor's or recipient's name")
    actor_name: str | None = _field("an actor's whole name, as actor or recipient", cli=False)
    actor_type: tuple[str, ...] = _field("ACLED actor kind of either side, e.g. civilians", many=True,
                                         metavar="KIND")
    place: str | None = _field("part of the place name (case and accents ignored)")
    country: tuple[str, ...] = _field("ISO alpha-2 code of the event's country, e.g. IQ", many=True, metavar="CC")
    admin1: tuple[str, ...] = _field("first-level division, as stored", many=True, metavar="CODE")
    since: str | None = _field("events on or after this date", metavar="YYYY-MM-DD")
    until: str | None = _field("events on or before this date", metavar="YYYY-MM-DD")
    status: tuple[str, ...] = _field(f"one of {', '.join(STATUSES)}", many=True, metavar="STATUS")
    text: str | None = _field("words in the article (full-text search)")
    min_independent: int | None = _field("reported by at least N independent outlets", metavar="N")
    review: tuple[str, ...] = _field(f"events reviewed so: one of {', '.join(REVIEWS)} (default: all but "
                                     "rejected)", many=True, metavar="REVIEW")
    min_confidence: float | None = _field("the event's confidence is at least this (0 to 1)", metavar="P")
    near: tuple[float, float, float] | None = _field("within KM of a point: (lat, lon, km)", cli=False)
    story: str | None = _field("the events of one story", cli=False)

    @classmethod
    def of(cls, **given: Any) -> EventFilter:
        """A filter from keyword values: a single value where several may be given is taken as one of them,
        None and empty values as not given."""
        many = {f.name for f in fields(cls) if f.metadata["many"]}
        values: dict[str, Any] = {}
        for name, value in given.items():
            if value is None or value == "" or value == ():
                continue
            if name in many and isinstance(value, str):
                value = (value,)
            values[name] = tuple(value) if name in many else value
        return cls(**values)

    def where(self, conn: sqlite3.Connection, conditions: dict[str, str]) -> tuple[list[str], list[Any]]:
        """SQL conditions over the row table `e` and their bound values; `conditions` gives those that
        depend on what a row is (happening or mention)."""
        where: list[str] = []
        args: list[Any] = []

        def any_of(column: str, values: Sequence[Any]) -> None:
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            args.extend(values)

        if self.type:
            any_of("e.type", [value.upper() for value in self.type])
        if self.country:
            any_of("e.country_code", [value.upper() for value in self.country])
        if self.admin1:
            any_of("e.admin1", self.admin1)
        if self.status:
            any_of("e.status", self.status)
        for name, condition in (("since", "e.date >= ?"), ("until", "e.date <= ?")):
            if getattr(self, name):
                where.append(condition)
                args.append(getattr(self, name))
        for name in ("story", "min_independent"):
            if getattr(self, name):
                where.append(conditions[name])
                args.append(getattr(self, name))
        if self.min_confidence is not None:  # +: no index; read in date order and keep the confident
            where.append("+e.confidence >= ?")
            args.append(self.min_confidence)
        if self.actor_type:  # +: read in date order, not OR-ed indexes
            marks = ",".join("?" * len(self.actor_type))
            where.append(f"(+e.actor_type IN ({marks}) OR +e.recipient_type IN ({marks}))")
            args += [*self.actor_type, *self.actor_type]
        if self.near:
            lat, lon, km = self.near
            box = km / 111.0  # degrees of latitude; the box only narrows, the distance decides
            wide = box / max(0.01, math.cos(math.radians(lat)))
            where.append("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ? AND km(e.lat, e.lon, ?, ?) <= ?")
            args += [lat - box, lat + box, lon - wide, lon + wide, lat, lon, km]
        if self.acled_type:  # event types and sub-event types: the names never overlap
            kinds = [value for value in self.acled_type if value in ACLED_EVENT_TYPES]
            subs = [value for value in self.acled_type if value not in ACLED_EVENT_TYPES]
            parts = [f"e.{column} IN ({','.join('?' * len(values))})"
                     for column, values in (("acled_event_type", kinds), ("acled_sub_event_type", subs)) if values]
            where.append(parts[0] if len(parts) == 1 else f"({' OR '.join(parts)})")
            args += kinds + subs
        if self.actor:
            pattern = "%" + _like_prefix(self.actor)
            where.append(_by_names(conn, "actor_names", "SELECT name FROM actor_names WHERE name LIKE ? ESCAPE '\\'",
                                   pattern, ("actor_name", "recipient_name")))
            args += [pattern] * 2
        if self.actor_name:
            where.append(_by_names(conn, "actor_names", "SELECT ?", self.actor_name, ("actor_name", "recipient_name")))
            args += [self.actor_name] * 2
        if self.place:  # part of the name, any case, accents ignored
            pattern = "%" + _like_prefix(normalise(self.place))
            where.append(_by_names(conn, "place_names", "SELECT name FROM place_names WHERE folded LIKE ? ESCAPE '\\'",
                                   pattern, ("place_name",)))
            args.append(pattern)
        if self.text:
            where.append(conditions["text"])
            args.append(_fts_query(self.text))
        self._reviewed(conn, conditions, where, args)
        return where, args

    def _reviewed(self, conn: sqlite3.Connection, conditions: dict[str, str], where: list, args: list) -> None:
        """The review filter: by default every event but those a reviewer rejected (no condition at all while
        none is, so the whole store's counts are still read off its rollups)."""
        if not self.review and not conn.execute("SELECT 1 FROM reviews WHERE status = 'rejected' LIMIT 1").fetchone():
            return
        shown = set(self.review or REVIEWS[:3])
        if "unreviewed" in shown:  # those without a review of a status left out (none left out: every event)
            where.append(conditions["not_reviewed"])
            args.append(json.dumps(sorted(set(REVIEWS) - shown)))
        else:
            where.append(conditions["reviewed"])
            args.append(json.dumps(sorted(shown)))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The filter's fields as command-line options (`--acled-type Battles --acled-type Riots`)."""
    for f in fields(EventFilter):
        if not f.metadata["cli"]:
            continue
        option = "--" + f.name.replace("_", "-")
        kind = {"min_independent": int, "min_confidence": float}.get(f.name, str)
        choices = {"status": STATUSES, "review": REVIEWS}.get(f.name)
        parser.add_argument(option, dest=f.name, type=kind, choices=choices, metavar=f.metadata["metavar"],
                            action="append" if f.metadata["many"] else "store",
                            help=f.metadata["help"] + (" (repeat for any of several)" if f.metadata["many"] else ""))


def from_arguments(args: argparse.Namespace) -> EventFilter:
    return EventFilter.of(**{f.name: getattr(args, f.name, None) for f in fields(EventFilter) if f.metadata["cli"]})


def _by_names(conn: sqlite3.Connection, table: str, names_sql: str, value: str, columns: tuple[str, ...]) -> str:
    """The condition for events with one of the names `names_sql` selects (from `table`, which counts each
    name's events) in any of `columns`.

    Few matching events: look them up by name (the name indexes) and sort them. Many: read events newest
    first and keep those that match (the `+` turns the name indexes off). Reading N events in date order finds
    the first page of 100 after about 100 * N / M rows when M match, so the lookup wins while M < sqrt(100 N)."""
    matching = conn.execute(f"SELECT coalesce(sum(events), 0) FROM {table} WHERE name IN ({names_sql})", (value,))
    total = conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0]
    plus = "+" if matching.fetchone()[0] ** 2 > 100 * total else ""
    return "(" + " OR ".join(f"{plus}e.{column} IN ({names_sql})" for column in columns) + ")"


def _like_prefix(text: str) -> str:
    """A LIKE pattern for "starts with `text`", its own % and _ taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms: no FTS syntax from the user reaches SQLite."""
    words = [w.replace('"', "") for w in text.split() if w.replace('"', "")]
    return " ".join(f'"{w}"' for w in words) or '""'
