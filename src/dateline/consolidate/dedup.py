"""Near-duplicate articles: word 5-shingles, a bottom-k MinHash sketch, and an index from sketch values
to documents, so each new article meets only the few old ones that share a value with it."""
from __future__ import annotations

import hashlib
import re

SHINGLE = 5
SKETCH = 64
_WORD = re.compile(r"\w+")


def sketch(text: str) -> tuple[int, ...]:
    """The SKETCH smallest 64-bit hashes of the text's word 5-shingles (case and punctuation ignored)."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = sorted(int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles)
    return tuple(hashes[:SKETCH])


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two documents' shingle sets from their bottom-k sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


class DuplicateIndex:
    """Incremental: `add` returns the earliest indexed document this one copies, or None."""

    def __init__(self, threshold: float = 0.5, *, containment: float = 0.8):
        self.threshold = threshold
        self.containment = containment
        self.sketches: dict[str, tuple[int, ...]] = {}
        self.postings: dict[int, list[str]] = {}
        self.original: dict[str, str] = {}

    def add(self, doc_id: str, text: str) -> str | None:
        mine = sketch(text)
        candidates: dict[str, int] = {}
        for value in mine:
            for other in self.postings.get(value, ()):
                candidates[other] = candidates.get(other, 0) + 1
        best = None
        for other, shared in sorted(candidates.items(), key=lambda kv: -kv[1]):
            theirs = self.sketches[other]
            similar = resemblance(mine, theirs)
            contained = shared / max(1, min(len(mine), len(theirs)))  # a trimmed copy is inside the original
            if similar >= self.threshold or contained >= self.containment:
                best = self.original.get(other, other)
                break
        self.sketches[doc_id] = mine
        for value in mine:
            self.postings.setdefault(value, []).append(doc_id)
        if best is not None:
            self.original[doc_id] = best
        return best
