"""Duplicates and stories, incrementally."""
from __future__ import annotations

import pytest

from dateline.consolidate.stories import StoryIndex
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
