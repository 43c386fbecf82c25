"""Who did it: the actor of an event from the clause, in constructions the parse hides it in."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import Article

CASES = [
    # (text, PLOVER type of the first event, words its actor must contain)
    ("Kenya is ready to send 1,000 police officers to Haiti, the interior minister said.", None, "Kenya"),
    ("The Lake Victoria Fishers Association (LVFA) agreed on Sunday to end its boycott of the markets.",
     "AGREE", "Lake Victoria Fishers Association (LVFA)"),  # an acronym keeps its long form
    ("Turkey on Monday reimposed a curfew in the town of Cizre after clashes.", None, "Turkey"),
    ("The teachers' union continued its strike on Tuesday, closing schools across the province.", "PROTEST",
     "teachers"),
    ("Two Somali gunmen opened fire on a bus near Mandera, killing four passengers.", "ASSAULT", "Somali"),
    ("Sudan flatly rejected an Egyptian ultimatum over the dam on Thursday.", "REJECT", "Sudan"),
    # "fired on" has its target after "on": the subject fired, it did not suffer a headline's passive
    ("Gunmen in a speedboat fired on a cargo ship off the port on Monday, the shipping agency said.", "ASSAULT",
     "gunmen"),
]


@pytest.mark.parametrize("text,etype,actor", CASES)
def test_roles_actor_from_the_clause(pipeline, text, etype, actor):
    result = pipeline(Article(doc_id="r", text=text, published=dt.date(2024, 5, 20)))
    assert result.events, text
    first = result.events[0]
    if etype:
        assert first.type == etype
    assert first.actor is not None and actor.lower() in f"{first.actor.text} {first.actor.name}".lower(), \
        (first.type, first.actor)


@pytest.mark.parametrize("text", [
    "Al-Shabaab leader Hassan Abdi Warsame ordered his fighters to hold the port on Monday, residents said. "
    "The al-Shabaab chief also threatened traders who pay taxes to the government.",
    "Hassan Abdi Warsame, the al-Shabaab commander, met clan elders near Jilib on Monday. "
    "On Tuesday the al-Shabaab commander threatened traders who pay taxes to the government.",
])
def test_roles_a_title_names_the_leader_named_before(pipeline, text):
    result = pipeline(Article(doc_id="t", text=text, published=dt.date(2024, 5, 20)))
    threat = next(e for e in result.events if e.type == "THREATEN")
    assert threat.actor.text.lower().endswith(("chief", "commander")) and threat.actor.name == "Hassan Abdi Warsame"
    assert threat.actor.type == "rebels"  # the leader acts as his group does


@pytest.fixture(scope="module")
def pipeline(rules):
    """These tests are about the rules' readings: the pipeline without its judge (tests/test_judge.py tests
    what the model makes of them)."""
    return rules


def test_roles_a_title_with_no_leader_named_is_the_group(pipeline):
    result = pipeline(Article(doc_id="t", text="The al-Shabaab chief has threatened traders who pay taxes to the "
                              "government, a recording said on Monday.", published=dt.date(2024, 5, 20)))
    threat = next(e for e in result.events if e.type == "THREATEN")
    assert threat.actor.name == "al-Shabaab"


def test_roles_the_teller_beside_the_clause_is_no_side(pipeline):
    text = "Gunmen fired on a fishing boat off Zuwara on Monday, the coast guard said, without naming the boat."
    event = pipeline(Article(doc_id="c", text=text, published=dt.date(2024, 5, 20))).events[0]
    assert event.type == "ASSAULT"
    sides = [party.text for party in (event.actor, event.recipient) if party is not None]
    assert sides[0] == "Gunmen" and not any("coast" in side.lower() for side in sides), sides  # it only tells


def test_roles_a_time_after_the_verb_is_not_a_target(pipeline):
    text = "The bank fired its chief executive on Friday after the audit."
    assert not [e for e in pipeline(Article(doc_id="f", text=text, published=dt.date(2024, 5, 20))).events
                if e.type == "ASSAULT"]


def test_roles_the_kin_of_an_armed_man_are_civilians(pipeline):
    text = "Gunmen killed the wife and two sons of a police officer in Kirkuk on Sunday."
    event = pipeline(Article(doc_id="k", text=text, published=dt.date(2024, 5, 20))).events[0]
    assert event.recipient is not None and event.recipient.type == "civilians"
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize("text,actor", [
    ("A car bomb killed 14 people outside a hotel in Mogadishu on Friday. Al-Shabaab claimed responsibility "
     "in a statement on its radio station.", "al-Shabaab"),
    ("Al-Shabaab claimed the Mogadishu hotel bombing, which killed 14 people.", "al-Shabaab"),
    ("Police blamed Boko Haram for the attack on the market in Konduga, which killed nine traders.", "Boko Haram"),
    ("A car bomb killed 14 people outside a hotel in Mogadishu on Friday. No group has claimed responsibility, "
     "but al-Shabaab has carried out similar attacks in the city.", None),
])
def test_roles_who_claims_or_is_blamed_did_it(pipeline, text, actor):
    events = [e for e in pipeline(Article(doc_id="c", text=text, published=dt.date(2024, 5, 20))).events
              if e.type == "ASSAULT"]
    assert len(events) == 1, [(e.trigger, e.evidence.text) for e in events]  # "similar attacks" are no event
    if actor is None:
        assert events[0].actor is None
    else:
        assert events[0].actor is not None and actor.lower() in events[0].actor.name.lower()


def test_roles_a_date_after_on_is_when_not_whom(pipeline):
    text = "On 20 April 2024, gunmen killed two shepherds near Kirkuk."
    event = pipeline(Article(doc_id="o", text=text, published=dt.date(2024, 4, 21))).events[0]
    assert event.recipient is not None and event.recipient.type == "civilians", event.recipient


def test_roles_a_noun_trigger_is_not_read_across_other_words(pipeline):
    # "Air ... struck" is no "air strike": the strike is the verb, done by the jets of the air force
    text = "Nigerian Air Force jets struck Boko Haram positions near Konduga on Tuesday."
    event = pipeline(Article(doc_id="a", text=text, published=dt.date(2024, 4, 21))).events[0]
    assert event.trigger == "struck" and event.acled_sub_event_type == "Air/drone strike"
    assert event.actor.country == "Nigeria" and event.recipient.name == "Boko Haram"


def test_roles_a_car_bomb_is_not_the_city_it_went_off_in(pipeline):
    [event] = pipeline(Article(doc_id="b", text="A car bomb in a market in Baghdad killed 11 people on Thursday.",
                               published=dt.date(2024, 5, 20))).events
    assert event.actor is None  # no one named set it: neither "Baghdad" nor the bomb is a side
    assert (event.recipient.type, event.recipient.country) == ("civilians", "Iraq")
    assert event.acled_event_type == "Explosions/Remote violence"
