"""The one definition of "the same happening" (sameness.py): mentions built by hand, one test per rule, within
one text (report 1 and 1) and across texts (report 1 and 2)."""
from __future__ import annotations

import dataclasses

from dateline.sameness import Mention, Where, same_happening

GOMA = Where(205413, "CD", "CD.11", "city")
BENI = Where(218680, "CD", "CD.11", "city")
NORTH_KIVU = Where(7910000, "CD", "CD.11", "admin1")
ITURI = Where(7910001, "CD", "CD.12", "admin1")
CONGO = Where(203312, "CD", None, "country")
KIGALI = Where(202061, "RW", "RW.12", "city")
REBELS, MILITIA, ARMY = ("M23", "rebels"), ("CODECO", "political_militia"), ("Military Forces of DR Congo",
                                                                              "state_forces")
CLASH = Mention(type="ASSAULT", status="asserted", date="2024-05-19", precision="day", place=GOMA,
                acled_type="Battles", acled_sub_type="Armed clash", actor=REBELS, recipient=ARMY, report=1, start=0)


def told(**changes) -> Mention:
    """The clash told again, in the same text, with `changes`."""
    return dataclasses.replace(CLASH, **{"start": 200, **changes})


def elsewhere(**changes) -> Mention:
    """The clash told by another text (report 2 unless `changes` say), with `changes`."""
    return told(**{"report": 2, **changes})


def test_sameness_the_same_telling_twice_is_one_happening_in_one_text_and_across():
    assert same_happening(CLASH, told()) and same_happening(CLASH, elsewhere())


def test_sameness_one_statement_of_intent_whatever_its_place_or_date():
    vow = told(type="THREATEN", place=Where(), date=None, precision="unknown", start=40)
    retake = told(type="THREATEN", start=40)
    assert same_happening(vow, retake) and same_happening(retake, vow)
    assert not same_happening(vow, dataclasses.replace(retake, start=90))  # another sentence
    assert not same_happening(vow, dataclasses.replace(retake, report=2))  # another text
    assert not same_happening(told(place=Where(), start=40), told(start=40))  # a deed, not an intent


def test_sameness_another_type_is_another_happening():
    assert not same_happening(CLASH, told(type="PROTEST")) and not same_happening(CLASH, elsewhere(type="PROTEST"))
    assert not same_happening(told(type=None), told(type=None))  # an event of no type tells nothing known


def test_sameness_acled_types_differing_in_one_text_are_two_events_across_texts_a_dispute():
    shelling = dict(acled_type="Explosions/Remote violence", acled_sub_type="Shelling/artillery/missile attack")
    assert not same_happening(CLASH, told(**shelling))
    assert same_happening(CLASH, elsewhere(**shelling))
    assert same_happening(CLASH, told(acled_type=None, acled_sub_type=None))  # one uncoded
    toll = told(acled_type="Violence against civilians", acled_sub_type="Attack", actor=(None, None),
                casualty_report=True)
    assert same_happening(CLASH, toll)  # a count told by no one counts the event told before it


def test_sameness_statuses_of_one_kind():
    assert same_happening(CLASH, told(status="claimed")) and same_happening(CLASH, elsewhere(status="historical"))
    assert same_happening(told(status="planned"), elsewhere(status="hypothetical"))
    assert not same_happening(CLASH, told(status="planned"))  # a plan is not the deed
    assert not same_happening(CLASH, elsewhere(status="denied"))
    assert same_happening(told(status="denied"), elsewhere(status="denied"))
    assert not same_happening(told(status="unheard of"), elsewhere(status="unheard of"))  # no kind, no join


def test_sameness_the_same_place_or_no_place():
    assert not same_happening(CLASH, told(place=BENI)) and not same_happening(CLASH, elsewhere(place=BENI))
    assert same_happening(told(place=Where()), elsewhere(place=Where()))
    assert not same_happening(CLASH, elsewhere(place=Where()))
    darfur = Where("Darfur", "SD", None, "region")  # one of our regions: no GeoNames id, its name tells it
    assert same_happening(told(place=darfur), elsewhere(place=darfur))
    assert not same_happening(told(place=darfur), elsewhere(place=dataclasses.replace(darfur, country="TD")))


def test_sameness_in_one_text_a_country_or_province_holds_a_place_inside_it():
    assert same_happening(told(place=CONGO), told(place=GOMA))
    assert same_happening(told(place=BENI), told(place=NORTH_KIVU))
    assert not same_happening(told(place=ITURI), told(place=BENI))  # another province
    assert not same_happening(told(place=CONGO), told(place=KIGALI))  # another country
    assert not same_happening(told(place=CONGO), told(place=GOMA, acled_sub_type="Government regains territory"))
    assert not same_happening(told(place=CONGO, acled_sub_type=None), told(place=GOMA, acled_sub_type=None))
    assert not same_happening(told(place=CONGO), elsewhere(place=GOMA))  # across texts: any of the country's


def test_sameness_dates_in_one_text_equal_or_one_untold():
    assert not same_happening(CLASH, told(date="2024-05-20"))  # the next day: another telling of another day
    assert same_happening(CLASH, told(date="2024-05-20", precision="unknown"))
    assert same_happening(told(date=None, precision="unknown"), CLASH)
    assert not same_happening(told(date="2024-05-01", precision="month"), CLASH)


def test_sameness_dates_across_texts_within_the_larger_tolerance():
    assert same_happening(CLASH, elsewhere(date="2024-05-21"))  # two days for a day
    assert not same_happening(CLASH, elsewhere(date="2024-05-22"))
    march = elsewhere(date="2024-03-01", precision="month")
    assert same_happening(march, elsewhere(date="2024-03-18", report=3))
    assert not same_happening(march, elsewhere(date="2024-04-02", report=3))
    undated = elsewhere(date="2024-05-22", precision="unknown")  # the publication date stands in
    assert same_happening(CLASH, undated) and not same_happening(CLASH, elsewhere(date="2024-05-23",
                                                                                  precision="unknown"))
    assert not same_happening(CLASH, elsewhere(date=None, precision="unknown"))  # no date at all: joins nothing
    year = elsewhere(date="2024-01-01", precision="year")
    assert same_happening(year, CLASH) and same_happening(CLASH, year)  # whichever arrives first
    assert not same_happening(year, elsewhere(date="2025-01-03", report=3))


def test_sameness_sides_in_one_text_by_name_across_texts_by_kind():
    assert not same_happening(CLASH, told(actor=MILITIA))  # one writer, two names: two groups
    assert same_happening(CLASH, elsewhere(actor=MILITIA))  # two non-state armed groups: the same gunmen
    assert not same_happening(CLASH, elsewhere(actor=ARMY))  # another kind of side
    other_army = ("Military Forces of Rwanda", "state_forces")
    assert not same_happening(CLASH, told(recipient=other_army)) and same_happening(CLASH,
                                                                                     elsewhere(recipient=other_army))
    assert not same_happening(CLASH, elsewhere(recipient=("Civilians (DR Congo)", "civilians")))
    assert same_happening(CLASH, told(actor=(None, None), recipient=(None, None)))  # not told
    assert same_happening(CLASH, told(actor=("several stalls", "other")))  # loosely named


def test_sameness_a_count_told_by_no_one_takes_no_side_in_one_text_only():
    toll = dict(actor=(None, None), recipient=("Civilians (DR Congo)", "civilians"), casualty_report=True)
    assert same_happening(CLASH, told(**toll))
    assert not same_happening(CLASH, elsewhere(**toll))
