"""Places: toponyms found and resolved against the offline gazetteer, and each event's place."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import Article
from dateline.gazetteer import Gazetteer, normalise


def places(pipeline, text):
    return {p.text: p for p in pipeline(Article(doc_id="p", text=text, published=dt.date(2024, 5, 20))).places}


def test_places_gazetteer_names_are_normalised():
    assert normalise("Tall 'Afar") == normalise("Tall ‘Afar") == "tall afar"
    gazetteer = Gazetteer.load()
    assert any(e.geonameid == 99072 for e in gazetteer.candidates("Mosul"))
    assert gazetteer.country_code("Britain") == "GB" and gazetteer.country_code("DR Congo") == "CD"
    assert gazetteer.candidates("kirkuk") == gazetteer.candidates("KIRKUK") != []  # by the normalised name


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


def test_places_an_article_s_places_hold_together(pipeline):
    # each name alone would go elsewhere (the bigger Huntsville is in Alabama, Lebanon is a country): the
    # names beside them decide, including readings that were not the first choice of their own name
    found = places(pipeline, "Deputies from Walker County arrested the two men at a motel in Huntsville "
                             "on Friday, the sheriff said.")
    assert found["Walker County"].admin1 == found["Huntsville"].admin1 == "US.TX"
    found = places(pipeline, "The council in Lebanon voted to widen the road to Zionsville, and Boone County "
                             "will share the cost.")
    assert found["Lebanon"].country_code == "US" and found["Lebanon"].admin1 == "US.IN"


def test_places_a_capital_is_the_capital_not_every_town_of_its_name(pipeline):
    found = places(pipeline, "The senator flew back to Washington on Monday, then to Boise.")
    assert found["Washington"].feature_code == "PPLC" and found["Washington"].admin1 == "US.DC"
    gazetteer = Gazetteer.load()
    assert [e.admin1 for e in gazetteer.candidates("Washington") if e.feature_code == "PPLC"] == ["US.DC"]


@pytest.mark.parametrize("text,wanted,unwanted", [
    # a town's name that is also a common word, a title's surname, the head of "X of Y": no place
    ("Students at the University of Kentucky cheered coach Ripley on Tuesday.", {"Kentucky"}, {"University", "Ripley"}),
    ("Grand Jury Indicts Man In December Slaying", set(), {"Man"}),
    ("Police Chief Dan Moore said the Central district stayed calm overnight.", set(), {"Moore", "Central"}),
    # a city the model took for a person, used as a modifier; "the" is not part of a name
    ("A break in the Gainesville sewer system spilled 5,000 gallons into a creek.", {"Gainesville"}, set()),
    ("Her five children were all living in the United States by then.", {"United States"}, set()),
    # a region named with a direction is not its continent
    ("Migrants crossed North Africa on their way to Europe.", {"Europe", "North Africa"}, {"Africa"}),
    # a word that says what kind of thing a name names; a short name in capitals is an acronym
    ("Volunteers met at the Riverside Community Centre and at Ashford University.", set(), {"Centre", "University"}),
    ("Officials at the MoD in London declined to comment.", {"London"}, {"MoD"}),
    ("WA police said the crash happened overnight, not far from the UK consulate.", {"UK"}, {"WA"}),
    ("Aides met in the West Wing of the palace in Nairobi on Monday.", {"Nairobi"}, {"Wing", "West Wing"}),
])
def test_places_recognition_guards(pipeline, text, wanted, unwanted):
    found = places(pipeline, text)
    assert wanted <= set(found) and not unwanted & set(found), found.keys()


def test_places_in_brackets_and_without_the_arabic_article(pipeline):
    # "(town, province)" is how ACLED notes and many wires place an event; "Qamishli" is GeoNames' "Al Qamishli"
    found = places(pipeline, "A drone hit a car near Qamishli (Qamishli, Al Hasakah) on Friday.")
    assert found["Qamishli"].country_code == "SY" and found["Qamishli"].precision == "city"
    assert found["Al Hasakah"].country_code == "SY"
    result = pipeline(Article(doc_id="b", text="Police arrested 6 men in Sake (Sake, Nord-Kivu) on Monday.",
                              published=dt.date(2024, 5, 20)))
    assert "Nord-Kivu" in {p.text for p in result.places} and "Nord" not in {p.text for p in result.places}
    assert not any(e.actor and "(" in e.actor.text or e.recipient and "(" in e.recipient.text for e in result.events)


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
    result = pipeline(Article(doc_id="e", text=text, published=dt.date(2024, 5, 20)))
    event = result.events[0]
    assert event.location.country_code == country and event.location.precision == "city"


@pytest.mark.parametrize("text,country", [
    ("A militia spokesman said Turkey has shelled a town in northeastern Syria on Tuesday.", "SY"),
    ("Turkey's army shelled villages in northern Iraq overnight.", "IQ"),
    ("Three militiamen were killed in Iraq on Sunday in a U.S. airstrike on a weapons depot.", "IQ"),
])
def test_places_the_country_of_a_side_is_not_the_place_of_its_deed(pipeline, text, country):
    result = pipeline(Article(doc_id="s", text=text, published=dt.date(2024, 5, 20)))
    assert result.events[0].location.country_code == country


def test_places_the_side_s_country_is_the_place_when_no_other_is_named(pipeline):
    result = pipeline(Article(doc_id="s", text="Turkey shelled Kurdish positions on Tuesday.",
                              published=dt.date(2024, 5, 20)))
    assert result.events[0].location.country_code == "TR"


def test_places_regions_seas_and_rivers(pipeline):
    # large features GeoNames' cities and divisions lack: our own table, precision "region", no GeoNames id
    found = places(pipeline, "Tankers left the Persian Gulf for the Mediterranean as fighting spread along the "
                             "Euphrates, and aid reached Darfur and Iraqi Kurdistan.")
    assert {p.name for p in found.values()} == {"Persian Gulf", "Mediterranean Sea", "Euphrates", "Darfur",
                                                 "Kurdistan Region"}
    assert all(p.precision == "region" and p.geonameid is None for p in found.values())
    assert found["Darfur"].country_code == "SD" and found["Persian Gulf"].country_code is None
    # not the hamlet of Middle East, Maryland
    assert places(pipeline, "Leaders across the Middle East condemned the strike.")["Middle East"].feature_code == "RGN"


def test_places_a_country_s_own_division(pipeline):
    # England is the division of the United Kingdom; Britain is the country; Mexico is still the country
    found = places(pipeline, "Fans in England and Wales cheered, while Britain and Mexico signed the accord.")
    assert found["England"].feature_code == found["Wales"].feature_code == "ADM1"
    assert found["Britain"].feature_code == found["Mexico"].feature_code == "PCLI"


def test_regions_file_is_well_formed():
    from dateline.gazetteer import REGION_CODES, country_table, regions

    names = [normalise(n) for r in regions() for n in (r["name"], *r["aliases"])]
    assert len(names) == len(set(names))  # one meaning per name
    for region in regions():
        assert region["feature_code"] in REGION_CODES and -90 <= region["lat"] <= 90 and -180 <= region["lon"] <= 180
    # a region lies in one known country, or (None) spans several
    assert {r["country"] for r in regions()} - {None} <= set(country_table())
    assert any(r["country"] is None for r in regions()) and any(r["country"] for r in regions())


def test_places_a_dateline_places_the_report(pipeline):
    text = ("Market attack kills five\n"
            "GARISSA, Kenya, May 18 (Reuters) - Gunmen killed five traders at a cattle market on Saturday, police "
            "said. Two of the dead came from Mandera, and a third had moved from Mandera to Wajir last year.")
    result = pipeline(Article(doc_id="g", text=text, published=dt.date(2024, 5, 18)))
    assert [p.name for p in result.places][:2] == ["Garissa", "Kenya"]
    killing = next(e for e in result.events if e.type == "ASSAULT")
    # the sentence names no place: the dateline's town, not the town the article names most (Mandera)
    assert killing.location.name == "Garissa" and killing.location.precision == "city"
    assert not killing.evidence.text.startswith("GARISSA")  # the dateline is not part of the lead's sentence
    assert killing.actor is not None and "Garissa" not in killing.actor.text


@pytest.mark.parametrize("text", [
    "Islamic State - a history of the group, from its first cells to its fall.",
    "Police said - without giving details - that the road to the port was closed.",
])
def test_places_a_dash_after_a_name_is_not_a_dateline(pipeline, text):
    result = pipeline(Article(doc_id="n", text=text, published=dt.date(2024, 5, 18)))
    assert not any(p.text in ("Islamic State", "Police") for p in result.places)


def _event_place(pipeline, text):
    result = pipeline(Article(doc_id="q", text=text, published=dt.date(2024, 5, 20)))
    event = next(e for e in result.events if e.acled_event_type)
    return event


@pytest.mark.parametrize("text", [
    # a town given with its district and province, the way ACLED notes write it, is the one in that province
    "Soldiers clashed with rebels outside Valencia (Valencia, Bukidnon) on Monday, killing two fighters.",
    "Gunmen shot dead a councillor in Santa Cruz (Santa Cruz, Laguna) on Monday.",
    # and so is one given with its province after a comma
    "Rebels ambushed a police patrol near Valencia, Bukidnon province, on Monday.",
])
def test_places_a_town_named_with_its_divisions_is_the_one_inside_them(pipeline, text):
    event = _event_place(pipeline, text)
    assert event.location.country_code == "PH" and event.location.precision == "city"
    # a police force or a crowd is of the event's country, not of the country a namesake suggested
    names = [p.name for p in (event.actor, event.recipient) if p is not None]
    assert not any("Spain" in n or "Bolivia" in n for n in names), names


def test_places_a_town_before_its_divisions_is_found_when_the_model_misses_it(pipeline):
    # the model reads the town and its bracket as one odd name, or as a person
    event = _event_place(pipeline, "On 2 May 2024, militants raided a fishing camp near Bol (Kangalom, Lac), "
                                   "killing four fishermen.")
    assert event.location.name == "Bol" and event.location.country_code == "TD"


def test_places_the_town_with_its_divisions_beats_other_places_of_its_sentence(pipeline):
    event = _event_place(pipeline, "Drones launched from across the Dnipro hit a bus depot in Nikopol "
                                   "(Nikopolskyi, Dnipropetrovsk), killing a driver.")
    assert event.location.name == "Nikopol"


def test_places_a_division_named_with_its_kind(pipeline):
    # "X district": the model may take X for a people or an adjective; the division is meant
    found = places(pipeline, "Troops were sent to Arua district after cattle raids.")
    assert found["Arua"].country_code == "UG" and found["Arua"].feature_code.startswith("ADM")
    found = places(pipeline, "Rebels ambushed a patrol in Bukidnon province on Monday.")
    assert found["Bukidnon"].country_code == "PH"


def test_places_a_town_and_its_division_known_by_another_name_is_the_town(pipeline):
    # GeoNames names both the city and its division Chattogram; the news' Chittagong is the city
    found = places(pipeline, "Floods cut roads across Chittagong on Monday.")
    assert found["Chittagong"].feature_code.startswith("PPL")


def test_places_the_arabic_article_may_be_written_with_a_hyphen():
    gazetteer = Gazetteer.load()
    assert any(e.feature_code.startswith("PPL") and e.country_code == "SY" for e in gazetteer.candidates("Ar-Raqqa"))


def test_places_the_first_word_of_an_organisation_s_name_is_no_place(pipeline):
    found = places(pipeline, "Marines arrested a suspected Abu Sayyaf bomb-maker in Sulu on Friday.")
    assert "Abu" not in found and found["Sulu"].country_code == "PH"


def test_places_a_list_of_places_is_no_town_and_its_state(pipeline):
    # "X, Y" names a town and its state, but not inside a list: Washington stays the capital
    found = places(pipeline, "Mayors from Washington, New York, Chicago and Denver met on Friday.")
    assert found["Washington"].feature_code == "PPLC"


def test_places_a_hyphenated_town_is_one_name(pipeline):
    # the tokenizer splits "Kaga-Bandoro" in three; alone, "Kaga" is a town in Japan
    found = places(pipeline, "Rebels ambushed a supply convoy near Kaga-Bandoro on Tuesday, killing four drivers.")
    assert found["Kaga-Bandoro"].country_code == "CF" and "Kaga" not in found


def test_places_of_after_a_direction_or_out_places_a_name_taken_for_a_person(pipeline):
    # spaCy calls "Kaga Bandoro" a person; "out of" and "north of" put it on the map
    for text in ("Fighters fired on a bus leaving town on the road out of Kaga Bandoro, killing two men.",
                 "Fighters fired on a bus 20 km north of Kaga Bandoro, killing two men."):
        assert places(pipeline, text)["Kaga Bandoro"].country_code == "CF", text
