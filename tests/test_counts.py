"""Fatality and other counts, with the written rule for ranges and vague numbers."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from dateline.stages.counts import fatalities, other_counts, parse_number, toll_update


@pytest.mark.parametrize("sentence,expected", [
    ("A car bomb exploded in the market, killing 6 civilians.", 6),
    ("A dozen soldiers died in the ambush.", 12),
    ("The death toll rose to 40 on Sunday.", 40),
    ("At least 12 people were killed.", 12),
    ("Gunmen killed between 10 and 15 villagers.", 10),
    ("Dozens of protesters were killed.", 12),
    ("Two policemen were shot dead at a checkpoint.", 2),
    ("The attackers killed twenty-one people.", 21),
    ("More than 1,200 people have died since the war began.", 1200),
    ("He was killed in 2014.", None),
    ("Police arrested 20 people.", None),
    ("The bomb wounded nine people.", None),
    ("Six die as mortar rounds hit a bus station", 6),  # headline forms
    ('Rebels execute "at least 9" prisoners, says monitor', 9),
    ("Toll from the Kano market blast reaches 23", 23),
    ("The toll road reopened to 400 lorries a day.", None),
    ("A crowd caught the suspect and beat him to death.", 1),
])
def test_counts_fatalities(sentence, expected):
    assert fatalities(sentence) == expected


def test_counts_injured_and_arrested():
    assert other_counts("The blast killed two and injured 30 others.") == {"injured": 30}
    assert other_counts("Police arrested at least 20 people.") == {"arrested": 20}


@given(st.text(max_size=300))
def test_counts_never_crash_on_any_text(text):
    value = fatalities(text)
    assert value is None or value >= 0
    parse_number(text)


@pytest.mark.parametrize("sentence,expected", [
    ("The death toll later rose to 15.", 15),
    ("By evening the toll had climbed to at least 31, a hospital official said.", 31),
    ("Police said the toll stood at 7.", 7),
    ("Road tolls rose by 5 percent.", None),
])
def test_counts_a_later_toll_updates_the_count(sentence, expected):
    assert toll_update(sentence) == expected


def test_counts_the_last_toll_an_article_gives_is_the_count(pipeline):
    from dateline.article import Article

    result = pipeline(Article(doc_id="t", text="Gunmen killed 9 villagers near Bokkos on Sunday. Rescue teams found "
                              "more bodies overnight. The death toll rose to 14 on Monday.",
                              published=dt.date(2024, 5, 20)))
    assert result.events[0].fatalities == 14
