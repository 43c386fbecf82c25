"""An analyst's review of a happening: confirmed, corrected (ACLED event and sub-event type, actor 1 and 2,
place, date, fatalities) or rejected. `record` checks what a review says and stores it with who and when
(`store.reviews`); the machine's reading stays beside it. `training_example` turns a reviewed event into a
line of the training corpus (a rejected one into a line that reports no event).

    from dateline import open
    from dateline.review import record
    with open("events.db") as store:
        record(store, "a1:0", status="corrected", reviewer="Amina", corrections={"fatalities": 3})
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Literal, overload

from .classify.corpus import ACLED, EVENT_TYPE, problems
from .errors import ReviewError
from .store import Store
from .store.reviews import FIELDS, STATUSES

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

LONGEST = {"reviewer": 100, "note": 1000, "name": 200}  # characters
MOST_FATALITIES = 100_000
# the store's statuses as the corpus writes them
CORPUS_STATUS = {"asserted": "happened", "claimed": "claimed", "denied": "denied", "planned": "planned",
                 "hypothetical": "hypothetical", "historical": "historical"}
TOPIC = "reviewed"  # the corpus's topic tag for examples that come from reviews


def record(store: Store, happening_id: str, *, status: str, reviewer: str, corrections: dict[str, Any] | None = None,
           note: str | None = None, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Check a review and store it (replacing the happening's last one); returns it beside the machine's
    reading (`Store.review`). Raises ReviewError: E711 no such happening, E712 a field out of range, E713 a
    corrected place the gazetteer does not know (`gazetteer`: the one to look it up in, else the default)."""
    happening = store.happening(happening_id)
    if happening is None:
        raise ReviewError(f"no happening {happening_id!r}", code="E711")
    checked = check(happening, status=status, corrections=corrections or {}, gazetteer=gazetteer)
    store.reviews.record(happening_id, status=status, corrections=checked, reviewer=_text("reviewer", reviewer),
                         note=_text("note", note, required=False))
    reviewed = store.happening(happening_id)
    if reviewed is None:  # gone since it was read: only a migration rebuilds the happenings
        raise ReviewError(f"no happening {happening_id!r}", code="E711")
    return reviewed["review"]


def withdraw(store: Store, happening_id: str, *, reviewer: str | None = None) -> bool:
    """Take a happening's review back; False when it had none."""
    return store.reviews.withdraw(happening_id, reviewer=_text("reviewer", reviewer, required=False))


def check(happening: dict[str, Any], *, status: str, corrections: dict[str, Any],
          gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """The corrections as stored: each field checked, the event type that a sub-event type belongs to, a
    place's coordinates, country and division from the gazetteer, a day's precision with a date."""
    if status not in STATUSES:
        raise ReviewError(f"status must be one of {', '.join(STATUSES)}, not {status!r}", code="E712")
    if status != "corrected" and corrections:
        raise ReviewError("corrections go with status corrected", code="E712")
    if status == "corrected" and not corrections:
        raise ReviewError("a correction needs at least one corrected field", code="E712")
    unknown = sorted(set(corrections) - set(FIELDS))
    if unknown:
        raise ReviewError(f"{', '.join(unknown)} cannot be corrected; these can: {', '.join(FIELDS)}", code="E712")
    out: dict[str, Any] = {}
    kind, sub = corrections.get("acled_event_type"), corrections.get("acled_sub_event_type")
    if "acled_sub_event_type" in corrections:
        if sub not in EVENT_TYPE:
            raise ReviewError(f"unknown ACLED sub-event type {sub!r}", code="E712")
        if "acled_event_type" in corrections and kind != EVENT_TYPE[sub]:
            raise ReviewError(f"{sub!r} is a sub-event type of {EVENT_TYPE[sub]!r}, not of {kind!r}", code="E712")
        out.update(acled_event_type=EVENT_TYPE[sub], acled_sub_event_type=sub)
    elif "acled_event_type" in corrections:
        if kind not in ACLED:
            raise ReviewError(f"unknown ACLED event type {kind!r}", code="E712")
        if happening.get("acled_sub_event_type") not in ACLED[kind]:
            raise ReviewError(f"give the sub-event type too: one of {', '.join(ACLED[kind])}", code="E712")
        out["acled_event_type"] = kind
    if "actor_name" in corrections:
        out["actor_name"] = _text("actor_name", corrections["actor_name"], longest=LONGEST["name"])
    if "recipient_name" in corrections:  # none: an event with one actor only (a peaceful protest, say)
        out["recipient_name"] = _text("recipient_name", corrections["recipient_name"], longest=LONGEST["name"],
                                      required=False)
    if "date" in corrections:
        out.update(date=_date(corrections["date"]), date_precision="day")
    if "fatalities" in corrections:
        value = corrections["fatalities"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MOST_FATALITIES:
            raise ReviewError(f"fatalities must be a whole number from 0 to {MOST_FATALITIES}, not {value!r}",
                              code="E712")
        out["fatalities"] = value
    if "place_name" in corrections:
        out.update(_place(_text("place_name", corrections["place_name"], longest=LONGEST["name"]),
                          happening.get("country_code"), gazetteer))
    return out


def training_example(row: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """A reviewed row (a list's or an export's, its corrections laid over it) as a line of the training
    corpus (classify/corpus.py): its sentence, the article's headline as context, the reviewed ACLED
    sub-event type and PLOVER type, or none of them for a rejected event. (the line, None), or (None, why
    it cannot be one)."""
    status = row.get("review_status")
    if status not in STATUSES:
        return None, "not reviewed"
    text, title = (row.get("evidence") or "").strip(), (row.get("title") or "").strip()
    headline = text == title
    event = status != "rejected"
    acled, plover = (row.get("acled_sub_event_type"), row.get("type")) if event else (None, None)
    line = {"text": text, "context": "" if headline else title, "acled": acled, "plover": plover,
            "status": CORPUS_STATUS.get(row.get("status") or "") if acled or plover else None,
            "genre": "headline" if headline else "body", "country": row.get("country_code") or "", "topic": TOPIC}
    wrong = problems(line)
    return (None, "; ".join(wrong)) if wrong else (line, None)


# text that is required is never None: the overloads tell the type checker so
@overload
def _text(name: str, value: Any, *, longest: int | None = None, required: Literal[True] = True) -> str: ...
@overload
def _text(name: str, value: Any, *, longest: int | None = None, required: bool) -> str | None: ...
def _text(name: str, value: Any, *, longest: int | None = None, required: bool = True) -> str | None:
    longest = longest or LONGEST[name]
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ReviewError(f"{name} is needed", code="E712")
        return None
    if not isinstance(value, str) or len(value) > longest:
        raise ReviewError(f"{name} must be text of at most {longest} characters", code="E712")
    return " ".join(value.split())


def _date(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ReviewError(f"date must be YYYY-MM-DD, not {value!r}", code="E712")


def _place(name: str, country: str | None, gazetteer: Gazetteer | None) -> dict[str, Any]:
    """A corrected place as the gazetteer has it: in the event's country if a place of that name is, a town
    before a division of the same name ("Kirkuk" the city, not the governorate), the most populous first."""
    if gazetteer is None:
        from .gazetteer import Gazetteer
        from .settings import Settings

        settings = Settings()
        gazetteer = Gazetteer.load(min_population=settings.min_population, path=settings.gazetteer)
    found = sorted(gazetteer.candidates(name), key=lambda p: (p.country_code != country, p.precision != "city",
                                                              -p.population))
    if not found:
        raise ReviewError(f"the gazetteer knows no place named {name!r}", code="E713")
    place = found[0]
    return {"place_name": place.name, "geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
            "country_code": place.country_code, "admin1": place.admin1, "location_precision": place.precision}
