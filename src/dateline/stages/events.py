"""Events: triggers from the lexicon (data/event_triggers.json), roles from the dependency parse, the
ACLED sub-event refined from the sentence and the actors, a status (a threat is not an attack), counts,
place, date and attribution. One happening per sentence: a sentence's violent triggers make one event."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..article import Event, EventDate, Evidence, Party
from ..resources import load_data
from . import Claim, Document, stage
from .counts import fatalities, other_counts

LATER_SENTENCE = 0.9
ARMED = {"state_forces", "rebels", "political_militia", "identity_militia", "external"}
NON_STATE = {"rebels", "political_militia", "identity_militia"}
VIOLENT_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
REALIS = {"asserted", "claimed", "historical"}
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "hold", "perpetrate", "commit", "unleash", "begin",
               "start", "claim", "organize", "organise", "lead", "plant", "fire", "use", "detonate", "set", "take",
               "give", "issue", "make", "deliver", "impose", "announce", "hold", "sign", "reach", "call"}
IRREALIS_VERBS = {"threaten": "planned", "vow": "planned", "plan": "planned", "pledge": "planned",
                  "promise": "planned", "intend": "planned", "aim": "planned", "prepare": "planned",
                  "seek": "planned", "want": "planned", "ultimatum": "planned", "warn": "planned",
                  "order": "planned", "urge": "planned", "demand": "planned", "call": "planned",
                  "attempt": "planned", "try": "planned", "fear": "hypothetical", "risk": "hypothetical"}
MODALS = {"will": "planned", "shall": "planned", "would": "hypothetical", "could": "hypothetical",
          "might": "hypothetical", "may": "hypothetical", "should": "hypothetical", "must": "hypothetical"}
STATUS_FACTOR = {"asserted": 1.0, "claimed": 0.95, "historical": 0.6, "planned": 0.55, "hypothetical": 0.45,
                 "denied": 0.5}
SPECIFICITY = {"disrupt": 5, "find": 5, "weapon": 4, "territory": 3, "capture": 3, None: 2, "violence": 1, "offensive": 0}
PROTEST_VIOLENT = {"stone", "rock", "molotov", "petrol", "torch", "vandalize", "vandalise", "smash", "loot", "riot",
                   "rioter", "clash", "burn", "set", "throw", "storm", "hurl", "pelt", "firebomb", "ransack",
                   "damage", "injure", "attack", "violent", "violence", "breach", "unrest", "debris"}
PROTEST_FORCE = {"tear", "teargas", "cannon", "disperse", "baton", "rubber", "arrest", "detain", "beat", "break"}
PROTEST_KILL = {"kill", "dead", "die", "ammunition", "live", "gunfire", "shoot", "bullet"}
WEAPON_WORDS = {"weapon", "ammunition", "arm", "firearm", "explosive", "rifle", "gun", "pistol", "grenade", "rocket",
                "missile", "mortar", "ied", "bomb", "mine", "landmine", "cache", "stash", "detonator", "shell", "round",
                "munition", "drone", "launcher", "device"}
PLACE_WORDS = {"town", "village", "city", "area", "territory", "region", "district", "base", "airport", "hill",
               "neighborhood", "neighbourhood", "position", "stronghold", "border", "crossing", "road", "highway",
               "province", "campus", "camp", "post", "checkpoint", "outskirts", "quarter", "suburb", "oilfield"}
ARMED_TARGETS = {"military", "army", "soldier", "troop", "police", "policeman", "checkpoint", "base", "patrol",
                 "barracks", "outpost", "security", "gendarme", "militant", "fighter", "rebel", "insurgent", "garrison",
                 "convoy", "peacekeeper", "officer", "personnel", "militia", "jihadist"}
ACCIDENT_WORDS = {"gas", "cylinder", "boiler", "accident", "leak", "factory", "plant", "refinery", "fireworks",
                  "pipeline", "tanker", "warehouse", "accidental", "short-circuit", "coal"}
ATTACK_WORDS = {"attack", "bomber", "terrorist", "militant", "claim", "responsibility", "target", "ied",
                "suicide", "insurgent", "gunman", "jihadist", "rebel"}
DISASTER_WORDS = {"earthquake", "quake", "volcano", "eruption", "flood", "flooding", "storm", "cyclone", "hurricane",
                  "typhoon", "landslide", "avalanche", "tsunami", "drought", "leak", "crash", "collision", "derail",
                  "accident", "collapse", "lightning", "heatwave", "outbreak", "virus", "epidemic", "stampede",
                  "mudslide", "wildfire", "tornado", "rain", "plunge", "drown", "overturn", "capsize"}
SOFT_TARGETS = {"civilian", "villager", "resident", "worshipper", "passenger", "student", "child", "tourist",
                "village", "hospital", "market", "school", "mosque", "church", "woman", "family", "farmer"}
PROTEST_WORDS = {"protester", "demonstrator", "rioter", "protest", "demonstration", "riot", "march"}
HQ_OBJECTS = {"base", "post", "outpost", "headquarters", "camp", "checkpoint", "point", "position", "garrison"}
PERSON_WORDS = {"person", "people", "man", "woman", "child", "civilian", "suspect", "fighter", "soldier", "militant",
                "member", "leader", "commander", "officer", "journalist", "worker", "hostage", "student"}
CONFLICT_WORDS = {"ceasefire", "truce", "peace", "surrender", "prisoner", "hostage", "rebel", "militant", "armed",
                  "war", "fighting", "hostility", "disarm", "militia", "mutiny", "soldier", "fighter", "conflict",
                  "evacuation", "guerrilla", "insurgent", "detainee"}
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
OFFENSIVE_WORDS = {"offensive", "campaign", "operation", "attack", "assault", "strike", "raid", "push", "war"}
DISRUPT_VERBS = {"find", "discover", "defuse", "seize", "confiscate", "clear", "destroy", "dismantle", "intercept",
                 "recover", "uncover", "remove", "neutralize", "neutralise"}
DISRUPT_OBJECTS = {"drone", "missile", "rocket", "bomb", "ied", "explosive", "weapon", "plot", "attack", "device",
                   "mine", "shell", "cache"}


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


class EventLexicon:
    def __init__(self, triggers: list[Trigger]):
        self.by_first: dict[str, list[Trigger]] = {}
        for trigger in sorted(triggers, key=lambda t: -len(t.lemmas)):
            self.by_first.setdefault(trigger.lemmas[0], []).append(trigger)

    @classmethod
    def load(cls) -> EventLexicon:
        data = load_data("event_triggers.json")
        triggers = [Trigger(tuple(row[0].split()), *row[1:]) for row in data["triggers"]]
        return cls(triggers)

    def match(self, sentence) -> list[tuple[Trigger, object, list[int]]]:
        """(trigger, head token, token indices) of every trigger in a sentence, longest first, no overlaps."""
        found, used = [], set()
        for token in sentence:
            if token.i in used or token.ent_type_ in NOT_EVENTS:  # "March" the month is no march
                continue
            for trigger in self.by_first.get(token.lemma_.lower(), []) + self.by_first.get(token.lower_, []):
                # the tagger sometimes calls a sentence-initial "Shelling" a verb: the exact word still counts
                mistagged = trigger.pos == "NOUN" and token.lower_ == trigger.lemmas[0] and token.pos_ in ("VERB", "AUX")
                if not (_pos_ok(token, trigger.pos) or mistagged) and len(trigger.lemmas) == 1:
                    continue
                indices = _match_rest(sentence.doc, token, trigger.lemmas[1:], sentence.end)
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


def _word_in(token, words: set[str]) -> bool:
    """The token's lemma or its own word (singular) is one of these: the lemmatizer reads "bases" as basis."""
    lower = token.lower_
    return token.lemma_.lower() in words or lower in words or lower.removesuffix("s") in words


NOT_EVENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}


def _pos_ok(token, pos: str) -> bool:
    if pos == "VERB":
        return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    if pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN")
    if pos == "ADJ":
        return token.pos_ == "ADJ"
    return token.pos_ in ("VERB", "NOUN", "PROPN", "ADJ")


def _match_rest(doc, token, rest: tuple[str, ...], limit: int) -> list[int] | None:
    """Token indices of the remaining trigger words, allowing two words between ("took full control")."""
    indices, position = [], token.i
    for lemma in rest:
        for step in range(1, 4):
            j = position + step
            if j >= limit:
                return None
            if doc[j].lemma_.lower() == lemma or doc[j].lower_ == lemma:
                indices.append(j)
                position = j
                break
        else:
            return None
    return indices


def _head_of(doc, indices: list[int]):
    """The token of a multi-word trigger that the others hang from."""
    tokens = [doc[i] for i in indices]
    for token in tokens:
        if token.head.i not in indices or token.head.i == token.i:
            return token
    return tokens[0]


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


@stage("events", requires=("doc", "actors", "places", "dates", "claims"), assigns=("events",))
class EventStage:
    def __init__(self, resources):
        self.lexicon = resources.lexicon
        self.min_confidence = resources.settings.min_confidence

    def __call__(self, document: Document) -> Document:
        doc = document.doc
        events: list[Event] = []
        main_place = _main_place(document)
        for position, sentence in enumerate(doc.sents):
            matches = self.lexicon.match(sentence)
            for group in _group(matches):
                event = self._event(document, sentence, group, main_place, len(events))
                if event is None or event.confidence < self.min_confidence:
                    continue
                if position > 0:  # news leads with its main event: later sentences add background
                    event.confidence = round(event.confidence * LATER_SENTENCE, 3)
                events.append(event)
        document.events = _one_per_happening(events)
        return document

    def _event(self, document: Document, sentence, group, main_place, number: int) -> Event | None:
        doc = document.doc
        trigger, head, _ = min(group, key=lambda m: (_depth(m[1]), -m[0].weight))
        # the sub-event comes from the most specific trigger that happened ("launched a campaign to retake
        # Mosul" is an offensive, not yet a retaking)
        realis = [m for m in group if m[1].i == head.i or _status(document, m[1], sentence)[0] in REALIS] or group
        specific = max(realis, key=lambda m: (SPECIFICITY.get(m[0].rule, 2), m[0].weight))[0]
        actor_token, recipient_token = _roles(head)
        trigger_tokens = {i for m in group for i in m[2]}
        actor = _party(document, actor_token, trigger_tokens)
        recipient = _party(document, recipient_token, trigger_tokens)
        for _, other, _ in group:  # the other words of the happening may name a side ("an ISIL car bomb")
            if actor is not None and recipient is not None:
                break
            other_actor, other_recipient = _roles(other)
            actor = actor or _party(document, other_actor, trigger_tokens)
            recipient = recipient or _party(document, other_recipient, trigger_tokens)
        if recipient is None or recipient.type == "other":
            # "provided aid to refugees", "shared evidence with the U.S.": the party is after the preposition
            recipient = _prepositional_party(document, head, actor, trigger_tokens) or recipient
        if recipient is None or (recipient.type == "other" and recipient_token is not None
                                 and recipient_token.ent_type_ == ""):
            # "agreed to provide aid to Romania", "praised Haiti's efforts": the named party in the predicate
            recipient = _named_in(document, head, actor, trigger_tokens, recipient_token,
                                  places=trigger.type not in ("ASSAULT", "COERCE")) or recipient
        status, attribution = _status(document, head, sentence)
        if actor is None and actor_token is not None and actor_token.lower_ in ("they", "it", "he", "she", "we"):
            actor = _speaker_party(document, head)  # "Police said they arrested ten people": the police
        text = sentence.text.rstrip()
        etype, mode = specific.type if specific.rule == "weapon" else trigger.type, specific.mode
        acled_type, acled_sub = self._acled(specific, head, actor, recipient, sentence)
        if any(m[0].rule == "weapon" and m[1].dep_ in ("dobj", "nsubjpass", "conj") and
               m[1].head.lemma_.lower() in DISRUPT_VERBS for m in group):
            # "two explosive devices were found", "troops destroyed 300 mines": the weapons never went off
            etype, mode = "COERCE", "seize"
            acled_type, acled_sub = "Strategic developments", "Disrupted weapons use"
        if specific.rule == "destroy" and (actor is None or actor.type == "other"):
            return None  # "the blast set cars on fire": a consequence, not a second event
        if specific.rule == "transfer" and head.lemma_ == "withdraw" and _abstract_object(head):
            etype, mode = "SANCTION", "withdraw"  # "withdrew the emir designation from the leaders"
            acled_type, acled_sub = self._acled(GROUP_CHANGE, head, actor, recipient, sentence)
        if specific.rule == "offensive" and head.lemma_ == "launch" and acled_type is None:
            return None  # "launched a website": not an offensive
        if (recipient is None or recipient.type not in ARMED) and specific.rule in ("offensive", "territory"):
            recipient = _opponent(document, head, actor) or recipient
        if acled_sub in ("Arrests",) and specific.rule == "capture":
            etype, mode = "COERCE", "arrest"
        if status not in REALIS:
            acled_type = acled_sub = None
        count = fatalities(text) if (acled_type in VIOLENT_ACLED or etype == "ASSAULT") else None
        location = _location(document, sentence, head, main_place)
        date = _date(document, sentence, head)
        if status == "asserted" and date.precision in ("year", "month") and document.article.published and \
                date.value and date.value[:4] < str(int(document.article.published[:4]) - 1):
            status = "historical"
        intent = _intent_type(head, etype, mode, status)
        if intent != (etype, mode):
            # the promise, threat, refusal or demand is itself what happened; what it promises is not
            etype, mode = intent
            status = "claimed" if attribution is not None else "asserted"
            acled_type = acled_sub = None
            speaker = _speaker_party(document, head)
            if etype == "REQUEST" and speaker is not None:  # "Britain said Libya must hand over": Britain asks Libya
                actor, recipient = speaker, actor
            elif speaker is not None and (actor is None or actor_token is not None and actor_token.pos_ == "PRON"):
                actor = speaker  # "Hungary said it will support": Hungary
        score = trigger.weight * (0.6 + 0.2 * (actor is not None) + 0.1 * (recipient is not None)
                                  + 0.1 * (_depth(head) <= 1)) * STATUS_FACTOR[status] * _salience(head)
        if acled_type is None and specific.acled_event_type is not None and status in REALIS:
            score *= 0.8  # the refinement found the ACLED reading does not apply
        return Event(id=f"{document.article.doc_id}:{number}", type=etype, mode=mode,
                     acled_event_type=acled_type, acled_sub_event_type=acled_sub, actor=actor, recipient=recipient,
                     location=location, date=date, fatalities=count, status=status, attribution=attribution,
                     evidence=Evidence(text, sentence.start_char, sentence.start_char + len(text)),
                     confidence=round(min(1.0, score), 3), trigger=head.text,
                     counts=other_counts(text))

    def _acled(self, trigger: Trigger, head, actor: Party | None, recipient: Party | None, sentence):
        kind, sub = trigger.acled_event_type, trigger.acled_sub_event_type
        rule = trigger.rule
        following = sentence.doc[sentence.end:min(len(sentence.doc), sentence.end + 40)]
        lemmas = {t.lemma_.lower() for t in sentence}
        if rule == "protest":  # "Police fired tear gas" often comes in the next sentence
            lemmas |= {t.lemma_.lower() for t in following if t.sent.start == sentence.end}
        actor_type = actor.type if actor else None
        recipient_type = recipient.type if recipient else None
        if rule in ("capture", "territory", "disrupt", "find"):
            obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
            object_words = {t.lemma_.lower() for t in obj.subtree} if obj is not None else set()
            if object_words & WEAPON_WORDS and not object_words & PLACE_WORDS:
                return "Strategic developments", "Disrupted weapons use"  # "seized weapons", "found a cache"
            if rule == "find":
                return None, None
        if rule == "capture":
            if obj is not None and (obj.ent_type_ == "PERSON" or obj.lemma_.lower() in PERSON_WORDS
                                    or obj.lemma_.lower() in self_agents(obj)):
                if actor_type in ("state_forces", "government"):
                    return "Strategic developments", "Arrests"
                return "Violence against civilians", "Abduction/forced disappearance"
            rule = "territory"
        if rule == "territory":
            if actor_type in NON_STATE:
                return "Battles", "Non-state actor overtakes territory"
            if actor_type in ("state_forces", "government", "external"):
                return "Battles", "Government regains territory"
            return kind, sub
        if rule == "clash":
            sides = {actor_type, recipient_type}
            if sides & {"protesters", "rioters", "civilians"} or lemmas & PROTEST_WORDS:
                return "Riots", "Violent demonstration"
            return kind, sub
        if rule == "beat":
            if recipient_type in (None, "other", "organization") or SCORE.search(sentence.text):
                return None, None  # "beating West Ham 3-1"
            rule = "violence"
        if rule in ("violence", "clash") and (recipient_type == "protesters" or (
                lemmas & {"protester", "demonstrator", "protest", "demonstration"} and lemmas & PROTEST_KILL)):
            if actor_type not in ("protesters", "rioters"):
                return "Protests", "Excessive force against protesters"
        if rule == "hq":
            obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is None or not _word_in(obj, HQ_OBJECTS):
                return None, None
            return kind, sub
        if rule == "blast" or (trigger.rule == "weapon" and head.lemma_.lower() in ("explosion", "blast", "explode")):
            if lemmas & ACCIDENT_WORDS and not lemmas & ATTACK_WORDS:
                return None, None  # a gas cylinder blowing up is a disaster, not political violence
            return kind, sub
        if rule in ("violence", "beat", "weapon", None) and kind in VIOLENT_ACLED and lemmas & DISASTER_WORDS \
                and not lemmas & (ATTACK_WORDS | ARMED_TARGETS | {"gunman", "shoot", "gun", "stab"}):
            return None, None  # "an earthquake killed eight people": a disaster, not political violence
        if rule == "violence":
            if actor_type in ("protesters", "rioters"):
                return "Riots", "Mob violence" if actor_type == "rioters" else "Violent demonstration"
            if actor_type in ARMED and recipient_type in ARMED:
                return "Battles", "Armed clash"
            if recipient_type in ARMED and actor_type is None:
                return "Battles", "Armed clash"
            # who was hit: what the trigger governs and what the sentence says after it
            victims = {t.lemma_.lower() for t in head.subtree} | {t.lemma_.lower() for t in sentence if t.i > head.i}
            if actor_type in ARMED | {None, "other"} and victims & ARMED_TARGETS and not (
                    victims & SOFT_TARGETS):
                return "Battles", "Armed clash"  # "attacked a checkpoint, killing 12 soldiers"
            return "Violence against civilians", "Attack"
        if rule == "offensive":
            if head.lemma_ == "launch" and not {t.lemma_.lower() for t in head.subtree} & OFFENSIVE_WORDS:
                return None, None
            return (kind, sub) if actor_type in ARMED or recipient_type in ARMED else (None, None)
        if rule == "protest":
            if trigger.acled_event_type == "Riots" or lemmas & PROTEST_VIOLENT and not lemmas & {"peaceful", "peacefully"}:
                return "Riots", "Violent demonstration"
            if lemmas & PROTEST_KILL and not lemmas & {"rubber"}:
                return "Protests", "Excessive force against protesters"
            if lemmas & PROTEST_FORCE:
                return "Protests", "Protest with intervention"
            return "Protests", "Peaceful protest"
        if rule == "blockade":
            if actor_type in ("protesters", "civilians", "rioters", "other", None):
                return kind, sub
            return None, None
        if rule == "mob":
            return (kind, sub) if lemmas & {"beat", "kill", "lynch", "attack", "burn"} else (None, None)
        if rule == "arrest":
            return kind, sub
        if rule == "disrupt":
            return (kind, sub) if lemmas & DISRUPT_OBJECTS else (None, None)
        if rule == "transfer":
            has_place = any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in sentence) or bool(lemmas & PLACE_WORDS)
            return (kind, sub) if has_place and actor_type in ARMED else (None, None)
        if rule == "group":  # "troops were reinforced": the armed group may be the grammatical object
            return (kind, sub) if actor_type in ARMED or (actor is None and recipient_type in ARMED) else (None, None)
        if rule == "crowd":  # "crowds gathered", "protesters chanted": only a crowd makes these a protest
            if actor_type in ("protesters", "civilians") or lemmas & {"crowd", "protester", "demonstrator", "slogan"}:
                rule = "protest"
            else:
                return None, None
        if rule == "abuse":
            if lemmas & {"woman", "girl", "child", "sexual", "sexually", "minor"}:
                return kind, sub
            return None, None
        if rule == "agreement":
            armed = actor_type in NON_STATE or recipient_type in NON_STATE
            return ("Strategic developments", "Agreement") if armed or lemmas & CONFLICT_WORDS else (None, None)
        return kind, sub


def self_agents(token) -> set[str]:
    """The token's lemma when it names people (an agent noun of the dictionary), else nothing."""
    from ..resources import load_data

    global _AGENTS
    if _AGENTS is None:
        _AGENTS = {k for k in load_data("agents.json") if not k.startswith("_")}
    return {token.lemma_.lower()} & _AGENTS


_AGENTS: set[str] | None = None


def _group(matches):
    """A sentence's violent triggers form one happening; every other trigger stands alone."""
    violent = [m for m in matches if m[0].acled_event_type in VIOLENT_ACLED or m[0].rule in ("weapon", "violence")]
    groups = [violent] if violent else []
    groups += [[m] for m in matches if m not in violent]
    return groups


NAMED = ("PERSON", "ORG", "GPE", "NORP", "LOC")
COLLECTIVE = {"group", "delegation", "team", "number", "member", "leader", "representative", "dozen", "hundred",
              "thousand", "crowd"}


RECIPIENT_PREPS = ("to", "with", "for", "against", "on", "toward", "towards")


def _prepositional_party(document: Document, head, actor: Party | None, exclude: set[int]) -> Party | None:
    """A party named after "to", "with", "for" or "against" in the trigger's clause (or its object's)."""
    holders = [head] + [c for c in head.children if c.dep_ in ("dobj", "attr")]
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ in ("prep", "dative") and c.lower_ in RECIPIENT_PREPS):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                party = _party(document, obj, exclude)
                if party is not None and party.type != "other" and (actor is None or party.name != actor.name):
                    return party
    return None


LOCATIVE_PREPS = {"in", "near", "at", "across", "around", "outside", "inside", "throughout", "of", "from", "into"}


def _named_in(document: Document, head, actor: Party | None, exclude: set[int], start=None, *,
              places: bool = True) -> Party | None:
    """The first named party in what the trigger governs (its object first), other than the actor.
    A place is a party to talks or aid ("visited Russia"), never the victim of violence."""
    roots = ([start] if start is not None else []) + [head]
    subject = {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") for t in c.subtree}
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
            party = _party(document, token, exclude)
            if party is not None and (actor is None or (party.name != actor.name and party.text != actor.text)):
                return party
    return None


def _roles(head):
    """(actor token, recipient token) from the clause around a trigger."""
    actor = recipient = None
    verb = head
    if head.pos_ in ("NOUN", "PROPN"):
        for child in head.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                actor = child
            if child.dep_ == "prep" and child.lower_ in ("against", "on", "targeting", "at", "between"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and child.lower_ == "between":
                    actor = objects[0]
                    recipient = next((c for c in objects[0].children if c.dep_ == "conj"), None)
                elif objects:
                    recipient = objects[0]
            if child.dep_ == "prep" and child.lower_ == "by":
                actor = next((c for c in child.children if c.dep_ == "pobj"), actor)
        if head.dep_ in ("dobj", "nsubjpass", "pobj", "attr") and actor is None:
            verb = head.head if head.dep_ != "pobj" else head.head.head
            if verb.lemma_.lower() not in LIGHT_VERBS and head.dep_ != "pobj":
                return actor, recipient
        elif head.dep_ in ("nsubj",):  # "a car bomb killed five people"
            recipient = recipient or next((c for c in head.head.children if c.dep_ == "dobj"), None)
            return actor, recipient
        else:
            return actor, recipient
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "oprd"):
        verb = head.head
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in verb.children):
        passive = True  # a headline's "Ten soldiers killed in attack": the subject suffered it
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            recipient = recipient or subject
            actor = actor if actor is not subject else None
    for child in verb.children:
        if child.dep_ == "nsubj" and actor is None and not (passive and child is recipient):
            actor = child
        elif child.dep_ == "nsubjpass" and recipient is None:
            recipient = child
        elif child.dep_ == "agent":
            actor = next((c for c in child.children if c.dep_ == "pobj"), actor)
        elif child.dep_ == "dobj" and recipient is None and verb is head and not passive:
            recipient = child
        elif child.dep_ == "prep" and child.lower_ in ("against", "on", "from", "with") and recipient is None:
            recipient = next((c for c in child.children if c.dep_ == "pobj"), None)
    if actor is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        actor = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if actor is None and verb.head.dep_ == "relcl":
            actor = verb.head.head
    if actor is None and verb.dep_ == "relcl":
        actor = verb.head
    return actor, recipient


GROUP_CHANGE = Trigger(("withdraw",), "VERB", "SANCTION", "withdraw", "Strategic developments",
                       "Change to group/activity", "group", 0.7)
MOVABLE = {"troop", "force", "soldier", "unit", "fighter", "army", "militant", "personnel", "convoy", "ambassador"}


def _abstract_object(head) -> bool:
    obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.ent_type_ not in ("GPE", "LOC") and obj.lemma_.lower() not in MOVABLE


def _opponent(document: Document, head, actor: Party | None) -> Party | None:
    """The side an offensive is fought against: "a campaign to retake Mosul from ISIL militants", "retook
    the campus, the last ISIL stronghold"."""
    for token in head.subtree:
        if token.dep_ == "pobj" and token.head.lower_ in ("from", "against"):
            party = _party(document, token)
            if party is not None and party.type != "other":
                return party
    first, last = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    for mention in document.actors:
        if head.idx < mention.start < last and first <= mention.start and mention.type in ARMED and (
                actor is None or mention.name != actor.name):
            return mention.party()
    return None


def _party(document: Document, token, exclude: set[int] = frozenset()) -> Party | None:
    """The actor a role token names: a dictionary or agent mention in its phrase, else its own words."""
    if token is None or token.pos_ in ("PRON", "DET") and token.lower_ not in ("they", "he", "she"):
        return None
    if token.i in exclude or token.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"):
        return None
    if token.like_num or token.pos_ == "NUM":  # "dozens of IS militants", "eight IS militants": those counted
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if counted is not None:
            return _party(document, counted, exclude)
        end = token.idx + len(token.text)
        after = next((m for m in document.actors if end < m.start <= end + 2), None)
        return after.party() if after is not None else None
    doc = document.doc
    span = doc[token.left_edge.i:token.right_edge.i + 1]
    best = None
    for mention in document.actors:
        if mention.start <= token.idx < mention.end:
            return mention.party()
        if span.start_char <= mention.start and mention.end <= span.end_char:
            if best is None or abs(mention.start - token.idx) < abs(best.start - token.idx):
                best = mention
    if best is not None:
        return best.party()
    if token.pos_ == "PRON":
        return None
    if token.lemma_.lower() in COLLECTIVE:  # "a group of Moroccan diplomats": the diplomats
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        member = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if member is not None:
            return _party(document, member, exclude)
    words = doc[max(token.left_edge.i, token.i - 3):token.i + 1]
    text = " ".join(t.text for t in words if t.dep_ not in ("det", "punct", "poss", "case")) or token.text
    return Party(text=text, name=text, type="other", country=None)


COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "ACCUSE", "PROTEST"}
PROMISE_WORDS = {"promise", "pledge", "offer", "willing", "ready", "prepared", "commit", "agree", "vow", "plan",
                 "intend", "decide"}
FUTURE = {"will", "would", "shall", "'ll", "wo"}


def _governors(head, limit: int = 4):
    """The trigger and the words it hangs from, up to the first finite verb: where intent is expressed."""
    token, steps = head, 0
    while steps <= limit:
        yield token
        if token.head.i == token.i or (token.i != head.i and token.tag_ in ("VBD", "VBZ", "VBP")):
            return
        token, steps = token.head, steps + 1


def _intent_type(head, etype: str, mode: str | None, status: str) -> tuple[str, str | None]:
    """PLOVER codes what an actor says it will do by intent, not by the act: a promise to cooperate is
    AGREE, an announced hostile act is THREATEN, a refusal is REJECT, what another must do is REQUEST."""
    chain = list(_governors(head))
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ == "aux"}
    negated = any(c.dep_ == "neg" for t in chain for c in t.children)
    lemmas = {t.lemma_.lower() for t in chain[1:]}
    if auxes & {"must", "should"} and etype != "REQUEST":
        return "REQUEST", "demand"
    future = bool(auxes & FUTURE) or bool(lemmas & PROMISE_WORDS)
    if not future or status not in ("planned", "hypothetical", "denied", "asserted", "claimed"):
        return etype, mode
    if negated and etype != "REJECT":
        return "REJECT", "refuse"
    if status in ("planned", "hypothetical") or bool(auxes & FUTURE):
        if etype in COOPERATIVE and etype != "AGREE":
            return "AGREE", "promise"
        if etype in HOSTILE and etype != "THREATEN" and status in ("planned", "hypothetical"):
            return "THREATEN", "coerce"
    return etype, mode


def _salience(head) -> float:
    """How central the trigger is to its sentence: the main predicate (or what a reporting verb reports) counts
    fully; words in a relative clause, a prepositional phrase or a time clause tell the background."""
    token = head
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "ROOT"):
        token = token.head if token.dep_ != "ROOT" else token
    if token.dep_ == "ROOT" or (token.dep_ in ("ccomp", "xcomp", "conj") and token.head.dep_ == "ROOT"):
        return 1.0
    if any(t.dep_ in ("relcl", "advcl", "acl", "pcomp") or t.dep_ == "pobj" for t in [head, *head.ancestors][:3]):
        return 0.7
    return 0.85


def _status(document: Document, head, sentence):
    """(status, attribution) of the event a trigger names."""
    status = "asserted"
    token, steps = head, 0
    while steps < 12:
        if token.i == head.i and any(c.dep_ == "neg" for c in token.children):
            status = "denied"
            break
        modal = next((MODALS[c.lower_] for c in token.children if c.dep_ == "aux" and c.lower_ in MODALS), None)
        if modal:
            status = modal
            break
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            status = "hypothetical"
            break
        if token.i != head.i and token.lemma_.lower() in IRREALIS_VERBS:
            status = IRREALIS_VERBS[token.lemma_.lower()]
            break
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and token.dep_ in (
                "xcomp", "acl", "advcl", "relcl", "ccomp", "pcomp") and not (
                token.dep_ == "xcomp" and token.head.lemma_ in ("begin", "start", "continue", "manage", "appear",
                                                                 "seem", "say", "report", "tell")):
            status = "planned"
            break
        gerund_of_preposition = token.tag_ == "VBG" and token.dep_ == "pcomp"  # "talk them into conducting"
        if token.head.i == token.i or not gerund_of_preposition and (
                (token.i != head.i and token.tag_ in ("VBD", "VBZ", "VBP", "VBG"))
                or (token.i == head.i and token.tag_ in ("VBD", "VBG"))):
            break  # a finite verb, or a participle describing what happens, asserts its own clause
        token, steps = token.head, steps + 1
    governor = head.head if head.dep_ in ("dobj", "pobj", "nsubjpass") else head
    for role in (c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")):
        # "No group claimed the attack", "police arrested no one"
        if role.lower_ in ("nobody", "none", "nothing") or any(c.lower_ == "no" and c.dep_ == "det" for c in role.children):
            status = "denied" if status == "asserted" else status
    claim = _claim_for(document.claims, head)
    attribution = claim.attribution if claim else None
    if claim is not None and status == "asserted":
        status = claim.status if claim.status != "asserted" else "asserted"
    return status, attribution


def _speaker_party(document: Document, head) -> Party | None:
    """Who says so, as a party: the subject of the reporting verb whose clause holds the trigger."""
    claim = _claim_for(document.claims, head)
    if claim is None:
        return None
    verb = document.doc[claim.verb]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _party(document, subject) if subject is not None and subject.pos_ != "PRON" else None


def _claim_for(claims: list[Claim], head) -> Claim | None:
    inside = [c for c in claims if head.i in c.scope]
    return min(inside, key=lambda c: len(c.scope)) if inside else None


def _main_place(document: Document):
    """The article's most named town (else its most named place), for events whose sentence names none."""
    towns = [p for p in document.places if p.precision == "city"]
    pool = towns or document.places
    if not pool:
        return None
    counts: dict[int, int] = {}
    for place in pool:
        counts[place.geonameid] = counts.get(place.geonameid, 0) + 1
    best = max(pool, key=lambda p: (counts[p.geonameid], -p.start))
    return best


def _location(document: Document, sentence, head, main_place):
    inside = [p for p in document.places if sentence.start_char <= p.start < sentence.end_char]
    if inside:
        rank = {"point": 0, "city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
        best = min(inside, key=lambda p: (rank.get(p.precision, 5), abs(p.start - head.idx)))
        if best.precision == "country" and main_place is not None and main_place.country_code == best.country_code:
            best = main_place  # "in Iraq" in an article about Mosul: the town is the better guess
        return best.location()
    return main_place.location() if main_place is not None else None


def _date(document: Document, sentence, head) -> EventDate:
    inside = [d for d in document.dates if sentence.start_char <= d.start < sentence.end_char and d.value]
    if inside:
        best = min(inside, key=lambda d: abs(d.start - head.idx))
        return EventDate(best.value, best.precision)
    published = document.article.published
    return EventDate(published[:10] if published else None, "unknown")


def _one_per_happening(events: list[Event]) -> list[Event]:
    """A sentence that restates an earlier event adds evidence, not a second event; most confident first.

    Two events of an article are one happening when they have the same type and place, no contradicting
    dates, sides or status; the kept one takes what the other adds (a count, a date, a side)."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if _same_happening(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        first, second = (twin, event) if twin.confidence >= event.confidence else (event, twin)
        first.fatalities = first.fatalities if first.fatalities is not None else second.fatalities
        first.actor = first.actor or second.actor
        first.recipient = first.recipient or second.recipient
        if first.date.precision == "unknown" and second.date.precision != "unknown":
            first.date = second.date
        first.attribution = first.attribution or second.attribution
        if first is event:
            kept[kept.index(twin)] = event
    return sorted(kept, key=lambda e: -e.confidence)


INTENT = {"THREATEN", "AGREE", "REJECT", "REQUEST"}
CASUALTY_WORDS = {"killed", "died", "dead", "death", "deaths", "wounded", "injured", "fighting", "attack", "clashes",
                  "violence", "casualties"}


def _casualty_report(event: Event) -> bool:
    """"Seven soldiers were killed in the fighting": a count of an event told before, by no one."""
    return event.actor is None and event.trigger.lower() in CASUALTY_WORDS and event.type == "ASSAULT"


def _same_happening(a: Event, b: Event) -> bool:
    if a.type == b.type and a.type in INTENT and a.evidence.start == b.evidence.start:
        return True  # "vowed to retake": the vow and what it vows are one statement
    if a.type != b.type or (a.acled_event_type and b.acled_event_type and a.acled_event_type != b.acled_event_type
                            and not (_casualty_report(a) or _casualty_report(b))):
        return False
    if (a.status in REALIS) != (b.status in REALIS) or "denied" in (a.status, b.status) and a.status != b.status:
        return False
    if (a.location.geonameid if a.location else None) != (b.location.geonameid if b.location else None):
        return False
    if a.date.precision != "unknown" and b.date.precision != "unknown" and a.date.value != b.date.value:
        return False
    if _casualty_report(a) or _casualty_report(b):
        return True  # its victims may be either side of the event it counts
    for x, y in ((a.actor, b.actor), (a.recipient, b.recipient)):
        if x and y and x.name != y.name and x.type != "other" and y.type != "other":
            return False
    return True
