"""Time expressions resolved to calendar dates against the publication date, each with a precision.

`resolve("on Monday", published)` is a pure function, tested case by case in tests/test_dates.py.
Conventions (docs/dates.md): a bare weekday is the most recent such day on or before publication (news
reports the past), a week is given by its Monday, a month by its first day, a year by 1 January.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from ..article import DateMention
from .base import Document, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..resources import Resources

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
                "several": 3}
_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_NUM = r"(\d+|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(day|week|month|year)s?"

Resolved = tuple[str | None, str]
# Holidays on a fixed day of every year (a movable feast or a national day needs its calendar or country).
# spaCy calls most of them an EVENT, so the text is searched for them too. A bare "Christmas" is often a
# kind of thing ("a Christmas market"), no day: it must say "Day" or "Eve".
HOLIDAYS = {"new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
            "christmas day": (12, 25), "boxing day": (12, 26), "valentine's day": (2, 14), "halloween": (10, 31)}
HOLIDAY = re.compile(rf"({'|'.join(HOLIDAYS)})(?: (\d{{4}}))?")
_HOLIDAY_WORDS = "|".join(name.replace("'", "['’]") for name in HOLIDAYS)
HOLIDAY_IN_TEXT = re.compile(rf"\b(?:{_HOLIDAY_WORDS})(?: \d{{4}})?\b", re.IGNORECASE)


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _months_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _shift(published: dt.date, amount: int, unit: str) -> Resolved:
    if unit == "day":
        return (published - dt.timedelta(days=amount)).isoformat(), "day"
    if unit == "week":
        return (published - dt.timedelta(weeks=amount)).isoformat(), "week"
    if unit == "month":
        return _months_back(published, amount).isoformat(), "month"
    return dt.date(published.year - amount, 1, 1).isoformat(), "year"


def _weekday(published: dt.date, weekday: int, which: str) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if which == "next":
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if which == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _month_day(published: dt.date, month: int, day: int, year: int | None) -> Resolved:
    try:
        if year is not None:
            return dt.date(year, month, day).isoformat(), "day"
        date = dt.date(published.year, month, day)
        if date > published + dt.timedelta(days=7):  # "on December 30" read in January: last year
            date = dt.date(published.year - 1, month, day)
        return date.isoformat(), "day"
    except ValueError:
        return None, "unknown"


def resolve(expression: str, published: dt.date | None) -> Resolved:
    """(YYYY-MM-DD or None, precision) of a time expression read on the date `published`."""
    text = " ".join(expression.lower().replace(",", " ").split())
    # "around 12 March", "as reported on 14 March", "on or about Monday": the day the words hedge
    text = re.sub(r"^(?:as reported on|reported on|on or (?:about|around|before)|(?:at |on )?around|about|circa|"
                  r"approximately|some time on|sometime on)\s+", "", text)
    text = re.sub(r"^(on|in|since|during|by|from|until|of|at|the|over|for|as of)\s+", "", text)
    text = re.sub(r"^(the\s+)", "", text)
    span = _span_of_days(text, published)
    if span is not None:
        return span

    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        try:
            return dt.date(*map(int, iso.groups())).isoformat(), "day"
        except ValueError:
            return None, "unknown"
    found = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH}(?: (\d{{4}}))?\b", text)
    if found and published:
        return _month_day(published, MONTHS[found.group(2)], int(found.group(1)),
                          int(found.group(3)) if found.group(3) else None)
    if found:
        return (_month_day(dt.date(int(found.group(3)), 1, 1), MONTHS[found.group(2)], int(found.group(1)),
                           int(found.group(3))) if found.group(3) else (None, "unknown"))
    found = re.search(rf"\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?(?: (\d{{4}}))?\b", text)
    if found and (published or found.group(3)):
        base = published or dt.date(int(found.group(3)), 1, 1)
        return _month_day(base, MONTHS[found.group(1)], int(found.group(2)),
                          int(found.group(3)) if found.group(3) else None)
    found = HOLIDAY.fullmatch(text.replace("’", "'"))
    if found and (published or found.group(2)):  # "on New Year's Eve", "Christmas Day 2023": a fixed day
        month, day = HOLIDAYS[found.group(1)]
        year = int(found.group(2)) if found.group(2) else None
        return _month_day(published or dt.date(year or 1, 1, 1), month, day, year)
    if published is None:
        named = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
        return (dt.date(int(named.group(1)), 1, 1).isoformat(), "year") if named else (None, "unknown")

    if re.fullmatch(r"(earlier |later )?(today|this (morning|afternoon|evening)|tonight)", text):
        return published.isoformat(), "day"
    if re.fullmatch(r"(yesterday|last night|overnight)( (morning|afternoon|evening))?", text):
        return (published - dt.timedelta(days=1)).isoformat(), "day"
    if text == "the day before yesterday" or text == "day before yesterday":
        return (published - dt.timedelta(days=2)).isoformat(), "day"
    if re.fullmatch(r"tomorrow( (morning|afternoon|evening|night))?", text):
        return (published + dt.timedelta(days=1)).isoformat(), "day"
    found = re.fullmatch(r"(?:(last|this|next|past) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                         r"( (morning|afternoon|evening|night))?", text)
    if found:
        return _weekday(published, WEEKDAYS[found.group(2)], found.group(1) or "").isoformat(), "day"
    found = re.fullmatch(r"(?:(last|this|past|previous|over) )?weekend", text)
    if found:  # a weekend is given by its Saturday (ACLED's time precision 2: a known week or weekend)
        saturday = _weekday(published, 5, "")
        if found.group(1) == "last" and published.weekday() in (5, 6):
            saturday -= dt.timedelta(days=7)
        return saturday.isoformat(), "week"
    found = re.fullmatch(rf"{_NUM} {_UNIT} ago", text)
    if found:
        return _shift(published, _number(found.group(1)), found.group(2))
    found = re.fullmatch(rf"(?:last|past|previous) {_NUM} {_UNIT}", text)
    if found:
        return _shift(published, _number(found.group(1)), found.group(2))
    found = re.fullmatch(r"(?:last|past|previous) (week|month|year)", text)
    if found:
        return _shift(published, 1, found.group(1))
    found = re.fullmatch(r"(?:earlier |later )?this (week|month|year)|(?:earlier|later) in the (week|month|year)", text)
    if found:
        unit = found.group(1) or found.group(2)
        start = {"week": _week_start(published), "month": published.replace(day=1),
                 "year": dt.date(published.year, 1, 1)}[unit]
        return start.isoformat(), unit
    found = re.fullmatch(r"(?:early|late|mid|mid-|the end of|end of|the beginning of|beginning of)?\s*-?\s*"
                         rf"{_MONTH}(?: (\d{{4}}))?", text)
    if found:
        month = MONTHS[found.group(1)]
        year = int(found.group(2)) if found.group(2) else (
            published.year if month <= published.month else published.year - 1)
        return dt.date(year, month, 1).isoformat(), "month"
    found = re.fullmatch(r"(?:early|late|mid-?|the end of|the beginning of)?\s*(1[89]\d\d|20\d\d)", text)
    if found:
        return dt.date(int(found.group(1)), 1, 1).isoformat(), "year"
    found = re.fullmatch(r"(?:last|this) (spring|summer|autumn|fall|winter)", text)
    if found:
        return dt.date(published.year if "this" in text else published.year - 1, 1, 1).isoformat(), "year"
    return None, "unknown"


_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_SPANS = [  # a span of days: "between 3 and 5 May", "3-5 May 2024", "from May 3 to 5", "28 April to 2 May"
    re.compile(rf"^(?:between |from )?{_DAY}(?: (?:of )?{_MONTH})?(?: (\d{{4}}))?(?: and | to |-|–){_DAY}(?: of)? "
               rf"{_MONTH}(?: (\d{{4}}))?$"),
    re.compile(rf"^(?:between |from )?{_MONTH} {_DAY}(?: (\d{{4}}))?(?: and | to |-|–)(?:{_MONTH} )?{_DAY}"
               rf"(?: (\d{{4}}))?$"),
]


def _span_of_days(text: str, published: dt.date | None) -> Resolved | None:
    """A span of days is given by its first day: precision week when it is a week or less (ACLED's time
    precision 2), month when longer; None when the text is no span."""
    found = _SPANS[0].match(text)
    if found:
        first_day, first_month, first_year, last_day, last_month, last_year = found.groups()
    elif (found := _SPANS[1].match(text)):
        first_month, first_day, first_year, last_month, last_day, last_year = found.groups()
    else:
        return None
    year = last_year or first_year
    last_value, _ = _month_day(published or dt.date(int(year or 1), 1, 1), MONTHS[last_month or first_month],
                               int(last_day), int(year) if year else None) if (published or year) else (None, "")
    if last_value is None:
        return None
    last = dt.date.fromisoformat(last_value)
    try:
        first = dt.date(last.year, MONTHS[first_month or last_month], int(first_day))
    except ValueError:
        return None
    if first > last:  # "28 December to 2 January"
        first = first.replace(year=first.year - 1)
    return first.isoformat(), "week" if (last - first).days <= 7 else "month"


# what the model does not call a date: "overnight", "between 3 and 5 May" (it reads a number pair)
EXTRA = re.compile(rf"\b(?:overnight|(?:between |from )?{_DAY}(?: (?:of )?{_MONTH})?(?: \d{{4}})?(?: and | to |-|–)"
                   rf"{_DAY}(?: of)? {_MONTH}(?: \d{{4}})?|(?:between |from )?{_MONTH} {_DAY}(?: \d{{4}})?"
                   rf"(?: and | to |-|–)(?:{_MONTH} )?{_DAY}(?: \d{{4}})?)\b", re.IGNORECASE)
ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


def _in_a_name(doc: Doc, ent: Span) -> bool:
    """A bare year right after a capitalised word is part of a name: "the Finance Bill 2024", "Vision 2030"."""
    if not (len(ent) == 1 and ent.text.isdigit() and len(ent.text) == 4) or ent.start == 0:
        return False
    before = doc[ent.start - 1]
    return before.is_title and before.pos_ in ("PROPN", "NOUN") and not before.is_sent_start


@stage("dates", requires=("doc",), assigns=("dates",))
class DateStage:
    def __init__(self, resources: Resources) -> None:
        pass

    def __call__(self, document: Document) -> Document:
        published = document.article.published
        doc = document.parsed
        text = document.text
        extra = [*EXTRA.finditer(text), *HOLIDAY_IN_TEXT.finditer(text)]
        mentions = []
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME") or _in_a_name(doc, ent) or any(
                    m.start() <= ent.start_char < m.end() for m in extra):
                continue
            span = ent
            # spaCy leaves out the preposition that makes "on Monday" a date: keep its tokens as they are
            value, precision = resolve(span.text, published)
            if value is None and ent.label_ == "TIME":
                continue
            mentions.append(DateMention(span.text, span.start_char, span.end_char, value, precision))
        for match in extra:
            value, precision = resolve(match.group(), published)
            if value is not None:
                mentions.append(DateMention(match.group(), match.start(), match.end(), value, precision))
        document.dates = sorted(mentions, key=lambda m: m.start)
        return document

