"""What the text does with an event: asserts, claims, denies, plans or imagines it; and what PLOVER
codes for a stated intent (a promise is AGREE, an announced attack THREATEN)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...article import Attribution, Party
from ..base import Claim, Document
from .roles import LIGHT_VERBS, base_forms, party_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

REALIS = {"asserted", "claimed", "historical"}
IRREALIS_VERBS = {"threaten": "planned", "vow": "planned", "plan": "planned", "pledge": "planned",
                  "promise": "planned", "intend": "planned", "aim": "planned", "prepare": "planned",
                  "seek": "planned", "want": "planned", "ultimatum": "planned", "warn": "planned",
                  "order": "planned", "urge": "planned", "demand": "planned", "call": "planned",
                  "attempt": "planned", "try": "planned", "fear": "hypothetical", "risk": "hypothetical"}
MODALS = {"will": "planned", "shall": "planned", "would": "hypothetical", "could": "hypothetical",
          "might": "hypothetical", "may": "hypothetical", "should": "hypothetical", "must": "hypothetical"}
STATUS_FACTOR = {"asserted": 1.0, "claimed": 0.95, "historical": 0.6, "planned": 0.55, "hypothetical": 0.45,
                 "denied": 0.5}


COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "ACCUSE", "PROTEST"}
PROMISE_WORDS = {"promise", "pledge", "offer", "willing", "ready", "prepared", "commit", "agree", "vow", "plan",
                 "intend", "decide"}
FUTURE = {"will", "would", "shall", "'ll", "wo"}


def governors(head: Token, limit: int = 4) -> Iterator[Token]:
    """The trigger and the words it hangs from, up to the first finite verb: where intent is expressed."""
    token, steps = head, 0
    while steps <= limit:
        yield token
        if token.head.i == token.i or (token.i != head.i and token.tag_ in ("VBD", "VBZ", "VBP")):
            return
        token, steps = token.head, steps + 1


def intent_type(head: Token, etype: str, mode: str | None, status: str) -> tuple[str, str | None]:
    """PLOVER codes what an actor says it will do by intent, not by the act: a promise to cooperate is
    AGREE, an announced hostile act is THREATEN, a refusal is REJECT, what another must do is REQUEST."""
    chain = list(governors(head))
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


def salience(head: Token) -> float:
    """How central the trigger is to its sentence: the main predicate (or what a reporting verb reports) counts
    fully; words in a relative clause, a prepositional phrase or a time clause tell the background."""
    token = head
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "ROOT"):
        if token.dep_ == "dobj" and not base_forms(token.head) & LIGHT_VERBS:
            return 0.85  # the object of another deed ("rejected an ultimatum"): that deed is the news
        token = token.head if token.dep_ != "ROOT" else token
    if token.dep_ == "ROOT" or (token.dep_ in ("ccomp", "xcomp", "conj") and token.head.dep_ == "ROOT"):
        return 1.0
    if any(t.dep_ in ("relcl", "advcl", "acl", "pcomp") or t.dep_ == "pobj" for t in [head, *head.ancestors][:3]):
        return 0.7
    return 0.85


def status_of(document: Document, head: Token, sentence: Span) -> tuple[str, Attribution | None]:
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
        if role.lower_ in ("nobody", "none", "nothing") \
                or any(c.lower_ == "no" and c.dep_ == "det" for c in role.children):
            status = "denied" if status == "asserted" else status
    claim = claim_for(document.claims, head)
    attribution = claim.attribution if claim else None
    if claim is not None and status == "asserted":
        status = claim.status if claim.status != "asserted" else "asserted"
    return status, attribution


def speaker_party(document: Document, head: Token) -> Party | None:
    """Who says so, as a party: the subject of the reporting verb whose clause holds the trigger."""
    claim = claim_for(document.claims, head)
    if claim is None:
        return None
    verb = document.parsed[claim.verb]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return party_of(document, subject) if subject is not None and subject.pos_ != "PRON" else None


def claim_for(claims: list[Claim], head: Token) -> Claim | None:
    inside = [c for c in claims if head.i in c.scope]
    return min(inside, key=lambda c: len(c.scope)) if inside else None
