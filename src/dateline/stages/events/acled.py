"""The ACLED reading of an event: the trigger suggests a sub-event, and the named rules of refinements.py
decide it from the sentence and the actors (docs/events.md)."""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ...article import Party
from .lexicon import EventLexicon, Trigger
from .refinements import VIOLENT_ACLED, Clause, Reading, Words, check, refine_clause, takes_weapons

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["GROUP_CHANGE", "SPECIFICITY", "VIOLENT_ACLED", "abstract_object", "check_lexicon", "disarms", "refine"]

# ACLED codes a change of hands as such whatever weapons took it: territory outranks the weapon
SPECIFICITY = {"disrupt": 5, "find": 5, "territory": 4.5, "capture": 4.5, "weapon": 4, None: 2, "violence": 1,
               "offensive": 0, "toll": 0, "destroy": 0}
GROUP_CHANGE = Trigger(("withdraw",), "VERB", "SANCTION", "withdraw", "Strategic developments",
                       "Change to group/activity", "group", 0.7)


@cache
def words() -> Words:
    """The word classes of data/acled_words.json, read on first use."""
    return Words.load()


def check_lexicon(lexicon: EventLexicon) -> None:
    """The rules the triggers name, the registered rules and the word classes agree (PipelineError if not)."""
    check((t.rule for triggers in lexicon.by_first.values() for t in triggers), words())


def refine(trigger: Trigger, head: Token, actor: Party | None, recipient: Party | None, sentence: Span,
           agents: dict[str, str]) -> Reading:
    """(ACLED event type, sub-event type) of a trigger in its sentence, or (None, None)."""
    return refine_clause(Clause(trigger, head, actor, recipient, sentence, agents, words()))


def disarms(trigger: Trigger, head: Token) -> bool:
    """"seized a weapons cache", "dismantled 155 bombs": weapons taken or made safe, which never went off."""
    if trigger.rule in ("capture", "territory", "disrupt", "find"):
        return takes_weapons(head, words())
    while head.dep_ == "conj" and head.head.i != head.i:  # "destroyed 342 mines and 288 devices"
        head = head.head
    return trigger.rule == "weapon" and head.dep_ in ("dobj", "nsubjpass") and \
        head.head.lemma_.lower() in words()["disrupt_verbs"]


def abstract_object(head: Token) -> bool:
    """"withdrew the emir designation": what is withdrawn is no force."""
    obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.ent_type_ not in ("GPE", "LOC") and obj.lemma_.lower() not in words()["movable"]
