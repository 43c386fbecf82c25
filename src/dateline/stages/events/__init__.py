"""Events: triggers from the lexicon (data/event_triggers.json), roles from the dependency parse, the
ACLED sub-event refined from the sentence and the actors, a status (a threat is not an attack), counts,
place, date and attribution. One happening per sentence: a sentence's violent triggers make one event."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ...article import Event, EventDate, Evidence, Location, Party, Place
from ..base import Document, stage
from ..places import LOCATIVE, qualified
from .acled import GROUP_CHANGE, SPECIFICITY, VIOLENT_ACLED, abstract_object, check_lexicon, disarms, refine
from .counts import fatalities, other_counts, toll_update
from .frame import frame
from .lexicon import EventLexicon, Trigger, TriggerMatch, depth
from .merge import one_per_happening
from .roles import (
    ARMED,
    NON_STATE,
    blamed_for_deed,
    claimant_of_responsibility,
    named_in,
    opponent,
    party_of,
    prepositional_party,
    responsible,
    roles_of,
)
from .status import REALIS, STATUS_FACTOR, intent_type, salience, speaker_party, status_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...resources import Resources

__all__ = ["EventLexicon", "EventStage"]

LATER_SENTENCE = 0.9
HOLDERS = {"leader", "organiser", "organizer", "gear", "squad", "unit", "vehicle", "site"}  # besides the agents


@stage("events", requires=("doc", "actors", "places", "dateline", "dates", "claims"), assigns=("events", "restated"))
class EventStage:
    def __init__(self, resources: Resources) -> None:
        self.lexicon = resources.lexicon
        check_lexicon(self.lexicon)  # a rule named but not written, or written but never used, fails the build
        self.agents = resources.actors.agents
        self.min_confidence = resources.settings.min_confidence

    def __call__(self, document: Document) -> Document:
        doc = document.parsed
        events: list[Event] = []
        main_place = document.dateline or _main_place(document)  # where it was filed, else the most named town
        for position, sentence in enumerate(doc.sents):
            matches = [m for m in self.lexicon.match(sentence) if not self._names_a_kind(m)]
            for group in _group(matches):
                event = self._event(document, sentence, group, main_place, len(events))
                if event is None or event.confidence < self.min_confidence:
                    continue
                if position > 0:  # news leads with its main event: later sentences add background
                    event.confidence = round(event.confidence * LATER_SENTENCE, 3)
                earlier = [e for e in events if e.type == "ASSAULT"]
                if earlier and event.type == "ASSAULT" and _claims_deed_told_before(group):
                    _give_actor(earlier[-1], event.actor)  # "IS claimed responsibility for the attack"
                    continue
                events.append(event)
        document.events = one_per_happening(events, document.restated)
        _update_tolls(document)
        _claimed_deeds(document)
        return document

    def _names_a_kind(self, match: TriggerMatch) -> bool:
        """"riot police", "attack helicopters", "the protest leader": a deed's word naming a kind of person or
        thing, no deed (a weapon still is one: "chlorine gas")."""
        trigger, token, _ = match
        head = token.head.lemma_.lower()
        before = token.nbor(-1) if token.i > 0 else None  # "forces battle militants": a verb after a plural
        after_plural = before is not None and before.lower_.endswith("s") and before.pos_ in ("NOUN", "PROPN", "VERB")
        return len(trigger.lemmas) == 1 and trigger.rule != "weapon" and token.dep_ == "compound" and \
            token.pos_ in ("NOUN", "PROPN") and (head in self.agents or head in HOLDERS) and not after_plural

    def _refine(self, trigger: Trigger, head: Token, actor: Party | None, recipient: Party | None,
                sentence: Span) -> tuple[str | None, str | None]:
        return refine(trigger, head, actor, recipient, sentence, self.agents)

    def _event(self, document: Document, sentence: Span, group: list[TriggerMatch], main_place: Place | None,
               number: int) -> Event | None:
        trigger, head = _main(group)
        if all(_kind_of(m[1]) for m in group):
            return None  # "Boko Haram has carried out similar attacks": a kind of deed, not one that happened
        # the sub-event comes from the most specific trigger that happened ("launched a campaign to retake
        # Mosul" is an offensive, not yet a retaking)
        realis = [m for m in group if m[1].i == head.i or status_of(document, m[1], sentence)[0] in REALIS] or group
        specific = max((m[0] for m in realis), key=_specificity)
        actor_token, actor, recipient = _sides(document, group, head, trigger)
        claimant = party_of(document, responsible(head))
        if claimant is not None:  # "IS claimed responsibility for the bombing": IS did it
            actor = claimant
            recipient = None if recipient is not None and recipient.name == claimant.name else recipient
        status, attribution = status_of(document, head, sentence)
        if actor is None and actor_token is not None and actor_token.lower_ in ("they", "it", "he", "she", "we"):
            actor = speaker_party(document, head)  # "Police said they arrested ten people": the police
        text = sentence.text.rstrip()
        # a weapon names the deed ("an airstrike"); so does the killing beside a burning
        named_by_specific = specific.rule == "weapon" or (trigger.rule == "destroy" and specific.rule != "destroy")
        etype, mode = specific.type if named_by_specific else trigger.type, specific.mode
        if actor is None and etype == "ASSAULT" and recipient is not None:
            actor = _counting_side(speaker_party(document, head), recipient)
        acled_type, acled_sub = self._refine(specific, head, actor, recipient, sentence)
        if acled_type is None and specific.rule == "territory":
            # no ground was taken ("police pushed back activists who tried to block a street during a
            # protest"): the clause's other words tell what happened
            for other in sorted((m[0] for m in realis if m[0].rule != "territory"), key=_specificity, reverse=True):
                acled_type, acled_sub = self._refine(other, head, actor, recipient, sentence)
                if acled_type is not None:
                    break
        if any(m[0].rule == "weapon" and disarms(m[0], m[1]) for m in group):
            # "two explosive devices were found", "troops destroyed 300 mines": the weapons never went off
            etype, mode = "COERCE", "seize"
            acled_type, acled_sub = "Strategic developments", "Disrupted weapons use"
        if acled_sub == "Disrupted weapons use":
            etype, mode = "COERCE", "seize"  # "seized a weapons cache": taken, not fired
        if specific.rule == "toll" and fatalities(text) is None:
            return None  # "warned of violence": only a toll makes violence an event
        if specific.rule == "destroy" and (actor is None or actor.type == "other"):
            return None  # "the blast set cars on fire": a consequence, not a second event
        if specific.rule == "transfer" and head.lemma_ == "withdraw" and abstract_object(head):
            etype, mode = "SANCTION", "withdraw"  # "withdrew the emir designation from the leaders"
            acled_type, acled_sub = self._refine(GROUP_CHANGE, head, actor, recipient, sentence)
        if specific.rule == "transfer" and head.lemma_.lower() == "leave" and acled_type is None:
            return None  # "leaving several people dead", "left for Paris": no ground given up
        if specific.rule == "strike" and acled_type is None:
            return None  # "struck a deal", "workers strike": no one was hit
        if specific.rule == "offensive" and acled_type is None and (head.lemma_ == "launch" or specific.weight < 0.65):
            return None  # "launched a website", "pushing for debt relief": no armed side, no offensive
        if (recipient is None or recipient.type not in ARMED) and specific.rule in ("offensive", "territory"):
            recipient = opponent(document, head, actor) or recipient
        if acled_sub in ("Arrests",) and specific.rule == "capture":
            etype, mode = "COERCE", "arrest"
        if status not in REALIS:
            acled_type = acled_sub = None
        count = fatalities(text) if (acled_type in VIOLENT_ACLED or etype == "ASSAULT") else None
        location = _location(document, sentence, head, main_place, actor_token, actor)
        date = _date(document, sentence, head)
        published = document.article.published
        if status == "asserted" and date.precision in ("year", "month") and published is not None and \
                date.value and int(date.value[:4]) < published.year - 1:
            status = "historical"
        intent = intent_type(head, etype, mode, status)
        if intent != (etype, mode):
            # the promise, threat, refusal or demand is itself what happened; what it promises is not
            etype, mode = intent
            status = "claimed" if attribution is not None else "asserted"
            acled_type = acled_sub = None
            speaker = speaker_party(document, head)
            if etype == "REQUEST" and speaker is not None:  # "Britain said Libya must hand over": Britain asks Libya
                actor, recipient = speaker, actor
            elif speaker is not None and (actor is None or actor_token is not None and actor_token.pos_ == "PRON"):
                actor = speaker  # "Hungary said it will support": Hungary
        score = trigger.weight * (0.6 + 0.2 * (actor is not None) + 0.1 * (recipient is not None)
                                  + 0.1 * (depth(head) <= 1)) * STATUS_FACTOR[status] * salience(head)
        if acled_type is None and specific.acled_event_type is not None and status in REALIS:
            score *= 0.8  # the refinement found the ACLED reading does not apply
        return Event(id=f"{document.article.doc_id}:{number}", type=etype, mode=mode,
                     acled_event_type=acled_type, acled_sub_event_type=acled_sub, actor=actor, recipient=recipient,
                     location=location, date=date, fatalities=count, status=status, attribution=attribution,
                     evidence=Evidence(text, sentence.start_char, sentence.start_char + len(text)),
                     confidence=round(min(1.0, score), 3), trigger=head.text,
                     counts=other_counts(text), frame=frame(head))


def _sides(document: Document, group: list[TriggerMatch], head: Token,
           trigger: Trigger) -> tuple[Token | None, Party | None, Party | None]:
    """(actor token, actor, recipient) of a happening, from its main trigger's clause first."""
    actor_token, recipient_token = roles_of(head)
    trigger_tokens = {i for m in group for i in m[2]}
    actor = party_of(document, actor_token, trigger_tokens)
    recipient = party_of(document, recipient_token, trigger_tokens)
    for _, other, _ in group:  # the other words of the happening may name a side ("an ISIL car bomb")
        if actor is not None and recipient is not None:
            break
        other_actor, other_recipient = roles_of(other)
        actor = actor or party_of(document, other_actor, trigger_tokens)
        recipient = recipient or party_of(document, other_recipient, trigger_tokens)
    if recipient is None or recipient.type == "other":
        # "provided aid to refugees", "shared evidence with the U.S.": the party is after the preposition
        recipient = prepositional_party(document, head, actor, trigger_tokens) or recipient
    if recipient is None or (recipient.type == "other" and recipient_token is not None
                             and recipient_token.ent_type_ == ""):
        # "agreed to provide aid to Romania", "praised Haiti's efforts": the named party in the predicate
        recipient = named_in(document, head, actor, trigger_tokens, recipient_token,
                             places=trigger.type not in ("ASSAULT", "COERCE")) or recipient
    return actor_token, actor, recipient


def _update_tolls(document: Document) -> None:
    """"The death toll later rose to 15": the last figure the article gives for the deaths of its main violent
    event is the one that counts (ACLED codes the most recent credible figure)."""
    violent = [e for e in document.events if e.type == "ASSAULT" and e.status in REALIS]
    if not violent:
        return
    main = violent[0]
    for sentence in document.parsed.sents:
        value = toll_update(sentence.text) if sentence.start_char >= main.evidence.end else None
        if value is not None and value > (main.fatalities or 0):
            main.fatalities = value


BACKGROUND = {"similar", "such", "previous", "past", "prior"}  # "similar attacks", "past bombings"


def _kind_of(head: Token) -> bool:
    return head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and c.lower_ in BACKGROUND for c in head.children)


def _main(group: list[TriggerMatch]) -> tuple[Trigger, Token]:
    """The trigger of a happening highest in the parse (the strongest among equals), and its head token."""
    trigger, head, _ = min(group, key=lambda m: (depth(m[1]), -m[0].weight))
    return trigger, head


DEFINITE = {"the", "this", "that", "these", "those"}


def _claims_deed_told_before(group: list[TriggerMatch]) -> bool:
    """"... claimed responsibility for the attack", "blamed X for the bombing": the deed, named as one already
    known, is the one told before; the sentence says who did it."""
    head = _main(group)[1]
    return responsible(head) is not None and head.pos_ == "NOUN" and any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children)


def _give_actor(deed: Event, actor: Party | None) -> None:
    if actor is not None and (deed.actor is None or (deed.actor.name or "").startswith("Unidentified")
                              or deed.actor.type == "other"):
        deed.actor = actor


def _claimed_deeds(document: Document) -> None:
    """"Islamic State claimed responsibility." (or "claimed the shooting", or "officials blamed X for the
    attack") after the bombing it means: the claimant is the actor of the last violent event told before,
    when that event names none (or only an unidentified group)."""
    for token in document.parsed:
        subject = claimant_of_responsibility(token)
        claimant = party_of(document, subject) if subject is not None else None
        blamed = blamed_for_deed(token)
        if claimant is None and blamed is not None:  # "officials blamed BRN insurgents for planting the device"
            claimant = party_of(document, blamed)
            claimant = claimant if claimant is not None and claimant.type in ARMED else None
        before = [e for e in document.events if e.type == "ASSAULT" and e.evidence.end <= token.sent.start_char]
        if claimant is not None and before:
            _give_actor(max(before, key=lambda e: e.evidence.start), claimant)


def _counting_side(speaker: Party | None, recipient: Party) -> Party | None:
    """"The army said 70 militants were killed": a side that counts its enemies' dead claims the killing."""
    if speaker is None:
        return None
    state = ("state_forces", "government")
    if speaker.type in state and recipient.type in NON_STATE or \
            speaker.type in NON_STATE and recipient.type in state + ("external",):
        return speaker
    return None


def _group(matches: list[TriggerMatch]) -> list[list[TriggerMatch]]:
    """A sentence's violent triggers form one happening (with any burning or looting beside them), its seized
    or defused weapons another ("killed five militants and seized a cache"); every other trigger stands alone."""
    disarmed = [m for m in matches if disarms(m[0], m[1])]
    violent = [m for m in matches if m not in disarmed and (
        m[0].acled_event_type in VIOLENT_ACLED or m[0].rule in ("weapon", "violence", "toll"))]
    if violent:  # "set fire to the house and beat him to death": the burning is part of the attack
        violent += [m for m in matches if m[0].rule == "destroy" and m not in violent]
    groups = [group for group in (violent, disarmed) if group]
    # "the strike killed 12 militants": what does the killing is the attack, not a walkout
    killers = {m[1].i for m in violent}
    groups += [[m] for m in matches if m not in violent and m not in disarmed
               and not (m[0].rule == "crowd" and m[1].dep_ == "nsubj" and m[1].head.i in killers)]
    return groups


def _main_place(document: Document) -> Place | None:
    """The article's most named town (else its most named place), for events whose sentence names none."""
    towns = [p for p in document.places if p.precision == "city"]
    pool = towns or document.places
    if not pool:
        return None
    keys = [place.location().key for place in pool]
    counts = Counter(keys)
    return pool[max(range(len(pool)), key=lambda i: (counts[keys[i]], -pool[i].start))]


def _specificity(trigger: Trigger) -> tuple[float, float]:
    """How much a trigger says of the sub-event ("retake" more than "attack"): its rule's rank, then weight."""
    return SPECIFICITY.get(trigger.rule, 2), trigger.weight


SIDE_DEPS = frozenset({"compound", "poss", "amod", "nmod"})  # "Turkey's army"


def _names_side(doc: Doc, place: Place, actor_token: Token | None, actor: Party | None) -> bool:
    """A country that is the side that acted: the subject ("Turkey has shelled a city in Syria"), the one
    "by" whom, or a word on either ("Turkey's army")."""
    if place.precision != "country" or actor_token is None or actor is None or place.text not in (actor.text or "") or \
            not (actor_token.dep_ == "nsubj" or actor_token.head.dep_ == "agent"):
        return False  # "Iraq shelling kills four": a country on the deed itself may be where it was
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and \
        any(t.i == actor_token.i or (t.head.i == actor_token.i and t.dep_ in SIDE_DEPS) for t in span)


def _told_where(doc: Doc, place: Place) -> bool:
    """A place the sentence says the deed happened in: "in Iraq", "near Amerli"."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE


def _location(document: Document, sentence: Span, head: Token, main_place: Place | None,
              actor_token: Token | None = None, actor: Party | None = None) -> Location | None:
    inside = [p for p in document.places if sentence.start_char <= p.start < sentence.end_char]
    doc = document.parsed
    sides = [p for p in inside if _names_side(doc, p, actor_token, actor)]
    if actor is not None and any(_told_where(doc, p) for p in inside if p.text != actor.text):
        # "a U.S. airstrike ... in Iraq": the side named on the deed, when the sentence says where it was
        sides += [p for p in inside if p.precision == "country" and p.text == actor.text]
    # the side's own country is the place only when the sentence names no other ("Turkey shelled positions")
    inside = [p for p in inside if p not in sides] or inside
    # a town named with its divisions, the way ACLED notes place an event ("Kherson (Khersonskyi, Kherson)"),
    # is the event's place, before any other place its sentence names ("on the bank of the Dnipro")
    text = document.text
    named = [p for p in inside if p.precision in ("point", "city", "admin2") and qualified(text, p)]
    if named:
        return min(named, key=lambda p: abs(p.start - head.idx)).location()
    if inside:
        rank = {"point": 0, "city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
        # a region within one country ("Darfur") is finer than its country; one across several is not
        best = min(inside, key=lambda p: (rank.get(p.precision or "", 5) if p.country_code else 5,
                                          abs(p.start - head.idx)))
        if best.precision == "country" and main_place is not None and main_place.country_code == best.country_code:
            best = main_place  # "in Iraq" in an article about Mosul: the town is the better guess
        return best.location()
    return main_place.location() if main_place is not None else None


DATE_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _date(document: Document, sentence: Span, head: Token) -> EventDate:
    """The finest date of the event's sentence, nearest the trigger ("On 3 May" beats "the 2024 budget");
    a sentence without one goes on in the time the story last gave ("On 3 May, gunmen attacked X. Troops
    recovered two rifles."), and a story that gave none is dated by its publication, precision unknown."""
    inside = [d for d in document.dates if sentence.start_char <= d.start < sentence.end_char and d.value]
    if inside:
        best = min(inside, key=lambda d: (DATE_ORDER.get(d.precision, 4), abs(d.start - head.idx)))
        return EventDate(best.value, best.precision)
    before = [d for d in document.dates if d.end <= sentence.start_char and d.value and d.precision == "day"]
    if before:
        last = max(before, key=lambda d: d.start)
        return EventDate(last.value, last.precision)
    return EventDate(document.article.published_iso, "unknown")
