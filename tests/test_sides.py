"""The sides stage: ACLED's conventions for who is who, on events built by hand (no parse needed)."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import ActorMention, Article, Event, EventDate, Evidence, Location, Party, Place
from dateline.resources import Resources
from dateline.stages import Document
from dateline.stages.sides import SidesStage

NAIROBI = Location(name="Nairobi", geonameid=184745, lat=-1.28, lon=36.82, country_code="KE", admin1="KE.30",
                   precision="city")


def event(sub: str, kind: str, actor: Party | None, recipient: Party | None, location=NAIROBI) -> Event:
    return Event(id="d:0", type="PROTEST", mode=None, acled_event_type=kind, acled_sub_event_type=sub,
                 actor=actor, recipient=recipient, location=location, date=EventDate("2024-03-16", "day"),
                 fatalities=None, status="asserted", attribution=None, evidence=Evidence("…", 0, 1), confidence=0.9)


def side(name, kind, text=None):
    return Party(text=text or name, name=name, type=kind, country=None)


@pytest.fixture(scope="module")
def sides(nlp):
    """The stage, on documents given the parse of their text (events and mentions are built by hand)."""
    stage = SidesStage(Resources())

    def with_parse(document: Document) -> Document:
        document.doc = document.doc or nlp(document.article.text)
        return stage(document)
    return with_parse


def run(sides, e: Event, places=()) -> Event:
    document = Document(article=Article(doc_id="d", text="…"), events=[e], places=list(places))
    return sides(document).events[0]


def test_demonstrators_are_protesters_of_the_events_country(sides):
    e = run(sides, event("Peaceful protest", "Protests", side("Civilians (Kenya)", "civilians", "teachers"), None))
    assert (e.actor.name, e.actor.type, e.actor.country, e.actor.text) == ("Protesters (Kenya)", "protesters", "KE",
                                                                          "teachers")


def test_forces_that_break_up_a_protest_are_its_second_side(sides):
    e = run(sides, event("Protest with intervention", "Protests", side("Police Forces of Kenya", "state_forces"),
                         side("students", "other")))
    assert (e.actor.name, e.recipient.name) == ("Protesters (Kenya)", "Police Forces of Kenya")


def test_what_protesters_protest_about_is_no_side_but_whom_they_protest_to_is(sides):
    e = run(sides, event("Peaceful protest", "Protests", side("Protesters (Kenya)", "protesters"),
                         side("fee increases", "other")))
    assert e.recipient is None
    e = run(sides, event("Peaceful protest", "Protests", side("Protesters (Kenya)", "protesters"),
                         side("Government of Kenya", "government")))
    assert e.recipient.name == "Government of Kenya"  # PLOVER's target of the protest


def test_a_place_is_no_side(sides):
    place = Place("Nairobi", 40, 47, "Nairobi", 184745, -1.28, 36.82, "KE", "KE.30", "PPLC", "city")
    e = run(sides, event("Violent demonstration", "Riots", side("youths", "other"), side("Nairobi", "other")),
            places=[place])
    assert e.recipient is None and e.actor.name == "Rioters (Kenya)"


def test_victims_of_violence_against_civilians_are_civilians(sides):
    e = run(sides, event("Attack", "Violence against civilians",
                         side("Unidentified Armed Group (Kenya)", "political_militia"), side("two traders", "other")))
    assert (e.recipient.name, e.recipient.type) == ("Civilians (Kenya)", "civilians")
    soldiers = run(sides, event("Attack", "Violence against civilians", side("al-Shabaab", "rebels"),
                                side("Military Forces of Kenya", "state_forces")))
    assert soldiers.recipient.name == "Military Forces of Kenya"  # an armed side stays what it is


def test_a_generic_side_takes_the_events_country(sides):
    e = run(sides, event("Armed clash", "Battles", side("Military Forces", "state_forces"),
                         side("al-Shabaab", "rebels")))
    assert e.actor.name == "Military Forces of Kenya" and e.recipient.name == "al-Shabaab"


def test_events_without_an_acled_type_are_left_as_read(sides):
    e = run(sides, event(None, None, side("Civilians", "civilians"), side("Nairobi", "other")))
    assert e.actor.name == "Civilians" and e.recipient.name == "Nairobi"


def test_excessive_force_has_the_forces_first(sides):
    e = run(sides, event("Excessive force against protesters", "Protests", side("demonstrators", "other"),
                         side("Police Forces of Kenya", "state_forces")))
    assert (e.actor.name, e.recipient.name) == ("Police Forces of Kenya", "Protesters (Kenya)")


def test_the_forces_a_riot_faced_are_its_second_side(sides):
    # the parse gave the riot only a thing ("hurled bottles"); the sentence names the police they faced
    text = "Youths hurled bottles at police."
    police = ActorMention(text.index("police"), text.index("police") + 6, "police", "Police Forces of Kenya",
                          "state_forces", "Kenya", "agent")
    e = event("Violent demonstration", "Riots", side("youths", "other"), side("bottles", "other"))
    e.evidence = Evidence(text, 0, len(text))
    document = Document(article=Article(doc_id="d", text=text), events=[e], actors=[police])
    e = sides(document).events[0]
    assert e.actor.name == "Rioters (Kenya)" and e.recipient.name == "Police Forces of Kenya"


def test_a_police_force_is_of_the_event_s_country_a_namesake_did_not_choose():
    from dateline.stages.sides import local_side

    police = side("Police Forces of Spain", "state_forces", text="a police patrol")
    assert local_side(police, ("PH", "Philippines"), "Spain", False).name == "Police Forces of Philippines"
    # the side's own words named the country, or it is an army, which may strike abroad: left as it is
    assert local_side(police, ("PH", "Philippines"), "Spain", True).name == "Police Forces of Spain"
    army = side("Military Forces of Spain", "state_forces", text="troops")
    assert local_side(army, ("PH", "Philippines"), "Spain", False).name == "Military Forces of Spain"


def test_acled_s_own_names_in_the_text_are_sides_of_their_country(pipeline):
    result = pipeline(Article(doc_id="n", text="On 3 May 2024, Military Forces of the Philippines shelled a rebel camp "
                              "near Marawi, killing four fighters.", published=dt.date(2024, 5, 4)))
    event = next(e for e in result.events if e.acled_event_type)
    assert event.actor.name == "Military Forces of Philippines"


def test_victims_of_violence_against_civilians_are_civilians_even_when_the_parse_named_none(sides):
    e = run(sides, event("Attack", "Violence against civilians",
                         side("Unidentified Armed Group (Kenya)", "political_militia"), None))
    assert (e.recipient.name, e.recipient.type) == ("Civilians (Kenya)", "civilians")


def test_a_mobs_suspected_gang_members_are_civilians(sides):
    e = run(sides, event("Mob violence", "Riots", side("traders", "other"),
                         side("Unidentified Armed Group", "political_militia", "two suspected robbers")))
    assert (e.actor.name, e.recipient.name) == ("Rioters (Kenya)", "Civilians (Kenya)")
    named = run(sides, event("Mob violence", "Riots", side("youths", "other"), side("al-Shabaab", "rebels")))
    assert named.recipient.name == "al-Shabaab"  # a group named as such stays itself


def test_looted_property_and_detained_people_are_civilians(sides):
    e = run(sides, event("Looting/property destruction", "Strategic developments",
                         side("Police Forces of Kenya", "state_forces"), side("market stalls", "other")))
    assert e.recipient.name == "Civilians (Kenya)"
    e = run(sides, event("Arrests", "Strategic developments", side("Police Forces of Kenya", "state_forces"),
                         side("three bloggers", "other")))
    assert e.recipient.name == "Civilians (Kenya)"
    e = run(sides, event("Arrests", "Strategic developments", side("Police Forces of Kenya", "state_forces"),
                         side("al-Shabaab", "rebels")))
    assert e.recipient.name == "al-Shabaab"


def _with_mentions(e: Event, text: str, *mentions: tuple[str, str, str]) -> Event:
    """The event with its sentence and the actor mentions of (words, name, kind) in it, through the stage."""
    found = [ActorMention(text.index(words), text.index(words) + len(words), words, name, kind, None, "dictionary")
             for words, name, kind in mentions]
    e.evidence = Evidence(text, 0, len(text))
    return Document(article=Article(doc_id="d", text=text), events=[e], actors=found)


def test_an_agreements_second_party_is_the_other_side_its_sentence_names(sides):
    text = "The army and the Arakan Army agreed to a truce."
    e = event("Agreement", "Strategic developments", side("Military Forces of Kenya", "state_forces", "army"), None)
    document = _with_mentions(e, text, ("army", "Military Forces of Kenya", "state_forces"),
                              ("Arakan Army", "Arakan Army", "rebels"))
    assert sides(document).events[0].recipient.name == "Arakan Army"


def test_a_battles_second_side_is_a_side_not_the_ground(sides):
    text = "Rebels of the CPC seized the town after FACA soldiers withdrew."
    e = event("Non-state actor overtakes territory", "Battles",
              side("CPC: Coalition of Patriots for Change", "rebels", "Rebels of the CPC"), side("town", "other"))
    document = _with_mentions(e, text, ("FACA soldiers", "Military Forces of the Central African Republic",
                                        "state_forces"))
    assert sides(document).events[0].recipient.name == "Military Forces of the Central African Republic"
