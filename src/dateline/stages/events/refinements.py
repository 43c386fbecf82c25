"""The ACLED refinements: named rules over one clause record (docs/events.md).

A trigger of data/event_triggers.json names its rule (or none: `plain`). A rule reads the `Clause` and gives
(ACLED event type, sub-event type), (None, None) for no ACLED event, or `Then("other")` to hand the clause
on to another rule. The words a rule reads are classes of data/acled_words.json, declared with the rule so
that `check` can tell, when the events stage is built, a rule the data names that no code registers, a
rule no trigger reaches, and a word class missing or unused.

To add a rule: its words in data/acled_words.json, a function here registered with `@rule`, a trigger in
data/event_triggers.json naming it, and a test in tests/test_refinements.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from ...article import Party
from ...data import load_data
from ...errors import PipelineError
from .lexicon import Trigger, word_in
from .roles import ARMED, NON_STATE

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Reading = tuple[str | None, str | None]
NONE: Reading = (None, None)
VIOLENT_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
STATE = ("state_forces", "government")
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")  # "beat West Ham 3-1"


class Then(str):
    """Hand the clause on to the rule of this name ("beat" a person to death is violence)."""


@dataclass(frozen=True, slots=True)
class RuleInfo:
    name: str
    apply: Callable[[Clause], Reading | Then]
    words: tuple[str, ...]
    then: tuple[str, ...]


RULES: dict[str, RuleInfo] = {}
HELPER_WORDS: set[str] = set()  # word classes the helpers below read for several rules


Rule = TypeVar("Rule", bound="Callable[[Clause], Reading | Then]")


def rule(name: str, *, words: Iterable[str] = (), then: Iterable[str] = ()) -> Callable[[Rule], Rule]:
    """Register a refinement under the name triggers give it, with the word classes it reads and the rules it
    may hand on to."""

    def register(apply: Rule) -> Rule:
        RULES[name] = RuleInfo(name, apply, tuple(words), tuple(then))
        return apply

    return register


class Words:
    """The word classes of data/acled_words.json: `words["aircraft"]` is a frozenset of lemmas."""

    def __init__(self, classes: dict[str, frozenset[str]]) -> None:
        self.classes = classes

    @classmethod
    def load(cls) -> Words:
        data = load_data("acled_words.json")["classes"]
        return cls({name: frozenset(entry["words"]) for name, entry in data.items()})

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.classes[name]


@dataclass
class Clause:
    """What a refinement reads: the trigger, its head token, the sides the parse found and the sentence."""

    trigger: Trigger
    head: Token
    actor: Party | None
    recipient: Party | None
    sentence: Span
    agents: dict[str, str]
    words: Words
    lemmas: set[str] = field(default_factory=set)

    @property
    def reading(self) -> Reading:
        """What the trigger itself says."""
        return self.trigger.acled_event_type, self.trigger.acled_sub_event_type

    @property
    def actor_type(self) -> str | None:
        return self.actor.type if self.actor else None

    @property
    def recipient_type(self) -> str | None:
        return self.recipient.type if self.recipient else None

    @cached_property
    def next_lemmas(self) -> set[str]:
        """Lemmas of the sentence after this one (its first 40 tokens), dates left out."""
        sentence = self.sentence
        following = sentence.doc[sentence.end:min(len(sentence.doc), sentence.end + 40)]
        return {t.lemma_.lower() for t in following if t.sent.start == sentence.end and t.ent_type_ != "DATE"}

    @property
    def names_place(self) -> bool:
        """The sentence names a place: a place's name or a kind of ground ("the town", "a checkpoint")."""
        return any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in self.sentence) or \
            bool(self.lemmas & self.words["place_words"])

    def object_of(self, *deps: str) -> Token | None:
        return next((c for c in self.head.children if c.dep_ in deps), None)


def check(rule_names: Iterable[str | None], words: Words) -> None:
    """Raise PipelineError when the triggers, the registry and the word classes disagree."""
    named = {name or "plain" for name in rule_names}
    unknown = sorted(named - set(RULES))
    if unknown:
        raise PipelineError(f"triggers name rules no code registers: {', '.join(unknown)}", code="E204")
    dangling = sorted({f"{info.name} -> {then}" for info in RULES.values() for then in info.then} -
                      {f"{info.name} -> {then}" for info in RULES.values() for then in info.then if then in RULES})
    if dangling:
        raise PipelineError(f"refinements hand on to rules no code registers: {', '.join(dangling)}", code="E204")
    reached, todo = set(), sorted(named)
    while todo:  # the rules the triggers name, and every rule those hand on to
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo.extend(RULES[name].then)
    unused = sorted(set(RULES) - reached)
    if unused:
        raise PipelineError(f"refinements no trigger reaches: {', '.join(unused)}", code="E204")
    declared = HELPER_WORDS.union(*(info.words for info in RULES.values()))
    missing = sorted(declared - set(words.classes))
    if missing:
        raise PipelineError(f"word classes missing from acled_words.json: {', '.join(missing)}", code="E204")
    idle = sorted(set(words.classes) - declared)
    if idle:
        raise PipelineError(f"word classes no refinement reads: {', '.join(idle)}", code="E204")


def refine_clause(clause: Clause) -> Reading:
    """Run the clause through its trigger's rule and whatever rules that one hands on to."""
    words = clause.words
    kind, sub = clause.reading
    # "14 March" is no march, "riot police" no riot
    clause.lemmas = {t.lemma_.lower() for t in clause.sentence if t.ent_type_ not in ("DATE", "TIME") and not (
        t.lower_ == "riot" and t.i + 1 < len(t.doc) and t.nbor().lemma_.lower() in words["riot_gear"])}
    name = clause.trigger.rule or "plain"
    if name == "protest":  # "Police fired tear gas" often comes in the next sentence
        clause.lemmas |= clause.next_lemmas
    if kind in ("Battles", "Explosions/Remote violence", "Violence against civilians") and \
            _aerial(clause.actor, words) and sub not in ("Chemical weapon", "Suicide bomb", "Grenade"):
        return "Explosions/Remote violence", "Air/drone strike"  # "jets fired missiles", "raids by choppers"
    for _ in range(len(RULES)):
        result = RULES[name].apply(clause)
        if not isinstance(result, Then):
            return result
        name = str(result)
    raise PipelineError(f"refinements hand on in a circle from {clause.trigger.rule!r}", code="E204")


# read by the helpers below, and by acled.py's disarms and abstract_object
HELPER_WORDS.update({"riot_gear", "aircraft", "weapon_words", "place_words", "unopposed", "without_what",
                     "fight_words", "disaster_words", "attack_words", "armed_targets", "armed_deeds",
                     "disrupt_verbs", "movable"})


def _aerial(actor: Party | None, words: Words) -> bool:
    """The side is aircraft ("Saudi jets", "the army's choppers", "Russian warplanes"): it strikes from the air.
    A suicide "bomber" is no aircraft: only a state's or a named air force's bombers are."""
    if actor is None or actor.type not in ("state_forces", "external"):
        return False
    text = (actor.text or "").lower()
    said = text.replace("'s", "").split()
    return bool(said) and (said[-1].removesuffix("s") in words["aircraft"] or "air force" in text)


def _last_word(party: Party | None) -> str:
    """The last of the party's words, in lower case ("" for none)."""
    said = (party.text or "").split() if party is not None else []
    return said[-1].lower() if said else ""


def takes_weapons(head: Token, words: Words) -> bool:
    """The deed's object is weapons, not ground: "seized weapons", "found a cache"."""
    obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    object_words = {t.lemma_.lower() for t in obj.subtree} if obj is not None else set()
    return bool(object_words & words["weapon_words"]) and not object_words & words["place_words"]


def _takes_ground(c: Clause) -> bool:
    """What was taken is ground: a name ("retook Kidal"), a kind of ground ("the town", "a checkpoint"), or,
    when the clause names nothing taken ("took control", "fell to the rebels", "took it"), a sentence that
    names a place."""
    obj = c.object_of("nsubj" if c.head.lemma_.lower() == "fall" else "dobj", "nsubjpass", "dobj")
    if obj is not None and obj.lower_ in ("that", "which") and c.head.dep_ == "relcl":
        obj = c.head.head  # "the incident that was captured on video": the incident
    if obj is not None and obj.lemma_.lower() == "control":  # "took control of Marka": Marka
        obj = next((g for p in obj.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"), None)
    if obj is not None and obj.pos_ != "PRON" and obj.lemma_.lower() not in ("ground", "gain"):
        # the thing's own words ("the town of Bulo Burte", "Kidal"), not a clause about it or its date
        said = [obj, *(t for child in obj.children if child.dep_ in ("compound", "amod", "prep", "appos")
                       for t in child.subtree)]
        return any(t.ent_type_ in ("GPE", "LOC", "FAC") or (t.pos_ == "PROPN" and t.ent_type_ != "DATE")
                   or t.lemma_.lower() in c.words["place_words"] for t in said)
    return c.names_place


def _unopposed(clause: Clause) -> bool:
    """The text says the ground changed hands with no fight, in this sentence or the next: "unopposed",
    "without resistance", "without firing a shot". A withdrawal alone does not say it: troops withdraw after
    a fight as often as before one."""
    words = clause.lemmas | clause.next_lemmas
    if words & clause.words["unopposed"]:
        return True
    return "without" in words and bool(words & clause.words["without_what"]) and not words & clause.words["fight_words"]


def _a_disaster(clause: Clause) -> bool:
    """"An earthquake killed eight people": a disaster, not political violence."""
    w, lemmas = clause.words, clause.lemmas
    return clause.reading[0] in VIOLENT_ACLED and bool(lemmas & w["disaster_words"]) and \
        not lemmas & (w["attack_words"] | w["armed_targets"] | w["armed_deeds"])


# -- the rules, in the order of ACLED's event types


@rule("plain")
def plain(c: Clause) -> Reading:
    """A trigger with no rule of its own: what it says, unless a disaster did the killing."""
    return NONE if _a_disaster(c) else c.reading


@rule("destroy")
def destroy(c: Clause) -> Reading:
    """A burning or a demolition: what the trigger says (the events stage keeps it with the attack beside it)."""
    return c.reading


@rule("clash", words=("protest_words",))
def clash(c: Clause) -> Reading:
    # "clashes kill 32 civilians": the civilians are the victims of the clash, not a side of a riot
    if c.actor_type == "protesters" or c.recipient_type in ("protesters", "rioters") or \
            c.lemmas & c.words["protest_words"]:
        return "Riots", "Violent demonstration"
    if c.actor_type in ("rioters", "civilians"):  # villagers or students fighting, with no protest: a mob
        return "Riots", "Mob violence"
    unarmed = {"person", "organization", "government"}
    if (c.actor_type in unarmed or c.recipient_type in unarmed) and \
            c.actor_type not in ARMED and c.recipient_type not in ARMED:
        return NONE  # "the chief of staff clashed with the president's adviser": a quarrel, no battle
    return c.reading


@rule("capture", words=("person_words",), then=("territory",))
def capture(c: Clause) -> Reading | Then:
    if takes_weapons(c.head, c.words):
        return "Strategic developments", "Disrupted weapons use"
    obj = c.object_of("dobj", "nsubjpass")
    if obj is not None and (obj.ent_type_ == "PERSON" or obj.lemma_.lower() in c.words["person_words"]
                            or obj.lemma_.lower() in c.agents):
        if c.actor_type in STATE:
            return "Strategic developments", "Arrests"
        return "Violence against civilians", "Abduction/forced disappearance"
    return Then("territory")


@rule("territory", then=("violence",))
def territory(c: Clause) -> Reading | Then:
    if takes_weapons(c.head, c.words):
        return "Strategic developments", "Disrupted weapons use"
    if not _takes_ground(c):
        # "the incident was captured on video", "took over as presenter": no ground changed hands; "attacked
        # migrants, driving dozens out of their rooms": the attack is the event
        return Then("violence") if c.lemmas & c.words["fight_words"] else NONE
    if _unopposed(c):  # "took the town after the army withdrew, without firing a shot"
        return "Strategic developments", "Non-violent transfer of territory"
    if c.actor_type in NON_STATE:
        return "Battles", "Non-state actor overtakes territory"
    if c.actor_type in (*STATE, "external"):
        return "Battles", "Government regains territory"
    return c.reading


@rule("beat", words=("death_words",), then=("violence",))
def beat(c: Clause) -> Reading | Then:
    if not c.lemmas & c.words["death_words"] and (c.recipient_type in (None, "other", "organization")
                                                 or SCORE.search(c.sentence.text)):
        return NONE  # "beating West Ham 3-1"
    return Then("violence")


@rule("toll", then=("violence",))
def toll(c: Clause) -> Then:
    return Then("violence")  # "17 dead in Iraq violence"


@rule("violence", words=("protest_words_short", "protest_kill", "soft_targets", "people_words"))
def violence(c: Clause) -> Reading:
    w, lemmas = c.words, c.lemmas
    if c.recipient_type == "protesters" or (lemmas & w["protest_words_short"] and lemmas & w["protest_kill"]):
        # force against protesters is the state's ("police fired on protesters"); gunmen killing an activist
        # are violence against a civilian
        if c.actor_type in (*STATE, None):
            return "Protests", "Excessive force against protesters"
    if _a_disaster(c):
        return NONE
    if c.actor_type in ("protesters", "rioters"):
        return "Riots", "Mob violence" if c.actor_type == "rioters" else "Violent demonstration"
    if c.actor_type == "civilians":  # "residents beat a suspected thief to death": a mob, not an armed group
        return "Riots", "Mob violence"
    if c.actor_type in ARMED and c.recipient_type in ARMED:
        return "Battles", "Armed clash"
    if c.recipient_type in ARMED and c.actor_type is None:
        return "Battles", "Armed clash"
    if c.recipient_type == "civilians" and _last_word(c.recipient) not in w["people_words"]:
        return "Violence against civilians", "Attack"  # "killed seven relatives of a policeman": the relatives
    # who was hit: what the trigger governs and what the sentence says after it
    victims = {t.lemma_.lower() for child in c.head.children if child.dep_ not in ("nsubj", "agent")
               for t in child.subtree} | {t.lemma_.lower() for t in c.sentence if t.i > c.head.i}
    if c.actor_type in ARMED | {None, "other"} and victims & w["armed_targets"] and not victims & w["soft_targets"]:
        return "Battles", "Armed clash"  # "attacked a checkpoint, killing 12 soldiers"
    return "Violence against civilians", "Attack"


@rule("weapon", words=("accident_words",))
def weapon(c: Clause) -> Reading:
    if c.trigger.lemmas[0] in ("explosion", "blast", "explode"):
        if c.lemmas & c.words["accident_words"] and not c.lemmas & c.words["attack_words"]:
            return NONE  # a gas cylinder blowing up is a disaster, not political violence
        return c.reading
    return NONE if _a_disaster(c) else c.reading


@rule("strike", words=("not_targets", "aircraft", "disaster_words"), then=("violence",))
def strike(c: Clause) -> Reading | Then:
    """"jets struck militant positions"; not "struck a deal", nor a quake that struck."""
    obj = c.object_of("dobj")
    if obj is None or word_in(obj, c.words["not_targets"]) or c.lemmas & c.words["disaster_words"]:
        return NONE
    if c.lemmas & (c.words["aircraft"] | {"air", "coalition", "sortie"}) or c.actor_type in (*STATE, "external"):
        return c.reading  # a state striking from afar: from the air, as the news uses the word
    return Then("violence")  # "gunmen struck a checkpoint"


@rule("offensive", words=("offensive_words",))
def offensive(c: Clause) -> Reading:
    if c.head.lemma_ == "launch" and not {t.lemma_.lower() for t in c.head.subtree} & c.words["offensive_words"]:
        return NONE
    return c.reading if c.actor_type in ARMED or c.recipient_type in ARMED else NONE


@rule("abuse", words=("abuse_victims",))
def abuse(c: Clause) -> Reading:
    return c.reading if c.lemmas & c.words["abuse_victims"] else NONE


@rule("protest", words=("protest_violent", "peaceful", "protest_kill", "rubber", "protest_force"))
def protest(c: Clause) -> Reading:
    w, lemmas = c.words, c.lemmas
    if c.trigger.acled_event_type == "Riots" or lemmas & w["protest_violent"] and not lemmas & w["peaceful"]:
        return "Riots", "Violent demonstration"
    if lemmas & w["protest_kill"] and not lemmas & w["rubber"]:
        return "Protests", "Excessive force against protesters"
    if lemmas & w["protest_force"]:
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


@rule("crowd", words=("crowd_words",), then=("protest",))
def crowd(c: Clause) -> Reading | Then:
    """"crowds gathered", "protesters chanted": only a crowd makes these a protest."""
    if c.actor_type in ("protesters", "civilians") or c.lemmas & c.words["crowd_words"]:
        return Then("protest")
    return NONE


@rule("mob", words=("mob_deeds",))
def mob(c: Clause) -> Reading:
    return c.reading if c.lemmas & c.words["mob_deeds"] else NONE


@rule("blockade")
def blockade(c: Clause) -> Reading:
    return c.reading if c.actor_type in ("protesters", "civilians", "rioters", "other", None) else NONE


@rule("arrest", words=("protest_events", "ahead"))
def arrest(c: Clause) -> Reading:
    said = {t.lemma_.lower() for t in c.sentence if t.dep_ != "compound"}  # a "protest leader" is no protest
    if said & c.words["protest_events"] and not said & c.words["ahead"]:
        return "Protests", "Protest with intervention"  # arrests at a protest are how it was stopped
    return c.reading


@rule("disrupt", words=("disrupt_objects",))
def disrupt(c: Clause) -> Reading:
    if takes_weapons(c.head, c.words):
        return "Strategic developments", "Disrupted weapons use"
    return c.reading if c.lemmas & c.words["disrupt_objects"] else NONE


@rule("find")
def find(c: Clause) -> Reading:
    return ("Strategic developments", "Disrupted weapons use") if takes_weapons(c.head, c.words) else NONE


@rule("hq", words=("hq_objects",))
def hq(c: Clause) -> Reading:
    obj = c.object_of("dobj", "nsubjpass")
    return c.reading if obj is not None and word_in(obj, c.words["hq_objects"]) else NONE


@rule("transfer", words=("left_harmed",))
def transfer(c: Clause) -> Reading:
    if c.head.lemma_.lower() == "leave" and {t.lemma_.lower() for t in c.head.subtree} & c.words["left_harmed"]:
        return NONE  # "leaving several people dead": what a deed left behind, not a withdrawal
    return c.reading if c.names_place and c.actor_type in ARMED else NONE


@rule("group")
def group(c: Clause) -> Reading:
    """"troops were reinforced": the armed group may be the grammatical object."""
    armed = c.actor_type in ARMED or (c.actor is None and c.recipient_type in ARMED)
    return c.reading if armed else NONE


@rule("agreement", words=("conflict_words",))
def agreement(c: Clause) -> Reading:
    armed = c.actor_type in NON_STATE or c.recipient_type in NON_STATE
    return ("Strategic developments", "Agreement") if armed or c.lemmas & c.words["conflict_words"] else NONE
