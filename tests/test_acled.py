"""The ACLED reading of an event (stages/events/acled.py): its helpers tried on documents whose parse is built
by hand, so the rule and not the statistical parser is what is tested; then whole sentences through the
rules, where the reading depends on the parse as the model gives it."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import Article, Party
from dateline.stages.events.acled import abstract_object, disarms, refine
from dateline.stages.events.lexicon import Trigger

from .conftest import hand_parsed

STATE = Party("Police", "Police Forces", "state_forces", None)
REBELS = Party("Rebels", "Rebels", "rebels", None)
GUNMEN = Party("Gunmen", "Unidentified Armed Group", "political_militia", None)
SEIZE = Trigger(("seize",), "VERB", "ASSAULT", "seize", "Battles", "Non-state actor overtakes territory", "capture",
                0.8)
KILL = Trigger(("kill",), "VERB", "ASSAULT", "firearms", "Violence against civilians", "Attack", "violence", 0.8)
MINE = Trigger(("mine",), "NOUN", "ASSAULT", None, "Explosions/Remote violence", "Remote explosive/landmine/IED",
               "weapon", 0.7)


def seized(*rows):
    """'<subject> seized <object...>': the verb at index 1, the object's words after it."""
    subject, *rest = rows
    return hand_parsed([subject, ("seized", "seize", "VERB", "VBD", "ROOT", 1), *rest])


CACHE = seized(("Police", "police", "NOUN", "NNS", "nsubj", 1), ("a", "a", "DET", "DT", "det", 4),
               ("weapons", "weapon", "NOUN", "NNS", "compound", 4), ("cache", "cache", "NOUN", "NN", "dobj", 1),
               (".", ".", "PUNCT", ".", "punct", 1))
DEPOT = seized(("Rebels", "rebel", "NOUN", "NNS", "nsubj", 1), ("the", "the", "DET", "DT", "det", 4),
               ("weapons", "weapon", "NOUN", "NNS", "compound", 4), ("depot", "depot", "NOUN", "NN", "dobj", 1),
               ("of", "of", "ADP", "IN", "prep", 4), ("the", "the", "DET", "DT", "det", 7),
               ("town", "town", "NOUN", "NN", "pobj", 5))
CAPTIVES = seized(("Rebels", "rebel", "NOUN", "NNS", "nsubj", 1), ("two", "two", "NUM", "CD", "nummod", 3),
                  ("journalists", "journalist", "NOUN", "NNS", "dobj", 1))


def test_acled_weapons_taken_are_disrupted_weapons_use_but_ground_holding_them_is_ground():
    assert CACHE.text == "Police seized a weapons cache."
    assert disarms(SEIZE, CACHE[1]) is True
    assert refine(SEIZE, CACHE[1], STATE, None, CACHE[:], {}) == ("Strategic developments", "Disrupted weapons use")
    assert disarms(SEIZE, DEPOT[1]) is False  # "the weapons depot of the town": the town changed hands
    assert refine(SEIZE, DEPOT[1], REBELS, None, DEPOT[:], {}) == ("Battles", "Non-state actor overtakes territory")


def test_acled_people_seized_are_an_arrest_by_the_state_and_an_abduction_by_anyone_else():
    assert refine(SEIZE, CAPTIVES[1], STATE, None, CAPTIVES[:], {}) == ("Strategic developments", "Arrests")
    assert refine(SEIZE, CAPTIVES[1], REBELS, None, CAPTIVES[:], {}) == \
        ("Violence against civilians", "Abduction/forced disappearance")


def test_acled_weapons_destroyed_are_disarmed_along_a_list_but_a_weapon_going_off_is_not():
    doc = hand_parsed([("Soldiers", "soldier", "NOUN", "NNS", "nsubj", 1),
                       ("destroyed", "destroy", "VERB", "VBD", "ROOT", 1), ("30", "30", "NUM", "CD", "nummod", 3),
                       ("mines", "mine", "NOUN", "NNS", "dobj", 1), ("and", "and", "CCONJ", "CC", "cc", 3),
                       ("12", "12", "NUM", "CD", "nummod", 6), ("devices", "device", "NOUN", "NNS", "conj", 3)])
    assert disarms(MINE, doc[3]) and disarms(MINE, doc[6])  # "12 devices" hangs from "mines", the object
    blast = hand_parsed([("A", "a", "DET", "DT", "det", 1), ("mine", "mine", "NOUN", "NN", "nsubj", 2),
                         ("exploded", "explode", "VERB", "VBD", "ROOT", 2), ("under", "under", "ADP", "IN", "prep", 2),
                         ("a", "a", "DET", "DT", "det", 5), ("bus", "bus", "NOUN", "NN", "pobj", 3)])
    assert not disarms(MINE, blast[1])


def test_acled_a_disaster_that_kills_is_no_political_violence():
    quake = hand_parsed([("An", "an", "DET", "DT", "det", 1), ("earthquake", "earthquake", "NOUN", "NN", "nsubj", 2),
                         ("killed", "kill", "VERB", "VBD", "ROOT", 2), ("eight", "eight", "NUM", "CD", "nummod", 4),
                         ("people", "people", "NOUN", "NNS", "dobj", 2)])
    assert refine(KILL, quake[2], None, None, quake[:], {}) == (None, None)
    gunmen = hand_parsed([("Gunmen", "gunman", "NOUN", "NNS", "nsubj", 1),
                          ("killed", "kill", "VERB", "VBD", "ROOT", 1),
                          ("eight", "eight", "NUM", "CD", "nummod", 3), ("people", "people", "NOUN", "NNS", "dobj", 1)])
    assert refine(KILL, gunmen[1], GUNMEN, None, gunmen[:], {}) == ("Violence against civilians", "Attack")


def test_acled_what_is_withdrawn_is_a_force_unless_it_is_a_thing_of_words():
    def withdrew(subject, *rest):
        return hand_parsed([("The", "the", "DET", "DT", "det", 1), subject,
                            ("withdrew", "withdraw", "VERB", "VBD", "ROOT", 2), *rest])

    designation = withdrew(("group", "group", "NOUN", "NN", "nsubj", 2), ("the", "the", "DET", "DT", "det", 5),
                           ("emir", "emir", "NOUN", "NN", "compound", 5),
                           ("designation", "designation", "NOUN", "NN", "dobj", 2))
    troops = withdrew(("army", "army", "NOUN", "NN", "nsubj", 2), ("its", "its", "PRON", "PRP$", "poss", 4),
                      ("troops", "troop", "NOUN", "NNS", "dobj", 2))
    from_town = hand_parsed([("The", "the", "DET", "DT", "det", 1), ("army", "army", "NOUN", "NN", "nsubj", 2),
                             ("withdrew", "withdraw", "VERB", "VBD", "ROOT", 2),
                             ("from", "from", "ADP", "IN", "prep", 2),
                             ("Goma", "Goma", "PROPN", "NNP", "pobj", 3)], ents=["O", "O", "O", "O", "B-GPE"])
    assert abstract_object(designation[2]) is True
    assert abstract_object(troops[2]) is False
    assert abstract_object(from_town[2]) is False  # no object at all: the army left


# whole sentences through the rules pipeline (without its judge: tests/test_judge.py tests what the model
# makes of these readings)

@pytest.fixture(scope="module")
def pipeline(rules):
    return rules


def first_event(pipeline, text):
    result = pipeline(Article(doc_id="h", text=text, published=dt.date(2024, 5, 20)))
    assert result.events, text
    return result, result.events[0]


@pytest.mark.parametrize("text,etype,sub", [
    ("Kurdish forces gain ground against Islamic State west of Kirkuk.", "Battles", "Government regains territory"),
    ("Islamic State fighters downed an army helicopter near Baiji on Friday.", "Battles", "Armed clash"),
    ("Fourteen dead in Diyala violence as tribes feud over land.", "Violence against civilians", "Attack"),
    ("Clashes in the old market killed 9 civilians on Tuesday.", "Battles", "Armed clash"),
])
def test_acled_news_phrasings_of_violence(pipeline, text, etype, sub):
    _, event = first_event(pipeline, text)
    assert (event.acled_event_type, event.acled_sub_event_type) == (etype, sub)


def test_acled_a_kill_and_a_seizure_are_two_events(pipeline):
    result = pipeline(Article(doc_id="k", text="Soldiers killed five militants and seized a weapons cache near "
                              "Garissa on Monday.", published=dt.date(2024, 5, 20)))
    kinds = {(e.type, e.acled_sub_event_type) for e in result.events}
    assert ("ASSAULT", "Armed clash") in kinds and ("COERCE", "Disrupted weapons use") in kinds


def test_acled_violence_without_a_toll_is_no_event(pipeline):
    result = pipeline(Article(doc_id="v", text="The mayor warned of violence if the vote is delayed.",
                              published=dt.date(2024, 5, 20)))
    assert not any(e.type == "ASSAULT" for e in result.events)


@pytest.mark.parametrize("text,etype,sub", [
    ("Coalition jets strike militant positions near Tal Afar", "Explosions/Remote violence", "Air/drone strike"),
    ("Turkey strikes PKK targets in northern Iraq", "Explosions/Remote violence", "Air/drone strike"),
    ("Gunmen struck a police checkpoint outside Mogadishu on Friday, killing two officers.", "Battles",
     "Armed clash"),
    ("Al-Shabaab slaughtered 14 villagers in a night raid on Tuesday, elders said.", "Violence against civilians",
     "Attack"),
    ("Rebels launch onslaught on army garrison in the north", "Battles", "Armed clash"),
])
def test_acled_strikes_and_slaughter(pipeline, text, etype, sub):
    _, event = first_event(pipeline, text)
    assert event.type == "ASSAULT" and (event.acled_event_type, event.acled_sub_event_type) == (etype, sub)


@pytest.mark.parametrize("text", [
    "The two parties struck a deal on the budget late on Sunday.",
    "A powerful earthquake struck the coastal region on Monday, the weather agency said.",
    "Dock workers strike over unpaid wages in the port city.",
])
def test_acled_a_strike_that_hits_no_one_is_no_attack(pipeline, text):
    result = pipeline(Article(doc_id="s", text=text, published=dt.date(2024, 5, 20)))
    assert not any(e.type == "ASSAULT" for e in result.events), [(e.type, e.trigger) for e in result.events]


def test_acled_a_strike_that_kills_is_no_walkout(pipeline):
    result = pipeline(Article(doc_id="w", text="The army said the strike killed 12 militants near Jilib.",
                              published=dt.date(2024, 5, 20)))
    assert not any(e.type == "PROTEST" for e in result.events)
    assert any(e.type == "ASSAULT" and e.fatalities == 12 for e in result.events)


@pytest.mark.parametrize("text,sub", [
    ("Government jets fired rockets at a rebel camp near Kutum on Monday, leaving six fighters dead.",
     "Air/drone strike"),  # fired from aircraft: an air strike, whatever the weapon
    ("Army helicopters attacked a convoy of militants on the road to Bama.", "Air/drone strike"),
    ("A heavy bombardment of the town's outskirts killed three civilians on Friday.",
     "Shelling/artillery/missile attack"),
])
def test_acled_what_aircraft_do_is_an_air_strike(pipeline, text, sub):
    result = pipeline(Article(doc_id="j", text=text, published=dt.date(2024, 5, 20)))
    assert [e.acled_sub_event_type for e in result.events if e.type == "ASSAULT"][:1] == [sub]
    assert not any(e.type == "RETREAT" for e in result.events)  # "leaving six dead" is no withdrawal


@pytest.mark.parametrize("text,sub", [
    ("Two female kamikazes blew up near a bus station in Mubi, killing five traders.", "Suicide bomb"),
    ("Three gunmen blew themselves up near the barracks after troops surrounded them.", "Suicide bomb"),
    ("Nine workers were killed when a fireworks warehouse exploded in the industrial zone on Sunday.", None),
])
def test_acled_who_blows_up_with_the_bomb_and_what_blows_up_alone(pipeline, text, sub):
    result = pipeline(Article(doc_id="b", text=text, published=dt.date(2024, 5, 20)))
    subs = [e.acled_sub_event_type for e in result.events if e.type == "ASSAULT"]
    if sub:
        assert subs[:1] == [sub], subs
    else:  # an accident: no political violence
        assert not any(subs), subs


@pytest.mark.parametrize("text,sub", [
    ("Government troops retook the town of Kutum after two days of heavy shelling, killing 12 rebels.",
     "Government regains territory"),
    ("Rebels captured two villages near Rutshuru with mortars and rockets on Sunday.",
     "Non-state actor overtakes territory"),
    ("Army units wrested control of the airport from the militia on Friday.", "Government regains territory"),
])
def test_acled_a_change_of_hands_outranks_the_weapon(pipeline, text, sub):
    _, event = first_event(pipeline, text)
    assert event.acled_event_type == "Battles" and event.acled_sub_event_type == sub


@pytest.mark.parametrize("text,sub", [
    ("Villagers clashed with sticks and machetes over a grazing field near Dimla, killing one man.",
     "Mob violence"),
    ("Protesters clashed with police outside parliament on Tuesday.", "Violent demonstration"),
])
def test_acled_a_clash_of_civilians_is_a_mob_unless_they_protest(pipeline, text, sub):
    _, event = first_event(pipeline, text)
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", sub)


@pytest.mark.parametrize("text,sub", [
    ("Al-Shabaab fighters took control of Marka on Monday. Residents said the allied forces left the town "
     "without firing a shot.", "Non-violent transfer of territory"),
    ("JNIM militants seized the town after soldiers withdrew from their positions.",
     "Non-state actor overtakes territory"),  # a withdrawal alone does not say there was no fight
    ("Troopers captured two rebel camps in the hills over the weekend.", "Government regains territory"),
    ("Seven revolvers, a carbine and 85 cartridges were seized from the suspects, police said.",
     "Disrupted weapons use"),
])
def test_acled_how_ground_and_guns_change_hands(pipeline, text, sub):
    _, event = first_event(pipeline, text)
    assert event.acled_sub_event_type == sub


@pytest.mark.parametrize("text,sub", [
    ("Police used water cannon and tear gas against crowds of students in the capital on Friday.",
     "Protest with intervention"),
    ("Police detained 30 nurses during a demonstration outside the health ministry on Monday.",
     "Protest with intervention"),  # arrests at a protest are how it was stopped
    ("Police arrested 14 activists ahead of a planned demonstration on Monday.", "Arrests"),  # no protest yet
    ("Riot police watched as demonstrators marched peacefully through the city centre.", "Peaceful protest"),
    ("The protest leader was arrested at his home at dawn.", "Arrests"),
])
def test_acled_how_protests_are_met(pipeline, text, sub):
    _, event = first_event(pipeline, text)
    assert event.acled_sub_event_type == sub
