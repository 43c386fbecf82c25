"""What the event model sees of a sentence: its words, word pairs and word pieces, the words of the
article's headline (a sports report's "attack" and a war report's are told apart by the page they are on),
and what the rules read in it: the trigger's ACLED and PLOVER reading, its status and the kinds of its sides
(the parse knows who did it to whom; the model learns how far to trust that in each kind of sentence).

Features are strings; the model's vocabulary maps the ones it learned to columns, the rest are ignored.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..article import Event

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[^\sa-z0-9]")
_CASED = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[^\sA-Za-z0-9]")
_DIGITS = re.compile(r"[0-9]+")
PIECES = (3, 5)  # character n-grams of each word, from 3 to 5 characters, the word's edges marked
MAX_CHARS = 2000  # a sentence longer than this is judged by its opening (memory stays bounded)
NAME = "<name>"
KEEP = {"i"}  # capitalised inside a sentence, and no name
STARTERS = (".", "!", "?", '"', "“", ":", "-", "—", "(")  # after these a capital starts a sentence
READING_KEYS = ("sub", "type", "status", "actor", "recipient", "dead")
FRAME = "p:"  # the prefix of the trigger's grammatical frame (stages/events/frame.py)
READING = "r:"  # the prefix of the rules' reading's features, which count `reading_weight` (training/config.json)


def tokens(text: str) -> list[str]:
    """Lower-cased words with every number written as 0 ("17 killed" and "3 killed" look alike)."""
    return [_DIGITS.sub("0", t) for t in _TOKEN.findall(text[:MAX_CHARS].lower())]


def words_of(text: str) -> list[str]:
    """The sentence's words as the model reads them: lower case, numbers as 0, and a capitalised word inside
    a sentence (a name: a person, a party, a town) as <name>, so that who and where do not decide what
    happened. A headline in title case keeps its words."""
    found = _CASED.findall(text[:MAX_CHARS])
    alpha = [t for t in found if t[0].isalpha()]
    title_case = len(alpha) > 2 and sum(t[0].isupper() for t in alpha) > 0.6 * len(alpha)
    out = []
    for i, token in enumerate(found):
        lower = _DIGITS.sub("0", token.lower())
        starts = i == 0 or found[i - 1] in STARTERS
        if not title_case and not starts and token[0].isupper() and lower not in KEEP:
            out.append(NAME)
        else:
            out.append(lower)
    return out


def reading_of(event: Event) -> dict[str, str]:
    """What the rules made of a candidate event, as the model reads it."""
    return {"sub": event.acled_sub_event_type or "none", "type": event.type or "none", "status": event.status,
            "actor": event.actor.type if event.actor else "none",
            "recipient": event.recipient.type if event.recipient else "none",
            "dead": "yes" if event.fatalities else "no", "frame": " ".join(event.frame)}


def feature_weights(vocabulary: Sequence[str], reading_weight: float) -> np.ndarray:
    """The value of each feature in a row before the row is scaled to unit length: 1, and `reading_weight`
    for the rules' reading. Below 1 the reading weighs less against the words; with the same regularisation
    the model must see more evidence before it leans on it (an arrest the rules read as "Arrests" is no
    event unless the sentence says why it matters)."""
    return np.array([reading_weight if f.startswith(READING) else 1.0 for f in vocabulary], dtype=np.float64)


def features(text: str, context: str = "", reading: dict[str, str] | None = None) -> list[str]:
    """The feature strings of a sentence, the headline of its article (may be empty) and the rules' reading
    of it (None: the rules found no candidate in it)."""
    words = words_of(text)
    found = [f"w:{w}" for w in words]
    found += [f"b:{a} {b}" for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True)]
    for word in set(words):
        if len(word) < 3 or not word[0].isalpha() or word == NAME:
            continue
        marked = f"<{word}>"
        found += [f"c:{marked[i:i + n]}" for n in range(PIECES[0], PIECES[1] + 1)
                  for i in range(len(marked) - n + 1)]
    found += [f"t:{w}" for w in set(tokens(context)) if w[0].isalnum()]
    if reading is None:
        found.append(f"{READING}none")
    else:
        found += [f"{READING}{key}={reading.get(key)}" for key in READING_KEYS]
        found += [f"{READING}sub={reading.get('sub')}&actor={reading.get('actor')}",
                  f"{READING}sub={reading.get('sub')}&status={reading.get('status')}"]
        found += [f"{FRAME}{part}" for part in reading.get("frame", "").split()]
    return found
