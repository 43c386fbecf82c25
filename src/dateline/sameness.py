"""When two event mentions tell one real-world happening: the one definition.

The events stage asks it of two sentences of one article (`stages/events/merge.py`), the store of a new
mention and a stored happening (`consolidate/happenings.py`); each builds a `Mention` of what it holds and
calls `same_happening`. Each rule is one clause below. A few read one text and two texts differently, and
say why: one writer names each side one way and reads every date against one calendar, while two outlets
name the same gunmen differently, write days apart and code the same clash differently.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Side = tuple[str | None, str | None]  # (name, kind): ("M23", "rebels"); (None, None) when not told

INTENT = frozenset({"THREATEN", "AGREE", "REJECT", "REQUEST"})  # PLOVER types of a stated intent
STATUS_KIND = {"asserted": "happened", "claimed": "happened", "historical": "happened",
               "planned": "may happen", "hypothetical": "may happen", "denied": "denied"}
TOLERANCE_DAYS = {"day": 2, "week": 7, "month": 31, "year": 366, "unknown": 3}
COARSE = {"country": 0, "region": 1, "admin1": 1}  # places that hold others, the coarser first
ARMED_NON_STATE = frozenset({"rebels", "political_militia", "identity_militia"})


@dataclass(frozen=True, slots=True)
class Where:
    """A mention's place as sameness reads it: what tells places apart, and what holds it."""

    key: int | str | None = None  # the GeoNames id; else (one of our regions) the name; None: no place
    country: str | None = None
    admin1: str | None = None
    precision: str | None = None  # point|city|admin2|admin1|region|country


@dataclass(frozen=True, slots=True)
class Mention:
    """What deciding sameness reads of an event mention or of a stored happening."""

    type: str | None  # PLOVER; None: none given (such a mention joins nothing)
    status: str | None  # asserted|claimed|historical|planned|hypothetical|denied
    date: str | None  # YYYY-MM-DD
    precision: str  # day|week|month|year|unknown
    place: Where = Where()
    acled_type: str | None = None
    acled_sub_type: str | None = None
    actor: Side = (None, None)
    recipient: Side = (None, None)
    report: int | str | None = None  # the text it was read in; None for a happening, which gathers many
    start: int | None = None  # where its sentence starts in that text
    casualty_report: bool = False  # "seven soldiers were killed in the fighting": a count told by no one


def same_happening(a: Mention, b: Mention) -> bool:
    """One statement of one text, or the same type, ACLED reading, kind of status, place, date and sides."""
    one = one_report(a, b)
    if one and one_statement(a, b):
        return True
    return same_type(a, b) and same_acled(a, b, one) and same_status(a, b) and same_place(a, b, one) \
        and same_date(a, b, one) and same_sides(a, b, one)


def one_report(a: Mention, b: Mention) -> bool:
    """Both read in one text (a stored happening gathers many, so the store always asks across texts)."""
    return a.report is not None and a.report == b.report


def one_statement(a: Mention, b: Mention) -> bool:
    """"Vowed to retake the town": the vow and what it vows, one sentence of one text, are one statement,
    whatever place or date each reads."""
    return a.type == b.type and a.type in INTENT and a.start is not None and a.start == b.start


def same_type(a: Mention, b: Mention) -> bool:
    """The same PLOVER type (a mention of no type tells no happening we know)."""
    return a.type is not None and a.type == b.type


def same_acled(a: Mention, b: Mention, one: bool) -> bool:
    """The same ACLED event type, or one uncoded. In one text two types are two events, unless one is a
    count told by no one (it counts an event told before it, whatever its type); across texts they are two
    sources disagreeing, which the happening keeps (`acled_votes`, `acled_disputed`)."""
    return not one or a.acled_type is None or b.acled_type is None or a.acled_type == b.acled_type \
        or a.casualty_report or b.casualty_report


def same_status(a: Mention, b: Mention) -> bool:
    """The same kind of status: what happened (asserted, claimed, or historical: asserted long after) with
    what happened, what may happen (planned, hypothetical) with what may happen, a denial with a denial; a
    status of no kind joins nothing."""
    kind = STATUS_KIND.get(a.status or "")
    return kind is not None and kind == STATUS_KIND.get(b.status or "")


def same_place(a: Mention, b: Mention, one: bool) -> bool:
    """The same place (GeoNames id, or our region's name, in one country), or no place for either. In one
    text also a country or province and a place inside it, for two events of one ACLED sub-event type
    ("Turkey shelled a city in northern Syria" and "Turkey fired on Qamishli"); across texts a report of a
    country could be any of the country's events."""
    if (a.place.key, a.place.country) == (b.place.key, b.place.country):
        return True
    if not one or a.acled_sub_type is None or a.acled_sub_type != b.acled_sub_type:
        return False
    coarse, fine = sorted((a.place, b.place), key=lambda place: COARSE.get(place.precision or "", len(COARSE)))
    if coarse.precision not in COARSE or coarse.country != fine.country:
        return False
    return coarse.precision == "country" or (coarse.admin1 is not None and coarse.admin1 == fine.admin1)


def same_date(a: Mention, b: Mention, one: bool) -> bool:
    """Dates that do not contradict. One text reads its dates against one calendar: two dates it tells
    agree only when equal, and an event it tells no date of (precision unknown) contradicts none. Across
    texts, written days apart, dates agree within the larger tolerance of their precisions (`TOLERANCE_DAYS`:
    "in March" and "on Monday 18 March" can be one), and a mention with no date at all joins nothing:
    nothing tells its event from another's."""
    if one:
        return "unknown" in (a.precision, b.precision) or a.date == b.date
    if a.date is None or b.date is None:
        return False
    apart = abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days)
    return apart <= max(tolerance(a.precision), tolerance(b.precision))


def tolerance(precision: str | None) -> int:
    """How many days apart two texts may date one happening, for a date of this precision."""
    return TOLERANCE_DAYS.get(precision or "unknown", TOLERANCE_DAYS["unknown"])


def same_sides(a: Mention, b: Mention, one: bool) -> bool:
    """Actors that agree and recipients that agree (`sides_agree`). A count told by no one, in one text,
    takes no side: its victims may be either side of the event it counts."""
    if one and (a.casualty_report or b.casualty_report):
        return True
    return sides_agree(a.actor, b.actor, one) and sides_agree(a.recipient, b.recipient, one)


def sides_agree(mine: Side, theirs: Side, one: bool) -> bool:
    """The same name, one not told, or one loosely named ("several stalls", kind "other"). Across texts
    also the same kind ("Civilians" and "Civilians (Iraq)") or two non-state armed groups, as reports name
    the same gunmen "militants", "jihadists" or "an unidentified armed group"; one writer, naming two
    sides of one kind, means two."""
    (name, kind), (other_name, other_kind) = mine, theirs
    if name is None or other_name is None or name == other_name or "other" in (kind, other_kind):
        return True
    return not one and (kind == other_kind or {kind, other_kind} <= ARMED_NON_STATE)
