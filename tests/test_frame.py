"""The trigger's grammatical frame the event model reads (stages/events/frame.py), on parses given by hand."""
from __future__ import annotations

from dateline.classify.features import FRAME, features
from dateline.stages.events.frame import frame

from .conftest import hand_parsed


def test_a_modifier_and_the_verb_that_governs_a_nominal_trigger():
    # "Violent protests broke out"
    doc = hand_parsed([("Violent", "violent", "ADJ", "JJ", "amod", 1),
                       ("protests", "protest", "NOUN", "NNS", "nsubj", 2),
                       ("broke", "break", "VERB", "VBD", "ROOT", 2), ("out", "out", "ADP", "RP", "prt", 2)])
    parts = frame(doc[1])
    assert "mod=violent" in parts
    assert "gov=break" in parts and "dep=nsubj" in parts
    assert "neg" not in parts


def test_a_root_has_no_governor():
    # spaCy gives a root itself as its head: that is no verb governing it
    doc = hand_parsed([("Gunmen", "gunman", "NOUN", "NNS", "nsubj", 1),
                       ("attacked", "attack", "VERB", "VBD", "ROOT", 1), ("a", "a", "DET", "DT", "det", 3),
                       ("bus", "bus", "NOUN", "NN", "dobj", 1)])
    parts = frame(doc[1])
    assert not any(part.startswith("gov") for part in parts)
    assert {"subj=gunman", "obj=bus", "dep=ROOT"} <= set(parts)


def test_a_negation_a_modal_and_a_name_as_its_kind():
    # "Rebels would not attack Goma"
    doc = hand_parsed([("Rebels", "rebel", "NOUN", "NNS", "nsubj", 3), ("would", "would", "AUX", "MD", "aux", 3),
                       ("not", "not", "PART", "RB", "neg", 3), ("attack", "attack", "VERB", "VB", "ROOT", 3),
                       ("Goma", "Goma", "PROPN", "NNP", "dobj", 3)], ents=["O", "O", "O", "O", "B-GPE"])
    parts = frame(doc[3])
    assert {"neg", "aux=would", "subj=rebel", "obj=gpe", "tag=VB"} <= set(parts)


def test_a_governing_verb_negated_is_said():
    # "did not say he attacked her": the attack is inside a denial
    doc = hand_parsed([("She", "she", "PRON", "PRP", "nsubj", 3), ("did", "do", "AUX", "VBD", "aux", 3),
                       ("not", "not", "PART", "RB", "neg", 3), ("say", "say", "VERB", "VB", "ROOT", 3),
                       ("he", "he", "PRON", "PRP", "nsubj", 5), ("attacked", "attack", "VERB", "VBD", "ccomp", 3),
                       ("her", "she", "PRON", "PRP", "dobj", 5)])
    parts = frame(doc[5])
    assert {"gov=say", "gov_neg", "gov_aux=do", "dep=ccomp"} <= set(parts)


def test_the_frame_reaches_the_model_as_its_own_features():
    reading = {"sub": "Attack", "type": "ASSAULT", "status": "asserted", "actor": "none", "recipient": "none",
               "dead": "no", "frame": "lemma=attack neg aux=would"}
    found = features("Rebels would not attack the town.", "", reading)
    assert {f"{FRAME}lemma=attack", f"{FRAME}neg", f"{FRAME}aux=would"} <= set(found)
    assert not any(f.startswith(FRAME) for f in features("Rebels would not attack the town.", "", None))
