"""The ACLED reading of an event: the trigger suggests a sub-event, the sentence and the actors decide it
(docs/events.md). Word lists here are lemmas."""
from __future__ import annotations

import re

from ...article import Party
from .lexicon import Trigger, word_in
from .roles import ARMED, NON_STATE

VIOLENT_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
# ACLED codes a change of hands as such whatever weapons took it: territory outranks the weapon
SPECIFICITY = {"disrupt": 5, "find": 5, "territory": 4.5, "capture": 4.5, "weapon": 4, None: 2, "violence": 1,
               "offensive": 0, "toll": 0, "destroy": 0}
PROTEST_VIOLENT = {"stone", "rock", "molotov", "petrol", "torch", "vandalize", "vandalise", "smash", "loot", "riot",
                   "rioter", "clash", "burn", "set", "throw", "storm", "hurl", "pelt", "firebomb", "ransack",
                   "damage", "injure", "attack", "violent", "violence", "breach", "unrest", "debris"}
PROTEST_FORCE = {"tear", "teargas", "cannon", "disperse", "baton", "rubber", "arrest", "detain", "beat", "break",
                 "suppress", "crackdown", "drag", "halt", "chase"}
RIOT_GEAR = {"police", "policeman", "officer", "gear", "squad", "shield", "unit", "control", "van"}
PROTEST_KILL = {"kill", "dead", "die", "ammunition", "live", "gunfire", "shoot", "bullet"}
WEAPON_WORDS = {"weapon", "ammunition", "arm", "firearm", "explosive", "rifle", "gun", "pistol", "grenade", "rocket",
                "revolver", "carbine", "musket", "shotgun", "cartridge", "bullet", "kalashnikov",
                "missile", "mortar", "ied", "bomb", "mine", "landmine", "cache", "stash", "detonator", "shell", "round",
                "munition", "drone", "launcher", "device"}
PLACE_WORDS = {"town", "village", "city", "area", "territory", "region", "district", "base", "airport", "hill",
               "neighborhood", "neighbourhood", "position", "stronghold", "border", "crossing", "road", "highway",
               "province", "campus", "camp", "post", "checkpoint", "outskirts", "quarter", "suburb", "oilfield"}
ARMED_TARGETS = {"military", "army", "soldier", "troop", "police", "policeman", "checkpoint", "base", "patrol",
                 "barracks", "outpost", "security", "gendarme", "militant", "fighter", "rebel", "insurgent", "garrison",
                 "convoy", "peacekeeper", "officer", "personnel", "militia", "jihadist"}
ACCIDENT_WORDS = {"gas", "cylinder", "boiler", "accident", "leak", "factory", "plant", "refinery", "fireworks",
                  "pipeline", "tanker", "warehouse", "accidental", "short-circuit", "coal", "firework",
                  "chemical", "fuel", "depot"}
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
OFFENSIVE_WORDS = {"offensive", "onslaught", "campaign", "operation", "attack", "assault", "strike", "raid", "push",
                   "war"}
AIRCRAFT = {"warplane", "jet", "aircraft", "plane", "helicopter", "chopper", "gunship", "drone", "bomber", "airstrike"}
AIR_WORDS = AIRCRAFT | {"air", "coalition", "sortie"}  # said of a strike from the air
NOT_TARGETS = {"deal", "agreement", "accord", "bargain", "compromise", "balance", "chord", "tone", "note", "pose",
               "blow", "match", "nerve", "gold", "oil", "fear", "alliance", "partnership", "pact", "figure", "name"}
# a fight named (beside "without a fight"): ground taken amid these was not given up unopposed
FIGHT_WORDS = {"clash", "battle", "kill", "attack", "assault", "shell", "shelling", "airstrike", "strike", "offensive",
               "wound", "dead", "casualty", "storm", "overrun", "heavy", "fierce"}
LEFT_HARMED = {"dead", "injure", "injured", "wound", "wounded", "homeless", "casualty", "toll"}
DISRUPT_VERBS = {"find", "discover", "defuse", "seize", "confiscate", "clear", "destroy", "dismantle", "intercept",
                 "recover", "uncover", "remove", "neutralize", "neutralise"}
DISRUPT_OBJECTS = {"drone", "missile", "rocket", "bomb", "ied", "explosive", "weapon", "plot", "attack", "device",
                   "mine", "shell", "cache"}


def refine(trigger: Trigger, head, actor: Party | None, recipient: Party | None, sentence,
           agents: dict[str, str]) -> tuple[str | None, str | None]:
    """(ACLED event type, sub-event type) of a trigger in its sentence, or (None, None)."""
    kind, sub = trigger.acled_event_type, trigger.acled_sub_event_type
    rule = "violence" if trigger.rule == "toll" else trigger.rule  # "17 dead in Iraq violence"
    # "14 March" is no march, "riot police" no riot
    lemmas = {t.lemma_.lower() for t in sentence if t.ent_type_ not in ("DATE", "TIME")
              and not (t.lower_ == "riot" and t.i + 1 < len(t.doc) and t.nbor().lemma_.lower() in RIOT_GEAR)}
    if rule == "protest":  # "Police fired tear gas" often comes in the next sentence
        lemmas |= _next_sentence_lemmas(sentence)
    actor_type = actor.type if actor else None
    recipient_type = recipient.type if recipient else None
    if kind in ("Battles", "Explosions/Remote violence", "Violence against civilians") and _aerial(actor) and \
            sub not in ("Chemical weapon", "Suicide bomb", "Grenade"):
        return "Explosions/Remote violence", "Air/drone strike"  # "jets fired missiles", "raids by choppers"
    if rule in ("capture", "territory", "disrupt", "find"):
        if _takes_weapons(head):
            return "Strategic developments", "Disrupted weapons use"  # "seized weapons", "found a cache"
        if rule == "find":
            return None, None
    if rule == "capture":
        obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is not None and (obj.ent_type_ == "PERSON" or obj.lemma_.lower() in PERSON_WORDS
                                or obj.lemma_.lower() in agents):
            if actor_type in ("state_forces", "government"):
                return "Strategic developments", "Arrests"
            return "Violence against civilians", "Abduction/forced disappearance"
        rule = "territory"
    if rule == "territory":
        if _unopposed(sentence, lemmas):  # "took the town after the army withdrew, without firing a shot"
            return "Strategic developments", "Non-violent transfer of territory"
        if actor_type in NON_STATE:
            return "Battles", "Non-state actor overtakes territory"
        if actor_type in ("state_forces", "government", "external"):
            return "Battles", "Government regains territory"
        return kind, sub
    if rule == "clash":
        # "clashes kill 32 civilians": the civilians are the victims of the clash, not a side of a riot
        if actor_type == "protesters" or recipient_type in ("protesters", "rioters") or lemmas & PROTEST_WORDS:
            return "Riots", "Violent demonstration"
        if actor_type in ("rioters", "civilians"):  # villagers or students fighting, with no protest: a mob
            return "Riots", "Mob violence"
        return kind, sub
    if rule == "beat":
        if "death" not in lemmas and (recipient_type in (None, "other", "organization") or SCORE.search(sentence.text)):
            return None, None  # "beating West Ham 3-1"
        rule = "violence"
    if rule in ("violence", "clash") and (recipient_type == "protesters" or (
            lemmas & {"protester", "demonstrator", "protest", "demonstration"} and lemmas & PROTEST_KILL)):
        # force against protesters is the state's ("police fired on protesters"); gunmen killing an activist
        # are violence against a civilian
        if actor_type in ("state_forces", "government", None):
            return "Protests", "Excessive force against protesters"
    if rule == "hq":
        obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None or not word_in(obj, HQ_OBJECTS):
            return None, None
        return kind, sub
    if rule == "blast" or (trigger.rule == "weapon" and trigger.lemmas[0] in ("explosion", "blast", "explode")):
        if lemmas & ACCIDENT_WORDS and not lemmas & ATTACK_WORDS:
            return None, None  # a gas cylinder blowing up is a disaster, not political violence
        return kind, sub
    if rule in ("violence", "beat", "weapon", None) and kind in VIOLENT_ACLED and lemmas & DISASTER_WORDS \
            and not lemmas & (ATTACK_WORDS | ARMED_TARGETS | {"gunman", "shoot", "gun", "stab"}):
        return None, None  # "an earthquake killed eight people": a disaster, not political violence
    if rule == "strike":  # "jets struck militant positions"; not "struck a deal", nor a quake that struck
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is None or word_in(obj, NOT_TARGETS) or lemmas & DISASTER_WORDS:
            return None, None
        if lemmas & AIR_WORDS or actor_type in ("state_forces", "government", "external"):
            return kind, sub  # a state striking from afar: from the air, as the news uses the word
        rule = "violence"  # "gunmen struck a checkpoint"
    if rule == "violence":
        if actor_type in ("protesters", "rioters"):
            return "Riots", "Mob violence" if actor_type == "rioters" else "Violent demonstration"
        if actor_type == "civilians":  # "residents beat a suspected thief to death": a mob, not an armed group
            return "Riots", "Mob violence"
        if actor_type in ARMED and recipient_type in ARMED:
            return "Battles", "Armed clash"
        if recipient_type in ARMED and actor_type is None:
            return "Battles", "Armed clash"
        if recipient_type == "civilians" and recipient.text.split()[-1].lower() not in ("people", "person", "persons"):
            return "Violence against civilians", "Attack"  # "killed seven relatives of a policeman": the relatives
        # who was hit: what the trigger governs and what the sentence says after it
        victims = {t.lemma_.lower() for child in head.children if child.dep_ not in ("nsubj", "agent")
                   for t in child.subtree} | {t.lemma_.lower() for t in sentence if t.i > head.i}
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
        said = {t.lemma_.lower() for t in sentence if t.dep_ != "compound"}  # a "protest leader" is no protest
        if said & {"protest", "demonstration", "rally", "march", "sit-in"} and \
                not said & {"plan", "planned", "ahead", "upcoming", "before"}:
            return "Protests", "Protest with intervention"  # arrests at a protest are how it was stopped
        return kind, sub
    if rule == "disrupt":
        return (kind, sub) if lemmas & DISRUPT_OBJECTS else (None, None)
    if rule == "transfer" and head.lemma_.lower() == "leave" and {t.lemma_.lower() for t in head.subtree} & LEFT_HARMED:
        return None, None  # "leaving several people dead": what a deed left behind, not a withdrawal
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


def _next_sentence_lemmas(sentence) -> set[str]:
    """Lemmas of the sentence after this one (its first 40 tokens), dates left out."""
    following = sentence.doc[sentence.end:min(len(sentence.doc), sentence.end + 40)]
    return {t.lemma_.lower() for t in following if t.sent.start == sentence.end and t.ent_type_ != "DATE"}


def _unopposed(sentence, lemmas: set[str]) -> bool:
    """The text says the ground changed hands with no fight, in this sentence or the next: "unopposed",
    "without resistance", "without firing a shot". A withdrawal alone does not say it: troops withdraw after
    a fight as often as before one."""
    words = lemmas | _next_sentence_lemmas(sentence)
    if words & {"unopposed", "unchallenged", "uncontested"}:
        return True
    return "without" in words and bool(words & {"resistance", "fight", "fighting", "shot", "gunshot", "bloodshed"}) \
        and not words & FIGHT_WORDS


def _aerial(actor: Party | None) -> bool:
    """The side is aircraft ("Saudi jets", "the army's choppers", "Russian warplanes"): it strikes from the air.
    A suicide "bomber" is no aircraft: only a state's or a named air force's bombers are."""
    if actor is None or actor.type not in ("state_forces", "external"):
        return False
    words = actor.text.lower().replace("'s", "").split()
    return bool(words) and (words[-1].removesuffix("s") in AIRCRAFT or "air force" in actor.text.lower())


def disarms(trigger: Trigger, head) -> bool:
    """"seized a weapons cache", "dismantled 155 bombs": weapons taken or made safe, which never went off."""
    if trigger.rule in ("capture", "territory", "disrupt", "find"):
        return _takes_weapons(head)
    while head.dep_ == "conj" and head.head.i != head.i:  # "destroyed 342 mines and 288 devices"
        head = head.head
    return trigger.rule == "weapon" and head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in DISRUPT_VERBS


def _takes_weapons(head) -> bool:
    obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    object_words = {t.lemma_.lower() for t in obj.subtree} if obj is not None else set()
    return bool(object_words & WEAPON_WORDS) and not object_words & PLACE_WORDS


GROUP_CHANGE = Trigger(("withdraw",), "VERB", "SANCTION", "withdraw", "Strategic developments",
                       "Change to group/activity", "group", 0.7)
MOVABLE = {"troop", "force", "soldier", "unit", "fighter", "army", "militant", "personnel", "convoy", "ambassador"}


def abstract_object(head) -> bool:
    obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.ent_type_ not in ("GPE", "LOC") and obj.lemma_.lower() not in MOVABLE
