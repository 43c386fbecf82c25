"""One happening per article: a sentence that restates an earlier event adds to it, not a second event."""
from __future__ import annotations

from ...article import Event
from .status import REALIS


def one_per_happening(events: list[Event], restated: dict[str, list[Event]] | None = None) -> list[Event]:
    """A sentence that restates an earlier event adds evidence, not a second event; most confident first.

    Two events of an article are one happening when they have the same type and place, no contradicting
    dates, sides or status; the kept one takes what the other adds (a count, a date, a side). The ones it
    absorbed are listed under its id in `restated`, when given."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if same_happening(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        first, second = (twin, event) if twin.confidence >= event.confidence else (event, twin)
        absorb(first, second)
        if first is event:
            kept[kept.index(twin)] = event
        if restated is not None:
            restated.setdefault(first.id, []).extend([second, *restated.pop(second.id, [])])
    return sorted(kept, key=lambda e: -e.confidence)


def absorb(first: Event, second: Event) -> None:
    """`first`, the sentence kept for a happening, takes what `second`, a restatement, adds."""
    if first.fatalities is None or first.fatalities == 0 and second.fatalities:
        first.fatalities = second.fatalities  # "no casualties were reported" yields to a count of the dead
    first.actor = first.actor or second.actor
    first.recipient = first.recipient or second.recipient
    if first.date.precision == "unknown" and second.date.precision != "unknown":
        first.date = second.date
    first.attribution = first.attribution or second.attribution


INTENT = {"THREATEN", "AGREE", "REJECT", "REQUEST"}
CASUALTY_WORDS = {"killed", "died", "dead", "death", "deaths", "wounded", "injured", "fighting", "attack", "clashes",
                  "violence", "casualties"}


def casualty_report(event: Event) -> bool:
    """"Seven soldiers were killed in the fighting": a count of an event told before, by no one."""
    return event.actor is None and event.trigger.lower() in CASUALTY_WORDS and event.type == "ASSAULT"


def same_happening(a: Event, b: Event) -> bool:
    if a.type == b.type and a.type in INTENT and a.evidence.start == b.evidence.start:
        return True  # "vowed to retake": the vow and what it vows are one statement
    if a.type != b.type or (a.acled_event_type and b.acled_event_type and a.acled_event_type != b.acled_event_type
                            and not (casualty_report(a) or casualty_report(b))):
        return False
    if (a.status in REALIS) != (b.status in REALIS) or "denied" in (a.status, b.status) and a.status != b.status:
        return False
    if not _same_place(a, b):
        return False
    if a.date.precision != "unknown" and b.date.precision != "unknown" and a.date.value != b.date.value:
        return False
    if casualty_report(a) or casualty_report(b):
        return True  # its victims may be either side of the event it counts
    for x, y in ((a.actor, b.actor), (a.recipient, b.recipient)):
        if x and y and x.name != y.name and x.type != "other" and y.type != "other":
            return False
    return True


COARSE = {"country": 0, "region": 1, "admin1": 1}  # the coarser first


def _same_place(a: Event, b: Event) -> bool:
    """The same place, or, for two events of one ACLED sub-event type, a country or province and a place
    inside it ("Turkey shelled a city in northern Syria" and "Turkey fired on Qamishli")."""
    if (a.location.key if a.location else None) == (b.location.key if b.location else None):
        return True
    if a.location is None or b.location is None or a.acled_sub_event_type is None or \
            a.acled_sub_event_type != b.acled_sub_event_type:
        return False
    coarse, fine = sorted((a.location, b.location), key=lambda place: COARSE.get(place.precision or "", 2))
    if coarse.precision not in COARSE or coarse.country_code != fine.country_code:
        return False
    return coarse.precision == "country" or (coarse.admin1 is not None and coarse.admin1 == fine.admin1)
