"""Who did it to whom, named the way ACLED names actors: the user of a weapon that is the grammatical
subject, unnamed armed men, victims, named groups of the dictionary, and deeds claimed or blamed later.
The sentences are written for these tests, through the real pipeline."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import Article


def first_violent(pipeline, text: str):
    result = pipeline(Article(doc_id="w", text=text, published=dt.date(2024, 6, 1)))
    events = [e for e in result.events if e.acled_event_type]
    assert events, text
    return events[0]


def names(event) -> tuple[str | None, str | None]:
    return (event.actor.name if event.actor else None, event.recipient.name if event.recipient else None)


WEAPON_SUBJECTS = [
    # a weapon planted "by" a named group: that group used it; the forces it hit are the second side
    ("On 2 May 2024, an improvised explosive device planted by Ansaru fighters exploded under a military truck "
     "near Birnin Gwari (Birnin Gwari, Kaduna), killing three soldiers.", "Ansaru", "Military Forces of Nigeria"),
    # a state's weapon with its demonym: that state's forces; a store of weapons hit is the other side's forces
    ("On 9 May 2024, a Russian missile strike hit an ammunition depot near Kramatorsk (Kramatorskyi, Donetsk).",
     "Military Forces of Russia", "Military Forces of Ukraine"),
    # a bomb with no user named: an unidentified armed group of the place's country; a shop is civilians'
    ("On 3 June 2024, a roadside bomb exploded outside a pharmacy in Jalalabad (Jalalabad, Nangarhar), "
     "wounding the owner.", "Unidentified Armed Group (Afghanistan)", "Civilians (Afghanistan)"),
    # the thing the weapon hit and the people it killed: the dead name the side
    ("On 12 May 2024, a roadside bomb struck a pickup carrying police commandos near Dera Ismail Khan "
     "(Dera Ismail Khan, Khyber Pakhtunkhwa), killing two policemen.",
     "Unidentified Armed Group (Pakistan)", "Police Forces of Pakistan"),
]


@pytest.mark.parametrize("text,actor,recipient", WEAPON_SUBJECTS)
def test_actors_a_weapons_user_and_the_side_it_hit(pipeline, text, actor, recipient):
    event = first_violent(pipeline, text)
    assert event.acled_event_type == "Explosions/Remote violence", text
    assert names(event) == (actor, recipient)


def test_actors_an_army_vehicle_that_struck_a_mine_laid_by_a_group_was_hit(pipeline):
    event = first_violent(pipeline, "On 4 April 2024, a Burkinabe army truck struck a landmine laid by JNIM "
                                    "outside Djibasso (Djibasso, Boucle du Mouhoun), killing five soldiers.")
    assert names(event) == ("JNIM", "Military Forces of Burkina Faso")


UNNAMED = [
    ("On 8 June 2024, militants hurled a grenade at a bus stand in Peshawar (Peshawar, Khyber Pakhtunkhwa), "
     "wounding four passengers.", "Unidentified Armed Group (Pakistan)", "Civilians (Pakistan)"),
    ("On 11 March 2024, two men on a scooter threw a grenade at a jewellery shop in Tegucigalpa "
     "(Distrito Central, Francisco Morazan).", "Unidentified Armed Group (Honduras)", "Civilians (Honduras)"),
]


@pytest.mark.parametrize("text,actor,recipient", UNNAMED)
def test_actors_unnamed_armed_men_are_an_unidentified_armed_group(pipeline, text, actor, recipient):
    assert names(first_violent(pipeline, text)) == (actor, recipient)


@pytest.mark.parametrize("text,actor", [
    ("On 6 May 2024, Kachin Independence Army fighters attacked a junta outpost near Bhamo (Bhamo, Kachin), "
     "killing four soldiers.", "KIA: Kachin Independence Army"),
    ("On 2 February 2024, Abu Sayyaf militants ambushed a marine patrol in Patikul (Patikul, Sulu), killing two "
     "marines.", "Abu Sayyaf"),
])
def test_actors_a_named_group_before_the_generic_word_keeps_its_name(pipeline, text, actor):
    assert first_violent(pipeline, text).actor.name == actor


def test_actors_the_killed_are_the_side_hit(pipeline):
    event = first_violent(pipeline, "On 14 May 2024, gunmen shot dead a school headmaster as he left a "
                                    "mosque in Kano (Kano Municipal, Kano).")
    assert names(event) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")
    event = first_violent(pipeline, "On 21 May 2024, unidentified attackers threw a grenade into a police "
                                    "post in Bunia (Bunia, Ituri), killing two policemen.")
    recipient = names(event)[1] or ""
    assert recipient.startswith("Police Forces of") and "Congo" in recipient


@pytest.mark.parametrize("text,actor", [
    ("On 5 March 2024, gunmen opened fire on a bus near Mastung (Mastung, Balochistan), killing four passengers. "
     "Lashkar-e-Jhangvi claimed the attack.", "Lashkar-e-Jhangvi"),
    ("On 7 March 2024, a roadside bomb hit a ranger patrol near Yala (Mueang Yala, Yala), wounding two rangers. "
     "The army blamed BRN insurgents for the attack.", "BRN: Barisan Revolusi Nasional"),
])
def test_actors_a_deed_claimed_in_a_later_sentence_is_the_claimants(pipeline, text, actor):
    assert first_violent(pipeline, text).actor.name == actor


def test_actors_an_alias_two_groups_share_is_the_one_of_the_articles_country(pipeline):
    somali = first_violent(pipeline, "On 1 March 2024, al-Shabaab fighters attacked an SNA base near Baidoa "
                                     "(Baidoa, Bay), killing three soldiers.")
    syrian = first_violent(pipeline, "On 1 March 2024, SDF fighters clashed with the SNA near Manbij "
                                     "(Manbij, Aleppo), killing three fighters.")
    assert "Military Forces of Somalia" in names(somali)
    assert "Syrian National Army" in names(syrian)


def test_actors_a_number_before_a_name_is_a_name(pipeline):
    event = first_violent(pipeline, "On 3 April 2024, fighters of the 444 Brigade clashed with a rival militia "
                                    "in Tarhuna (Tarhuna, Murqub), killing two fighters.")
    assert event.actor.name == "444 Brigade"
