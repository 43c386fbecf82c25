"""Who did it to whom: the actor and recipient of a trigger from its clause (subjects, passives, "by",
"against", "clashes between A and B", objects of giving), matched to the actor mentions."""
from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from ...article import ActorMention, Party
from ..base import Document
from .lexicon import verb_stems

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ARMED = {"state_forces", "rebels", "political_militia", "identity_militia", "external"}
NON_STATE = {"rebels", "political_militia", "identity_militia"}
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "hold", "perpetrate", "commit", "unleash", "begin",
               "start", "claim", "organize", "organise", "lead", "plant", "fire", "use", "detonate", "set", "take",
               "give", "issue", "make", "deliver", "impose", "announce", "sign", "reach", "call", "open",
               "dispatch", "complete", "speed", "lodge", "declare", "continue", "resume", "intensify", "step",
               "undertake", "pursue", "initiate", "escalate", "wage", "send", "file", "press"}


def base_forms(token: Token) -> set[str]:
    """The lemma and what the word itself suggests: the lemmatizer reads "staged" as stag. A verb done
    again is the verb: "reimposed" is imposed."""
    forms = {token.lemma_.lower(), token.lower_, *verb_stems(token.lower_)}
    return forms | {f[2:] for f in forms if f.startswith("re") and len(f) > 5}


NAMED = ("PERSON", "ORG", "GPE", "NORP", "LOC")
COLLECTIVE = {"group", "delegation", "team", "number", "member", "leader", "representative", "dozen", "hundred",
              "thousand", "crowd", "ten", "tens", "score", "million", "lot", "band", "contingent", "unit"}
# what does the killing in "a wave of bombings kills 15", "car bomb kills 12": no one's name
NOT_PARTIES = {"wave", "spate", "series", "string", "surge", "unrest", "violence", "toll", "blast", "explosion",
               "bombing", "attack", "fighting", "clash", "raid", "strike", "airstrike", "shelling", "gunfire", "bomb",
               "mine", "rocket", "missile", "shell", "device", "ied", "fire", "landmine", "grenade", "mortar"}
# verbs that always take an object: without one, "70 fighters killed" is a headline's passive
ALWAYS_TRANSITIVE = {"kill", "wound", "injure", "execute", "behead", "arrest", "detain", "abduct", "kidnap", "slay",
                     "murder", "capture", "massacre", "assassinate"}
PLACE_PREPS = {"in", "near", "at", "across", "around", "outside", "inside", "from"}


RECIPIENT_PREPS = ("to", "with", "for", "against", "on", "toward", "towards")


def responsible(head: Token) -> Token | None:
    """The token naming who did a deed when the sentence says so rather than telling it: the group that claims
    it ("IS claimed responsibility for the bombing", "Qaeda group claims Baghdad bombs") or the one blamed
    ("police blamed al-Shabaab for the attack"). None when the claim is denied or made by no one."""
    token, steps = head, 0
    while token.dep_ in ("pobj", "prep", "dobj", "compound", "conj") and token.head.i != token.i and steps < 4:
        token, steps = token.head, steps + 1
        lemma = token.lemma_.lower()
        if lemma == "claim" and token.pos_ == "VERB":
            return _claimant(token)
        if lemma == "blame" and token.pos_ == "VERB" and not _negated(token):
            return next((c for c in token.children if c.dep_ == "dobj"), None)
    return None


# deeds a later sentence claims or blames by name ("X claimed the shooting"): the article's deed
TOLD_DEEDS = NOT_PARTIES | {"shooting", "killing", "ambush", "kidnapping", "abduction", "assault", "massacre"}


def claimant_of_responsibility(token: Token) -> Token | None:
    """The subject of "... claimed responsibility" with no deed named after it, or of "... claimed the
    shooting" (the claim is about the article's deed), or None."""
    if token.lemma_.lower() != "claim" or token.pos_ != "VERB" or not any(
            c.dep_ == "dobj" and (c.lemma_.lower() == "responsibility" or _the_deed(c)) for c in token.children):
        return None
    return _claimant(token)


def blamed_for_deed(token: Token) -> Token | None:
    """The one "blamed ... for planting the device" or "for the attack" in a sentence of its own, or None."""
    if token.lemma_.lower() != "blame" or token.pos_ != "VERB" or _negated(token) or not any(
            c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
        return None
    return next((c for c in token.children if c.dep_ == "dobj"), None)


def _the_deed(token: Token) -> bool:
    """"the shooting", "the attack": a deed named as one already told."""
    return token.lemma_.lower() in TOLD_DEEDS and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                      for c in token.children)


def _claimant(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None if subject is None or _negated(verb) or _negated(subject) else subject


def _negated(token: Token) -> bool:
    """"has not claimed", "no group claimed", "denied": the claim was not made."""
    return any(c.dep_ == "neg" or c.lower_ in ("no", "none") and c.dep_ == "det" for c in token.children) \
        or token.lower_ in ("no", "none", "nobody")


def prepositional_party(document: Document, head: Token, actor: Party | None, exclude: Collection[int]) -> Party | None:
    """A party named after "to", "with", "for" or "against" in the trigger's clause (or its object's)."""
    holders = [head] + [c for c in head.children if c.dep_ in ("dobj", "attr")]
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ in ("prep", "dative") and c.lower_ in RECIPIENT_PREPS):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                party = party_of(document, obj, exclude)
                if party is not None and party.type != "other" and (actor is None or party.name != actor.name):
                    return party
    return None


LOCATIVE_PREPS = {"in", "near", "at", "across", "around", "outside", "inside", "throughout", "of", "from", "into"}


def named_in(document: Document, head: Token, actor: Party | None, exclude: Collection[int], start: Token | None = None,
             *, places: bool = True) -> Party | None:
    """The first named party in what the trigger governs (its object first), other than the actor.
    A place is a party to talks or aid ("visited Russia"), never the victim of violence."""
    roots = ([start] if start is not None else []) + [head]
    # the subject acts; a clause set beside the trigger ("..., the coast guard said") names who tells it
    subject = {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "parataxis") for t in c.subtree}
    seen: set[int] = set(subject)
    for root in roots:
        for token in root.subtree:
            if token.i in seen or token.i in exclude or token.ent_type_ not in NAMED:
                continue
            if not places and (token.ent_type_ in ("GPE", "LOC") and token.head.lower_ in LOCATIVE_PREPS
                               or any(p.start <= token.idx < p.end for p in document.places)):
                continue  # "killed in Samarra", "the car bomb in Tuz Khurmatu": where, not whom
            seen.add(token.i)
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.i == head.i:
                continue
            party = party_of(document, token, exclude)
            if party is not None and (actor is None or (party.name != actor.name and party.text != actor.text)):
                return party
    return None


def roles_of(head: Token) -> tuple[Token | None, Token | None]:
    """(actor token, recipient token) from the clause around a trigger."""
    actor: Token | None = None
    recipient: Token | None = None
    verb = head
    if head.pos_ in ("NOUN", "PROPN"):
        for child in head.children:
            if (child.dep_ == "poss" and child.pos_ != "PRON") or (child.dep_ == "compound" and child.pos_ == "PROPN") \
                    or (child.dep_ == "amod" and child.ent_type_ == "NORP" and actor is None):
                actor = child  # "Palestinian suicide bombers"; "their strike": the verb's subject says (below)
            if child.dep_ == "prep" and child.lower_ in ("against", "on", "targeting", "at", "between"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and child.lower_ == "between":
                    actor = objects[0]
                    recipient = next((c for c in objects[0].children if c.dep_ == "conj"), None)
                elif objects:
                    recipient = objects[0]
            if child.dep_ == "prep" and child.lower_ == "by":
                actor = next((c for c in child.children if c.dep_ == "pobj"), actor)
        noun = head
        while noun.dep_ == "compound" and noun.head.i != noun.i:  # "a mediation effort": the effort's verb
            noun = noun.head
        if noun.dep_ in ("dobj", "nsubjpass", "pobj", "attr") and actor is None:
            head = noun
            verb = head.head if head.dep_ != "pobj" else head.head.head
            if not base_forms(verb) & LIGHT_VERBS and head.dep_ != "pobj":
                return actor, recipient
        elif head.dep_ in ("nsubj",):  # "a car bomb killed five people"
            recipient = recipient or next((c for c in head.head.children if c.dep_ == "dobj"), None)
            return actor, recipient
        else:
            return actor, recipient
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "oprd"):
        verb = head.head
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") and \
            verb.lemma_.lower() in ALWAYS_TRANSITIVE:
        recipient = verb.head  # "70 fighters killed in Samarra": the fighters suffered it
    aimed = verb.lemma_.lower() not in ALWAYS_TRANSITIVE and any(  # "gunmen fired on a ship": no passive
        c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS for c in verb.children)
    if (verb.tag_ == "VBN" or verb.tag_ == "VBD" and verb.lemma_.lower() in ALWAYS_TRANSITIVE) and not aimed and \
            not any(c.dep_ in ("aux", "dobj", "ccomp", "xcomp") for c in verb.children):
        passive = True  # a headline's "Ten soldiers killed in attack": the subject suffered it
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            recipient = recipient or subject
            actor = actor if actor is None or actor.i != subject.i else None
    for child in verb.children:
        if child.dep_ == "nsubj" and actor is None \
                and not (passive and recipient is not None and child.i == recipient.i):
            actor = child
        elif child.dep_ == "nsubjpass" and recipient is None:
            recipient = child
        elif child.dep_ == "agent":
            actor = next((c for c in child.children if c.dep_ == "pobj"), actor)
        elif child.dep_ == "dobj" and recipient is None and verb is head and not passive:
            recipient = child
        elif child.dep_ == "prep" and child.lower_ in ("against", "on", "from", "with") and recipient is None:
            # "On 20 April, gunmen killed...": a date after "on" is when, not whom
            recipient = next((c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME")),
                             None)
    if actor is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        governor = verb.head
        # "France is ready to contribute troops": up through the adjective to the verb that has the subject
        while governor.dep_ in ("acomp", "xcomp", "oprd") and governor.head.i != governor.i and \
                not any(c.dep_ == "nsubj" for c in governor.children):
            governor = governor.head
        actor = next((c for c in governor.children if c.dep_ == "nsubj"), None)
        if actor is None and governor.dep_ == "relcl":
            actor = governor.head
    if actor is None and verb.dep_ == "relcl":
        actor = verb.head
    return actor, recipient


def opponent(document: Document, head: Token, actor: Party | None) -> Party | None:
    """The side an offensive is fought against: "a campaign to retake Mosul from ISIL militants", "retook
    the campus, the last ISIL stronghold"."""
    for token in head.subtree:
        if token.dep_ == "pobj" and token.head.lower_ in ("from", "against"):
            party = party_of(document, token)
            if party is not None and party.type != "other":
                return party
    first, last = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    for mention in document.actors:
        if head.idx < mention.start < last and first <= mention.start and mention.type in ARMED and (
                actor is None or mention.name != actor.name):
            return mention.party()
    return None


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z./-]{1,10})\)")


def _long_form(document: Document, mention: ActorMention) -> Party:
    """An acronym in brackets after its long form ("the Asia-Pacific Economic Cooperation (APEC) forum")
    keeps its long form in the text: the party is named both ways."""
    party = mention.party()
    text = document.text
    after = _ACRONYM_AFTER.match(text, mention.end)
    if after:  # the long form, its acronym next: both
        return Party(text=f"{mention.text} ({after.group(1)})", name=party.name, type=party.type,
                     country=party.country)
    before = text[:mention.start].rstrip()
    if not (before.endswith("(") and mention.text.replace(".", "").isupper()):
        return party
    opening = len(before) - 1
    long = next((m for m in document.actors if m.end <= opening and not text[m.end:opening].strip()), None)
    if long is None:  # the long form is not a known actor: the words before the bracket
        words = document.parsed.char_span(0, opening, alignment_mode="contract")
        tokens = [t for t in reversed(words) if t.pos_ == "PROPN" or t.lower_ in ("of", "for", "and", "the")][:6] \
            if words is not None else []
        if not tokens or tokens[0].pos_ != "PROPN":
            return party
        long_text = text[min(t.idx for t in tokens):opening].strip()
    else:
        long_text = long.text
    return Party(text=f"{long_text} ({mention.text})", name=party.name, type=party.type, country=party.country)


def party_of(document: Document, token: Token | None, exclude: Collection[int] = frozenset()) -> Party | None:
    """The actor a role token names: a dictionary or agent mention in its phrase, else its own words."""
    if token is None or token.pos_ in ("PRON", "DET") and token.lower_ not in ("they", "he", "she"):
        return None
    if token.i in exclude or token.ent_type_ in ("PERCENT", "MONEY", "ORDINAL", "QUANTITY") or not any(
            ch.isalnum() for ch in token.text):
        return None
    if token.like_num or token.pos_ == "NUM":  # "dozens of IS militants", "eight IS militants": those counted
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if counted is not None:
            return party_of(document, counted, exclude)
        end = token.idx + len(token.text)
        after = next((m for m in document.actors if end < m.start <= end + 2
                      and "\n" not in document.text[end:m.start]), None)  # "kills 31\nIS claims": no IS dead
        return after.party() if after is not None else None
    doc = document.parsed
    span = doc[token.left_edge.i:token.right_edge.i + 1]
    best = None
    weapon = token.lemma_.lower() in NOT_PARTIES
    for mention in document.actors:
        if mention.start <= token.idx < mention.end:
            return _long_form(document, mention)
        if weapon and _placed(doc, token, mention):
            continue  # "car bomb in Baghdad": where it went off, not who set it
        if span.start_char <= mention.start and mention.end <= span.end_char:
            if best is None or abs(mention.start - token.idx) < abs(best.start - token.idx):
                best = mention
    if best is not None:
        return _long_form(document, best)
    if token.dep_ == "compound" and token.head.lemma_.lower() in NOT_PARTIES and any(
            p.start <= token.idx < p.end and p.precision != "country" for p in document.places):
        return None  # "a Baghdad car bomb", "Baghdad bombings": a town named before the deed is where, not who
    if token.ent_type_ in ("DATE", "TIME"):  # "Israel Friday reimposed...": the date swallowed the subject
        named = next((c for c in token.children if c.dep_ in ("compound", "nmod") and c.ent_type_ not in
                      ("DATE", "TIME")), None)
        return party_of(document, named, exclude) if named is not None else None
    if token.pos_ == "PRON":
        return None
    if token.lemma_.lower() in COLLECTIVE:  # "a group of Moroccan diplomats": the diplomats
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        member = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if member is not None:
            return party_of(document, member, exclude)
    if weapon:
        return None
    words = doc[max(token.left_edge.i, token.i - 3):token.i + 1]
    text = " ".join(t.text for t in words if t.dep_ not in ("det", "punct", "poss", "case")) or token.text
    return Party(text=text, name=text, type="other", country=None)


def _placed(doc: Doc, token: Token, mention: ActorMention) -> bool:
    """The mention sits in a place phrase of the token ("bombs in Baghdad's Shi'ite districts")."""
    inner = next((t for t in doc[token.i:] if t.idx >= mention.start), None)
    while inner is not None and inner.i != token.i and inner.head.i != inner.i:
        if inner.dep_ == "pobj" and inner.head.lower_ in PLACE_PREPS and inner.head.head.i == token.i:
            return True
        inner = inner.head
    return False
