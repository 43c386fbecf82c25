"""The trigger's grammatical frame, as the event model reads it (classify/features.py).

Words alone do not say how a trigger is used: "violent protests broke out" and "protests that turned
violent" share their words with a peaceful march beside a violent match; "did not say he attacked her",
"would stop the attacks" and "being abducted" hold an attack word that reports no attack. The parse does:
a negation, a modal, the verb that governs the trigger ("denied", "feared", "vowed"), the trigger's own
modifiers and the heads of its subject and object. A name is written as its entity kind, so that who and
where do not decide what happened (as in the model's words).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

MODIFIERS = ("amod", "compound", "advmod", "npadvmod", "acomp")
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "attr", "oprd")
MAX_MODIFIERS = 4  # a long list of modifiers is a list of names, not a frame


def _word(token: Token) -> str:
    """The token's lemma, or its entity kind for a name ("GPE", "PERSON"): no space, lower case."""
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"):
        return token.ent_type_.lower() or "name"
    if token.like_num:
        return "0"
    return token.lemma_.lower().replace(" ", "_") or token.lower_


def frame(head: Token) -> tuple[str, ...]:
    """What the parse says of the trigger `head`: its lemma, tag and role, its negation and auxiliaries, the
    verb that governs it, its modifiers and the heads of its subject and object."""
    parts = [f"lemma={_word(head)}", f"tag={head.tag_}", f"dep={head.dep_}",
             f"lemma_dep={_word(head)}_{head.dep_}"]
    modifiers = 0
    for child in head.children:
        if child.dep_ == "neg":
            parts.append("neg")
        elif child.dep_ in ("aux", "auxpass"):
            parts.append(f"aux={_word(child)}")
        elif child.dep_ in MODIFIERS and modifiers < MAX_MODIFIERS:
            modifiers += 1
            parts.append(f"mod={_word(child)}")
        elif child.dep_ in SUBJECTS:
            parts.append(f"subj={_word(child)}")
        elif child.dep_ in OBJECTS:
            parts.append(f"obj={_word(child)}")
        elif child.dep_ == "prep":
            parts.append(f"prep={child.lower_}")
    governor = head.head
    if governor.i != head.i:
        parts.append(f"gov={_word(governor)}")
        parts.append(f"gov_dep={_word(governor)}_{head.dep_}")
        if any(c.dep_ == "neg" for c in governor.children):
            parts.append("gov_neg")
        parts += [f"gov_aux={_word(c)}" for c in governor.children if c.dep_ in ("aux",)]
    return tuple(parts)
