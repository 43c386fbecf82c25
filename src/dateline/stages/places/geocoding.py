"""Which place a name means: each name's candidates weighed alone (population, own name, the article's
countries), then together, so that the places of one article hold together ("Walker County" and
"Huntsville" are the Texas pair, not one in Texas and one in Alabama; "Lebanon" beside "Boone County" and
"Zionsville" is the Indiana town)."""
from __future__ import annotations

import math

from ...gazetteer import REGION_CODES, Entry, Gazetteer, km, normalise, own_name

LENDERS = 8  # readings of a name, at most, that may lend support to the others
INSIDE_KM, NEAR_KM = 30, 150
INSIDE, NEAR = 3.5, 2.5  # support from another name's place within INSIDE_KM / NEAR_KM, or from its state
SAME_STATE = 1.0  # from a place further away in the same state or province
SUPPORT_CAP = 7.0  # many names agreeing outweigh population, but not without bound
DOUBT = 1.0  # how much a weaker reading of the other name is discounted


AREAS = REGION_CODES | {"CONT", "PCLI"}  # features too large for nearness to mean anything


class Geocoder:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def resolve_all(self, names: list[str], *, focus: str | None, context: set[str]) -> dict[str, Entry]:
        """The place each name means, read beside the article's other names (by normalised name)."""
        keys = {name: normalise(name) for name in names}
        options = {}
        for name, key in keys.items():
            if key not in options:
                ranked = self.ranked(name, focus=focus, context=context)
                if ranked:  # readings that could still win, however much support they got
                    options[key] = [o for o in ranked if o[0] >= ranked[0][0] - SUPPORT_CAP]
        # readings that can lend support: weaker ones cost more than they could lend
        lenders = {key: [o for o in ranked if o[0] >= ranked[0][0] - INSIDE / DOUBT][:LENDERS]
                   for key, ranked in options.items()}
        chosen = {}
        for key, ranked in options.items():
            others = [r for k, r in lenders.items() if k != key]
            chosen[key] = max(ranked, key=lambda option: option[0] + _support(option[1], others))[1]
        return {name: chosen[key] for name, key in keys.items() if key in chosen}

    def ranked(self, name: str, *, focus: str | None, context: set[str]) -> list[tuple[float, Entry]]:
        """(score, entry) of a name's candidates, best first, each weighed alone."""
        candidates = self.gazetteer.candidates(name)
        if not candidates:
            return []
        country = self.gazetteer.country_code(name)
        key = normalise(name)
        regions = {e.admin1 for e in candidates if e.feature_code == "ADM1" and own_name(e.name, key)}

        def own(entry: Entry) -> bool:  # "Washington, D.C." is named Washington, with a qualifier
            return own_name(entry.name, key) or own_name(entry.name.split(",")[0], key)

        # a country's own division, which the news also uses for the country: "England", "Wales"
        parts = {e.country_code for e in candidates if e.feature_code == "ADM1" and own(e)}
        towns = {(e.country_code, e.admin1) for e in candidates if e.feature_code.startswith("PPL") and own(e)}
        # a town and its division both known by another name of theirs ("Chittagong" for Chattogram, city and
        # division): the bare name is the town's as much as when it is their own
        towns |= {(e.country_code, e.admin1) for e in candidates if e.feature_code.startswith("PPL")
                  and not any(own(d) for d in candidates if d.feature_code.startswith("ADM")
                              and (d.country_code, d.admin1) == (e.country_code, e.admin1))}

        def score(entry: Entry) -> float:
            value = math.log10(entry.population + 10)
            us_state = entry.feature_code == "ADM1" and entry.country_code == "US"  # see "New York" below
            if entry.feature_code.startswith("ADM") and not us_state and (entry.country_code, entry.admin1) in towns:
                value -= 4  # a town and the division around it share a name: "Mosul" is the city
            if own(entry):
                value += 2  # its own name, not one of the many alternate names ("Salisbury" is not Harare)
            if country and entry.feature_code == "PCLI" and entry.country_code == country and (
                    own(entry) or country not in parts):
                value += 5
            if entry.country_code == focus:
                value += 3
            elif entry.country_code in context:
                value += 1.5
            if entry.feature_code == "PPLC":
                value += 1
                if regions and own(entry):
                    value += 3  # a capital shares its name with a region: the news means the capital
            if entry.feature_code == "ADM1":
                value += 1
            if entry.feature_code.startswith("PPL") and entry.admin1 in regions and entry.population >= 100000:
                value += 3  # a big city named like its own state is what the news means: "New York"
            if entry.feature_code == "CONT":
                value += 6
            if entry.feature_code in REGION_CODES:
                value += 8  # no people to weigh: the news names the Middle East, not a hamlet of that name
            return value

        return sorted(((score(e), e) for e in candidates), key=lambda option: -option[0])


def _support(entry: Entry, others: list[list[tuple[float, Entry]]]) -> float:
    """What the article's other names lend a reading: for each, its reading nearest this one, discounted by
    how much weaker that reading is than its best."""
    total = 0.0
    for ranked in others:
        best = ranked[0][0]
        total += max(0.0, max(_closeness(entry, other) - DOUBT * (best - score) for score, other in ranked))
    return min(total, SUPPORT_CAP)


def _closeness(a: Entry, b: Entry) -> float:
    """How much place b, named elsewhere in the article, makes reading a likelier."""
    if AREAS & {a.feature_code, b.feature_code}:
        return 0.0  # the countries an article names already weigh in (`context`); a region's point is rough
    if a.geonameid == b.geonameid:
        return INSIDE  # one place named two ways: "New York" and "New York City"
    if a.country_code != b.country_code:
        return 0.0
    same_state = bool(a.admin1) and a.admin1 == b.admin1
    if "ADM1" in (a.feature_code, b.feature_code):  # a state and one of its towns, named in one article
        return NEAR if same_state else 0.0
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return SAME_STATE if same_state else 0.0
    distance = km(a.lat, a.lon, b.lat, b.lon)
    if distance < INSIDE_KM:
        return INSIDE
    if distance < NEAR_KM:
        return NEAR
    return SAME_STATE if same_state else 0.0
