"""Stories a person can read: titles, outlets, independence, kinds (consolidate/story_rows.py)."""
from __future__ import annotations

import json
import sqlite3

import pytest

from dateline.consolidate.story_rows import lead, wire_credit
from dateline.store import open_store
from tests.conftest import FIXTURES, ingested

RETELLINGS = FIXTURES / "retellings.jsonl"


@pytest.mark.parametrize("text, agency", [
    ("GOMA, Feb 2 (Reuters) - Rebels shelled the outskirts of the city overnight.", "Reuters"),
    ("LIMA (AP) — Truckers blocked the main highway north for a second day.", "Associated Press"),
    ("Dock workers stayed out for a third day, the union said.\n\n(AFP)", "Agence France-Presse"),
    ("Dock workers stayed out for a third day, the union said. — Xinhua", "Xinhua"),
    ("Floods cut the road to the port on Sunday.\nSource: Anadolu Agency", "Anadolu Agency"),
    ("Police fired tear gas at marchers in the capital, witnesses told Reuters on Friday after the march, "
     "which drew several thousand people angry at the price of bread and fuel." + " More detail." * 40, None),
    ("The APC party chose its candidate at a convention in Abuja.", None),
])
def test_wire_credit_reads_the_credit_not_a_mention(text, agency):
    assert wire_credit(text) == agency


def test_lead_names_a_story_by_its_opening_sentence():
    assert lead("Fighting resumed near the dam. Thousands fled.") == "Fighting resumed near the dam."
    long = "word " * 80
    assert lead(long).endswith("…") and len(lead(long)) <= 161


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory):
    return ingested(tmp_path_factory.mktemp("story-rows") / "s.db", [FIXTURES / "syndication.jsonl"])


def _rows(path):
    with open_store(path) as store:
        return sorted(store.stories(kind="all", limit=1000), key=lambda s: s["story_id"])


def test_story_rows_count_each_source_once(syndicated):
    with open_store(syndicated) as store:
        for story in store.stories(kind="all", limit=1000):
            articles = store.story_articles(story["story_id"])
            assert story["n_articles"] == len(articles)
            assert story["n_outlets"] == len({a["outlet"] or a["doc_id"] for a in articles})
            assert story["n_independent"] == len({a["source"] for a in articles})
            assert story["n_copies"] == sum(a["sourcing"] == "copy" for a in articles)
            assert story["first_published"] == min(a["published"] for a in articles)
            assert (story["kind"] == "event") == any(a["n_events"] for a in articles)
        biggest = max(store.stories(kind="all", limit=1000), key=lambda s: s["n_articles"])
        assert biggest["n_copies"] >= 10  # the page's twenty syndicated copies ...
        assert biggest["n_independent"] < biggest["n_outlets"]  # ... add outlets, not sources


def test_a_store_from_before_story_rows_gets_the_same_rows(syndicated, tmp_path):
    before = _rows(syndicated)
    old = tmp_path / "old.db"
    with sqlite3.connect(syndicated) as source, sqlite3.connect(old) as target:
        source.backup(target)
    with sqlite3.connect(old) as conn:  # as an older dateline left it
        conn.executescript("DROP TABLE stories; DROP TABLE story_members; ALTER TABLE articles DROP COLUMN wire;"
                           "DELETE FROM migrations WHERE name = '0009_story_rows';")
    assert json.dumps(_rows(old), sort_keys=True) == json.dumps(before, sort_keys=True)


def _retellings(prefix=""):
    return [json.loads(line) for line in RETELLINGS.read_text(encoding="utf-8").splitlines()
            if json.loads(line)["id"].startswith(prefix)]


@pytest.fixture(scope="module")
def kidnapping(tmp_path_factory):
    """One event told by six outlets: an agency's wire story, two outlets running it, three in their own words."""
    folder = tmp_path_factory.mktemp("retold")
    (folder / "retold.jsonl").write_text("".join(json.dumps(d) + "\n" for d in _retellings("g09-")), encoding="utf-8")
    return ingested(folder / "s.db", [folder / "retold.jsonl"])


def test_one_event_six_outlets_is_one_story_of_four_independent_sources(kidnapping):
    with open_store(kidnapping) as store:
        (story,) = store.stories(kind="all")
        assert (story["n_articles"], story["n_outlets"], story["n_independent"], story["n_copies"]) == (6, 6, 4, 2)
        assert story["kind"] == "event"
        assert story["title"] == "Gunmen kidnap five aid workers in central Mali"  # the earliest full report
        articles = {a["doc_id"]: a for a in store.story_articles(story["story_id"])}
        assert {d: a["sourcing"] for d, a in articles.items()} == {
            "g09-wire": "wire", "g09-copy-1": "copy", "g09-copy-2": "copy",
            "g09-own-1": "own", "g09-own-2": "own", "g09-own-3": "own"}
        assert {a["source"] for a in articles.values() if a["sourcing"] != "own"} == {"Anadolu Agency"}


def test_stories_of_no_event_are_listed_apart(tmp_path):
    docs = _retellings("nonevent-") + _retellings("g09-wire")
    (tmp_path / "mixed.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    with open_store(ingested(tmp_path / "s.db", [tmp_path / "mixed.jsonl"])) as store:
        events, other = store.stories(kind="event"), store.stories(kind="other")
        assert [s["title_doc"] for s in events] == ["g09-wire"]
        assert len(other) == 5 and all(s["n_articles"] == 2 for s in other)  # each told twice, in other words


def test_retellings_in_other_words_measured(tmp_path):
    """What words alone do with retellings (docs/quality.md): copies always found, a topic's other events
    mostly kept apart, most events whole. A floor, to be raised by a better method."""
    from dateline.consolidate.stories import StoryIndex

    docs = _retellings()
    with open_store(":memory:") as scratch:
        index = StoryIndex(scratch.conn)
        got = {d["id"]: index.add(d["id"], d["text"], title=d["title"]) for d in docs}
    groups: dict[str, list[str]] = {}
    for d in docs:
        groups.setdefault(d["group"], []).append(d["id"])
    events = {g[:3]: ids for g, ids in groups.items() if g[0] == "g"}
    assert all(got[d["id"]][1] for d in docs if d["role"] == "wire_copy")  # 20 of 20 copies
    assert not any(got[d["id"]][1] for d in docs if d["role"] != "wire_copy")
    whole = sum(len({got[i][0] for i in ids}) == 1 for ids in events.values())
    leaks = sum(got[ids[0]][0] in {got[i][0] for i in events[f"g{int(g.split('-')[1]):02d}"]}
                for g, ids in groups.items() if g.startswith("other-"))
    assert whole >= 9 and leaks <= 3
