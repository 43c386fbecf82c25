"""One happening per article (stages/events/merge.py; the rules themselves in test_sameness.py): events built
by hand, so that what makes two sentences one happening, and what the kept one takes from the other, is tested
apart from the parse."""
from __future__ import annotations

from dateline.article import Event, EventDate, Evidence, Location, Party
from dateline.stages.events.merge import one_per_happening, told_once

GOMA = Location("Goma", 205413, -1.68, 29.22, "CD", "CD.11", "city")
BENI = Location("Beni", 218680, 0.49, 29.47, "CD", "CD.11", "city")
NORTH_KIVU = Location("North Kivu", 7910000, -0.79, 29.05, "CD", "CD.11", "admin1")
CONGO = Location("DR Congo", 203312, -2.88, 23.66, "CD", None, "country")
KIGALI = Location("Kigali", 202061, -1.95, 30.06, "RW", "RW.12", "city")
REBELS = Party("rebels", "M23", "rebels", "DR Congo")
ARMY = Party("soldiers", "Military Forces of DR Congo", "state_forces", "DR Congo")
MILITIA = Party("militiamen", "CODECO", "political_militia", "DR Congo")


def event(number: int, *, kind=("ASSAULT", "Battles", "Armed clash"), place=GOMA, date=("2024-05-19", "day"),
          actor=REBELS, recipient=ARMY, status="asserted", confidence=0.8, fatalities=None, trigger="attacked",
          start=None) -> Event:
    start = number * 100 if start is None else start
    return Event(id=f"e{number}", type=kind[0], mode=None, acled_event_type=kind[1], acled_sub_event_type=kind[2],
                 actor=actor, recipient=recipient, location=place, date=EventDate(*date), fatalities=fatalities,
                 status=status, attribution=None, evidence=Evidence(f"sentence {number}", start, start + 50),
                 confidence=confidence, trigger=trigger)


def test_merge_a_restatement_adds_what_it_tells_to_the_first_telling():
    first = event(1, confidence=0.9, date=("2024-05-20", "unknown"), recipient=None)
    again = event(2, confidence=0.6, fatalities=6)
    restated = {}
    assert one_per_happening([first, again], restated) == [first]
    assert (first.fatalities, first.recipient, first.date) == (6, ARMY, EventDate("2024-05-19", "day"))
    assert restated == {"e1": [again]}


def test_merge_the_more_confident_telling_is_kept_with_all_it_absorbed():
    one, two, three = event(1, confidence=0.5), event(2, confidence=0.4), event(3, confidence=0.9, fatalities=3)
    restated = {}
    assert one_per_happening([one, two, three], restated) == [three]
    assert restated == {"e3": [one, two]}  # what the first had absorbed moves with it


def test_merge_different_happenings_stay_apart_most_confident_first():
    base = event(1, confidence=0.5)
    others = [
        event(2, place=BENI, confidence=0.9),  # another town
        event(3, date=("2024-05-12", "day"), confidence=0.7),  # another day
        event(4, status="denied", confidence=0.6),  # denied beside asserted
        event(5, actor=MILITIA, confidence=0.55),  # another side
        event(6, kind=("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"), confidence=0.4),
    ]
    kept = one_per_happening([base, *others])
    assert [e.id for e in kept] == ["e2", "e3", "e4", "e5", "e1", "e6"]
    assert not any(told_once(base, other) for other in others)


def test_merge_an_undated_or_planned_telling():
    assert told_once(event(1), event(2, date=("2024-05-20", "unknown")))  # no date of its own: no conflict
    assert not told_once(event(1), event(2, status="planned"))  # a plan is not the deed


def test_merge_a_count_told_by_no_one_joins_the_event_it_counts():
    clash = event(1, confidence=0.9)
    toll = event(2, kind=("ASSAULT", "Violence against civilians", "Attack"), actor=None, recipient=None,
                 fatalities=11, trigger="killed", confidence=0.5)
    assert one_per_happening([clash, toll]) == [clash] and clash.fatalities == 11
    named = event(3, kind=("ASSAULT", "Violence against civilians", "Attack"), actor=MILITIA, trigger="killed")
    assert not told_once(clash, named)  # a side named: another deed


def test_merge_a_vow_and_what_it_vows_are_one_statement():
    vow = event(1, kind=("THREATEN", None, None), place=None, start=40)
    retake = event(2, kind=("THREATEN", None, None), place=GOMA, start=40)
    assert told_once(vow, retake)
    assert not told_once(vow, event(3, kind=("THREATEN", None, None), place=GOMA, start=90))


def test_merge_a_province_or_country_holds_a_town_of_the_same_sub_event():
    assert told_once(event(1, place=CONGO), event(2, place=GOMA))
    assert told_once(event(1, place=NORTH_KIVU), event(2, place=BENI))
    assert not told_once(event(1, place=CONGO), event(2, place=KIGALI))  # another country
    assert not told_once(event(1, place=GOMA), event(2, place=BENI))  # two towns are two places
    retaken = ("ASSAULT", "Battles", "Government regains territory")
    assert not told_once(event(1, place=CONGO), event(2, place=GOMA, kind=retaken))
