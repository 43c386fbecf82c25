"""What the text does with an event (stages/events/status.py): asserts, claims, denies, plans or imagines it,
and what a stated intent is coded as. The parse is built by hand, as spaCy's own tests build theirs, so each
rule is tested apart from the statistical parser; one sentence at the end goes through the rules whole."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import Article, Attribution
from dateline.stages.base import Claim, Document
from dateline.stages.events.status import claim_for, intent_type, salience, status_of

from .conftest import hand_parsed

REBELS = ("Rebels", "rebel", "NOUN", "NNS", "nsubj")


def the_town(verb: int, at: int) -> list[tuple]:
    """'the town' at token `at`, the object of the verb at `verb`."""
    return [("the", "the", "DET", "DT", "det", at + 1), ("town", "town", "NOUN", "NN", "dobj", verb)]


def document(rows, claims=()) -> Document:
    doc = hand_parsed(rows)
    return Document(article=Article(doc_id="s", text=doc.text), doc=doc, claims=list(claims))


CASES = [  # (rows, index of the trigger, text it reads, status)
    ([(*REBELS, 1), ("attacked", "attack", "VERB", "VBD", "ROOT", 1), *the_town(1, 2)], 1,
     "Rebels attacked the town", "asserted"),
    ([(*REBELS, 3), ("did", "do", "AUX", "VBD", "aux", 3), ("not", "not", "PART", "RB", "neg", 3),
      ("attack", "attack", "VERB", "VB", "ROOT", 3), *the_town(3, 4)], 3, "Rebels did not attack the town", "denied"),
    ([(*REBELS, 2), ("will", "will", "AUX", "MD", "aux", 2), ("attack", "attack", "VERB", "VB", "ROOT", 2),
      *the_town(2, 3)], 2, "Rebels will attack the town", "planned"),
    ([(*REBELS, 2), ("could", "could", "AUX", "MD", "aux", 2), ("attack", "attack", "VERB", "VB", "ROOT", 2),
      *the_town(2, 3)], 2, "Rebels could attack the town", "hypothetical"),
    ([(*REBELS, 1), ("threatened", "threaten", "VERB", "VBD", "ROOT", 1), ("to", "to", "PART", "TO", "aux", 3),
      ("attack", "attack", "VERB", "VB", "xcomp", 1), *the_town(3, 4)], 3, "Rebels threatened to attack the town",
     "planned"),
    # "began to" tells that it happened: the verb it hangs from asserts the clause
    ([(*REBELS, 1), ("began", "begin", "VERB", "VBD", "ROOT", 1), ("to", "to", "PART", "TO", "aux", 3),
      ("attack", "attack", "VERB", "VB", "xcomp", 1), *the_town(3, 4)], 3, "Rebels began to attack the town",
     "asserted"),
    ([("If", "if", "SCONJ", "IN", "mark", 2), ("rebels", "rebel", "NOUN", "NNS", "nsubj", 2),
      ("attack", "attack", "VERB", "VBP", "ROOT", 2), *the_town(2, 3)], 2, "If rebels attack the town", "hypothetical"),
    ([("Police", "police", "NOUN", "NNS", "nsubj", 1), ("arrested", "arrest", "VERB", "VBD", "ROOT", 1),
      ("no", "no", "DET", "DT", "det", 3), ("one", "one", "PRON", "NN", "dobj", 1)], 1, "Police arrested no one",
     "denied"),
]


@pytest.mark.parametrize("rows,head,text,status", CASES, ids=[case[2] for case in CASES])
def test_status_of_a_clause_from_its_parse(rows, head, text, status):
    found = document(rows)
    assert found.doc.text == text
    assert status_of(found, found.doc[head], found.doc[:]) == (status, None)


ARMY_SAID = [(*REBELS, 1), ("attacked", "attack", "VERB", "VBD", "ccomp", 7), *the_town(1, 2),
             (",", ",", "PUNCT", ",", "punct", 7), ("the", "the", "DET", "DT", "det", 6),
             ("army", "army", "NOUN", "NN", "nsubj", 7), ("said", "say", "VERB", "VBD", "ROOT", 7)]
ARMY = Attribution("the army", "military", None, False, "say")


def test_status_a_reported_clause_takes_the_status_and_the_speaker_of_its_narrowest_claim():
    whole = Claim(verb=7, scope=frozenset(range(8)), attribution=Attribution("a monitor", "ngo", None, False, "say"),
                  status="asserted")
    clause = Claim(verb=7, scope=frozenset(range(4)), attribution=ARMY, status="claimed")
    found = document(ARMY_SAID, [whole, clause])
    assert found.doc.text == "Rebels attacked the town, the army said"
    assert claim_for(found.claims, found.doc[1]) is clause
    assert status_of(found, found.doc[1], found.doc[:]) == ("claimed", ARMY)
    denial = document(ARMY_SAID, [Claim(verb=7, scope=frozenset(range(4)), attribution=ARMY, status="denied")])
    assert status_of(denial, denial.doc[1], denial.doc[:]) == ("denied", ARMY)
    assert claim_for(denial.claims, denial.doc[6]) is None  # "army" is the teller, outside what is told


def test_status_a_stated_intent_is_coded_by_what_it_intends():
    will_withdraw = hand_parsed([("The", "the", "DET", "DT", "det", 1),
                                 ("rebels", "rebel", "NOUN", "NNS", "nsubj", 3),
                                 ("will", "will", "AUX", "MD", "aux", 3),
                                 ("withdraw", "withdraw", "VERB", "VB", "ROOT", 3),
                                 ("from", "from", "ADP", "IN", "prep", 3), ("Goma", "Goma", "PROPN", "NNP", "pobj", 4)])
    assert intent_type(will_withdraw[3], "RETREAT", "withdraw", "planned") == ("AGREE", "promise")
    assert intent_type(will_withdraw[3], "ASSAULT", None, "planned") == ("THREATEN", "coerce")
    will_not = hand_parsed([("The", "the", "DET", "DT", "det", 1), ("army", "army", "NOUN", "NN", "nsubj", 4),
                            ("will", "will", "AUX", "MD", "aux", 4), ("not", "not", "PART", "RB", "neg", 4),
                            ("attack", "attack", "VERB", "VB", "ROOT", 4), ("the", "the", "DET", "DT", "det", 6),
                            ("camp", "camp", "NOUN", "NN", "dobj", 4)])
    assert intent_type(will_not[4], "ASSAULT", None, "planned") == ("REJECT", "refuse")
    must = hand_parsed([("The", "the", "DET", "DT", "det", 1), ("army", "army", "NOUN", "NN", "nsubj", 3),
                        ("must", "must", "AUX", "MD", "aux", 3), ("release", "release", "VERB", "VB", "ROOT", 3),
                        ("the", "the", "DET", "DT", "det", 5), ("prisoners", "prisoner", "NOUN", "NNS", "dobj", 3)])
    assert intent_type(must[3], "RELEASE", None, "hypothetical") == ("REQUEST", "demand")
    done = hand_parsed([("The", "the", "DET", "DT", "det", 1), ("army", "army", "NOUN", "NN", "nsubj", 2),
                        ("attacked", "attack", "VERB", "VBD", "ROOT", 2), ("the", "the", "DET", "DT", "det", 4),
                        ("camp", "camp", "NOUN", "NN", "dobj", 2)])
    assert intent_type(done[2], "ASSAULT", None, "asserted") == ("ASSAULT", None)  # a deed, not an intent


def test_status_salience_the_main_deed_counts_fully_the_background_less():
    background = hand_parsed([("Troops", "troop", "NOUN", "NNS", "nsubj", 1),
                              ("entered", "enter", "VERB", "VBD", "ROOT", 1),
                              ("the", "the", "DET", "DT", "det", 3), ("town", "town", "NOUN", "NN", "dobj", 1),
                              ("where", "where", "SCONJ", "WRB", "advmod", 6),
                              ("rebels", "rebel", "NOUN", "NNS", "nsubj", 6),
                              ("attacked", "attack", "VERB", "VBD", "relcl", 3), ("a", "a", "DET", "DT", "det", 8),
                              ("convoy", "convoy", "NOUN", "NN", "dobj", 6)])
    assert (salience(background[1]), salience(background[6])) == (1.0, 0.7)
    launched = hand_parsed([("Rebels", "rebel", "NOUN", "NNS", "nsubj", 1),
                            ("launched", "launch", "VERB", "VBD", "ROOT", 1),
                            ("an", "an", "DET", "DT", "det", 3), ("attack", "attack", "NOUN", "NN", "dobj", 1)])
    assert salience(launched[3]) == 1.0  # the object of a light verb is the deed itself
    rejected = hand_parsed([("Sudan", "Sudan", "PROPN", "NNP", "nsubj", 1),
                            ("rejected", "reject", "VERB", "VBD", "ROOT", 1),
                            ("an", "an", "DET", "DT", "det", 3), ("ultimatum", "ultimatum", "NOUN", "NN", "dobj", 1)])
    assert salience(rejected[3]) == 0.85  # the rejection is the news, not the ultimatum


@pytest.fixture(scope="module")
def pipeline(rules):
    return rules


def test_status_a_side_that_counts_its_enemies_dead_claims_the_killing(pipeline):
    text = "The Iraqi army said 40 Islamic State fighters killed near Hit on Sunday."
    event = pipeline(Article(doc_id="h", text=text, published=dt.date(2024, 5, 20))).events[0]
    assert event.actor.country == "Iraq" and event.recipient.name == "Islamic State"
    assert event.acled_event_type == "Battles" and event.fatalities == 40 and event.status == "claimed"
    assert event.attribution.speaker == "Iraqi army"
