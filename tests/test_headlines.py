"""Headlines: Title Case and the acronym IS are read through a view; the text and its offsets stay the article's."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import Article


@pytest.fixture(scope="module")
def pipeline(rules):
    """These tests are about the rules' readings: the pipeline without its judge (tests/test_judge.py tests
    what the model makes of them)."""
    return rules


def first_event(pipeline, text):
    result = pipeline(Article(doc_id="h", text=text, published=dt.date(2024, 5, 20)))
    assert result.events, text
    return result, result.events[0]


def test_headlines_title_case_is_parsed_as_a_sentence(pipeline):
    text = "Nigerian Troops Kill 12 Boko Haram Fighters Near Maiduguri"
    result, event = first_event(pipeline, text)
    assert (event.type, event.acled_event_type) == ("ASSAULT", "Battles")
    assert event.actor.country == "Nigeria" and event.actor.type == "state_forces"
    assert event.recipient.name == "Boko Haram" and event.fatalities == 12
    assert result.article.text == text and event.evidence.text == text  # the text itself is untouched
    assert any(p.name == "Maiduguri" for p in result.places)


def test_headlines_is_the_group_not_the_verb(pipeline):
    result, event = first_event(pipeline, "IS gunmen kill three shepherds near Kirkuk")
    assert event.actor.name == "Islamic State" and event.acled_event_type == "Violence against civilians"
    assert event.fatalities == 3
    assert [t.text for t in result.places] == ["Kirkuk"]


def test_headlines_the_view_keeps_words_and_offsets(nlp, pipeline):
    view = pipeline.stages[0].view
    tokens = nlp.tokenizer("Syrian Army Retakes Palmyra From IS\nThe army said on Sunday it held the town.")
    words = view.words(tokens)
    assert words[:6] == ["Syrian", "army", "retakes", "Palmyra", "from", "ISIS"]
    assert words[7:] == [t.text for t in tokens][7:]  # a sentence in running text is not a headline


@pytest.mark.parametrize("text", [
    "THE HOUSE IS CLOSED ON SUNDAYS",  # all capitals: IS is the verb
    "Police said the man is held in Leeds.",
    "Mourners Gathered In Kaduna. The family said the funeral is on Friday, and thanked the neighbours.",
])
def test_headlines_running_text_and_shouting_are_read_as_they_are(nlp, pipeline, text):
    view = pipeline.stages[0].view
    tokens = nlp.tokenizer(text)
    words = view.words(tokens)
    assert words is None or words[:5] != ["THE", "HOUSE", "ISIS", "CLOSED", "ON"]
    if text.startswith("Police"):
        assert words is None


def test_headlines_a_side_that_counts_its_enemies_dead_claims_the_killing(pipeline):
    _, event = first_event(pipeline, "The Iraqi army said 40 Islamic State fighters killed near Hit on Sunday.")
    assert event.actor.country == "Iraq" and event.recipient.name == "Islamic State"
    assert event.acled_event_type == "Battles" and event.fatalities == 40 and event.status == "claimed"


@pytest.mark.parametrize("text,etype,sub", [
    ("Kurdish forces gain ground against Islamic State west of Kirkuk.", "Battles", "Government regains territory"),
    ("Islamic State fighters downed an army helicopter near Baiji on Friday.", "Battles", "Armed clash"),
    ("Fourteen dead in Diyala violence as tribes feud over land.", "Violence against civilians", "Attack"),
    ("Clashes in the old market killed 9 civilians on Tuesday.", "Battles", "Armed clash"),
])
def test_headlines_news_phrasings_of_violence(pipeline, text, etype, sub):
    _, event = first_event(pipeline, text)
    assert (event.acled_event_type, event.acled_sub_event_type) == (etype, sub)


def test_headlines_a_kill_and_a_seizure_are_two_events(pipeline):
    result = pipeline(Article(doc_id="k", text="Soldiers killed five militants and seized a weapons cache near "
                              "Garissa on Monday.", published=dt.date(2024, 5, 20)))
    kinds = {(e.type, e.acled_sub_event_type) for e in result.events}
    assert ("ASSAULT", "Armed clash") in kinds and ("COERCE", "Disrupted weapons use") in kinds


def test_headlines_violence_without_a_toll_is_no_event(pipeline):
    result = pipeline(Article(doc_id="v", text="The mayor warned of violence if the vote is delayed.",
                              published=dt.date(2024, 5, 20)))
    assert not any(e.type == "ASSAULT" for e in result.events)


def test_headlines_a_car_bomb_is_not_the_city_it_went_off_in(pipeline):
    _, event = first_event(pipeline, "A car bomb in a market in Baghdad killed 11 people on Thursday.")
    assert event.actor is None or "Baghdad" not in event.actor.text
    assert event.acled_event_type == "Explosions/Remote violence"


def test_headlines_a_line_break_ends_a_headline(pipeline):
    # a headline has no full stop: without the line break it would run into the lead as one sentence
    text = ("Army shells rebel positions near Goma as talks stall\n"
            "Militiamen clash with soldiers in Rutshuru, killing six villagers, a local official said.")
    result = pipeline(Article(doc_id="l", text=text, published=dt.date(2024, 5, 20)))
    clash = [e for e in result.events if e.acled_sub_event_type == "Armed clash"]
    assert clash and clash[0].evidence.text.startswith("Militiamen clash")


def test_headlines_a_hard_wrapped_text_is_read_across_its_line_breaks(nlp):
    from dateline.stages.nlp import line_starts

    wrapped = nlp.tokenizer("Police in the northern city said the men were\narrested on Friday, and that\n"
                            "three more suspects were sought.\n\nA second statement followed.")
    starts = line_starts(wrapped)
    assert [wrapped[i].text for i in starts] == ["A"]  # only the blank line ends a sentence
    headline = nlp.tokenizer("Gunmen kill four in Kano market\nGunmen killed four traders on Monday.")
    assert [headline[i].text for i in line_starts(headline)] == ["Gunmen"]


@pytest.mark.parametrize("text,etype,sub", [
    ("Coalition jets strike militant positions near Tal Afar", "Explosions/Remote violence", "Air/drone strike"),
    ("Turkey strikes PKK targets in northern Iraq", "Explosions/Remote violence", "Air/drone strike"),
    ("Gunmen struck a police checkpoint outside Mogadishu on Friday, killing two officers.", "Battles",
     "Armed clash"),
    ("Al-Shabaab slaughtered 14 villagers in a night raid on Tuesday, elders said.", "Violence against civilians",
     "Attack"),
    ("Rebels launch onslaught on army garrison in the north", "Battles", "Armed clash"),
])
def test_headlines_strikes_and_slaughter(pipeline, text, etype, sub):
    _, event = first_event(pipeline, text)
    assert event.type == "ASSAULT" and (event.acled_event_type, event.acled_sub_event_type) == (etype, sub)


@pytest.mark.parametrize("text", [
    "The two parties struck a deal on the budget late on Sunday.",
    "A powerful earthquake struck the coastal region on Monday, the weather agency said.",
    "Dock workers strike over unpaid wages in the port city.",
])
def test_headlines_a_strike_that_hits_no_one_is_no_attack(pipeline, text):
    result = pipeline(Article(doc_id="s", text=text, published=dt.date(2024, 5, 20)))
    assert not any(e.type == "ASSAULT" for e in result.events), [(e.type, e.trigger) for e in result.events]


@pytest.mark.parametrize("text,place", [
    ("Deadly Garissa bombings kill 20 as traders mark market day", "Garissa"),
    ("Fresh Mosul fighting kills 12 soldiers", "Mosul"),
    ("New York police arrest 12 protesters", "New York"),  # a name of two words keeps its capital
])
def test_headlines_a_describing_word_that_opens_a_line_is_not_part_of_the_name(pipeline, text, place):
    result = pipeline(Article(doc_id="d", text=text, published=dt.date(2024, 5, 20)))
    assert [p.text for p in result.places] == [place]
    opening = text.split()[0]
    assert not any(e.actor is not None and e.actor.text.startswith(opening) and opening != "New"
                   for e in result.events)  # no side called "Deadly Garissa"


@pytest.mark.parametrize("text,sub,actor,count", [
    # the model reads "army shells" and "militia 'executes'" as nouns: the headline has no verb
    ("Army shells rebel positions near Goma", "Shelling/artillery/missile attack", "Military Forces", None),
    ("Militia 'executes' nine captives in Beni: officials", "Attack", "militia", 9),
    ("Rebels slaughters 14 herders near Bambari", "Attack", "rebels", 14),
])
def test_headlines_a_verbless_headline_is_read_again_with_its_verb(pipeline, text, sub, actor, count):
    _, event = first_event(pipeline, text)
    assert event.type == "ASSAULT" and event.acled_sub_event_type == sub
    assert event.actor is not None and actor.lower() in f"{event.actor.text} {event.actor.name}".lower()
    assert event.fatalities == count and event.trigger == text.split()[1].strip("'")


@pytest.mark.parametrize("text", [
    "Seven dead in Kano market attacks",  # no object after "attacks": a noun
    "12 dead as car bombs rock Kabul",  # "car bombs" is a weapon, not a verb
    "Police said the raids continue in the north.",  # a sentence with a verb is read once
])
def test_headlines_nouns_stay_nouns(pipeline, text):
    view, nlp = pipeline.stages[0].view, pipeline.stages[0].nlp
    assert view.verbs(nlp(text)) == {}


@pytest.mark.parametrize("text", [
    "UPDATE 2-Gunmen kill four guards at Maiduguri checkpoint",
    "TOPSHOTS Kabul truck bomb kills 80 near embassies",
    "WRAPUP 1-Gunmen kill five at Goma market as talks stall",
])
def test_headlines_a_wire_slug_or_a_town_before_the_bomb_is_no_side(pipeline, text):
    _, event = first_event(pipeline, text)
    assert event.type == "ASSAULT"
    sides = [p.text for p in (event.actor, event.recipient) if p is not None]
    assert not any(word in side for side in sides for word in ("UPDATE", "TOPSHOTS", "WRAPUP", "Kabul")), sides


def test_headlines_a_strike_that_kills_is_no_walkout(pipeline):
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
def test_headlines_what_aircraft_do_is_an_air_strike(pipeline, text, sub):
    result = pipeline(Article(doc_id="j", text=text, published=dt.date(2024, 5, 20)))
    assert [e.acled_sub_event_type for e in result.events if e.type == "ASSAULT"][:1] == [sub]
    assert not any(e.type == "RETREAT" for e in result.events)  # "leaving six dead" is no withdrawal


@pytest.mark.parametrize("text,sub", [
    ("Two female kamikazes blew up near a bus station in Mubi, killing five traders.", "Suicide bomb"),
    ("Three gunmen blew themselves up near the barracks after troops surrounded them.", "Suicide bomb"),
    ("Nine workers were killed when a fireworks warehouse exploded in the industrial zone on Sunday.", None),
])
def test_headlines_who_blows_up_with_the_bomb_and_what_blows_up_alone(pipeline, text, sub):
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
def test_headlines_a_change_of_hands_outranks_the_weapon(pipeline, text, sub):
    _, event = first_event(pipeline, text)
    assert event.acled_event_type == "Battles" and event.acled_sub_event_type == sub


@pytest.mark.parametrize("text,sub", [
    ("Villagers clashed with sticks and machetes over a grazing field near Dimla, killing one man.",
     "Mob violence"),
    ("Protesters clashed with police outside parliament on Tuesday.", "Violent demonstration"),
])
def test_headlines_a_clash_of_civilians_is_a_mob_unless_they_protest(pipeline, text, sub):
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
def test_headlines_how_ground_and_guns_change_hands(pipeline, text, sub):
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
def test_headlines_how_protests_are_met(pipeline, text, sub):
    _, event = first_event(pipeline, text)
    assert event.acled_sub_event_type == sub


def test_headlines_a_deed_word_naming_a_kind_is_no_deed(pipeline):
    result = pipeline(Article(doc_id="k", text="Two attack helicopters flew low over the town on Monday.",
                              published=dt.date(2024, 5, 20)))
    assert not result.events
