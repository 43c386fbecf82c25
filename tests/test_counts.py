"""Fatality and other counts, with the written rule for ranges and vague numbers."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import assume, given, strategies as st

from dateline.stages.events.counts import TENS, UNITS, fatalities, other_counts, parse_number, toll_update


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


@pytest.mark.parametrize("sentence,expected", [
    # victims named one after another are added up, the perpetrator with them
    ("The patrol came under fire, killing three policemen and a driver.", 4),
    ("The bomber blew himself up at the gate, killing himself and two guards.", 3),
    ("Four herders and a soldier were killed when the convoy was ambushed.", 5),
    # one person named by a singular noun, however it is described
    ("Raiders shot dead an elderly village chief near the well.", 1),
    ("A shell struck the bakery, killing the owner's teenage son.", 1),
    ("A crowd seized the suspect and beat him, killing him.", 1),
    ("Fighters cut down two herders with machetes and hacked four farmers to death.", 4),
    ("They tied up the three suspects and set them alight, killing all three.", 3),
    # the figure the sentence gives for the dead, not another number in it
    ("Raids on 12 hamlets left 30 dead.", 30),
    ("Two were injured and one died on the way to hospital.", 1),
    ("The blast killed 9 people, including two children who died later.", 9),
    # the lowest credible figure: a claim by one side counts only alone
    ("Troops killed six rebels, while the rebels claimed to have killed 40 soldiers.", 6),
    ("The insurgents claimed they killed 25 soldiers.", 25),
    # no dead said in so many words is 0; hurt is not dead
    ("Shots were exchanged for an hour but no casualties were reported.", 0),
    ("The grenade shattered windows; nobody was hurt.", 0),
    ("Riot police charged, leaving a protester in a coma.", None),
    ("Bandits abducted 14 travellers on the highway.", None),
])
def test_counts_acled_conventions_for_the_dead(sentence, expected):
    assert fatalities(sentence) == expected


def test_counts_abducted_apart_from_the_dead():
    assert other_counts("Bandits abducted 14 travellers and wounded two.") == {"injured": 2, "abducted": 14}


def test_counts_injured_and_arrested():
    assert other_counts("The blast killed two and injured 30 others.") == {"injured": 30}
    assert other_counts("Police arrested at least 20 people.") == {"arrested": 20}


# every word a pattern of the dead starts from, or ends on
DEATH_WORDS = re.compile(r"toll|kill|leav|left|lives|execut|behead|shot|shoot|gun|beat|stab|hack|lynch|slaughter|"
                         r"massacr|dead|die|slain|perish|death|fatalit|bodies|burn|stone", re.I)
SPELLED = {**{word: n for word, n in UNITS.items() if word not in ("a", "an")}, **TENS}


@given(st.text(max_size=300))
def test_counts_a_text_with_no_word_of_death_counts_no_dead(text):
    assume(not DEATH_WORDS.search(text))
    assert fatalities(text) is None


@given(st.integers(min_value=0, max_value=10**7))
def test_counts_a_number_in_figures_reads_back(n):
    assert parse_number(str(n)) == parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=99))
def test_counts_a_number_spelled_out_reads_back(n):
    words = {value: word for word, value in SPELLED.items()}
    spelled = words.get(n) or f"{words[n - n % 10]}-{words[n % 10]}"  # "forty-two"
    assert parse_number(spelled) == parse_number(spelled.upper()) == n


@given(st.integers(min_value=1, max_value=50000).filter(lambda n: not 1900 <= n <= 2100),  # those read as years
       st.sampled_from(["The raid on the market killed {} people.", "Gunmen opened fire, killing {} traders.",
                        "The blast left {} dead.", "At least {} villagers were killed overnight."]))
def test_counts_the_dead_a_sentence_names_are_the_count(n, sentence):
    assert fatalities(sentence.format(f"{n:,}")) == n


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
