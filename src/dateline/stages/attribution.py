"""According to whom: reporting clauses ("a source told Al-Sumaria News", "according to Reuters",
"AFP, citing a ministry source"), their speakers and the outlets that relay them, and quotations."""
from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from ..article import Attribution, Quote
from .base import Claim, Document, stage

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..resources import Resources

REPORTING = {"say": "claimed", "tell": "claimed", "report": "claimed", "claim": "claimed", "state": "claimed",
             "announce": "claimed", "add": "claimed", "allege": "claimed", "insist": "claimed",
             "confirm": "asserted", "deny": "denied", "note": "claimed", "explain": "claimed",
             "quote": "claimed", "write": "claimed", "tweet": "claimed", "post": "claimed", "reveal": "claimed",
             "disclose": "claimed", "acknowledge": "asserted", "admit": "asserted", "assert": "claimed"}
OFFICIAL_WORDS = {"official", "spokesman", "spokesperson", "spokeswoman", "officer", "commander", "minister",
                  "ministry", "police", "army", "military", "authority", "governor", "mayor", "diplomat",
                  "lawmaker", "MP", "colonel", "general", "captain", "lieutenant", "major", "chief", "head",
                  "director", "leader", "statement", "agency", "council", "command", "department", "aide", "adviser",
                  "advisor", "envoy", "representative", "negotiator", "ambassador", "prosecutor", "judge", "rebel",
                  "militant", "government", "coalition", "force", "troop", "soldier", "insurgent", "group"}
ANONYMOUS_WORDS = {"source", "witness", "resident", "insider", "person", "people", "eyewitness", "activist",
                   "local", "medic", "doctor", "relative"}
GENERIC_MEDIA = {"media", "medium", "press", "reporter", "journalist", "outlet", "news", "television", "tv",
                 "newspaper", "channel", "agency"}
PRONOUNS = {"he", "she", "they", "it"}
_DIRECT_QUOTE = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")


@stage("attribution", requires=("doc", "actors"), assigns=("claims", "quotes"))
class AttributionStage:
    def __init__(self, resources: Resources) -> None:
        self.actors = resources.actors

    def __call__(self, document: Document) -> Document:
        doc = document.parsed
        claims: list[Claim] = []
        last_named: Attribution | None = None
        for token in doc:
            attribution, scope, status = self._reporting(document, token)
            if attribution is None or status is None:
                continue
            if attribution.speaker_type is None and last_named is not None:  # "he said" after a named speaker
                attribution = Attribution(last_named.speaker, last_named.speaker_type,
                                          attribution.via or last_named.via, last_named.anonymous, attribution.verb)
            elif attribution.speaker_type is None:  # "he said", "according to it": who the pronoun is
                pronoun = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "prep")), None)
                if pronoun is not None and pronoun.dep_ == "prep":
                    pronoun = next((c for c in pronoun.children if c.dep_ == "pobj"), None)
                if pronoun is not None:
                    attribution.speaker, attribution.speaker_type = self._antecedent(document, pronoun)
            if attribution.speaker_type in ("named_person", "named_organization", "anonymous", "official_unnamed"):
                last_named = attribution
            claims.append(Claim(token.i, frozenset(scope), attribution, status))
        _fill_generic_outlets(claims)
        document.claims = claims
        document.quotes = self._quotes(document, claims)
        return document

    def _reporting(self, document: Document, token: Token) -> tuple[Attribution | None, Collection[int], str | None]:
        """(Attribution, reported token indices, status) when the token opens a reporting clause."""
        lemma = token.lemma_.lower()
        if lemma == "accord" and token.text.lower() == "according":  # "according to X"
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is None:
                return None, (), None
            speaker, kind = self._speaker(document, obj)
            via = speaker if kind == "media" else None
            clause = token.head
            scope = {t.i for t in clause.subtree} - {t.i for t in token.subtree}
            attribution = Attribution(speaker, kind, via, kind in ("anonymous", "official_unnamed"), "according to")
            return attribution, scope, "claimed"
        if token.pos_ != "VERB" or lemma not in REPORTING:
            return None, (), None
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None, (), None
        speaker, kind = self._speaker(document, subject)
        via = None
        for child in token.children:  # "told Al-Sumaria News", "told local media"
            if child.dep_ in ("dative", "dobj", "iobj") and lemma == "tell":
                via = self._outlet(document, child)
            if child.dep_ == "advcl" and child.lemma_ == "cite":  # "AFP, citing a ministry source"
                cited = next((c for c in child.children if c.dep_ == "dobj"), None)
                if cited is not None:
                    via = speaker if kind == "media" else via
                    speaker, kind = self._speaker(document, cited)
        if kind == "media" and via is None:
            via = speaker
        speaker_tokens = {t.i for t in subject.subtree}
        scope = {t.i for t in token.subtree} - speaker_tokens - {token.i}
        status = REPORTING[lemma]
        if any(c.dep_ == "neg" for c in token.children):
            status = "denied" if lemma in ("say", "confirm") else status
        return Attribution(speaker, kind, via, kind in ("anonymous", "official_unnamed"), lemma), scope, status

    def _speaker(self, document: Document, head: Token) -> tuple[str | None, str | None]:
        """The speaker's words and kind, from the head of its noun phrase."""
        doc = document.parsed
        if head.lower_ in PRONOUNS:
            return None, None  # resolved by the caller: the last speaker, else the last person named
        if head.lower_ in ("i", "we"):
            return head.text, "self"
        span = doc[head.left_edge.i:head.i + 1]
        person = next((e for e in doc.ents if e.label_ == "PERSON" and span.start <= e.start <= head.i < e.end + 1
                       and e.end - 1 >= head.i - 0), None)
        if person is not None:
            return person.text, "named_person"
        lemma = head.lemma_.lower()
        words = " ".join(t.text for t in span if t.dep_ not in ("det", "punct") or t.i == head.i)
        if lemma in GENERIC_MEDIA:  # "state television", "local media"
            return words, "media"
        if lemma in OFFICIAL_WORDS or head.text in OFFICIAL_WORDS:  # "a UN spokesperson", "the army"
            return words, "official_unnamed"
        for mention in document.actors:
            if mention.start <= head.idx < mention.end or (span.start_char <= mention.start < span.end_char + 1
                                                           and mention.source == "dictionary"):
                if mention.type == "media":
                    return mention.name, "media"
                if mention.type == "person":
                    return mention.name, "named_person"
                if mention.source in ("dictionary", "entity"):
                    return mention.name, "named_organization"
        for ent in doc.ents:
            if ent.start <= head.i < ent.end and ent.label_ in ("ORG", "NORP", "GPE"):
                return ent.text, "named_organization"
        return words, "anonymous"

    def _antecedent(self, document: Document, pronoun: Token) -> tuple[str | None, str | None]:
        """"He said" with no speaker before it: the last person the text named."""
        if pronoun.lower_ not in ("he", "she"):
            return None, None
        person = next((e for e in reversed(document.parsed.ents) if e.label_ == "PERSON" and e.end <= pronoun.i), None)
        return (person.text, "named_person") if person is not None else (None, None)

    def _outlet(self, document: Document, head: Token) -> str | None:
        for mention in document.actors:
            if mention.start <= head.idx < mention.end and mention.type == "media":
                return mention.name
        if head.lemma_.lower() in GENERIC_MEDIA:
            return document.parsed[head.left_edge.i:head.i + 1].text
        if head.ent_type_ == "ORG":
            ent = next((e for e in document.parsed.ents if e.start <= head.i < e.end), None)
            return ent.text if ent is not None else head.text
        return None

    def _quotes(self, document: Document, claims: list[Claim]) -> list[Quote]:
        doc = document.parsed
        text = document.text
        quotes = []
        for match in _DIRECT_QUOTE.finditer(text):
            start, end = match.start(1), match.end(1)
            sentence = doc.char_span(start, end, alignment_mode="expand")
            claim = None
            if sentence is not None:
                sent = sentence.sent
                claim = next((c for c in claims if sent.start <= c.verb < sent.end), None)
            attribution = claim.attribution if claim else None
            quotes.append(Quote(text[start:end], start, end, attribution.speaker if attribution else None,
                                attribution.speaker_type if attribution else None,
                                attribution.via if attribution else None))
        for claim in claims:  # indirect speech: what the reporting verb's clause says
            if not claim.scope:
                continue
            first, last = min(claim.scope), max(claim.scope)
            span = doc[first:last + 1]
            if len(span) < 4 or any(q.start <= span.start_char < q.end for q in quotes):
                continue
            body = span.text.rstrip(" ,.\n")
            quotes.append(Quote(body, span.start_char, span.start_char + len(body), claim.attribution.speaker,
                                claim.attribution.speaker_type, claim.attribution.via))
        return sorted(quotes, key=lambda q: q.start)


def _fill_generic_outlets(claims: list[Claim]) -> None:
    """"A source told local media": when the article names the outlet elsewhere, the generic words mean it."""
    named = next((c.attribution.via for c in claims if c.attribution.via and not _generic(c.attribution.via)), None)
    if named is None:
        return
    for claim in claims:
        if claim.attribution.via and _generic(claim.attribution.via):
            claim.attribution.via = named


def _generic(via: str) -> bool:
    """"local media", "reporters": no name, only a kind of outlet."""
    return via == via.lower()
