"""Stories: articles about the same happening, grouped incrementally.

Each article becomes a weighted bag of words (names count double); it is compared, through an inverted
index of its heaviest words, with the articles already seen, and joins the story of the most similar one
when the cosine similarity reaches the threshold, else starts a story of its own. A story's id is the
doc_id of its first article, so it never changes as articles arrive.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from .dedup import DuplicateIndex

STOPWORDS = frozenset("""a about above after again against all also although am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself
no nor not now of off on once only or other our ours out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your said says say told according also new one two three year
years day days week weeks last first people mr mrs ms since still many much may might must us per cent percent
would could shall like get got make made time times including include includes""".split())
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]+")
INDEX_TERMS = 12


def terms(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        low = word.lower().strip("'-")
        if len(low) < 3 or low in STOPWORDS:
            continue
        counts[low] += 2 if word[0].isupper() and match.start() > 0 and text[match.start() - 2:match.start()].strip() not in (".", "") else 1
    return counts


class StoryIndex:
    """Assigns each added article a story id and, for copies, the article it duplicates."""

    def __init__(self, threshold: float = 0.3, *, duplicate_threshold: float = 0.5):
        self.threshold = threshold
        self.duplicates = DuplicateIndex(duplicate_threshold)
        self.df: Counter[str] = Counter()
        self.n = 0
        self.vectors: dict[str, dict[str, float]] = {}
        self.story: dict[str, str] = {}
        self.postings: dict[str, list[str]] = {}

    def _idf(self, term: str) -> float:
        return math.log((self.n + 10) / (self.df[term] + 1))

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        vector = {t: (1 + math.log(c)) * self._idf(t) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def add(self, doc_id: str, text: str) -> tuple[str, str | None]:
        """(story_id, duplicate_of) of a new article."""
        duplicate_of = self.duplicates.add(doc_id, text)
        counts = terms(text)
        self.n += 1
        self.df.update(counts.keys())
        vector = self._vector(counts)
        if duplicate_of is not None:
            story = self.story[duplicate_of]
        else:
            story = self._nearest_story(vector) or doc_id
        heavy = sorted(vector, key=vector.get, reverse=True)[:INDEX_TERMS]
        for term in heavy:
            self.postings.setdefault(term, []).append(doc_id)
        self.vectors[doc_id] = vector
        self.story[doc_id] = story
        return story, duplicate_of

    def _nearest_story(self, vector: dict[str, float]) -> str | None:
        heavy = sorted(vector, key=vector.get, reverse=True)[:INDEX_TERMS]
        candidates = {other for term in heavy for other in self.postings.get(term, ())[-200:]}
        best, best_score = None, self.threshold
        for other in candidates:
            theirs = self.vectors[other]
            score = sum(w * theirs.get(t, 0.0) for t, w in vector.items())
            if score >= best_score:
                best, best_score = other, score
        return self.story[best] if best is not None else None
