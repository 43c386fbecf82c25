"""Writing the store: a batch of extractions in one transaction, with their stories and happenings, and the
upgrade of an older database (its migrations, and what they add for the rows stored before them)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..article import EVENT_COLUMNS, Event, Extraction, ReadFailure, content_id
from ..consolidate.happenings import HappeningIndex
from ..consolidate.stories import SAME_STORY, StoryIndex
from ..consolidate.story_rows import StoryRows, wire_credit
from ..errors import StoreError
from .migrations import migrate
from .reviews import Reviews


class Writer:
    """The writing half of `Store`: the ingest's one writer."""

    conn: sqlite3.Connection
    path: Path

    def known(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these documents the store already holds."""
        found: set[str] = set()
        for start in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[start:start + 500])
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in
                         self.conn.execute(f"SELECT doc_id FROM articles WHERE doc_id IN ({marks})", chunk))
        return found

    def write(self, results: Iterable[Extraction | ReadFailure], *,
              story_threshold: float = SAME_STORY) -> dict[str, int]:
        """Write one batch in one transaction: all of it lands, or none (an interrupted run resumes cleanly).
        `story_threshold`: how similar an article must be to join a story (the setting of that name)."""
        counts = {"articles": 0, "events": 0, "failures": 0, "skipped": 0}
        with self.writing(), self.conn:
            for result in results:
                if isinstance(result, ReadFailure):
                    cur = self.conn.execute("INSERT OR IGNORE INTO failures VALUES (?, ?, ?)",
                                            (result.origin, result.code, result.reason))
                    counts["failures"] += cur.rowcount
                elif result.error:
                    cur = self.conn.execute("INSERT OR IGNORE INTO failures VALUES (?, ?, ?)",
                                            (result.article.origin or result.doc_id, "E301", result.error))
                    counts["failures"] += cur.rowcount
                elif self._insert(result, story_threshold):
                    counts["articles"] += 1
                    counts["events"] += len(result.events)
                else:
                    counts["skipped"] += 1
        return counts

    @contextmanager
    def writing(self) -> Iterator[None]:
        """SQLite's write errors as StoreError: a full disk (E404) or another failure to write (E405). The
        transaction inside has been rolled back by then, so the store holds whole batches only."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            full = "full" in str(exc).lower()
            raise StoreError(f"{self.path}: cannot write: {exc}" + ("; free some space and run again: what is"
                             " stored is kept and nothing is read twice" if full else ""),
                             code="E404" if full else "E405") from exc

    def _insert(self, result: Extraction, story_threshold: float) -> bool:
        a = result.article
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO articles (doc_id, content_hash, title, sections, source_id, published, outlet, url,"
            " language, text, origin, wire, extraction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (a.doc_id, content_id(a.text), a.title, json.dumps(a.sections), a.source_id, a.published_iso, a.outlet,
             a.url, a.language, a.text, a.origin, wire_credit(a.text),
             json.dumps(result.to_dict(), ensure_ascii=False)))
        if cur.rowcount == 0:
            return False
        assert cur.lastrowid is not None  # an INSERT that added a row always has it
        article_id = cur.lastrowid
        self.conn.executemany(f"INSERT OR REPLACE INTO events ({','.join(EVENT_COLUMNS)}) VALUES "
                              f"({','.join('?' * len(EVENT_COLUMNS))})",
                              [event_row(e, article_id) for e in result.events])
        self.conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                              [(article_id, p.text, p.start, p.end, p.name, p.geonameid, p.lat, p.lon,
                                p.country_code, p.admin1, p.feature_code, p.precision) for p in result.places])
        self.conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?)",
                              [(article_id, q.text, q.start, q.end, q.speaker, q.speaker_type, q.via)
                               for q in result.quotes])
        # stories and happenings grow with each article, in the same transaction as the article itself
        story, duplicate_of = StoryIndex(self.conn, threshold=story_threshold).add(a.doc_id, a.text, title=a.title)
        self.conn.execute("UPDATE articles SET story_id = ?, duplicate_of = ? WHERE id = ?",
                          (story, duplicate_of, article_id))
        happenings = HappeningIndex(self.conn)
        for event in result.events:
            happenings.add(event.id)
        StoryRows(self.conn).add(article_id)
        return True


def upgrade(conn: sqlite3.Connection) -> list[str]:
    """The migrations this database lacks, and the stories and happenings of articles stored before the
    migration that added them; returns the migrations applied. Reviews follow their mention to its
    happening should a migration have rebuilt the happenings."""
    applied = migrate(conn)
    if "0002_stories_and_happenings" in applied:
        backfill(conn)
    elif "0011_story_words_folded" in applied:
        reindex_stories(conn)
    if applied:
        Reviews(conn, _no_translation).relink()
    return applied


@contextmanager
def _no_translation() -> Iterator[None]:
    yield


def backfill(conn: sqlite3.Connection) -> int:
    """Stories, duplicates and happenings for articles stored before they existed (a database from the
    first release gets them when it is upgraded). Returns the number of articles placed."""
    rows = conn.execute("SELECT id, doc_id, title, text FROM articles WHERE story_id IS NULL ORDER BY id").fetchall()
    with conn:
        stories, happenings, rows_ = StoryIndex(conn), HappeningIndex(conn), StoryRows(conn)
        for article_id, doc_id, title, text in rows:
            story, duplicate_of = stories.add(doc_id, text, title=title)
            conn.execute("UPDATE articles SET story_id = ?, duplicate_of = ?, wire = ? WHERE id = ?",
                         (story, duplicate_of, wire_credit(text), article_id))
            for (event_id,) in conn.execute("SELECT id FROM events WHERE article_id = ? AND happening_id IS NULL",
                                            (article_id,)).fetchall():
                happenings.add(event_id)
            rows_.add(article_id)
    return len(rows)


def reindex_stories(conn: sqlite3.Connection, *, batch: int = 500) -> int:
    """The story index of the stored articles in this version's word forms (their stories stay); read in
    pages of `batch` articles, so memory does not grow with the store. Returns the articles reindexed."""

    def articles() -> Iterator[tuple[str, str, str | None]]:
        last = 0
        while True:
            page = conn.execute("SELECT a.id, a.doc_id, a.text, a.title FROM articles a"
                                " JOIN doc_index d ON d.doc_id = a.doc_id WHERE a.id > ? ORDER BY a.id LIMIT ?",
                                (last, batch)).fetchall()
            if not page:
                return
            for row_id, doc_id, text, title in page:
                yield doc_id, text, title
                last = row_id

    with conn:
        return StoryIndex(conn).reindex(articles)


_UP_TO_DATE: set[Path] = set()


def _bring_up_to_date(path: Path) -> None:
    """A database made by an older dateline gets the migrations it lacks before it is read (checked once
    per file in a process: the HTTP API opens a read-only store for every request)."""
    from .migrations import MIGRATIONS

    if path.resolve() in _UP_TO_DATE:
        return
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as probe:
        try:
            done = {row[0] for row in probe.execute("SELECT name FROM migrations")}
        except sqlite3.OperationalError:
            done = set()
    probe.close()
    if not {name for name, _ in MIGRATIONS} <= done:
        try:
            conn = sqlite3.connect(path, isolation_level="IMMEDIATE", timeout=30)
            try:
                upgrade(conn)
            finally:
                conn.close()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{path}: needs migrations this version adds, and cannot be written: {exc}",
                             code="E403") from exc
    _UP_TO_DATE.add(path.resolve())


def event_row(e: Event, article_id: int | None) -> tuple:
    actor, recipient, loc, att = e.actor, e.recipient, e.location, e.attribution
    return (e.id, article_id, e.type, e.mode, e.acled_event_type, e.acled_sub_event_type,
            actor and actor.text, actor and actor.name, actor and actor.type, actor and actor.country,
            recipient and recipient.text, recipient and recipient.name, recipient and recipient.type,
            recipient and recipient.country,
            loc and loc.name, loc and loc.geonameid, loc and loc.lat, loc and loc.lon, loc and loc.country_code,
            loc and loc.admin1, loc and loc.precision,
            e.date.value, e.date.precision, e.fatalities, e.status,
            att and att.speaker, att and att.speaker_type, att and att.via, int(att.anonymous) if att else None,
            e.evidence.text, e.evidence.start, e.evidence.end, e.confidence)
