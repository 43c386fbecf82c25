"""Counts in a sentence: the dead, the injured, the arrested.

The rule for vague and ranged numbers (docs/events.md), after ACLED's conservative coding: a range
counts its lower end ("between 10 and 15" is 10), "at least 6" and "more than 6" count 6, "a dozen" and
"dozens" count 12, "several" and "many" count 10, "scores" 20, "hundreds" 100.
"""
from __future__ import annotations

import re

UNITS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
VAGUE = {"a dozen": 12, "dozens": 12, "dozens of": 12, "several": 10, "many": 10, "scores": 20, "scores of": 20,
         "hundreds": 100, "hundreds of": 100, "a handful of": 3, "a few": 3, "a couple of": 2, "a number of": 10}

_WORD_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
                r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
                r"|seventeen|eighteen|nineteen)(?: hundred)?")
NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+|" + _WORD_NUMBER +
          r"|a dozen|dozens(?: of)?|several|many|scores(?: of)?|hundreds(?: of)?|a handful of|a few|a couple of"
          r"|a number of)")
_QUALIFIER = (r"[\"“]?(?:at least |some |about |around |more than |over |nearly |almost |up to |approximately "
              r"|roughly |an estimated |as many as )?")
_RANGE = rf"(?:between )?[\"“]?({NUMBER})[\"”]?(?:(?: to | and |-|–| or ){NUMBER})?"  # a quoted "26" is a 26
_NOUNS = r"(?:[\w'-]+ ){0,4}?"

_ONE_PERSON = ("man|woman|boy|girl|child|civilian|soldier|policeman|police officer|officer|person|trader|farmer|"
               "villager|student|teacher|journalist|worker|driver|fighter|militant|resident|pastor|imam|priest")
_KILLED = "killed|dead|died|die|dies|slain|executed|massacred|beheaded|shot dead|lost their lives|perished"
_FATALITY_PATTERNS = [  # the death toll first: it is the figure a report stands by
    re.compile(rf"\b(?:death )?toll\b(?! (?:roads?|booths?|plazas?|gates?|fees?|free|ways?)\b)[^.;]{{0,80}}?"
               rf"\b(?:to|at|of|reached|reaches|hit|hits) {_QUALIFIER}{_RANGE}\b", re.I),
    re.compile(rf"\b(?:killing|killed|kills|kill|leaving|left|claimed the lives of|execut(?:ed|ing|es|e)|"
               rf"behead(?:ed|ing|s)|"
               rf"shot dead|shooting dead|shoot dead|gunned down|gunning down|beat to death|beating to death|"
               rf"stabbed to death|hacked to death|lynched|lynching|slaughter(?:ed|ing|s)?|"
               rf"massacr(?:ed|ing|es|e))['’\"”]? "  # a scare-quoted verb counts: IS 'executes' 15
               rf"{_QUALIFIER}{_RANGE}\b(?! (?:years?|months?|days?|hours?|km|kilometres|miles|percent|%))", re.I),
    re.compile(rf"\b(?:killing|killed|kills|shot dead|gunned down|beat to death|stabbed to death|hacked to death|"
               rf"lynched|executed|beheaded) (an?) (?:{_ONE_PERSON})\b", re.I),
    re.compile(rf"\b{_QUALIFIER}{_RANGE} {_NOUNS}(?:were |was |have been |had been |are |being )?(?:{_KILLED})\b",
               re.I),
    re.compile(rf"\b{_QUALIFIER}{_RANGE} (?:people )?(?:deaths|fatalities|dead bodies|bodies)\b", re.I),
    re.compile(r"\b(?:beat|beaten|beating|stabbed|hacked|burned|burnt|shot|stoned|lynched) (him|her) "
               r"(?:to death|dead)\b", re.I),  # one person
]
_TOLL_UPDATE = re.compile(rf"\b(?:death )?toll\b[^.;]{{0,60}}?\b(?:rose|risen|climbed|increased|reached|jumped|"
                          rf"grew|stood|stands)\b(?: to| at)? {_QUALIFIER}{_RANGE}\b", re.I)
_INJURED = [
    re.compile(rf"\b(?:injuring|wounding|injured|wounded) {_QUALIFIER}{_RANGE}\b", re.I),
    re.compile(rf"\b{_QUALIFIER}{_RANGE} {_NOUNS}(?:were |was |have been |had been |are )?(?:injured|wounded|hurt)\b",
               re.I),
]
_ARRESTED = [
    re.compile(rf"\b(?:arrested|detained|arresting|detaining|rounded up) {_QUALIFIER}{_RANGE}\b", re.I),
    re.compile(rf"\b{_QUALIFIER}{_RANGE} {_NOUNS}(?:were |was |have been |had been )?(?:arrested|detained)\b", re.I),
]


def parse_number(words: str) -> int | None:
    """The integer a number phrase stands for ("12", "1,200", "twenty-one", "a dozen", "dozens"), or None."""
    text = " ".join(words.lower().replace("-", " ").split())
    if not text:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    if text in VAGUE:
        return VAGUE[text]
    if text in ("a", "an", "him", "her"):  # "killing a soldier", "beat him to death"
        return 1
    hundred = text.endswith(" hundred")
    text = text.removesuffix(" hundred")
    parts = text.split()
    total = 0
    for part in parts:
        if part in TENS:
            total += TENS[part]
        elif part in UNITS and part not in ("a", "an"):
            total += UNITS[part]
        else:
            return None
    return total * (100 if hundred else 1) if parts else None


def _first(patterns: list[re.Pattern[str]], sentence: str) -> int | None:
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            value = parse_number(match.group(1))
            if value is not None and not (1900 <= value <= 2100 and match.group(1).isdigit()):
                return value
    return None


def fatalities(sentence: str) -> int | None:
    """Deaths the sentence reports, or None when it gives no number of dead."""
    return _first(_FATALITY_PATTERNS, sentence)


def toll_update(sentence: str) -> int | None:
    """A later figure for deaths already told ("The death toll later rose to 15"), or None."""
    return _first([_TOLL_UPDATE], sentence)


def other_counts(sentence: str) -> dict[str, int]:
    counts = {}
    for name, patterns in (("injured", _INJURED), ("arrested", _ARRESTED)):
        value = _first(patterns, sentence)
        if value is not None:
            counts[name] = value
    return counts
