"""Relative dates, each resolved against a stated publication date (its weekday in the comment)."""
from __future__ import annotations

import calendar
import datetime as dt

import pytest

from dateline.stages.dates import resolve

MON = dt.date(2017, 1, 16)  # Monday
THU = dt.date(2024, 5, 16)  # Thursday
SUN = dt.date(2023, 12, 31)  # Sunday

CASES = [
    ("on Monday", MON, "2017-01-16", "day"),  # same weekday as publication: that day, not a week earlier
    ("Monday", THU, "2024-05-13", "day"),
    ("on Tuesday", THU, "2024-05-14", "day"),
    ("on Wednesday", THU, "2024-05-15", "day"),
    ("Thursday", THU, "2024-05-16", "day"),
    ("on Friday", THU, "2024-05-10", "day"),
    ("last Friday", MON, "2017-01-13", "day"),
    ("last Monday", MON, "2017-01-09", "day"),
    ("next Monday", THU, "2024-05-20", "day"),
    ("Sunday night", MON, "2017-01-15", "day"),
    ("Saturday morning", SUN, "2023-12-30", "day"),
    ("today", THU, "2024-05-16", "day"),
    ("this morning", THU, "2024-05-16", "day"),
    ("tonight", THU, "2024-05-16", "day"),
    ("yesterday", THU, "2024-05-15", "day"),
    ("last night", MON, "2017-01-15", "day"),
    ("yesterday", dt.date(2024, 3, 1), "2024-02-29", "day"),
    ("the day before yesterday", THU, "2024-05-14", "day"),
    ("tomorrow", SUN, "2024-01-01", "day"),
    ("three days ago", THU, "2024-05-13", "day"),
    ("two weeks ago", MON, "2017-01-02", "week"),
    ("a week ago", THU, "2024-05-09", "week"),
    ("two months ago", MON, "2016-11-01", "month"),
    ("five years ago", THU, "2019-01-01", "year"),
    ("last week", MON, "2017-01-09", "week"),
    ("the past two weeks", MON, "2017-01-02", "week"),
    ("last month", MON, "2016-12-01", "month"),
    ("last month", THU, "2024-04-01", "month"),
    ("last year", THU, "2023-01-01", "year"),
    ("earlier this week", MON, "2017-01-16", "week"),
    ("earlier this week", THU, "2024-05-13", "week"),
    ("this week", SUN, "2023-12-25", "week"),
    ("earlier this month", THU, "2024-05-01", "month"),
    ("this year", THU, "2024-01-01", "year"),
    ("in October", MON, "2016-10-01", "month"),
    ("since October", MON, "2016-10-01", "month"),
    ("in May", THU, "2024-05-01", "month"),
    ("in early March", THU, "2024-03-01", "month"),
    ("in June", THU, "2023-06-01", "month"),
    ("October 2015", THU, "2015-10-01", "month"),
    ("in 2014", MON, "2014-01-01", "year"),
    ("on January 12", MON, "2017-01-12", "day"),
    ("Jan. 12", MON, "2017-01-12", "day"),
    ("December 30", MON, "2016-12-30", "day"),
    ("on 9 May 2020", THU, "2020-05-09", "day"),
    ("12th of May", THU, "2024-05-12", "day"),
    ("May 3, 2021", THU, "2021-05-03", "day"),
    ("2024-05-02", MON, "2024-05-02", "day"),
    ("recently", THU, None, "unknown"),
    # hedged days are the day they hedge
    ("around 2 April 2024", THU, "2024-04-02", "day"),
    ("on or about Tuesday", THU, "2024-05-14", "day"),
    ("as reported on 11 May", THU, "2024-05-11", "day"),
    ("overnight", THU, "2024-05-15", "day"),
    # a span of days by its first day: a week or less is precision week (ACLED's 2), longer is month
    ("between 6 and 8 May", THU, "2024-05-06", "week"),
    ("9-10 March 2022", THU, "2022-03-09", "week"),
    ("from April 27 to May 1", THU, "2024-04-27", "week"),
    ("between 30 December and 3 January", THU, "2023-12-30", "week"),
    ("between 2 and 25 April", THU, "2024-04-02", "month"),
    # a holiday on a fixed day: its last one before the report, or the year said
    ("on New Year's Eve", THU, "2023-12-31", "day"),
    ("Christmas Day 2022", None, "2022-12-25", "day"),
    ("Christmas Eve", None, None, "unknown"),
    ("a Christmas market", THU, None, "unknown"),
    # a weekend by its Saturday, precision week
    ("last weekend", THU, "2024-05-11", "week"),
    ("over the weekend", MON, "2017-01-14", "week"),
]


@pytest.mark.parametrize("expression,published,value,precision", CASES)
def test_dates_resolve(expression, published, value, precision):
    assert resolve(expression, published) == (value, precision)


def test_dates_table_covers_every_precision_weekday_and_month_form():
    assert {precision for *_, precision in CASES} == {"day", "week", "month", "year", "unknown"}
    said = " ".join(expression.lower() for expression, *_ in CASES)
    assert [day for day in calendar.day_name if day.lower() not in said] == []
    assert {"jan.", "january", "october", "may"} <= set(said.replace(",", " ").split())  # abbreviated and whole
    rows = [(expression, published) for expression, published, *_ in CASES]
    assert len(rows) == len(set(rows))  # no case counted twice


def test_dates_without_publication_date_keep_explicit_years():
    assert resolve("on 9 May 2020", None) == ("2020-05-09", "day")
    assert resolve("in 2014", None) == ("2014-01-01", "year")
    assert resolve("on Monday", None) == (None, "unknown")


@pytest.mark.parametrize("when,status,date", [
    (" in 2019", "historical", ("2019-01-01", "year")),  # years before the article: background, not news
    (" in March 2022", "historical", ("2022-03-01", "month")),
    (" in 2023", "asserted", ("2023-01-01", "year")),  # the year before publication may still be news
    ("", "asserted", ("2024-05-20", "unknown")),  # no date of its own: the publication date, written as text
])
def test_dates_an_event_long_before_publication_is_historical(rules, when, status, date):
    from dateline.article import Article

    text = f"Rebels attacked an army base near Beni{when}, killing four soldiers."
    [event] = rules(Article(doc_id="h", text=text, published=dt.date(2024, 5, 20))).events
    assert (event.status, (event.date.value, event.date.precision)) == (status, date)


def test_dates_stage_reads_the_article_s_date_as_a_date(rules):
    from dateline.article import Article

    result = rules(Article(doc_id="d", text="Police arrested six men in Kano on Monday.",
                           published=dt.date(2024, 5, 16)))
    assert [(e.date.value, e.date.precision) for e in result.events] == [("2024-05-13", "day")]


def _event_dates(pipeline, text, published=dt.date(2024, 5, 16)):
    from dateline.article import Article

    result = pipeline(Article(doc_id="d", text=text, published=published))
    return [(e.date.value, e.date.precision) for e in result.events if e.acled_event_type]


def test_dates_a_sentence_without_a_date_goes_on_in_the_story_s_time(pipeline):
    dates = _event_dates(pipeline, "On 2 May 2024, gunmen stormed a village near Gwoza, killing eleven farmers. "
                                   "Soldiers later seized four rifles and a motorbike from the attackers.")
    assert dates and all(value == "2024-05-02" and precision == "day" for value, precision in dates)


def test_dates_the_day_beats_a_year_in_a_name(pipeline):
    dates = _event_dates(pipeline, "Riot police fired tear gas at students marching against the Education Act 2024 "
                                   "in Kampala on Tuesday.")
    assert dates[:1] == [("2024-05-14", "day")]


def test_dates_a_holiday_dates_its_event(pipeline):
    dates = _event_dates(pipeline, "On New Year's Eve, hundreds of students marched through central Dhaka to demand "
                                   "the release of detained activists.")
    assert dates[:1] == [("2023-12-31", "day")]


def test_dates_a_span_the_model_reads_as_numbers(pipeline):
    dates = _event_dates(pipeline, "Between 6 and 8 May, fighters of the group raided three villages near Djibo, "
                                   "killing nine civilians.")
    assert dates[:1] == [("2024-05-06", "week")]
