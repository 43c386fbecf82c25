"""Counts in a sentence: the dead, the injured, the arrested, the abducted.

ACLED's conventions for deaths (docs/events.md): a range counts its lower end ("between 10 and 15" is 10),
"at least 6" and "more than 6" count 6, "a dozen" and "dozens" count 12, "several" and "many" count 10,
"scores" 20, "hundreds" 100; victims named one after another are added up ("killing four militants and two
soldiers" is 6), the perpetrators with them ("killing himself and three others" is 4); where a sentence
gives several figures the lowest credible one stands, a figure one side claims counting only when nothing
else is given; a part of the dead ("including three children") is no figure of its own; "no casualties were
reported" is 0; the injured, the arrested and the abducted are counted apart and are never deaths.
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
_QUALIFIER = (r"[\"“]?(?:at least |some |about |around |more than |over |nearly |almost |up to |approximately |"
              r"roughly |an estimated |as many as |all |all of the |all the )?")
_RANGE = rf"(?:between )?[\"“]?({NUMBER})[\"”]?(?:(?: to | and |-|–| or ){NUMBER})?"  # a quoted "26" is a 26
# the words between a number and what befell them ("five Malian soldiers were killed"): never another number or
# another fate, so "10 villages left 16 dead" is 16 and "three were wounded and one died" is 1
_NOT_A_NOUN = (r"(?!(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|dozens?|"
               r"wounded|injured|hurt|arrested|detained|abducted|kidnapped|missing|rescued|freed|and|or|while|but)\b))")
_NOUNS = rf"(?:{_NOT_A_NOUN}[\w'-]+ ){{0,4}}?"
_MODIFIERS = rf"(?:{_NOT_A_NOUN}[\w'-]+ ){{0,3}}?"

# one person named by a singular noun: "killing a Palestinian farmer", "shot dead a village headman"
_ONE_PERSON = ("man|woman|boy|girl|child|baby|infant|teenager|youth|civilian|soldier|policeman|policewoman|officer|"
               "person|trader|farmer|herder|herdsman|fisherman|villager|student|pupil|teacher|journalist|reporter|"
               "worker|labourer|laborer|driver|motorist|passenger|pedestrian|fighter|militant|rebel|insurgent|"
               "jihadist|gunman|attacker|assailant|bomber|resident|pastor|imam|priest|cleric|monk|chief|headman|"
               "elder|leader|commander|official|politician|councillor|councilor|lawmaker|mayor|judge|lawyer|"
               "activist|protester|protestor|demonstrator|guard|gendarme|trooper|marine|doctor|nurse|shopkeeper|"
               "vendor|merchant|businessman|suspect|thief|member|miner|shepherd|refugee|pilgrim|worshipper|"
               "worshiper|husband|wife|son|daughter|father|mother|brother|sister|relative|neighbour|neighbor")
_ONE = rf"(?:(?:an?|the|one|his|her|their) {_MODIFIERS}(?:{_ONE_PERSON})\b(?!['’-])|himself|herself|him|her)\b"
_VICTIMS = rf"(?:{_QUALIFIER}{_RANGE}\b(?! (?:years?|months?|days?|hours?|km|kilometres|miles|percent|%))|{_ONE})"

_KILLING = (r"killing|killed|kills|kill|claimed the lives of|execut(?:ed|ing|es|e)|behead(?:ed|ing|s)|"
            r"shot dead|shooting dead|shoot dead|shot and killed|gunned down|gunning down|murder(?:ed|ing|s)?|"
            r"assassinat(?:ed|ing|es|e)|lynched|lynching|slaughter(?:ed|ing|s)?|massacr(?:ed|ing|es|e)|"
            r"(?:beat|beaten|beating|stabbed|stabbing|hacked|hacking|stoned|stoning|clubbed|burned|burnt) to death")
_KILLED = "killed|dead|died|die|dies|slain|executed|massacred|beheaded|shot dead|lost their lives|perished"
_TOLL = re.compile(rf"\b(?:death )?toll\b(?! (?:roads?|booths?|plazas?|gates?|fees?|free|ways?)\b)[^.;]{{0,80}}?"
                   rf"\b(?:to|at|of|reached|reaches|hit|hits) {_QUALIFIER}{_RANGE}\b", re.I)
_VICTIM_PATTERNS = [  # what befell the victims named after a verb: their number is the first group
    # a scare-quoted verb counts: IS 'executes' 15
    re.compile(rf"\b(?:{_KILLING})['’\"”]? ({_VICTIMS})", re.I),
    re.compile(rf"\b(?:leaving|left) {_QUALIFIER}{_RANGE} {_NOUNS}(?:dead|killed)\b", re.I),
    # "hacked three civilians to death", "shot two men dead", "beat him to death"
    re.compile(rf"\b(?:beat|beaten|beating|stabbed|stabbing|hacked|hacking|burned|burnt|burning|stoned|stoning|"
               rf"shot|shooting|clubbed|bludgeoned|tortured|lynched|crushed) ({_VICTIMS}) {_MODIFIERS}"
               rf"(?:to death|dead|alive)\b", re.I),
]
_SUBJECT_PATTERNS = [  # the dead named before what befell them
    re.compile(rf"\b({_QUALIFIER}{_RANGE}|(?:an?|one) {_MODIFIERS}(?:{_ONE_PERSON})) {_NOUNS}"
               rf"(?:were |was |have been |had been |are |being )?(?:{_KILLED})\b", re.I),
    re.compile(rf"\b{_QUALIFIER}{_RANGE} (?:people )?(?:deaths|fatalities|dead bodies|bodies)\b", re.I),
]
# another victim after the first: "and two soldiers", "and himself", ", a woman and her son"
_MORE = re.compile(rf"^(?: {_NOT_A_NOUN}[\w'-]+){{0,4}}?(?:,? and |, )({_VICTIMS})", re.I)
_MORE_BEFORE = re.compile(rf"\b({_QUALIFIER}{_RANGE}|(?:an?|one) {_MODIFIERS}(?:{_ONE_PERSON})) {_NOUNS}"
                          r"(?:and |, |, and )$", re.I)
_PART = re.compile(r"\b(?:including|among them|among whom|of whom|among the dead(?: were)?|such as)\s*$", re.I)
_CLAIMED = re.compile(r"\b(?:claim(?:ed|s|ing)?|boast(?:ed|s)?|according to (?:the )?(?:group|militants|rebels))\b"
                      r"[^.;]{0,50}$", re.I)
_NONE_DEAD = re.compile(r"\bno (?:one|body) (?:was|were|had been) (?:killed|hurt|injured|harmed|wounded)\b|"
                        r"\bnobody (?:was|were) (?:killed|hurt|injured|harmed|wounded)\b|"
                        r"\bno (?:fatalities|deaths|casualties|injuries|one killed|victims)\b[^.;]{0,30}"
                        r"\b(?:reported|recorded|confirmed)\b|"
                        r"\b(?:without|with no|caused no|causing no|there were no) (?:casualties|fatalities|deaths)\b|"
                        r"\bno (?:immediate )?reports? of (?:casualties|fatalities|deaths)\b", re.I)
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
_ABDUCTED = [
    re.compile(rf"\b(?:abducted|kidnapped|abducting|kidnapping|seized) {_QUALIFIER}{_RANGE}\b", re.I),
    re.compile(rf"\b{_QUALIFIER}{_RANGE} {_NOUNS}(?:were |was |have been |had been )?(?:abducted|kidnapped)\b", re.I),
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
    if text in ("a", "an", "him", "her", "himself", "herself"):  # "killing a soldier", "beat him to death"
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


def _victims(phrase: str) -> int | None:
    """The number of people a victim phrase names: "four militants" 4, "a village headman" 1, "him" 1."""
    phrase = phrase.strip()
    if re.fullmatch(_ONE, phrase, re.I):
        return 1
    found = re.match(rf"{_QUALIFIER}{_RANGE}", phrase, re.I)
    if not found:
        return None
    value = parse_number(found.group(1))
    if value is None or 1900 <= value <= 2100 and found.group(1).isdigit():
        return None  # "killed in 2014"
    return value


def _added(sentence: str, end: int) -> tuple[int, int]:
    """The victims named after the first ("and two soldiers"): their number, and where they end."""
    total = 0
    while (more := _MORE.match(sentence[end:])) and (value := _victims(more.group(1))) is not None:
        total += value
        end += more.end()
    return total, end


def _added_before(sentence: str, start: int) -> int:
    """The dead named before the first of a passive ("two soldiers and five militants were killed")."""
    total = 0
    while (more := _MORE_BEFORE.search(sentence[:start])) and (value := _victims(more.group(1))) is not None:
        total += value
        start = more.start()
    return total


def _figures(sentence: str) -> list[tuple[int, int, bool]]:
    """(start, value, claimed) of each figure of dead in the sentence, victims named together added up."""
    figures, taken = [], []
    for pattern in _VICTIM_PATTERNS:
        for match in pattern.finditer(sentence):
            value = _victims(match.group(1))
            if value is None:
                continue
            more, end = _added(sentence, match.end(1)) if pattern is _VICTIM_PATTERNS[0] else (0, match.end())
            figures.append((match.start(1), value + more))
            taken.append((match.start(), end))
    for pattern in _SUBJECT_PATTERNS:
        for match in pattern.finditer(sentence):
            if any(s <= match.start(1) < e for s, e in taken):
                continue
            value = _victims(match.group(1))
            if value is None:
                continue
            figures.append((match.start(1), value + _added_before(sentence, match.start(1))))
            taken.append((match.start(), match.end()))
    return [(start, value, bool(_CLAIMED.search(sentence[:start]))) for start, value in figures
            if not _PART.search(sentence[:start])]


def fatalities(sentence: str) -> int | None:
    """Deaths the sentence reports (0 when it says there were none), or None when it gives no number of dead."""
    tolls = [t for t in (_victims(m.group(1)) for m in _TOLL.finditer(sentence)) if t is not None]
    if tolls:  # the death toll is the figure a report stands by
        return min(tolls)
    figures = _figures(sentence)
    credible = [value for _, value, claimed in figures if not claimed] or [value for _, value, _ in figures]
    if credible:
        return min(credible)
    return 0 if _NONE_DEAD.search(sentence) else None


def _first(patterns: list[re.Pattern[str]], sentence: str) -> int | None:
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            value = parse_number(match.group(1))
            if value is not None and not (1900 <= value <= 2100 and match.group(1).isdigit()):
                return value
    return None


def toll_update(sentence: str) -> int | None:
    """A later figure for deaths already told ("The death toll later rose to 15"), or None."""
    return _first([_TOLL_UPDATE], sentence)


def other_counts(sentence: str) -> dict[str, int]:
    counts = {}
    for name, patterns in (("injured", _INJURED), ("arrested", _ARRESTED), ("abducted", _ABDUCTED)):
        value = _first(patterns, sentence)
        if value is not None:
            counts[name] = value
    return counts
