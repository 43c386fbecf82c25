"""Which place a name means (stages/places/geocoding.py), on a gazetteer built by hand: each rule of the weighing
is seen deciding between two readings, without the thousands of other places of the real gazetteer (the
real one is tried through the pipeline in tests/test_places.py)."""
from __future__ import annotations

import pytest

from dateline.gazetteer import Entry, Gazetteer, normalise
from dateline.stages.places.geocoding import Geocoder

PLACES = [  # (entry, other names it is known by)
    (Entry(1, "Springfield", 39.80, -89.64, "US", "US.IL", "PPLA", 116000), ()),
    (Entry(2, "Springfield", 37.21, -93.29, "US", "US.MO", "PPLA2", 169000), ()),
    (Entry(3, "Chatham", 39.68, -89.70, "US", "US.IL", "PPL", 14000), ()),  # 15 km from the Illinois one
    (Entry(4, "Illinois", 40.0, -89.2, "US", "US.IL", "ADM1", 12800000), ()),
    (Entry(5, "United States", 39.8, -98.5, "US", None, "PCLI", 331000000), ()),
    (Entry(6, "Tripoli", 32.89, 13.19, "LY", "LY.77", "PPLC", 1150000), ()),
    (Entry(7, "Tripoli", 34.44, 35.85, "LB", "LB.09", "PPLA", 230000), ()),
    (Entry(8, "Port Amani", -6.2, 39.3, "TZ", "TZ.02", "PPL", 150000), ("Salisbury",)),  # an old name
    (Entry(9, "Salisbury", 51.07, -1.79, "GB", "GB.ENG", "PPL", 41000), ()),
    (Entry(10, "Kirkuk", 35.47, 44.39, "IQ", "IQ.13", "PPLA", 600000), ()),
    (Entry(11, "Kirkuk", 35.40, 44.30, "IQ", "IQ.13", "ADM1", 1400000), ()),  # the province around the city
    (Entry(None, "Sahel", 15.0, 0.0, "", None, "RGN", 0), ()),
    (Entry(12, "Sahel", 35.8, 10.6, "TN", "TN.27", "PPL", 900), ()),
]
COUNTRIES = {"US": ("US", "United States", 5, "Washington", 331000000, 39.8, -98.5),
             "LB": ("LB", "Lebanon", 272103, "Beirut", 5500000, 33.9, 35.9),
             "LY": ("LY", "Libya", 2215636, "Tripoli", 6800000, 27.0, 17.0)}


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    rows, index = [], {}
    for entry, aliases in PLACES:
        for name in {entry.name, *aliases}:
            index.setdefault(normalise(name), []).append(len(rows))
        rows.append(tuple(getattr(entry, name) for name in Entry.__slots__))
    return Geocoder(Gazetteer(rows, index, COUNTRIES))


def chosen(geocoder, names, *, focus=None, context=frozenset()):
    return {name: entry.geonameid for name, entry in
            geocoder.resolve_all(list(names), focus=focus, context=set(context)).items()}


def test_geocoding_alone_the_bigger_place_wins(geocoder):
    assert chosen(geocoder, ["Springfield"]) == {"Springfield": 2}


@pytest.mark.parametrize("beside", ["Chatham", "Illinois"])
def test_geocoding_a_name_beside_it_decides(geocoder, beside):
    # a town 15 km away, or the state itself, outweighs a bigger Springfield elsewhere
    assert chosen(geocoder, ["Springfield", beside])["Springfield"] == 1


def test_geocoding_a_country_lends_no_nearness(geocoder):
    # its point is no town's: the countries an article names weigh in through `context` instead
    assert chosen(geocoder, ["Springfield", "United States"])["Springfield"] == 2


def test_geocoding_names_are_read_in_any_case_and_spelling(geocoder):
    assert chosen(geocoder, ["springfield", "CHATHAM"]) == {"springfield": 1, "CHATHAM": 3}


def test_geocoding_the_country_the_article_is_about_outweighs_size_its_other_countries_less(geocoder):
    assert chosen(geocoder, ["Tripoli"]) == {"Tripoli": 6}
    assert chosen(geocoder, ["Tripoli"], focus="LB") == {"Tripoli": 7}
    assert chosen(geocoder, ["Tripoli"], context={"LB"}) == {"Tripoli": 6}  # a country named in passing
    [(best, _), (second, _)] = geocoder.ranked("Tripoli", focus=None, context=set())
    assert second < best < second + 3  # what the focus adds (3) is more than the capital's lead


def test_geocoding_a_place_s_own_name_outweighs_another_s_old_name(geocoder):
    assert chosen(geocoder, ["Salisbury"]) == {"Salisbury": 9}


def test_geocoding_a_city_and_its_province_share_a_name_the_news_means_the_city(geocoder):
    assert chosen(geocoder, ["Kirkuk"]) == {"Kirkuk": 10}


def test_geocoding_a_region_outweighs_a_hamlet_of_its_name_and_an_unknown_name_has_no_place(geocoder):
    found = geocoder.resolve_all(["Sahel", "Atlantis"], focus=None, context=set())
    assert list(found) == ["Sahel"] and found["Sahel"].feature_code == "RGN"
