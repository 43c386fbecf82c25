"""One happening per article: a sentence that restates an earlier event adds to it, not a second event."""
from __future__ import annotations

from ...article import Event, Party
from ...sameness import Mention, Side, Where, same_happening


def one_per_happening(events: list[Event], restated: dict[str, list[Event]] | None = None) -> list[Event]:
    """A sentence that restates an earlier event adds evidence, not a second event; most confident first.

    Two events of an article are one happening by `sameness.same_happening`, read within one text; the
    kept one takes what the other adds (a count, a date, a side). The ones it absorbed are listed under its
    id in `restated`, when given."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if told_once(k, event)), None)
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


CASUALTY_WORDS = {"killed", "died", "dead", "death", "deaths", "wounded", "injured", "fighting", "attack", "clashes",
                  "violence", "casualties"}
ONE_ARTICLE = 0  # the report of every event `one_per_happening` is given: they are one article's


def casualty_report(event: Event) -> bool:
    """"Seven soldiers were killed in the fighting": a count of an event told before, by no one."""
    return event.actor is None and event.trigger.lower() in CASUALTY_WORDS and event.type == "ASSAULT"


def told_once(a: Event, b: Event) -> bool:
    """Two events of one article tell one happening (`sameness.same_happening`)."""
    return same_happening(mention(a), mention(b))


def mention(event: Event) -> Mention:
    """What sameness reads of an event of the article."""
    place = event.location
    return Mention(type=event.type, status=event.status, date=event.date.value, precision=event.date.precision,
                   place=Where(place.key, place.country_code, place.admin1, place.precision) if place else Where(),
                   acled_type=event.acled_event_type, acled_sub_type=event.acled_sub_event_type,
                   actor=_side(event.actor), recipient=_side(event.recipient), report=ONE_ARTICLE,
                   start=event.evidence.start, casualty_report=casualty_report(event))


def _side(party: Party | None) -> Side:
    return (party.name, party.type) if party else (None, None)
