"""Near-duplicate articles: word 5-shingles and a bottom-k MinHash sketch of them. The story index
(stories.py) keeps the sketches indexed by value, so each new article meets only the few old ones that
share a value with it."""
from __future__ import annotations

import hashlib
import re

SHINGLE = 5
SKETCH = 128
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
