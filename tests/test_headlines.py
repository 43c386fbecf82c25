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
    assert view.words(tokens) is None  # no view: the model reads the words as written


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


def test_headlines_a_deed_word_naming_a_kind_is_no_deed(pipeline):
    result = pipeline(Article(doc_id="k", text="Two attack helicopters flew low over the town on Monday.",
                              published=dt.date(2024, 5, 20)))
    assert not result.events
