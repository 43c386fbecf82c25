"""The judge stage: the real event model deciding which of the rules' candidates are events."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import Article
from dateline.errors import PipelineError
from dateline.pipeline import DEFAULT_STAGES, Pipeline, check_order
from dateline.settings import Settings

SPORT = Article(doc_id="s", title="Ten-man Rovers hold on for a point at Ashgrove",
                text="Ten-man Rovers hold on for a point at Ashgrove\n"
                     "The visitors' attack battered the home defence for most of the second half.")
WAR = Article(doc_id="w", text="Militants attacked an army post near Mopti on Sunday, killing six soldiers, a local "
                                "official said.", published=dt.date(2024, 5, 20))


def coded(extraction):
    return [e for e in extraction.events if e.acled_event_type]


def test_judge_needs_the_events_stage_before_it():
    with pytest.raises(PipelineError) as raised:
        check_order(["nlp", "judge"])
    assert raised.value.code == "E202"


def test_judge_drops_a_match_report_the_rules_read_as_violence(rules, pipeline):
    assert coded(rules(SPORT)), "the rules should propose the 'attack' for the judge to reject"
    assert coded(pipeline(SPORT)) == []


def test_judge_keeps_a_war_report_with_a_calibrated_confidence(rules, pipeline):
    from dateline.classify.features import reading_of
    from dateline.classify.model import EventModel

    candidate = coded(rules(WAR))[0]
    kept = coded(pipeline(WAR))
    assert kept and kept[0].acled_event_type in ("Battles", "Violence against civilians")
    model = EventModel.load()
    expected = model.judge([(candidate.evidence.text, "", reading_of(candidate))])[0].event
    assert kept[0].confidence == pytest.approx(expected, abs=1e-3)
    assert kept[0].confidence >= model.threshold


@pytest.mark.parametrize("threshold, expect_coded", [(1.0, False), (0.0, True)])
def test_judge_threshold_trades_precision_for_recall(threshold, expect_coded):
    judged = Pipeline.build(DEFAULT_STAGES, settings=Settings(workers=1, event_threshold=threshold))
    assert bool(coded(judged(SPORT))) is expect_coded


@pytest.mark.parametrize("change", [{"event_threshold": 1.5}, {"min_plover": -0.1}, {"uncoded_threshold": 2.0},
                                    {"acled_typing": "vote"}])
def test_judge_refuses_a_setting_out_of_range(change):
    with pytest.raises(PipelineError) as raised:
        Pipeline.build(DEFAULT_STAGES, settings=Settings(workers=1, **change))
    assert raised.value.code == "E205" and next(iter(change)) in str(raised.value)


# a copy under a dateline: the rules keep the second sentence for the bombing (its trigger scores higher
# without the headline's help), which alone reads as property destruction; the model tells it by the lead
BOMBING = Article(doc_id="b", title="Nine killed by car bomb in Iraqi market town", published=dt.date(2024, 3, 12),
                  text="TUZ KHURMATU (Tigris Times) - A car bomb exploded near the vegetable market in Tuz Khurmatu "
                       "on Monday morning, killing nine people and wounding more than 20, police said.\n\nThe blast "
                       "destroyed several stalls and set cars on fire.")


def test_judge_tells_a_happening_by_the_sentence_it_finds_most_clearly_an_event(rules, pipeline):
    proposed = coded(rules(BOMBING))
    assert len(proposed) == 1 and proposed[0].evidence.text.startswith("The blast")  # what the rules kept
    (told,) = coded(pipeline(BOMBING))
    assert told.evidence.text.startswith("A car bomb exploded") and told.id == proposed[0].id
    assert told.acled_sub_event_type == "Remote explosive/landmine/IED" and told.fatalities == 9


def test_judge_leaves_a_happening_the_rules_kept_to_its_own_sentence_when_that_is_no_event():
    from dateline.classify.model import Judgement
    from dateline.stages.judge import best_told

    first, second = object(), object()
    low, high = (Judgement(event=p, acled={}, plover={}, status={}) for p in (0.1, 0.9))
    assert best_told([first, second], [low, high], 0.3) == (first, low)


# the rules find the beating (a PLOVER assault) but read no ACLED sub-event type in it: no crowd word
MOB = Article(doc_id="m", published=dt.date(2024, 6, 10),
              text="On 4 June 2024, villagers near Gulu caught two men they suspected of stealing goats and beat them, "
                   "killing one of them.")


def test_judge_codes_what_the_rules_left_uncoded_only_when_it_is_sure(rules):
    (proposed,) = rules(MOB).events
    assert proposed.type == "ASSAULT" and proposed.acled_event_type is None
    (judged,) = Pipeline.build(DEFAULT_STAGES, settings=Settings(workers=1))(MOB).events
    assert judged.acled_sub_event_type == "Mob violence" and judged.acled_event_type == "Riots"
    assert judged.confidence >= Settings().uncoded_threshold
    (left,) = Pipeline.build(DEFAULT_STAGES, settings=Settings(workers=1, uncoded_threshold=1.0))(MOB).events
    assert left.acled_event_type is None and left.confidence < judged.confidence


def test_judge_leaves_a_second_reading_of_a_sentence_the_rules_coded_as_it_was(pipeline):
    march = Article(doc_id="n",
                    text="Hundreds of nurses marched through Kisumu on Tuesday to demand unpaid allowances.")
    events = pipeline(march).events
    assert [e.acled_sub_event_type for e in events if e.acled_event_type] == ["Peaceful protest"]
    assert [e.type for e in events if not e.acled_event_type] in ([], ["REQUEST"])  # the demand, not a second march
