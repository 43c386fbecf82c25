"""Duplicates and stories, incrementally."""
from __future__ import annotations

from collections import Counter

import pytest

from dateline.consolidate.stories import OPENING, RARITY, StoryIndex, fold, terms
from dateline.store import open_store


@pytest.fixture
def index():
    with open_store(":memory:") as scratch:
        yield StoryIndex(scratch.conn)

BASE = ("Security forces clashed with gunmen in the market district of Kano on Tuesday, leaving four people dead "
        "and several shops burned, a police spokesman said. Residents said the shooting lasted two hours.")


def test_stories_copies_point_at_the_first_article(index):
    assert index.add("a", BASE) == ("a", None)
    assert index.add("b", "KANO (Wire) - " + BASE + " Share this story. Follow us on Twitter.") == ("a", "a")
    assert index.add("c", BASE[: len(BASE) // 2 + 40]) == ("a", "a")  # trimmed copy
    assert index.add("d", "Markets closed higher on Friday as technology shares rallied for a third day.")[1] is None


def test_stories_same_happening_groups_and_ids_stay(index):
    first, _ = index.add("a", BASE)
    other, _ = index.add("b", "Four people were killed in Kano when security forces and gunmen clashed in the market "
                              "district on Tuesday; shops were burned, police said.")
    unrelated, _ = index.add("c", "The football federation named a new national coach on Wednesday.")
    assert first == "a" and other == "a" and unrelated == "c"
    assert index.add("a", "anything") == ("a", None)  # an article keeps the story it was given


@pytest.mark.parametrize("word, folded", [
    ("rebels", "rebel"), ("convoys", "convoy"), ("nigeria's", "nigeria"), ("militias", "militia"),
    ("casualties", "casualty"), ("authorities", "authority"),
    ("press", "press"), ("status", "status"), ("crisis", "crisis"), ("gas", "gas"), ("ties", "tie"),
    ("attacked", "attacked"), ("shelling", "shelling"),  # verb endings stay: see fold's docstring
])
def test_fold_takes_off_plural_and_possessive_endings_only(word, folded):
    assert fold(word) == folded


def test_terms_count_a_word_and_its_plural_as_one():  # three times, each in the opening (double)
    counts = terms("Two convoys were hit. The convoy's escort said a convoy was ambushed.")
    assert counts["convoy"] == 3 * 2 and "convoys" not in counts and "convoy's" not in counts


def test_terms_weigh_the_opening_double():
    later = " ".join(["filler"] * (OPENING // 7 + 1))  # pushes the last word past the opening
    counts = terms(f"Floods cut the road. {later} floods")
    assert counts["flood"] == 2 + 1 and counts["road"] == 2


def test_a_rare_word_outweighs_a_common_one_beyond_its_idf(index):
    counts = Counter({"police": 1, "zarqawiyya": 1})  # common in news at large, and never seen
    idf = index._idf(counts)
    vector = index._vector(counts)
    ratio = vector["zarqawiyya"] / vector["police"]
    assert ratio == pytest.approx((idf["zarqawiyya"] / idf["police"]) ** RARITY, rel=1e-3) and ratio > 1


def test_a_retelling_with_other_inflections_joins_the_story(index):
    """Words alone, unfolded, put these two at a cosine of 0.08: their shared words are in other forms."""
    first, _ = index.add("wire", "Gunmen ambushed two convoys of lorries near Ikeja on Monday and set the lorries "
                                 "ablaze, witnesses said. The drivers fled into the bush. Traders' unions called for "
                                 "escorts on the highways.", title="Gunmen torch lorries in Ikeja convoys ambush")
    retold, _ = index.add("own", "A convoy was ambushed outside Ikeja's main market at dawn. One lorry driver, a "
                                 "trader from the north, recounted how masked men stopped each lorry and burned it. "
                                 "The union of traders urged the governor to provide a highway escort.",
                          title="Ikeja's lorry driver recounts convoy ambush")
    assert retold == first
