"""Stories: articles about the same happening, grouped incrementally in SQLite.

Each article becomes a TF-IDF bag of words: plural and possessive endings folded ("rebels", "Nigeria's"),
names counting double, and the words of its opening (headline and lede) double again, since an article says
first what happened and later the background it shares with other stories of its topic. A word's rarity is
counted over the store and over news at large (background.py) and weighs more than in plain TF-IDF (its
idf to the power RARITY), so the rare names that tell one happening from another outweigh a topic's common
vocabulary. Its heaviest words find, through an index, the recent articles that share them; it joins the
story of the most similar one when the cosine similarity reaches the threshold, else starts a story of its
own. A copy (see dedup.py) joins its original's story. A story's id is the doc_id of its first article, so
it never changes as articles arrive, and adding an article costs the same however many are stored: every
lookup goes through an index and is bounded. The figures behind each choice are in docs/quality.md.
"""
from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

from ..data import load_data
from .dedup import SKETCH, resemblance, sketch

STOPWORDS = frozenset("""a about above after again against all also although am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself
no nor not now of off on once only or other our ours out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your said says say told according also new one two three year
years day days week weeks last first people mr mrs ms since still many much may might must us per cent percent
would could shall like get got make made time times including include includes""".split())
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]+")
INDEX_TERMS = 12  # the heaviest words of an article that find its neighbours
RECENT = 100  # articles per heavy word looked at: bounds the cost of one lookup
# holders per sketch value looked at: a copy shares nearly all its 128 values with its original, while a value
# many articles hold is boilerplate ("said in a statement"), so a few recent holders each are enough
RECENT_HOLDERS = 20
SCORED = 50  # candidates (those sharing most heavy words) whose full vectors are compared
SIGNED = 1 << 63  # SQLite integers are signed 64-bit
# characters of an article (title and body) whose words count double: the headline and lede tell what happened
OPENING = 500
RARITY = 1.5  # a word's weight grows with this power of its idf (1 would be plain TF-IDF)
# the cosine similarity at which an article joins a story: chosen on development pairs and our own retellings
# for precision (docs/quality.md); the setting `story_threshold` changes it
SAME_STORY = 0.23


def fold(word: str) -> str:
    """A lower-case word without its possessive or plural ending, so "rebels" and "rebel", "Nigeria's" and
    "Nigeria", "casualties" and "casualty" count as one word. Verb endings (-ed, -ing) stay: folding them too
    joined a topic's other events (every clash "clashed") as readily as retellings (docs/quality.md)."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):  # not "press", "status"
        return word[:-1]
    return word


def terms(text: str) -> Counter[str]:
    """Folded word counts without stop words; a capitalised word inside a sentence (a name) counts double,
    and a word starting in the first OPENING characters double again."""
    counts: Counter[str] = Counter()
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        low = word.lower().strip("'-")
        if len(low) < 3 or low in STOPWORDS:
            continue
        low = fold(low)
        before = text[max(0, match.start() - 2):match.start()].strip()
        weight = 2 if word[0].isupper() and before not in (".", "", "!", "?", '"', "“") else 1
        counts[low] += 2 * weight if match.start() < OPENING else weight
    return counts


def _article_terms(text: str, title: str | None) -> Counter[str]:
    """An article's words for its story: the title's with the body's."""
    return terms(f"{title}\n{text}" if title else text)


def _heaviest(vector: dict[str, float]) -> list[str]:
    """The INDEX_TERMS words that weigh most in a vector: those that find an article's neighbours."""
    return sorted(vector, key=vector.__getitem__, reverse=True)[:INDEX_TERMS]


@lru_cache(maxsize=1)
def background() -> tuple[int, dict[str, int]]:
    """How many passages the shipped table of word frequencies counts, and in how many each word is
    (built by background.py from our training corpus); read on first use."""
    table = load_data("background_df.json")
    return table["documents"], table["df"]


class StoryIndex:
    """Assigns each added article a story id and, for a copy, the article it duplicates.

    Works on any connection holding the dateline schema: the store's file, or an in-memory one
    (`open_store(":memory:")`).
    """

    def __init__(self, conn: sqlite3.Connection, *, threshold: float = SAME_STORY,
                 duplicate_threshold: float = 0.5, containment: float = 0.6):
        self.conn = conn
        self.threshold = threshold
        self.duplicate_threshold = duplicate_threshold
        self.containment = containment

    def add(self, doc_id: str, text: str, *, title: str | None = None) -> tuple[str, str | None]:
        """(story_id, duplicate_of) of an article; an article added before keeps what it had.

        A copy is judged on the body alone (syndicators change titles); the story on title and body."""
        known = self.conn.execute("SELECT story_id, duplicate_of FROM doc_index WHERE doc_id = ?", (doc_id,)).fetchone()
        if known:
            return known[0], known[1]
        mine = sketch(text)
        duplicate_of = self._original(mine)
        counts = _article_terms(text, title)
        vector = self._vector(counts)
        if duplicate_of is not None:
            story = self.conn.execute("SELECT story_id FROM doc_index WHERE doc_id = ?", (duplicate_of,)).fetchone()[0]
        else:
            story = self._nearest_story(vector) or doc_id
        heavy = _heaviest(vector)
        self.conn.execute("INSERT INTO doc_index VALUES (?, ?, ?, ?, ?)",
                          (doc_id, story, duplicate_of, json.dumps(mine), json.dumps(vector)))
        self.conn.executemany("INSERT INTO doc_sketch VALUES (?, ?)", [(doc_id, v - SIGNED) for v in mine])
        self.conn.executemany("INSERT INTO doc_terms VALUES (?, ?)", [(doc_id, t) for t in heavy])
        self._count(counts)
        return story, duplicate_of

    def reindex(self, articles: Callable[[], Iterable[tuple[str, str, str | None]]]) -> int:
        """Every stored article's word counts, weights and heaviest words again, in this version's word forms,
        once, when an upgrade changes how words are counted; the stories and copies found stay. `articles`
        gives (doc_id, text, title) in the order they were stored and is read twice: the counts first, so
        that every weight is read against the same counts."""
        self.conn.execute("DELETE FROM term_df")
        self.conn.execute("DELETE FROM doc_terms")
        for _, text, title in articles():
            self._count(_article_terms(text, title))
        done = 0
        for doc_id, text, title in articles():
            vector = self._vector(_article_terms(text, title))
            self.conn.execute("UPDATE doc_index SET vector = ? WHERE doc_id = ?", (json.dumps(vector), doc_id))
            self.conn.executemany("INSERT INTO doc_terms VALUES (?, ?)", [(doc_id, t) for t in _heaviest(vector)])
            done += 1
        return done

    def _count(self, counts: Counter[str]) -> None:
        """One more article holding each of these words, in the store's word counts."""
        self.conn.executemany("INSERT INTO term_df VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
                              [(t,) for t in counts])

    def _original(self, mine: tuple[int, ...]) -> str | None:
        """The earliest indexed article this one copies (shared shingles), or None."""
        if not mine:
            return None
        # the most recent holders of each value (boilerplate shingles cannot flood this), counted in SQLite
        holders = " UNION ALL ".join(["SELECT * FROM (SELECT doc_id FROM doc_sketch WHERE value = ?"
                                      f" ORDER BY rowid DESC LIMIT {RECENT_HOLDERS})"] * len(mine))
        shared = self.conn.execute(f"SELECT doc_id, count(*) AS n FROM ({holders}) GROUP BY doc_id"
                                   " ORDER BY n DESC, doc_id LIMIT 20", [v - SIGNED for v in mine]).fetchall()
        for other, count in shared:
            row = self.conn.execute("SELECT sketch, duplicate_of FROM doc_index WHERE doc_id = ?", (other,)).fetchone()
            theirs = tuple(json.loads(row[0]))
            contained = count / max(1, min(len(mine), len(theirs), SKETCH))  # a trimmed copy lies inside
            if resemblance(mine, theirs) >= self.duplicate_threshold or contained >= self.containment:
                return row[1] or other
        return None

    def _idf(self, counts: Counter[str]) -> dict[str, float]:
        """A word's weight from the store's articles and news at large (see background.py): a small store's
        own counts would make every word of its one story look common."""
        n = self.conn.execute("SELECT coalesce(max(rowid), 0) FROM doc_index").fetchone()[0]  # O(log n), not a count
        passages, common = background()
        words = list(counts)
        df: dict[str, int] = {}
        for start in range(0, len(words), 500):
            chunk = words[start:start + 500]
            df.update(self.conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({','.join('?' * len(chunk))})",
                                        chunk).fetchall())
        return {w: math.log((n + passages + 10) / (df.get(w, 0) + common.get(w, 0) + 1)) for w in words}

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        idf = self._idf(counts)
        vector = {t: (1 + math.log(c)) * idf[t] ** RARITY for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: round(v / norm, 5) for t, v in vector.items()}

    def _nearest_story(self, vector: dict[str, float]) -> str | None:
        heavy = _heaviest(vector)
        candidates: Counter[str] = Counter()
        for term in heavy:
            candidates.update(r[0] for r in self.conn.execute(
                "SELECT doc_id FROM doc_terms WHERE term = ? ORDER BY rowid DESC LIMIT ?", (term, RECENT)))
        best, best_score = None, self.threshold
        for other in sorted(d for d, _ in candidates.most_common(SCORED)):
            story, stored = self.conn.execute("SELECT story_id, vector FROM doc_index WHERE doc_id = ?",
                                              (other,)).fetchone()
            theirs = json.loads(stored)
            score = sum(w * theirs.get(t, 0.0) for t, w in vector.items())
            if score >= best_score:
                best, best_score = story, score
        return best
