"""Event triggers: lemmas (one or several words) from data/event_triggers.json, matched in a sentence."""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...data import load_data

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True, slots=True)
class Trigger:
    lemmas: tuple[str, ...]
    pos: str
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    rule: str | None
    weight: float


HYPHEN = re.compile(r"(?<=\w)-(?=\w)")  # inside a word, where the tokenizer splits it
TriggerMatch = tuple[Trigger, "Token", list[int]]  # (trigger, head token, token indices)


class EventLexicon:
    def __init__(self, triggers: list[Trigger]) -> None:
        self.by_first: dict[str, list[Trigger]] = {}
        for trigger in sorted(triggers, key=lambda t: -len(t.lemmas)):
            self.by_first.setdefault(trigger.lemmas[0], []).append(trigger)

    @classmethod
    def load(cls) -> EventLexicon:
        data = load_data("event_triggers.json")
        triggers = [Trigger(words_of(row[0]), *row[1:]) for row in data["triggers"]]
        return cls(triggers)

    def match(self, sentence: Span) -> list[TriggerMatch]:
        """(trigger, head token, token indices) of every trigger in a sentence, longest first, no overlaps."""
        found: list[TriggerMatch] = []
        used: set[int] = set()
        for token in sentence:
            if token.i in used or token.ent_type_ in NOT_EVENTS:  # "March" the month is no march
                continue
            lemma = token.lemma_.lower()
            candidates = self.by_first.get(lemma, []) + (self.by_first.get(token.lower_, []) if token.lower_ != lemma
                                                         else [])
            if not candidates and token.tag_ in ("VBD", "VBN"):  # the lemmatizer reads "raped" as rap
                candidates = [t for form in verb_stems(token.lower_) for t in self.by_first.get(form, [])
                              if t.pos in ("VERB", "any")]
            for trigger in candidates:
                # the tagger sometimes calls a sentence-initial "Shelling" a verb: the exact word still counts
                mistagged = (trigger.pos == "NOUN" and token.lower_ == trigger.lemmas[0]
                             and token.pos_ in ("VERB", "AUX"))
                if not (_pos_ok(token, trigger.pos) or mistagged) and len(trigger.lemmas) == 1:
                    continue
                # a verb's words may stand apart ("took full control"), a noun's may not ("Air Force jets struck")
                gap = 1 if trigger.pos == "NOUN" else 3
                indices = _match_rest(sentence.doc, token, trigger.lemmas[1:], sentence.end, gap)
                if indices is None:
                    continue
                indices = [token.i] + indices
                head = _head_of(sentence.doc, indices)
                if len(trigger.lemmas) > 1 and not _pos_ok(head, trigger.pos):
                    continue
                found.append((trigger, head, indices))
                used.update(indices)
                break
        return found


def words_of(trigger: str) -> tuple[str, ...]:
    """A trigger's words as the tokenizer splits them: "sit-in" is sit, -, in."""
    return tuple(HYPHEN.sub(" - ", trigger).split())


def word_in(token: Token, words: Collection[str]) -> bool:
    """The token's lemma or its own word (singular) is one of these: the lemmatizer reads "bases" as basis."""
    lower = token.lower_
    return token.lemma_.lower() in words or lower in words or lower.removesuffix("s") in words


def verb_stems(word: str) -> list[str]:
    """What a past form may come from: "raped" -> rap, rape; "retried" -> retry."""
    stems = []
    for suffix, replacement in (("ied", "y"), ("ed", ""), ("d", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems.append(word[: -len(suffix)] + replacement)
    return stems


NOT_EVENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}


def _pos_ok(token: Token, pos: str) -> bool:
    if pos == "VERB":
        return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    if pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN")
    if pos == "ADJ":
        return token.pos_ == "ADJ"
    return token.pos_ in ("VERB", "NOUN", "PROPN", "ADJ")


def _match_rest(doc: Doc, token: Token, rest: tuple[str, ...], limit: int, gap: int = 3) -> list[int] | None:
    """Token indices of the remaining trigger words, each at most `gap` tokens after the one before (up to two
    words between for a verb: "took full control")."""
    indices, position = [], token.i
    for lemma in rest:
        for step in range(1, gap + 1):
            j = position + step
            if j >= limit:
                return None
            if doc[j].lemma_.lower() == lemma or doc[j].lower_ == lemma:
                if doc[j].pos_ == "ADP" and j + 1 < len(doc) and doc[j + 1].ent_type_ in ("DATE", "TIME"):
                    return None  # "fired him on Friday": a time, not what was fired on
                indices.append(j)
                position = j
                break
        else:
            return None
    return indices


def _head_of(doc: Doc, indices: list[int]) -> Token:
    """The token of a multi-word trigger that the others hang from."""
    tokens = [doc[i] for i in indices]
    for token in tokens:
        if token.head.i not in indices or token.head.i == token.i:
            return token
    return tokens[0]


def depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth
