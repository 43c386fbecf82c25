"""The ACLED refinements: the registry checked against the triggers and the word classes, and rules tried on
documents built by hand (the parse is given, so the rule, not the model, is what is tested)."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dateline.article import Party
from dateline.errors import PipelineError
from dateline.stages.events import refinements
from dateline.stages.events.acled import check_lexicon, words
from dateline.stages.events.lexicon import EventLexicon, Trigger
from dateline.stages.events.refinements import Clause, Words, check, refine_clause


def parsed(words_, heads, deps, lemmas, pos, ents=None):
    """A Doc with the parse given: heads are absolute token indices."""
    doc = Doc(Vocab(), words=words_, heads=heads, deps=deps, lemmas=lemmas, pos=pos, ents=ents)
    return doc


def clause(doc, head: int, rule: str, *, kind="Explosions/Remote violence", sub="Air/drone strike", actor=None,
           recipient=None):
    trigger = Trigger((doc[head].lemma_,), "VERB", "ASSAULT", None, kind, sub, rule, 0.8)
    return Clause(trigger, doc[head], actor, recipient, doc[:], {}, words())


def test_the_shipped_lexicon_and_registry_agree():
    check_lexicon(EventLexicon.load())


def test_a_rule_named_by_a_trigger_but_never_written_fails():
    with pytest.raises(PipelineError, match="no code registers: ambush"):
        check(["violence", "ambush"], words())


def test_a_rule_no_trigger_reaches_fails():
    with pytest.raises(PipelineError, match="no trigger reaches"):
        check(["violence"], words())


def test_a_word_class_missing_or_unused_fails():
    classes = dict(words().classes)
    del classes["aircraft"]
    with pytest.raises(PipelineError, match="missing from acled_words.json: aircraft"):
        check(refinements.RULES, Words(classes))
    with pytest.raises(PipelineError, match="no refinement reads: spare"):
        check(refinements.RULES, Words({**words().classes, "spare": frozenset({"x"})}))


def test_strike_by_a_state_is_from_the_air_but_a_deal_struck_is_no_event():
    doc = parsed(["Troops", "struck", "rebel", "positions"], [1, 1, 3, 1], ["nsubj", "ROOT", "compound", "dobj"],
                 ["troop", "strike", "rebel", "position"], ["NOUN", "VERB", "NOUN", "NOUN"])
    army = Party("Troops", "Military Forces", "state_forces", None)
    assert refine_clause(clause(doc, 1, "strike", actor=army)) == ("Explosions/Remote violence", "Air/drone strike")
    deal = parsed(["They", "struck", "a", "deal"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
                  ["they", "strike", "a", "deal"], ["PRON", "VERB", "DET", "NOUN"])
    assert refine_clause(clause(deal, 1, "strike", actor=army)) == (None, None)


def test_strike_by_gunmen_hands_on_to_violence():
    doc = parsed(["Gunmen", "struck", "a", "checkpoint"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
                 ["gunman", "strike", "a", "checkpoint"], ["NOUN", "VERB", "DET", "NOUN"])
    gunmen = Party("Gunmen", "Unidentified Armed Group", "political_militia", None)
    assert refine_clause(clause(doc, 1, "strike", actor=gunmen)) == ("Battles", "Armed clash")


def test_territory_taken_unopposed_is_a_non_violent_transfer():
    doc = parsed(["Rebels", "took", "Goma", "unopposed"], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "advmod"],
                 ["rebel", "take", "Goma", "unopposed"], ["NOUN", "VERB", "PROPN", "ADV"])
    rebels = Party("Rebels", "Rebels", "rebels", None)
    assert refine_clause(clause(doc, 1, "territory", kind="Battles", sub="Non-state actor overtakes territory",
                                actor=rebels)) == ("Strategic developments", "Non-violent transfer of territory")
    fought = parsed(["Rebels", "took", "Goma"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["rebel", "take", "Goma"],
                    ["NOUN", "VERB", "PROPN"])
    assert refine_clause(clause(fought, 1, "territory", kind="Battles", sub="Non-state actor overtakes territory",
                                actor=rebels)) == ("Battles", "Non-state actor overtakes territory")


def test_territory_needs_ground_taken():
    rebels = Party("Rebels", "Rebels", "rebels", None)
    territory = {"kind": "Battles", "sub": "Non-state actor overtakes territory", "actor": rebels}
    town = parsed(["Rebels", "captured", "the", "town"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
                  ["rebel", "capture", "the", "town"], ["NOUN", "VERB", "DET", "NOUN"])
    taken = ("Battles", "Non-state actor overtakes territory")
    assert refine_clause(clause(town, 1, "territory", **territory)) == taken
    title = parsed(["Rebels", "captured", "the", "title"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
                   ["rebel", "capture", "the", "title"], ["NOUN", "VERB", "DET", "NOUN"])
    assert refine_clause(clause(title, 1, "territory", **territory)) == (None, None)
    # "the incident that was captured on video": what was taken is the clause's antecedent, no ground
    video = parsed(["the", "incident", "that", "was", "captured", "on", "video"], [1, 1, 4, 4, 1, 4, 5],
                   ["det", "ROOT", "nsubjpass", "auxpass", "relcl", "prep", "pobj"],
                   ["the", "incident", "that", "be", "capture", "on", "video"],
                   ["DET", "NOUN", "PRON", "AUX", "VERB", "ADP", "NOUN"])
    assert refine_clause(clause(video, 4, "territory", **territory)) == (None, None)
    # nothing named as taken: the sentence must name a place
    over = parsed(["He", "took", "over", "as", "presenter"], [1, 1, 1, 1, 3], ["nsubj", "ROOT", "prt", "prep", "pobj"],
                  ["he", "take", "over", "as", "presenter"], ["PRON", "VERB", "ADP", "ADP", "NOUN"])
    assert refine_clause(clause(over, 1, "territory", **territory)) == (None, None)


def test_a_clash_of_unarmed_sides_is_a_quarrel_not_a_battle():
    doc = parsed(["Kelly", "clashed", "with", "Kushner"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                 ["Kelly", "clash", "with", "Kushner"], ["PROPN", "VERB", "ADP", "PROPN"])
    kelly, kushner = Party("Kelly", "Kelly", "person", None), Party("Kushner", "Kushner", "person", None)
    battle = {"kind": "Battles", "sub": "Armed clash"}
    assert refine_clause(clause(doc, 1, "clash", actor=kelly, recipient=kushner, **battle)) == (None, None)
    army = Party("Soldiers", "Military Forces", "state_forces", None)
    rebels = Party("rebels", "Rebels", "rebels", None)
    assert refine_clause(clause(doc, 1, "clash", actor=army, recipient=rebels, **battle)) == ("Battles", "Armed clash")


def test_a_crowd_is_read_as_a_protest_and_stones_make_it_a_riot():
    doc = parsed(["A", "crowd", "gathered", "and", "threw", "stones"], [1, 2, 2, 2, 2, 4],
                 ["det", "nsubj", "ROOT", "cc", "conj", "dobj"], ["a", "crowd", "gather", "and", "throw", "stone"],
                 ["DET", "NOUN", "VERB", "CCONJ", "VERB", "NOUN"])
    assert refine_clause(clause(doc, 2, "crowd", kind="Protests", sub="Peaceful protest")) == \
        ("Riots", "Violent demonstration")


def test_a_rule_handing_on_to_no_rule_fails_and_hand_ons_are_followed(monkeypatch):
    monkeypatch.setitem(refinements.RULES, "ambush", refinements.RuleInfo("ambush", lambda c: None, (), ("nowhere",)))
    with pytest.raises(PipelineError, match="ambush -> nowhere"):
        check(["violence", "ambush"], words())
    # a rule reached only through another's hand-on is in use: beat -> violence
    names = [name for name in refinements.RULES if name not in ("violence", "ambush")]
    monkeypatch.delitem(refinements.RULES, "ambush")
    check(names, words())


def test_a_hyphenated_trigger_matches_the_words_the_tokenizer_splits_it_into():
    # "held a sit-in": the tokenizer gives sit, -, in; the trigger is written as one word in the data
    doc = parsed(["Nurses", "held", "a", "sit", "-", "in", "outside", "parliament"], [1, 1, 5, 5, 5, 1, 1, 6],
                 ["nsubj", "ROOT", "det", "compound", "punct", "dobj", "prep", "pobj"],
                 ["nurse", "hold", "a", "sit", "-", "in", "outside", "parliament"],
                 ["NOUN", "VERB", "DET", "NOUN", "PUNCT", "NOUN", "ADP", "NOUN"])
    (trigger, head, indices), *_ = EventLexicon.load().match(doc[:])
    assert trigger.lemmas == ("sit", "-", "in") and trigger.acled_sub_event_type == "Peaceful protest"
    assert indices == [3, 4, 5] and head.i == 5
