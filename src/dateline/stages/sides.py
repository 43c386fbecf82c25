"""Sides: ACLED's conventions for who is who, applied once an event's ACLED type is final (after the judge).

The events stage reads the actor and recipient from the clause ("teachers demonstrated", "police used tear
gas on students", "gunmen shot dead two traders"); ACLED's coders name them by the event's type:
- in a protest the demonstrators are "Protesters (<country>)", in a riot "Rioters (<country>)"; when forces
  break up a protest the protesters are actor 1 and the forces actor 2, and when the forces use excessive
  force on it, the forces are actor 1;
- the victims of violence against civilians, and the people or places a strike or shelling hit, are
  "Civilians (<country>)" unless they are an armed or state actor;
- a generic side named without its country ("Military Forces", "Civilians") takes the country of the event's
  place; a place given as a side ("marched in Nairobi") is no side.
Each rule is one row of `CONVENTIONS` and one function; the country comes from the event's place, else the
article's focus country.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..article import Event, Party
from .base import Document, stage
from .deeds import ARMED, WITH_COUNTRY, generic, weapon_sides, words

if TYPE_CHECKING:
    from ..resources import Resources

UNARMED = {None, "civilians", "other", "person", "organization", "media"}
CROWD = {"civilians", "other", "person", "protesters"}


# sides that are of the country they are found in: an army strikes abroad, a police force or a crowd does not
LOCAL = ("Police Forces", "Civilians", "Protesters", "Rioters")
Where = tuple[str | None, str | None]  # the event's country: (ISO alpha-2 code, name)


def demonstrators(event: Event, where: Where) -> None:
    """Protests: the demonstrators are actor 1, as Protesters; forces that intervened are actor 2."""
    actor, recipient = event.actor, event.recipient
    if actor is not None and actor.type in ARMED and (recipient is None or recipient.type in UNARMED | {"protesters"}):
        event.actor, event.recipient = recipient, actor  # "police dispersed students": the students protested
        actor, recipient = event.actor, event.recipient
    if actor is None or actor.type in UNARMED:
        event.actor = generic("Protesters", "protesters", where, actor.text if actor else None)
    if event.recipient is not None and event.recipient.type in CROWD:
        event.recipient = None  # a crowd or thing the protest is about is no side (a government it is to stays)


def rioters(event: Event, where: Where) -> None:
    """Riots: a crowd of no armed kind is actor 1, as Rioters."""
    if event.actor is None or event.actor.type in UNARMED | {"protesters"}:
        event.actor = generic("Rioters", "rioters", where, event.actor.text if event.actor else None)


def victims(event: Event, where: Where) -> None:
    """Violence against civilians, a mob's violence, and strikes or shelling that hit people or places:
    the victims are Civilians."""
    recipient = event.recipient
    if recipient is not None and recipient.type in UNARMED - {None}:
        event.recipient = generic("Civilians", "civilians", where, recipient.text)


def civilians_hit(event: Event, where: Where) -> None:
    """Violence against civilians and a mob's violence always have victims: where the parse named none
    ("shot dead a village headman" read without its object), they are the civilians of the event's place."""
    if event.recipient is None:
        event.recipient = generic("Civilians", "civilians", where, None)


def suspects(event: Event, where: Where) -> None:
    """A mob's victims are civilians even when suspected of belonging to a gang ("seized three suspected
    gang members and beat them"): ACLED codes the suspects of mob justice as civilians."""
    recipient = event.recipient
    if recipient is not None and recipient.type in ARMED - {"state_forces", "external"} and \
            set((recipient.text or "").lower().split()) & words("suspicion"):
        event.recipient = generic("Civilians", "civilians", where, recipient.text)


def property_owners(event: Event, where: Where) -> None:
    """Looting and destruction: the property ("shops in a market", "water pipes") is the civilians'."""
    if event.recipient is None or event.recipient.type in UNARMED:
        event.recipient = generic("Civilians", "civilians", where, event.recipient.text if event.recipient else None)


def detainees(event: Event, where: Where) -> None:
    """Arrests: the people detained, of no armed or state kind ("two reporters", "members of an opposition
    party"), are civilians."""
    recipient = event.recipient
    if recipient is not None and recipient.type in UNARMED - {None, "organization", "media"} | {"other"}:
        event.recipient = generic("Civilians", "civilians", where, recipient.text)


def force_on_protesters(event: Event, where: Where) -> None:
    """Excessive force against protesters: the forces are actor 1, the protesters actor 2."""
    actor, recipient = event.actor, event.recipient
    if recipient is not None and recipient.type in ARMED and (actor is None or actor.type not in ARMED):
        event.actor, event.recipient = recipient, actor
    if event.recipient is None or event.recipient.type in UNARMED | {"protesters"}:
        text = event.recipient.text if event.recipient else None
        event.recipient = generic("Protesters", "protesters", where, text)


# (ACLED event type, sub-event type or None for all of the type) -> the conventions, in order
CONVENTIONS: dict[tuple[str, str | None], tuple[Callable[[Event, Where], None], ...]] = {
    ("Protests", None): (demonstrators,),
    ("Protests", "Excessive force against protesters"): (force_on_protesters,),
    ("Riots", None): (rioters,),
    ("Riots", "Mob violence"): (rioters, victims, suspects, civilians_hit),
    ("Violence against civilians", None): (victims, civilians_hit),
    ("Strategic developments", "Looting/property destruction"): (property_owners,),
    ("Strategic developments", "Arrests"): (detainees,),
    ("Explosions/Remote violence", "Air/drone strike"): (victims,),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"): (victims,),
}


def with_country(party: Party | None, where: Where) -> Party | None:
    """A generic side named without a country takes the event's ("Military Forces" -> "Military Forces of
    Syria")."""
    code, country = where
    if party is None or not country or party.name not in WITH_COUNTRY:
        return party
    return Party(text=party.text, name=WITH_COUNTRY[party.name].format(party.name, country), type=party.type,
                 country=party.country or code)


def local_side(party: Party | None, where: Where, guessed: str | None, own_words_name_a_country: bool) -> Party | None:
    """A generic side given the article's main country only because its words named none ("a police patrol"
    read as "Police Forces of Spain" in a story about a Valencia in the Philippines) is of the event's country."""
    code, country = where
    if party is None or not country or not guessed or guessed == country or own_words_name_a_country:
        return party
    for label in LOCAL:
        form = WITH_COUNTRY[label]
        if party.name == form.format(label, guessed):
            return Party(text=party.text, name=form.format(label, country), type=party.type, country=code)
    return party


# where the parse found no second side, the one ACLED would name from the event's sentence: the forces a riot
# or a broken-up protest faced ("threw stones at police"), the people or forces violence hit ("killing 7 civilians")
FACED: dict[str, tuple[str, ...]] = {"Riots": ("state_forces",), "Protests": ("state_forces",)}
HIT = ("state_forces", "rebels", "political_militia", "identity_militia", "external", "civilians")
# an agreement's second party: the other armed side or government it was made with ("the army and the RSF agreed")
PARTIES = ("state_forces", "rebels", "political_militia", "identity_militia", "external", "government")
QUIET = {"Peaceful protest", "Change to group/activity", "Headquarters or base established", "Other"}
# types whose second side is always one that ACLED names: a thing the parse gave ("seized the town", "threw
# stones outside the National Assembly") gives way to the side the sentence names
SIDES_ONLY = {"Battles", "Riots", "Protests"}


def _replaceable(event: Event) -> bool:
    """The event's recipient is none, or one that the side its sentence names should replace: a thing in
    a battle or a riot; in a protest that forces broke up, anything but those forces."""
    recipient, kind = event.recipient, event.acled_event_type
    if recipient is None:
        return True
    if event.acled_sub_event_type == "Mob violence" or kind not in SIDES_ONLY:
        return False
    if kind == "Battles" and (recipient.name or "").startswith("Unidentified"):
        return True  # "killing three fighters" after "clashed with members of the Rada force": the force
    if kind == "Protests":
        return event.acled_sub_event_type == "Protest with intervention" and recipient.type != "state_forces"
    return recipient.type == "other" or kind == "Riots" and recipient.type not in ARMED | {"government"}


def second_side(document: Document, event: Event) -> Party | None:
    """The side the event's sentence names besides its actor, when the parse gave none (or one ACLED would
    not name: "seized the town", "looted shops"), by what ACLED would name for the event's type; None when
    there is none."""
    kinds = PARTIES if event.acled_sub_event_type == "Agreement" else FACED.get(event.acled_event_type or "", HIT)
    agreement = event.acled_sub_event_type == "Agreement"
    if event.acled_sub_event_type in QUIET or event.acled_event_type == "Strategic developments" and not agreement \
            or not _replaceable(event):
        return None
    actor = event.actor
    for mention in document.actors:
        if not event.evidence.start <= mention.start < event.evidence.end or mention.type not in kinds:
            continue
        if actor is not None and (mention.name == actor.name or mention.text == actor.text):
            continue
        if event.recipient is not None and mention.name.startswith("Unidentified"):
            continue  # only a named side replaces one the parse gave
        return mention.party()
    return None


@stage("sides", requires=("doc", "events", "judged", "actors", "places", "focus_country"), assigns=("sides",))
class SidesStage:
    def __init__(self, resources: Resources) -> None:
        self.countries = resources.countries
        self.resources = resources

    def _names_a_country(self, party: Party | None) -> bool:
        """The side's own words name a country: "Spanish police", "forces of Spain"."""
        words = (party.text or "").replace("-", " ").split() if party is not None else []
        actors, gazetteer = self.resources.actors, self.resources.gazetteer
        return any(actors.demonym(w.strip(",.'’s")) or w[:1].isupper() and gazetteer.country_code(w.strip(",."))
                   for w in words)

    def __call__(self, document: Document) -> Document:
        doc = document.parsed  # the weapons' rules read the parse: a document without one is refused at once
        places = {place.text for place in document.places}
        for event in document.events:
            if not event.acled_event_type:
                continue
            code = (event.location.country_code if event.location else None) or document.focus_country
            where = (code, self.countries[code].name if code in self.countries else None)
            for party in ("actor", "recipient"):  # a place is no side ("marched in Nairobi")
                side = getattr(event, party)
                if side is not None and side.text in places and side.type in UNARMED:
                    setattr(event, party, None)
            focus = document.focus_country
            guessed = self.countries[focus].name if focus in self.countries else None
            if event.location is not None and event.location.precision != "country":
                for party in ("actor", "recipient"):
                    side = getattr(event, party)
                    setattr(event, party, local_side(side, where, guessed, self._names_a_country(side)))
            weapon_sides(document, doc, self.resources.actors, event, where)
            event.recipient = second_side(document, event) or event.recipient
            rules = CONVENTIONS.get((event.acled_event_type, event.acled_sub_event_type)) or \
                CONVENTIONS.get((event.acled_event_type, None), ())
            for rule in rules:
                rule(event, where)
            event.actor = with_country(event.actor, where)
            event.recipient = with_country(event.recipient, where)
        return document
