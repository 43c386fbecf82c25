"""Stories a person can read: one row per story, kept up in constant time as its articles arrive.

A story's row gives its title (the earliest full report's: an original article of some length, not a copy and
not a headline alone), its first and last publication, and how many articles, outlets and independent sources
tell it. Independence follows where the words came from:
- a copy (dedup.py) counts for the article it copies, never as a source of its own;
- an article crediting a news agency ("LAGOS (Reuters) -", "(AFP)" at its end) is the agency's reporting, so
  outlets running the same wire story, copied or edited, are one source;
- every other article is its outlet's own reporting.
A story with no likely event in any of its articles (a recipe, a chess match) is of kind "other" and is listed apart
from the event stories. `story_members` remembers what has been counted, so only what is new is counted.
"""
from __future__ import annotations

import re
import sqlite3
from functools import lru_cache

from ..data import load_data
from .rows import one_row

FULL_REPORT = 400  # characters: shorter bodies (a feed's summary, a headline) title a story only until a report comes
TITLE_CHARS = 160  # a story whose articles have no title is named by the opening of its first report
CREDIT_REACH = 400  # characters from either end of a body where an agency's credit is looked for
# an event at least this likely (the event model's default threshold) makes its story a story of events: a chess
# report's "offers rejected" kept as an unlikely PLOVER reading does not
TOLD = 0.3
# over `articles a LEFT JOIN articles o ON o.doc_id = a.duplicate_of`: the source an article counts for (a copy
# its original's; a wire story its agency), and how many likely events it tells (bind TOLD)
SOURCE = "coalesce(o.wire, a.wire, o.outlet, o.doc_id, a.outlet, a.doc_id)"
LIKELY_EVENTS = "(SELECT count(*) FROM events e WHERE e.article_id = a.id AND e.confidence >= ?)"
WITH_ORIGINAL = "articles a LEFT JOIN articles o ON o.doc_id = a.duplicate_of"


@lru_cache(maxsize=1)
def _credits() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    names = {alias: agency["name"] for agency in load_data("wire_services.json")["agencies"]
             for alias in agency["aliases"]}
    alias = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    opening = re.compile(rf"\((?P<agency>{alias})\)")  # "KHARTOUM, March 3 (AFP) -", "BAGHDAD (AP) —"
    closing = re.compile(rf"(?:\((?P<a>{alias})\)|[-–—]\s*(?P<b>{alias})|Source:\s*(?P<c>{alias}))[\s.]*$")
    return opening, closing, names


def wire_credit(text: str) -> str | None:
    """The news agency an article credits as its source, by the agency's name, or None."""
    opening, closing, names = _credits()
    found = opening.search(text[:CREDIT_REACH])
    if found:
        return names[found.group("agency")]
    found = closing.search(text[-CREDIT_REACH:].rstrip())
    return names[found.group("a") or found.group("b") or found.group("c")] if found else None


def lead(text: str) -> str:
    """The opening words of a body, as a title when an article has none."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


class StoryRows:
    """Brings a story's row up to date with one more article (already stored, with its story and events)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def add(self, article_id: int) -> None:
        a = one_row(
            self.conn,
            # the opening only, and only when there is no title: it is all `lead` reads
            "SELECT a.doc_id, a.title, a.published, a.story_id, a.duplicate_of, length(a.text) AS chars,"
            f" CASE WHEN a.title IS NULL THEN substr(a.text, 1, {2 * FULL_REPORT}) END AS opening,"
            f" coalesce(a.outlet, a.doc_id) AS outlet, {SOURCE} AS source, {LIKELY_EVENTS} AS events"
            f" FROM {WITH_ORIGINAL} WHERE a.id = ?", (TOLD, article_id))
        if a is None or a["story_id"] is None:
            return
        story = a["story_id"]
        new = {kind for kind, value in (("outlet", a["outlet"]), ("independent", a["source"]))
               if self.conn.execute("INSERT OR IGNORE INTO story_members VALUES (?, ?, ?)",
                                    (story, kind, value)).rowcount}
        full = a["duplicate_of"] is None and a["chars"] >= FULL_REPORT
        row = one_row(self.conn, "SELECT title_full, title_published, first_published, last_published, n_events"
                        " FROM stories WHERE id = ?", (story,))
        if row is None:
            self.conn.execute("INSERT INTO stories (id, n_articles, n_outlets, n_independent, n_copies, n_events)"
                              " VALUES (?, 0, 0, 0, 0, 0)", (story,))
            row = {"title_full": -1, "title_published": None, "first_published": None, "last_published": None,
                   "n_events": 0}
        published = a["published"]
        # the earliest full report titles the story; a headline or a copy only until a report arrives
        titled = row["title_full"]
        if titled < 0 or full > titled or full == titled and _earlier(published, row["title_published"]):
            self.conn.execute("UPDATE stories SET title = ?, title_doc = ?, title_published = ?, title_full = ?"
                              " WHERE id = ?", (a["title"] or lead(a["opening"]), a["doc_id"], published, full, story))
        events = row["n_events"] + a["events"]
        self.conn.execute(
            "UPDATE stories SET first_published = ?, last_published = ?, n_articles = n_articles + 1,"
            " n_outlets = n_outlets + ?, n_independent = n_independent + ?, n_copies = n_copies + ?, n_events = ?,"
            " kind = ? WHERE id = ?",
            (min(filter(None, (row["first_published"], published)), default=None),
             max(filter(None, (row["last_published"], published)), default=None),
             "outlet" in new, "independent" in new, a["duplicate_of"] is not None, events,
             "event" if events else "other", story))


def _earlier(date: str | None, than: str | None) -> bool:
    """An article dated before another, an undated one never before."""
    return date is not None and (than is None or date < than)

def sourcing(article: dict) -> str:
    """What an article is to its story: a copy of another, an agency's wire story, or its outlet's own."""
    return "copy" if article.get("duplicate_of") else "wire" if article.get("wire") else "own"
