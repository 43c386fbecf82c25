"""The event model: its features, its corpus, its training and the model shipped in the package."""
from __future__ import annotations

import json

import numpy as np
import pytest

from dateline.classify import corpus
from dateline.classify.calibration import expected_calibration_error, reliability_table
from dateline.classify.features import features, tokens
from dateline.classify.model import EventModel
from dateline.errors import ModelError

from .conftest import ROOT

CORPUS = ROOT / "training" / "corpus"


def record(**changes):
    base = {"text": "Gunmen killed four farmers near Kauru on Sunday.", "context": "", "acled": "Attack",
            "plover": "ASSAULT", "status": "happened", "genre": "body", "country": "NG", "topic": "conflict"}
    return {**base, **changes}


@pytest.fixture(scope="module")
def split():
    examples, _ = corpus.deduplicate(corpus.read(corpus.files(CORPUS)))
    return corpus.split(examples)


@pytest.fixture(scope="module")
def shipped():
    return EventModel.load()


def test_features_write_every_number_as_zero():
    assert tokens("17 killed, 3 wounded") == ["0", "killed", ",", "0", "wounded"]
    assert "w:0" in features("Gunmen killed 12 people")


def test_features_mark_the_headline_apart_and_names_as_names():
    found = features("The attack on Arsenal stalled.", "Arsenal beat Chelsea")
    assert "t:arsenal" in found and "w:<name>" in found and "w:arsenal" not in found and "w:attack" in found
    assert "w:arsenal" in features("Arsenal Beat Chelsea In Derby")  # a headline in title case keeps its words


def test_corpus_problems_name_what_is_wrong():
    assert corpus.problems(record()) == []
    assert any("status" in p for p in corpus.problems(record(status=None)))
    assert any("sub-event" in p for p in corpus.problems(record(acled="Battle")))
    assert any("status must be null" in p for p in corpus.problems(record(acled=None, plover=None)))
    assert any("country" in p for p in corpus.problems(record(country="Nigeria")))


def test_corpus_read_names_the_malformed_line(tmp_path):
    path = tmp_path / "part.jsonl"
    path.write_text(json.dumps(record()) + "\n" + json.dumps(record(genre="tweet")) + "\n", encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        corpus.read([path])
    assert raised.value.code == "E603" and "part.jsonl:2" in str(raised.value) and "genre" in str(raised.value)


def test_deduplicate_keeps_one_of_two_near_copies():
    first = corpus.Example(**record(text="Soldiers and rebels fought for six hours around the market town of "
                                         "Kitchanga on Tuesday, a local official said."), origin="a:1")
    copy = corpus.Example(**record(text="Soldiers and rebels fought for six hours around the market town of "
                                        "Kitchanga on Tuesday, a local chief said."), origin="a:2")
    other = corpus.Example(**record(text="Police arrested the opposition leader at his home in Harare at dawn."),
                           origin="a:3")
    kept, removed = corpus.deduplicate([first, copy, other])
    assert kept == [first, other] and removed == [(copy, first)]


def test_corpus_is_large_varied_and_split_for_good(split):
    train, test = split
    examples = train + test
    assert len(examples) >= 12000
    assert sum(e.acled is None for e in examples) >= 6000
    subs = {sub: sum(e.acled == sub for e in examples) for sub in corpus.SUB_EVENTS}
    assert min(subs.values()) >= 150, subs
    plover = {t: sum(e.plover == t for e in examples) for t in corpus.PLOVER}
    assert min(plover.values()) >= 150, plover
    assert {e.status for e in examples} >= set(corpus.STATUSES)
    assert len({e.country for e in examples if e.country}) >= 80
    assert 0.10 < len(test) / len(examples) < 0.20
    assert not {e.text for e in train} & {e.text for e in test}


def test_shipped_model_was_fitted_on_this_corpus_and_these_features(shipped):
    from dateline.classify.train import inputs_digest

    assert shipped.card["inputs_sha1"] == inputs_digest(CORPUS), \
        "the corpus, the features or the rules' data changed since the model was fitted: run `make train`"


def test_shipped_model_floor_on_our_test_split(shipped, split):
    from dateline.classify.train import evaluate

    figures = evaluate(shipped, split[1])
    # floors a little under the shipped model's figures (docs/model.md): a refit that loses more fails
    # (at the default threshold, 0.2: 0.817 precision, 0.950 recall, 0.897 of non-events rejected)
    assert figures["event_precision"] >= 0.80 and figures["event_recall"] >= 0.92
    assert figures["non_events_rejected"] >= 0.88
    assert figures["ece"] <= 0.05
    assert figures["acled"]["macro_f1"] >= 0.83 and figures["plover"]["accuracy"] >= 0.75


def test_shipped_model_reads_the_page_a_sentence_is_on(shipped):
    sentence = "Their attack was relentless and the defence finally broke."
    war, match = shipped.judge([(sentence, "Army says militants overran border post", None),
                                (sentence, "Late goal sends United through to the cup final", None)])
    assert match.event < war.event


def test_calibration_measures():
    p = np.array([0.1, 0.1, 0.9, 0.9])
    truth = np.array([False, False, True, True])
    assert expected_calibration_error(p, truth) == pytest.approx(0.1)
    assert [row["n"] for row in reliability_table(p, truth)] == [2, 2]


def test_load_says_what_is_missing(tmp_path):
    with pytest.raises(ModelError) as raised:
        EventModel.load(tmp_path)
    assert raised.value.code == "E601" and "make train" in str(raised.value)


def test_training_is_deterministic_and_round_trips(split, tmp_path):
    from dateline.classify.train import fit

    small = split[0][::6]
    config = {"folds": 3}
    readings = [None] * len(small)  # the rules' readings are tested with the judge stage
    first, second = fit(small, config, readings), fit(small, config, readings)
    assert np.array_equal(first.weights_, second.weights_) and first.calibration_ == second.calibration_
    first.save(tmp_path)
    again = EventModel.load(tmp_path)
    pairs = [(e.text, e.context, None) for e in split[1][:50]]
    assert [j.event for j in again.judge(pairs)] == pytest.approx([j.event for j in first.judge(pairs)], abs=1e-5)


@pytest.mark.parametrize("reading_weight", [0.0, 0.5])
def test_inference_scores_a_row_as_training_saw_it(split, reading_weight):
    from dateline.classify.train import fit, vectorize

    small = split[0][::12]
    readings = [{"sub": "Attack", "type": "ASSAULT", "status": "asserted", "actor": "rebels", "recipient": "none",
                 "dead": "yes"} if i % 2 else None for i in range(len(small))]
    model = fit(small, {"folds": 2, "reading_weight": reading_weight, "allow_missing_labels": True}, readings)
    candidates = [(e.text, e.context, r) for e, r in zip(small[:40], readings[:40], strict=True)]
    candidates.append(("", "", None))  # a row whose only feature is the reading's "none"
    x = vectorize(model.vocabulary_, candidates, reading_weight)
    expected = x @ model.weights_.astype(np.float64) + model.bias_
    assert np.allclose(model.scores(candidates), expected, atol=1e-4)
    assert np.isfinite(model.scores(candidates)).all()


def test_a_reading_weight_below_zero_is_refused(split):
    from dateline.classify.train import fit

    with pytest.raises(ModelError) as raised:
        fit(split[0][:50], {"reading_weight": -1.0, "allow_missing_labels": True}, [None] * 50)
    assert raised.value.code == "E604" and "reading_weight" in str(raised.value)
