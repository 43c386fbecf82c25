"""Places: toponyms found and resolved against the offline gazetteer, and each event's place."""
from __future__ import annotations

import time

import pytest

from dateline.article import Article
from dateline.gazetteer import Gazetteer, normalise


def places(pipeline, text):
    return {p.text: p for p in pipeline(Article(doc_id="p", text=text, published="2024-05-20")).places}


def test_places_gazetteer_names_are_normalised():
    assert normalise("Tall 'Afar") == normalise("Tall ‘Afar") == "tall afar"
    gazetteer = Gazetteer.load()
    assert any(e.geonameid == 99072 for e in gazetteer.candidates("Mosul"))
    assert gazetteer.country_code("Britain") == "GB" and gazetteer.country_code("DR Congo") == "CD"
    start = time.perf_counter()
    for _ in range(10000):
        gazetteer.candidates("Kirkuk")
    assert time.perf_counter() - start < 1.0  # a dict lookup, not a scan (a loose bound, not a benchmark)


def test_places_country_alone_has_country_precision(pipeline):
    found = places(pipeline, "The government of Iraq announced new elections.")
    assert found["Iraq"].precision == "country" and found["Iraq"].feature_code == "PCLI"
    assert abs(found["Iraq"].lat - 33) < 3


def test_places_direction_words_and_names_inside_names(pipeline):
    found = places(pipeline, "Troops advanced in Eastern Mosul and took Mosul University on Sunday.")
    assert {p.geonameid for p in found.values()} == {99072}
    found = places(pipeline, "Floods hit West Virginia and Kentucky on Monday.")
    assert found["West Virginia"].admin1 == "US.WV"


def test_places_nearby_places_decide(pipeline):
    found = places(pipeline, "Police in Gainesville, Ga., said the driver was taken to a hospital in Atlanta "
                             "before being moved to Dublin.")
    assert found["Dublin"].country_code == "US" and found["Dublin"].admin1 == "US.GA"


def test_places_continent_and_demonyms(pipeline):
    found = places(pipeline, "Iraqi officials travelled to Africa for talks.")
    assert found["Africa"].precision == "region"
    assert "Iraqi" not in found  # a demonym is context, not a place


@pytest.mark.parametrize("text,place,country", [
    ("Gunmen attacked a checkpoint near Tuz Khurmatu on Monday.", "Tuz Khurmatu", "IQ"),
    ("Shelling hit a market in Idlib on Tuesday.", "Idlib", "SY"),
    ("Protesters marched in Nairobi on Friday.", "Nairobi", "KE"),
])
def test_places_event_location(pipeline, text, place, country):
    result = pipeline(Article(doc_id="e", text=text, published="2024-05-20"))
    event = result.events[0]
    assert event.location.country_code == country and event.location.precision == "city"
