"""Who used the weapon and whom it hit, for violent events whose parse gave a thing as a side.

News names a weapon as the subject ("a roadside bomb struck an army vehicle", "a Ukrainian drone strike hit
a depot"); ACLED's coders name the one who used it and the side it hit:
- the user is the one "by" whom the weapon was used or planted, an armed side named on the weapon ("an
  al-Shabaab suicide bomber"), the state whose demonym a state's weapon carries ("Ukrainian drone strike":
  Military Forces of Ukraine), the subject of the clause that used it ("militants hurled a grenade"), else
  an unidentified armed group of the event's country;
- the side hit is the people the deed killed or wounded ("killing two soldiers": Military Forces), else the
  thing it hit: an armed side's ("a police patrol"), a military site ("an ammunition depot": Military
  Forces of the place's country) or anything else, which is the civilians'.
The words these rules read are classes in data/side_words.json.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from ..article import ActorMention, Event, Party
from ..data import load_data
from .base import Document

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .actors import ActorDictionary

ARMED = {"state_forces", "rebels", "political_militia", "identity_militia", "external"}
# the types whose unknown user is an unidentified armed group: bombs, grenades and attacks on civilians;
# a strike or shelling with no user named is left without one (some state's forces, unnamed)
UNIDENTIFIED_USER = {("Explosions/Remote violence", "Remote explosive/landmine/IED"),
                     ("Explosions/Remote violence", "Suicide bomb"), ("Explosions/Remote violence", "Grenade"),
                     ("Violence against civilians", None)}
HIT_TYPES = {"Explosions/Remote violence", "Violence against civilians"}
UNIDENTIFIED = "Unidentified Armed Group"
# generic names that ACLED writes with a country, and how
WITH_COUNTRY = {"Military Forces": "{} of {}", "Police Forces": "{} of {}", "Government": "{} of {}",
                "Civilians": "{} ({})", "Protesters": "{} ({})", "Rioters": "{} ({})", UNIDENTIFIED: "{} ({})"}
TARGET_PREPS = {"at", "into", "on", "against", "targeting"}
Where = tuple[str | None, str | None]


@cache
def words(name: str) -> frozenset[str]:
    """A word class of data/side_words.json."""
    return frozenset(load_data("side_words.json")[name]["words"])


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def mention_at(document: Document, token: Token) -> ActorMention | None:
    """The actor mention covering the token."""
    return next((m for m in document.actors if m.start <= token.idx < m.end), None)


def mention_in(document: Document, tokens: Iterator[Token] | list[Token]) -> ActorMention | None:
    """The first actor mention over any of the tokens."""
    for token in tokens:
        mention = mention_at(document, token)
        if mention is not None:
            return mention
    return None


def generic(label: str, kind: str, where: Where, text: str | None) -> Party:
    """A side ACLED names by its kind and the event's country: "Civilians (Kenya)", "Military Forces of Mali"."""
    code, country = where
    return Party(text=text, name=WITH_COUNTRY[label].format(label, country) if country else label, type=kind,
                 country=code)


def weapons_of(sentence: Span) -> list[Token]:
    return [t for t in sentence if lemma(t) in words("weapons")]


def _by(token: Token) -> Token | None:
    """The one "by" whom a weapon was used: "a strike by Turkish forces", "a bomb planted by militants"."""
    holders = [token] + [c for c in token.children if c.dep_ in ("acl", "relcl")]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("agent", "prep") and child.lower_ == "by":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _verb_of(token: Token) -> Token:
    """The verb a weapon's phrase belongs to: "hurled [a grenade]", "[a bomb] struck"."""
    while token.dep_ in ("dobj", "pobj", "prep", "compound", "conj", "amod") and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return token.head if token.dep_ in ("nsubj", "nsubjpass") else token


def _described(clause: Token) -> list[Token]:
    """A clause on a weapon less what it was aimed at: "suspected to belong to Boko Haram" is about the
    bomber, "releasing gas on RSF positions" names the target, not the user."""
    aimed = {t.i for c in clause.subtree if c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in TARGET_PREPS
             for t in c.subtree}
    return [t for t in clause.subtree if t.i not in aimed]


def user_named_by(document: Document, weapon: Token) -> Party | None:
    """The armed side named "by" the weapon ("an IED laid by JNIM"): that side used it, whatever the subject."""
    by = _by(weapon)
    if by is None:
        return None
    mention = mention_in(document, by.subtree)
    return mention.party() if mention is not None and mention.type in ARMED else None


def user_on(document: Document, dictionary: ActorDictionary, weapon: Token) -> Party | None:
    """The user the weapon's own words name: a state on a state's weapon ("a Ukrainian drone strike", "a
    Sudanese Air Force strike"), an armed group on any ("an al-Shabaab suicide bomber", "a bomber suspected
    to belong to Boko Haram"), or the subject of the clause that used it ("militants hurled a grenade")."""
    own = mention_at(document, weapon)  # "a suicide bomber" is itself a mention: not the group it names
    modifiers = [t for child in weapon.lefts for t in child.subtree] + \
        [t for child in weapon.children if child.dep_ in ("acl", "relcl") for t in _described(child)]
    mention = mention_in(document, [t for t in modifiers if own is None or not own.start <= t.idx < own.end])
    if mention is not None and mention.type in ARMED:
        return mention.party()
    if lemma(weapon) in words("state_weapons"):
        for token in modifiers:
            code = dictionary.demonym(token.text)
            country = dictionary.country_name(code)
            if country:
                return Party(text=token.text, name=f"Military Forces of {country}", type="state_forces", country=code)
    verb = _verb_of(weapon)
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != weapon.i), None)
    if subject is None or lemma(subject) in words("weapons"):
        return None
    mention = mention_in(document, [subject, *subject.subtree])
    if mention is not None and mention.type in ARMED:
        return mention.party()
    return None


def unnamed_men(sentence: Span, party: Party | None) -> bool:
    """A side named only as people ("two men on a motorbike", "men in plain clothes")."""
    if party is None or party.type != "other" or not party.text:
        return False
    last = party.text.split()[-1]
    return any(t.text == last and lemma(t) in words("unnamed_men") for t in sentence)


def no_side(party: Party | None, sentence: Span) -> bool:
    """No real side: none, a thing, a weapon, or the attacker himself ("killing the attacker")."""
    if party is None or party.type == "other":
        return True
    last = (party.text or "").split()[-1:] or [""]
    return any(t.text == last[0] and lemma(t) in words("weapons") | words("attackers") for t in sentence)


def the_user(document: Document, dictionary: ActorDictionary, event: Event, sentence: Span,
             where: Where) -> None:
    """Sets the event's actor to the weapon's user where the parse gave none, a thing, or the thing hit."""
    found_by = next((p for w in weapons_of(sentence) if (p := user_named_by(document, w)) is not None), None)
    if found_by is not None and (event.actor is None or event.actor.name != found_by.name):
        if event.recipient is None and event.actor is not None and event.actor.type in ARMED:
            event.recipient = event.actor  # "an army vehicle struck an IED laid by JNIM": the army was hit
        event.actor = found_by
        return
    actor = event.actor
    if actor is not None and event.recipient is not None and actor.name == event.recipient.name:
        if not any(w.dep_ == "nsubj" for w in weapons_of(sentence)):
            event.recipient = None  # the subject acted; the side hit is found below
            return
        actor = event.actor = None  # "a bomb hit a Military Forces of Thailand patrol": the patrol was hit
    user = next((p for w in weapons_of(sentence) if (p := user_on(document, dictionary, w)) is not None), None)
    if actor is not None and (actor.name or "").startswith(UNIDENTIFIED) and user is not None and \
            not (user.name or "").startswith(UNIDENTIFIED):
        event.actor = user  # "a suicide bomber suspected to belong to Boko Haram": the group is known
        return
    if not no_side(actor, sentence):
        return
    if user is not None:
        event.actor = user
    elif unnamed_men(sentence, actor) or (event.acled_event_type, event.acled_sub_event_type) in UNIDENTIFIED_USER \
            or (event.acled_event_type, None) in UNIDENTIFIED_USER:
        event.actor = generic(UNIDENTIFIED, "political_militia", where, actor.text if actor else None)
    if event.actor is not None and event.recipient is not None and event.actor.name == event.recipient.name:
        event.recipient = None  # "militants hurled a grenade": the parse took the users for the ones hit


def _harmed(sentence: Span) -> Iterator[Token]:
    """The people a deed killed or wounded: the objects of "killing", "injuring" and "shot dead", with
    those listed beside them, the attacker himself passed over ("killing the attacker and four civilians")."""
    for token in sentence:
        if lemma(token) not in words("harm_verbs") or token.pos_ != "VERB":
            continue
        for obj in (c for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
            for person in [obj, *obj.conjuncts]:
                if lemma(person) in words("attackers") | {"other"} or _counted_only(person):
                    continue  # the attacker himself; "nine others", "eight of them": the side is told elsewhere
                yield person


def _counted_only(token: Token) -> bool:
    """A number with no one named: "killing eight of them"."""
    if not (token.like_num or token.pos_ == "NUM"):
        return False
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return of is None or all(c.pos_ == "PRON" for c in of.children if c.dep_ == "pobj")


def _targets(sentence: Span) -> Iterator[Token]:
    """What a deed was aimed at or hit: objects of its verbs ("struck an army vehicle") and what follows
    "at", "into", "on" ("threw a grenade at a police patrol"); weapons themselves are none."""
    for token in sentence:
        if token.dep_ == "dobj" and token.head.pos_ == "VERB" and lemma(token.head) not in words("harm_verbs") \
                or token.dep_ == "pobj" and token.head.lower_ in TARGET_PREPS and (
                    token.head.head.pos_ == "VERB" or lemma(token.head.head) in words("weapons")):
            if lemma(token) not in words("weapons") and token.ent_type_ not in ("DATE", "TIME", "GPE", "LOC"):
                yield token


def _military_site(token: Token) -> bool:
    """A place held by forces: "a checkpoint", "an ammunition depot"."""
    return lemma(token) in words("military_sites") or lemma(token) in words("stores") and any(
        lemma(c) in words("munitions") for c in token.children)


def side_hit(document: Document, sentence: Span, actor: Party | None, where: Where) -> Party | None:
    """The side a strike, bombing or attack hit: its dead and wounded first, else what it hit."""
    def other_than_actor(mention: ActorMention | None) -> bool:
        return mention is not None and (actor is None or mention.name != actor.name)

    for person in _harmed(sentence):
        mention = mention_in(document, [person, *person.subtree])
        if other_than_actor(mention) and mention is not None and mention.type in ARMED | {"civilians"}:
            return mention.party()
        if mention is None or mention.type not in ARMED:
            return generic("Civilians", "civilians", where, person.text)
    for target in _targets(sentence):
        if actor is not None and actor.text and target.text in actor.text.split():
            continue
        mention = mention_in(document, [target, *target.subtree])
        if other_than_actor(mention) and mention is not None and mention.type in ARMED:
            return mention.party()
        if _military_site(target):
            return generic("Military Forces", "state_forces", where, target.text)
        return generic("Civilians", "civilians", where, target.text)
    return None


def weapon_sides(document: Document, doc: Doc, dictionary: ActorDictionary, event: Event, where: Where) -> None:
    """The user and the side hit of a violent event, where the parse gave a thing for either."""
    if event.acled_event_type not in HIT_TYPES:
        return
    sentence = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    if sentence is None:
        return
    the_user(document, dictionary, event, sentence, where)
    recipient = event.recipient
    if no_side(recipient, sentence) or event.actor is not None and recipient is not None \
            and recipient.name == event.actor.name:
        weapon = recipient is not None and recipient.type == "other" and no_side(
            Party(recipient.text, recipient.name, "civilians", None), sentence)  # "detonated explosives"
        event.recipient = side_hit(document, sentence, event.actor, where) or (None if weapon else recipient)
