"""Actors: named groups, forces and organisations from the dictionary (ISIL = ISIS = Daesh), generic agents
("Iraqi troops", "gunmen", "protesters") typed and given a country from their words or the article."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..article import ActorMention, Entity
from ..data import load_data
from ..gazetteer import ARABIC_ARTICLES, normalise
from .base import Document, stage
from .places import BRACKETED

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..gazetteer import Country
    from ..resources import Resources

MAX_ALIAS_TOKENS = 8
NAME_PATTERNS = {  # ACLED-style names of generic agents, by kind
    "state_forces": "Military Forces of {country}",
    "police": "Police Forces of {country}",
    "rebels": "Unidentified Armed Group ({country})",  # "militants": ACLED names no group
    "political_militia": "Unidentified Armed Group ({country})",
    "protesters": "Protesters ({country})",
    "rioters": "Rioters ({country})",
    "civilians": "Civilians ({country})",
    "government": "Government of {country}",
}
POLICE_WORDS = {"police", "policeman", "policemen", "officer", "gendarme"}
# ACLED's own names of a country's sides, as notes written the ACLED way use them: "Military Forces of the
# Philippines", "Police Forces of Kenya", "Government of Colombia", "Civilians (Sudan)"
ACLED_NAMED = re.compile(r"\b(Military Forces|Police Forces|Government) of (?:the )?([A-Z][\w'’-]*(?: (?:of )?(?:the )?"
                         r"[A-Z][\w'’-]*){0,4})|\b(Civilians|Protesters|Rioters) \(([A-Z][\w'’ -]+)\)")
ACLED_KINDS = {"Military Forces": "state_forces", "Police Forces": "state_forces", "Government": "government",
               "Civilians": "civilians", "Protesters": "protesters", "Rioters": "rioters"}


@dataclass(frozen=True, slots=True)
class ActorEntry:
    name: str
    type: str
    country: str | None  # ISO alpha-2
    affiliation: str | None = None


class ActorDictionary:
    """Aliases to actors, demonyms to countries, agent nouns to actor kinds."""

    def __init__(self, entries: dict[str, ActorEntry], exact: dict[str, ActorEntry],
                 demonyms: dict[str, str | None], agents: dict[str, str], country_names: dict[str, str]):
        self.entries = entries  # normalised alias -> entry
        self.exact = exact  # case-sensitive aliases (acronyms such as IS, AP)
        # the words an alias can start with: most tokens start none, and are passed over at once
        self.first_words = {key.split()[0] for key in entries if key.split()} | \
            {normalise(key).split()[0] for key in exact if normalise(key).split()}
        self.demonyms = demonyms
        self.agents = agents
        self.country_names = country_names
        self.shared: dict[str, list[ActorEntry]] = {}  # an alias several actors have ("SNA"): all of them

    def add(self, alias: str, entry: ActorEntry) -> None:
        """Adds an alias; one another actor already has is kept for both, the article's country to choose."""
        table, key = (self.exact, alias) if alias.isupper() and len(alias) <= 5 else (self.entries, normalise(alias))
        if key in table and table[key].name != entry.name:
            self.shared.setdefault(key, [table[key]]).append(entry)
        table[key] = entry
        self.first_words |= set(normalise(alias).split()[:1])

    def resolve(self, key: str, entry: ActorEntry, country: str | None) -> ActorEntry:
        """Of the actors sharing an alias, the one of the article's country (else the last written)."""
        return next((e for e in self.shared.get(key, ()) if e.country == country), entry)

    @classmethod
    def load(cls, countries: dict[str, Country]) -> ActorDictionary:
        demonyms = {k: v for k, v in load_data("demonyms.json").items() if not k.startswith("_")}
        agents = {k: v for k, v in load_data("agents.json").items() if not k.startswith("_")}
        names = {code: country.name for code, country in countries.items()}
        dictionary = cls({}, {}, demonyms, agents, names)
        items = load_data("actors.json")["actors"]
        kinds = {item["name"]: item["type"] for item in items}
        for item in items:
            # a group's leader acts as the group does: the ACLED kind is the group's
            kind = kinds.get(item.get("affiliation"), item["type"])
            entry = ActorEntry(item["name"], kind, item.get("country"), item.get("affiliation"))
            for alias in item["aliases"]:
                dictionary.add(alias, entry)
        return dictionary

    def lookup(self, text: str) -> ActorEntry | None:
        text = text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        return self.exact.get(text) or self.entries.get(normalise(text))

    def country_name(self, code: str | None) -> str | None:
        return self.country_names.get(code) if code else None

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(word.lower())


@stage("actors", requires=("doc", "entities"), assigns=("actors", "focus_country"))
class ActorStage:
    def __init__(self, resources: Resources) -> None:
        self.dictionary = resources.actors
        self.gazetteer = resources.gazetteer

    def __call__(self, document: Document) -> Document:
        doc = document.parsed
        document.focus_country = self._focus_country(document)
        named = self._dictionary_mentions(doc, document.text, document.focus_country)
        mentions = [self._mention(doc, start, end, entry) for start, end, entry in named]
        written = self._acled_named(document.text)
        mentions = [m for m in mentions if not any(w.start <= m.start < w.end for w in written)] + written
        taken = {t.i for m in mentions for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ()}
        for token in doc:
            if token.i in taken or token.pos_ not in ("NOUN", "PROPN"):
                continue
            kind = self._agent_kind(token)
            if kind:
                mentions.append(self._agent(document, token, kind, named))
        bracketed = [m.span() for m in BRACKETED.finditer(document.text)]
        for ent in document.entities:  # named people, organisations and states the dictionary does not know
            if ent.label not in ("PERSON", "ORG", "GPE") or any(s <= ent.start < e for s, e in bracketed):
                continue
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None or any(i in taken for i in range(span.start, span.end)):  # None: on no token
                continue
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            text = text.split(" (")[0]  # "Qamishli (Qamishli": the model ran into a bracketed place
            start = ent.start + ent.text.index(text)
            if document.text.startswith(" (", start + len(text)) and \
                    BRACKETED.match(document.text, start + len(text) + 1):
                continue  # "Myawaddy (Myawaddy, Kayin)": where it happened, the way ACLED notes name places
            if ent.label == "GPE":  # "the United States", "Baghdad said": the state acting, a government
                code = self.gazetteer.country_code(text)
                if code is None and span.root.dep_ not in ("nsubj", "nsubjpass"):
                    continue  # a town is where things happen unless it speaks or acts
                country = self.dictionary.country_name(code) if code else None
                mentions.append(ActorMention(start, start + len(text), text, f"Government of {country}" if country
                                             else text, "government", country, "state"))
                continue
            kind = "person" if ent.label == "PERSON" else "organization"
            mentions.append(ActorMention(start, start + len(text), text, text, kind, None, "entity"))
        mentions.sort(key=lambda m: m.start)
        titles = _titles(doc, document.text, mentions, document.entities)
        document.actors = sorted(mentions + titles, key=lambda m: m.start)
        return document

    def _acled_named(self, text: str) -> list[ActorMention]:
        """Sides written by ACLED's own names, with the country they name: "Military Forces of Israel" is
        Israel's army wherever it strikes. The longest country name the words start with counts."""
        found = []
        for match in ACLED_NAMED.finditer(text):
            label = match.group(1) or match.group(3)
            words = (match.group(2) or match.group(4)).split(" ")
            for n in range(len(words), 0, -1):
                code = self.gazetteer.country_code(" ".join(words[:n]))
                if code:
                    break
            else:
                continue
            country = self.dictionary.country_name(code)
            end = (match.start(2) if match.group(2) else match.start(4)) + len(" ".join(words[:n]))
            end += 1 if match.group(4) else 0  # the closing bracket
            name = f"{label} of {country}" if match.group(2) else f"{label} ({country})"
            found.append(ActorMention(match.start(), end, text[match.start():end], name, ACLED_KINDS[label],
                                      country, "dictionary"))
        return found

    def _dictionary_mentions(self, doc: Doc, text: str, country: str | None) -> list[tuple[int, int, ActorEntry]]:
        """Longest dictionary matches over the tokens: (start token, end token, entry); an alias several
        actors share is the one of `country`, the article's."""
        found: list[tuple[int, int, ActorEntry]] = []
        i = 0
        firsts = self.dictionary.first_words
        words = [t.text for t in doc]
        starts = [t.idx for t in doc]
        ends = [start + len(word) for start, word in zip(starts, words, strict=True)]
        while i < len(doc):
            head = normalise(words[i]).split()
            if not head or head[0] not in firsts:
                i += 1
                continue
            for n in range(min(MAX_ALIAS_TOKENS, len(doc) - i), 0, -1):
                span_text = text[starts[i]:ends[i + n - 1]]
                key = span_text if span_text in self.dictionary.exact else normalise(span_text)
                entry = self.dictionary.exact.get(span_text) or (
                    self.dictionary.entries.get(key) if _name_like(span_text) else None)
                if entry:
                    entry = self.dictionary.resolve(key, entry, country)
                    found.append((i, i + n, entry))
                    i += n
                    break
            else:
                i += 1
        return found

    def _mention(self, doc: Doc, start: int, end: int, entry: ActorEntry) -> ActorMention:
        span = doc[start:end]
        # "ISIL militants", "Houthi rebels": the agent noun right after the name belongs to the mention
        if end < len(doc) and doc[end].lemma_.lower() in self.dictionary.agents and doc[end].pos_ in ("NOUN", "PROPN"):
            span = doc[start:end + 1]
        return ActorMention(span.start_char, span.end_char, span.text, entry.name, entry.type,
                            self.dictionary.country_name(entry.country), "dictionary")

    def _agent_kind(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if lemma in ("member", "personnel", "unit", "element"):
            # "gang members", "army personnel", "police units": the kind is in the modifier
            for child in token.lefts:
                if child.dep_ in ("compound", "amod") and child.lemma_.lower() in self.dictionary.agents:
                    return self.dictionary.agents[child.lemma_.lower()]
        if lemma == "force" and token.tag_ != "NNS":
            return None  # "by force", "use of force"
        if lemma in ("people", "person", "family", "woman", "child", "worker") and not _victim_context(token):
            return None
        return self.dictionary.agents.get(lemma)

    def _agent(self, document: Document, token: Token, kind: str,
               named: list[tuple[int, int, ActorEntry]]) -> ActorMention:
        doc = document.parsed
        left = token.i
        country = None
        for child in token.lefts:  # "Iraqi security forces", "pro-government militias"
            if child.dep_ in ("amod", "compound", "nmod", "npadvmod") or child.tag_ == "NNP":
                code = self.dictionary.demonym(child.text) or self.gazetteer.country_code(child.text)
                if code:
                    country = code
                left = min(left, child.left_edge.i if child.dep_ != "det" else child.i)
        member_of = None
        for child in token.rights:  # "forces of Iraq", "fighters from JNIM"
            if child.dep_ == "prep" and child.text.lower() in ("of", "from"):
                for obj in child.children:
                    code = self.gazetteer.country_code(obj.text)
                    if code and child.text.lower() == "of":
                        country = code
                    group = next((e for s, e_, e in named if s <= obj.i < e_), None)
                    if group is not None and group.type in ("rebels", "political_militia", "identity_militia"):
                        member_of = group
        while left < token.i and doc[left].dep_ in ("det", "punct", "nummod", "quantmod"):
            left += 1
        affiliated = member_of or next((e for s, e_, e in named if s >= left and e_ <= token.i + 1), None)
        span = doc[left:token.i + 1]
        if affiliated is not None:
            return ActorMention(span.start_char, span.end_char, span.text, affiliated.name, affiliated.type,
                                self.dictionary.country_name(affiliated.country), "dictionary")
        if country is None and kind in ("state_forces", "government", "civilians", "protesters", "rioters"):
            country = document.focus_country
        name_kind = "police" if token.lemma_.lower() in POLICE_WORDS else kind
        country_name = self.dictionary.country_name(country)
        pattern = NAME_PATTERNS.get(name_kind)
        if pattern and country_name:
            name = pattern.format(country=country_name)
        elif pattern:
            name = pattern.replace(" of {country}", "").replace(" ({country})", "")
        else:
            name = token.lemma_
        return ActorMention(span.start_char, span.end_char, span.text, name, kind, country_name, "agent")

    def _focus_country(self, document: Document) -> str | None:
        """The country the article is mostly about: the one its place names and demonyms name most. Each
        place name votes once however often it is repeated, and a name that several countries' towns
        share votes weakly: a local paper's "Paris" six times must not outvote "Texas" and "Dallas"."""
        votes: defaultdict[str, float] = defaultdict(float)  # half a vote for a town other countries share
        seen: set[str] = set()
        for ent in document.entities:
            if ent.label == "NORP":
                code = self.dictionary.demonym(ent.text)
                if code:
                    votes[code] += 1
            elif ent.label in ("GPE", "LOC", "FAC") and ent.text.lower() not in seen:
                seen.add(ent.text.lower())
                code = self.gazetteer.country_code(ent.text)
                candidates = self.gazetteer.candidates(ent.text)
                if code:  # "Georgia" also names a US state: a weaker vote
                    shared = any(e.feature_code == "ADM1" for e in candidates)
                    votes[code] += 1 if shared else 2
                else:
                    best = max(candidates, key=lambda e: e.population, default=None)
                    if best is not None and best.population > 20000:
                        countries = {e.country_code for e in candidates if e.population >= 1000}
                        votes[best.country_code] += 2 if len(countries) == 1 else 0.5
        return max(votes, key=votes.__getitem__) if votes else None  # of equals, the first counted


_ARTICLE_PREFIX = re.compile(rf"(?:{'|'.join(ARABIC_ARTICLES)})-[A-Z]")


def _name_like(text: str) -> bool:
    """Written as a name: a capital first, an Arabic article before one ("al-Shabaab", "ad-Dawla"), or a
    number before one ("444 Brigade")."""
    if text[:1].isdigit():  # "444 Brigade", "400 Mawozo": a number before a name
        return any(word[:1].isupper() for word in text.split()[1:])
    return text[:1].isupper() or bool(_ARTICLE_PREFIX.match(text))


LEADER_NOUNS = {"leader", "chief", "head", "commander", "emir", "founder", "boss", "chairman", "spokesman",
                "spokesperson", "spokeswoman"}


def _titles(doc: Doc, text: str, mentions: list[ActorMention], entities: list[Entity]) -> list[ActorMention]:
    """A group's leader named once ("Islamic State leader Abu Bakr al-Baghdadi", "al-Baghdadi, the ISIL
    chief,") and later by title only ("the ISIL chief"): the title is a mention of that person, of the
    group's kind. Returns the title mentions that name a known person."""
    persons = [(e.start, e.end) for e in entities if e.label == "PERSON"]
    people = [m for m in mentions if m.type == "person" or any(s <= m.start < e for s, e in persons)]
    leaders: dict[str, ActorMention] = {}
    titles = []
    for group in (m for m in mentions if m.source == "dictionary"):
        span = doc.char_span(group.start, group.end, alignment_mode="expand")
        if span is None:
            continue
        if span[-1].lemma_.lower() in LEADER_NOUNS:  # the dictionary took the title in: "ISIL spokesman"
            title = span[-1]
        elif span.end < len(doc) and doc[span.end].lemma_.lower() in LEADER_NOUNS:
            title = doc[span.end]
        else:
            continue
        title_end = title.idx + len(title.text)
        named = next((p for p in people if 0 <= p.start - title_end <= 1), None)  # "ISIL leader Abu Bakr"
        before = doc[span.start - 1] if span.start > 0 else None
        start = before.idx if before is not None and before.lower_ == "the" else group.start
        if named is None and before is not None and before.lower_ == "the":  # "al-Baghdadi, the ISIL chief"
            comma = text[:start].rstrip()
            named = next((p for p in people if comma.endswith(",") and p.end == len(comma[:-1].rstrip())), None)
        if named is not None:
            leaders[group.name] = named
            continue
        if group.name in leaders:
            person = leaders[group.name]
            titles.append(ActorMention(start, title_end, text[start:title_end], person.name, group.type,
                                       group.country, "title"))
    return titles


def _victim_context(token: Token) -> bool:
    """'people' and the like are actors only as victims or crowds of an event, not in 'people say'."""
    return token.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "appos") or any(
        c.like_num or c.lower_ in ("dozens", "hundreds", "thousands") for c in token.children)
