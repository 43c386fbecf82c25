"""Toponyms found and resolved to GeoNames: spaCy's GPE/LOC/FAC names plus gazetteer matches on proper
nouns ("Mosul University" is in Mosul), weighed by population, the article's country and its other places."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...article import Place
from ...gazetteer import REGION_CODES, Entry, km, normalise, own_name
from ..base import Document, stage
from ..nlp import DATELINE, DATELINE_REACH
from .geocoding import Geocoder

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...gazetteer import Entry
    from ...resources import Resources

DIRECTIONS = re.compile(r"^(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
                        r"northeastern|northwestern|southeastern|southwestern|greater|downtown|old|outer|"
                        r"north-?east|north-?west|south-?east|south-?west)\s+)+", re.IGNORECASE)
MONTHS_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
COMPASS = {"west", "east", "north", "south", "the west", "the east", "the north", "the south"}
MIN_POPULATION_UNTAGGED = 20000  # a proper noun spaCy did not call a place must be a sizeable town
MIN_POPULATION_BIG = 200_000  # and a city, when its name is also a verb or an adjective


BIG_CITY = 1_000_000  # a city whose initials the news may use for it ("NYC")
BIG_INSIDE_NAME = 100_000  # a town inside a product's or an event's name must be this big
BIG_ORG_HEAD = 50_000  # and one heading an organisation's name ("Gainesville Police", not "Ripley High School")
TITLES = {"president", "mayor", "mr", "mrs", "ms", "dr", "captain", "capt", "coach", "commissioner", "gov",
          "governor", "sen", "senator", "rep", "judge", "chief", "officer", "sgt", "lt", "col", "gen", "general",
          "sheriff", "deputy", "pastor", "rev", "father", "prince", "king", "queen", "minister", "secretary"}
# "(Bosaso, Bari)": a town and its province in brackets, the way ACLED notes and many wires place an event
BRACKETED = re.compile(r"\(([A-Z][^(),;\d]{1,40}), ([A-Z][^(),;\d]{1,40})\)")
# the name right before such a bracket is the town the note places the event in ("near Bol (Mamdi, Lac)")
_JOINS = "de|del|la|le|el|al|es|ez|ed|et|ad|ar|as|ash|az|an|ul|um|do|da|dos|das|di|du|des|van|von|upon|on"
NAME_BEFORE = re.compile(rf"(?<![\w'’-])([A-Z][\w'’.]*(?:[ -](?:[A-Z][\w'’.]*|{_JOINS}))*) $")
# "Kasese district", "Plateau State", "Nineveh governorate": a division named with its kind
ADMIN_NOUNS = ("district", "province", "region", "state", "county", "governorate", "division", "department",
               "municipality", "prefecture", "oblast", "wilaya", "parish", "zone")
ADMIN_NAMED = re.compile(r"\b((?:[A-Z][\w'’-]+ ){1,3})((?i:" + "|".join(ADMIN_NOUNS) + r"))\b")
# what joins a place to the larger places that say which one it is: "Jolo (Jolo, Sulu)", "Jos, Plateau State"
QUALIFIER_GAP = re.compile(r"^(?: \(|, )$")
MODIFIER_DEPS = {"compound", "poss", "amod", "nmod", "pobj"}
NOT_PLACES = {"PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "PERSON"}  # names no small town hides in
# words before a name that spaCy took for a person and that still make it a place ("in Tuz Khurmatu"); not
# "to" or "of", which persons follow as often ("writing to Abraham Lincoln")
LOCATIVE = {"in", "at", "near", "outside", "around", "into", "across", "towards", "toward"}
# words that make "of" locative: "north of X", "the outskirts of X", "on the road out of X"
LOCATIVE_OF = {"out", "outskirts", "edge", "north", "south", "east", "west", "northeast", "northwest", "southeast",
               "southwest"}
DIRECTION_WORDS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
                   "northeast", "northwest", "southeast", "southwest", "midwest", "upstate", "downtown"}
# the last word of a name that says what kind of thing it names: "the Riverside Community Centre" is no
# "Centre" (a province of Burkina Faso), "Ashford University" no "University" (a Florida town)
KIND_WORDS = {"centre", "center", "university", "college", "school", "academy", "institute", "hospital", "clinic",
              "church", "cathedral", "basilica", "mosque", "temple", "castle", "palace", "mall", "stadium", "arena",
              "hotel", "station", "bridge", "tower", "hall", "house", "museum", "library", "prison", "jail",
              "court", "farm", "wing", "club", "company", "group", "council", "office", "agency", "bank"}
PLACE_NOUNS = {"market", "town", "city", "village", "province", "district", "region", "area", "border", "airport"}


def _named_as_place(doc: Doc, i: int) -> bool:
    """The words before token i say a place follows: "the village of", "the town of", "near"."""
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lemma_.lower() in PLACE_NOUNS:
        return True
    return i >= 1 and doc[i - 1].lower_ in ("near", "outside", "in", "at") and doc[i].is_title


def _titled(doc: Doc, i: int) -> bool:
    """A title comes before token i: "Mayor David Cook", "coach Ripley"."""
    return i > 0 and doc[i - 1].lower_.rstrip(".") in TITLES


def _locative(doc: Doc, token: Token) -> bool:
    """A name spaCy took for a person that the words around it place on the map: "in Tuz Khurmatu"."""
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    start, end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end].lemma_.lower() if end < len(doc) else ""
    return before in LOCATIVE or after in PLACE_NOUNS or _named_as_place(doc, start) or (
        start > 1 and doc[start - 1].tag_ == "POS" and doc[start - 2].lower_ in LOCATIVE) or (
        before == "of" and start > 1 and doc[start - 2].lower_ in LOCATIVE_OF)


def _joined_by_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen inside a name, no space either side ("Kaga-Bandoro")."""
    return 0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and \
        not doc[i].whitespace_ and doc[i - 1].pos_ == "PROPN" and doc[i + 1].pos_ == "PROPN"


def qualified(text: str, place: Place) -> bool:
    """The place is named with the divisions around it, the way ACLED notes place an event: "Turbat (Kech,
    Balochistan)", "Jos, Plateau State"."""
    return bool(text.startswith(" (", place.end) and BRACKETED.match(text, place.end + 1)) or bool(
        re.match(r", (?:[A-Z][\w'’-]+ ){1,3}(?:" + "|".join(ADMIN_NOUNS) + r")\b", text[place.end:], re.IGNORECASE))


def _listed(text: str, spans: list[tuple[int, int, str]], m: int) -> bool:
    """The m-th name is followed by another after a comma or "and": one of a list of places."""
    if m + 1 >= len(spans):
        return False
    return bool(re.fullmatch(r",? (?:and |or )?|, ", text[spans[m][1]:spans[m + 1][0]]))


def _contains(area: Entry, entry: Entry) -> bool:
    """A division or country holds the place."""
    if area.country_code != entry.country_code or not area.country_code or entry.geonameid == area.geonameid:
        return False
    if area.feature_code == "PCLI":
        return entry.feature_code != "PCLI"
    if area.feature_code.startswith("ADM1"):
        return entry.admin1 == area.admin1 and not entry.feature_code.startswith("ADM1")
    if area.feature_code.startswith("ADM2") and entry.admin1 == area.admin1 and entry.lat is not None \
            and entry.lon is not None and area.lat is not None and area.lon is not None:
        return entry.feature_code.startswith("PPL") and km(area.lat, area.lon, entry.lat, entry.lon) < 100
    return False


def _dateline(datelines: list[re.Match[str]], places: list[Place]) -> Place | None:
    """The place a report was filed from, named by the dateline that opens its first paragraphs."""
    for match in datelines:
        place = next((p for p in places if p.start == match.start(1)), None)
        if place is not None and place.precision != "country":
            return place
    return None


@stage("places", requires=("doc", "actors", "focus_country"), assigns=("places", "dateline"))
class PlaceStage:
    def __init__(self, resources: Resources) -> None:
        self.gazetteer = resources.gazetteer
        self.actors = resources.actors
        self.geocoder = Geocoder(self.gazetteer)
        self.resources = resources

    def __call__(self, document: Document) -> Document:
        body = document.article.text
        datelines = list(DATELINE.finditer(body, 0, min(len(body), DATELINE_REACH)))  # "KIRKUK, Iraq (Reuters) -"
        spans = self._toponyms(document, datelines)
        context = {document.focus_country} if document.focus_country else set()
        for _, _, text in spans:
            code = self.gazetteer.country_code(text)
            if code:
                context.add(code)
        entries = self.geocoder.resolve_all([text for _, _, text in spans], focus=document.focus_country,
                                            context=context)
        chosen = self._qualified(document.text, spans, entries, document.focus_country, context)
        places = []
        for start, end, text in spans:
            entry = chosen.get(start) or entries.get(text)
            if entry is None:
                continue
            places.append(Place(text=document.text[start:end], start=start, end=end, name=entry.name,
                                geonameid=entry.geonameid, lat=entry.lat, lon=entry.lon,
                                country_code=entry.country_code or None, admin1=entry.admin1,
                                feature_code=entry.feature_code, precision=entry.precision,
                                population=entry.population))
        document.places = places
        document.dateline = _dateline(datelines, places)
        return document

    def _toponyms(self, document: Document, datelines: list[re.Match[str]]) -> list[tuple[int, int, str]]:
        """(start, end, name) of every toponym; a direction word before a name is not part of it."""
        doc = document.parsed
        actor_spans = [(m.start, m.end) for m in document.actors if m.source == "dictionary"]
        found: list[tuple[int, int, str]] = []
        taken: set[int] = set()
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            text = ent.text.strip().split(" (")[0]  # "Bol (Mamdi, Lac": the model ran into a bracketed place
            start = ent.start_char
            before = doc[ent.start - 1] if ent.start > 0 else None
            if before is not None and before.is_title and self.gazetteer.candidates(f"{before.text} {text}"):
                text, start = f"{before.text} {text}", before.idx  # "Iraqi Kurdistan": the model took "Kurdistan"
            if text.lower().startswith("the "):  # "the United States"
                text, start = text[4:], start + 4
            kind = re.search(r" (?:" + "|".join(ADMIN_NOUNS) + r")$", text, re.IGNORECASE)
            if kind and not self.gazetteer.candidates(text):  # "Bukidnon province": the province is Bukidnon
                text = text[:kind.start()]
            # "Eastern Mosul" is Mosul, but "West Virginia" and "South Sudan" are names of their own
            trimmed = text if self.gazetteer.candidates(text) else DIRECTIONS.sub("", text)
            if trimmed != text and (self._continent(trimmed) or trimmed.lower() in KIND_WORDS):
                continue  # "North Africa", "Southeast Asia": a region of its own; "the West Wing": a building
            start += len(text) - len(trimmed)
            if not trimmed or trimmed.islower() or trimmed.lower() in COMPASS or _titled(doc, ent.start) \
                    or any(s <= start < e for s, e in actor_spans) or self._acronym(trimmed):
                continue  # "coach Ripley" is a man
            found.append((start, start + len(trimmed), trimmed))
            taken.update(range(ent.start, ent.end))
        # proper nouns spaCy left out or called something else ("Mosul University", "the Hawija district")
        i = 0
        while i < len(doc):
            if doc[i].pos_ != "PROPN" or doc[i].i in taken or (
                    doc[i].ent_type_ == "PERSON" and not _locative(doc, doc[i]) and not self._town_named(doc[i])):
                i += 1
                continue
            j = i
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].i not in taken:
                j += 1
                if _joined_by_hyphen(doc, j) and self.gazetteer.candidates(doc[j - 1:j + 2].text):
                    j += 1  # "Kaga-Bandoro" is one town, not Kaga in Japan; "Dallas-Fort Worth" stays two
            for a in range(i, j):
                named = _named_as_place(doc, a)  # "the village of X", "in X": any size of place will do
                feature = a > 0 and doc[a - 1].text == "the"  # "along the Euphrates", not "The Atlantic" magazine
                match = next(((a, b) for b in range(j, a, -1)
                              if self._untagged_place(doc[a:b].text, named, feature=feature)), None)
                if match and named and match[1] < j:  # "at Ripley High School": the name goes on, no place
                    named = False
                    match = next(((a, b) for b in range(j, a, -1)
                                  if self._untagged_place(doc[a:b].text, feature=feature)), None)
                if match and not named and not self._inside_name(doc, match[0], match[1]):
                    match = None
                if match and self._named_on(doc, match[1], j) and not self._big(doc[match[0]:match[1]].text,
                                                                                BIG_ORG_HEAD):
                    match = None  # the head of a name of its own: "Abu Sayyaf", not a small Abu in India
                if match and (match[0] > i or doc[match[0]].ent_iob_ == "I") and \
                        doc[match[0]:match[1]].text.lower() in KIND_WORDS:
                    match = None  # the head of a longer name: "the Community Centre"
                if match and match[0] > 0 and doc[match[0] - 1].lower_ in DIRECTION_WORDS and \
                        self._continent(doc[match[0]:match[1]].text):
                    match = None  # "North Africa": a region of its own, not the continent
                if match:
                    span = doc[match[0]:match[1]]
                    if not any(s <= span.start_char < e for s, e in actor_spans):
                        found.append((span.start_char, span.end_char, span.text))
                    break
            i = j
        for dateline in datelines:
            start, end = dateline.span(1)
            name = document.text[start:end]
            if not any(f[0] < end and start < f[1] for f in found) and self._dateline_place(name):
                found.append((start, end, name))
        for bracket in BRACKETED.finditer(document.text):  # the town before "(district, province)"
            town = NAME_BEFORE.search(document.text, max(0, bracket.start() - 60), bracket.start())
            if town is None:
                continue
            words = town.group(1).split(" ")
            for k in range(len(words)):
                name = " ".join(words[k:])
                start = town.start(1) + len(" ".join(words[:k])) + (1 if k else 0)
                if name[:1].isupper() and not self.actors.lookup(name) and self.gazetteer.candidates(name):
                    found = [f for f in found if not (f[0] < start + len(name) and start < f[1])]
                    found.append((start, start + len(name), name))
                    break
        for division in ADMIN_NAMED.finditer(document.text):  # "in Kasese district": the model may call it anything
            name = division.group(1).strip()
            start = division.start(1)
            words = name.split(" ")
            for k in range(len(words)):
                part = " ".join(words[k:])
                at = start + len(" ".join(words[:k])) + (1 if k else 0)
                if part.lower() in DIRECTION_WORDS or self.actors.lookup(f"{part} {division.group(2)}") or \
                        self.actors.lookup(part) or any(f[0] <= at < f[1] for f in found):
                    continue
                if any(e.feature_code.startswith("ADM") and own_name(e.name, normalise(part))
                       for e in self.gazetteer.candidates(part)):
                    found.append((at, at + len(part), part))
                    break
        for bracket in BRACKETED.finditer(document.text):  # "(Bosaso, Bari)": a town and its province, the way
            for group in (1, 2):                      # ACLED notes and many wires place an event
                start, end = bracket.span(group)
                name = document.text[start:end].strip()
                if self.gazetteer.candidates(name):  # whole: "Nord-Kivu", not its "Nord"
                    found = [f for f in found if not (f[0] < end and start < f[1])] + [(start, start + len(name), name)]
        return sorted(set(found))

    def _qualified(self, text: str, spans: list[tuple[int, int, str]], entries: dict[str, Entry], focus: str | None,
                   context: set[str]) -> dict[int, Entry]:
        """Readings chosen by the larger places named right after a name ("Santa Cruz (Santa Cruz, Laguna)":
        the Santa Cruz of Laguna, not Bolivia's), each of those the division that holds the town, and by the
        kind of division a name is given ("Kasese district": the district); by the span's start."""
        chosen: dict[int, Entry] = {}
        for n, (start, end, name) in enumerate(spans):
            kind = re.match(r" (" + "|".join(ADMIN_NOUNS) + r")\b", text[end:end + 20], re.IGNORECASE)
            ranked = [entry for _, entry in self.geocoder.ranked(name, focus=focus, context=context)]
            if kind and not self.gazetteer.country_code(name):
                divisions = [e for e in ranked if e.feature_code.startswith("ADM")]
                if divisions:
                    chosen[start] = divisions[0]
            chain, last = [], end
            for m, later in enumerate(spans[n + 1:], start=n + 1):
                gap = text[last:later[0]]
                if gap == ", " and _listed(text, spans, m):
                    break  # "Washington, New York, Boston and Houston": a list, not a town and its state
                if not QUALIFIER_GAP.match(gap):
                    break
                chain.append(later)
                last = later[1]
            if not chain or self.gazetteer.country_code(name):
                continue
            areas = [e for _, _, other in chain for e in self.gazetteer.candidates(other)
                     if e.feature_code == "PCLI" or e.feature_code.startswith(("ADM1", "ADM2"))]
            current = chosen.get(start) or entries.get(name)

            # the later names (the province after the district) weigh more; this iteration's chain, bound now
            def held(entry: Entry, chain: list[tuple[int, int, str]] = chain) -> int:
                return sum(2 ** k for k, (_, _, other) in enumerate(chain) if any(
                    _contains(area, entry) for area in self.gazetteer.candidates(other)
                    if area.feature_code == "PCLI" or area.feature_code.startswith(("ADM1", "ADM2"))))

            if areas and ranked:
                best = max(ranked, key=held)  # max keeps the first of equals: the best ranked
                if held(best) > (held(current) if current is not None else 0):
                    chosen[start] = current = best
            for later_start, _, other in chain:  # the divisions the place is in, not their namesakes
                holding = [e for e in self.gazetteer.candidates(other) if current is not None and _contains(e, current)]
                known = entries.get(other)
                if holding and not any(e.geonameid == (known.geonameid if known else None) for e in holding):
                    chosen[later_start] = max(holding, key=lambda e: (e.feature_code.startswith("ADM1"), e.population))
        return chosen

    def _dateline_place(self, name: str) -> bool:
        """A dateline's name in capitals ("KIRKUK") is a place when a town, a province or a country has it."""
        key = normalise(name)
        return not self.actors.lookup(name) and any(
            own_name(e.name, key) and (e.population >= 1000 or e.feature_code.startswith(("PCLI", "ADM")))
            for e in self.gazetteer.candidates(name))

    def _inside_name(self, doc: Doc, a: int, b: int) -> bool:
        """A place inside another name: "Mosul University" is in Mosul and "University of Georgia" names
        Georgia, but "Abraham Lincoln", "coach Ripley", "Taco Bell" and a "Toyota Corolla" place nothing."""
        if _titled(doc, a) or a > 0 and doc[a - 1].ent_type_ == "PERSON":
            return False  # a surname
        if b + 1 < len(doc) and doc[b].lower_ == "of" and doc[b + 1].pos_ == "PROPN" and \
                normalise(doc[a:b].text) in self.resources.word_classes:
            return False  # the head of "University of Rochester", "Young Man of Arlington": the place follows
        return doc[a].ent_type_ not in NOT_PLACES or self._big(doc[a:b].text)

    def _town_named(self, token: Token) -> bool:
        """A city's name the model took for a person's, used as a modifier: "the Gainesville sewer system",
        "Alexandria woman charged". A one-word person that is a big town's own name, untitled, not acting."""
        doc = token.doc
        one_word = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
        return one_word and token.dep_ in MODIFIER_DEPS and not _titled(doc, token.i) and self._big(token.text)

    def _acronym(self, text: str) -> bool:
        """A short name in capitals ("MoD", "WA") is an organisation's or a code: a place only when it
        is a country's or a state's ("US", "UAE", "LA") or a great city's ("NYC")."""
        letters = text.replace(".", "")
        if len(letters) > 3 or sum(c.isupper() for c in letters) < 2:
            return False
        return not any(e.feature_code in ("PCLI", "ADM1") or e.population >= BIG_CITY
                       for e in self.gazetteer.candidates(text))

    def _continent(self, text: str) -> bool:
        return any(e.feature_code == "CONT" for e in self.gazetteer.candidates(text))

    def _big(self, text: str, least: int = BIG_INSIDE_NAME) -> bool:
        key = normalise(text)
        return any(e.population >= least or e.feature_code.startswith(("PCLI", "ADM"))
                   for e in self.gazetteer.candidates(text) if own_name(e.name, key))

    def _named_on(self, doc: Doc, b: int, j: int) -> bool:
        """The name goes on past a place with a word no dictionary knows, inside one name the model found
        ("Abu Sayyaf"), where "the Paris Walmart" or "the Dublin Singers" go on with a brand or a plain word."""
        if b >= j or doc[b].ent_iob_ != "I" or doc[b].ent_type_ in ("GPE", "LOC", "FAC"):
            return False
        words = self.resources.word_classes
        return not any(w in words for w in (doc[b].lemma_.lower(), doc[b].lower_, doc[b].lower_.removesuffix("s")))

    def _untagged_place(self, text: str, named_as_place: bool = False, *, feature: bool = False) -> bool:
        if text.islower() or text.lower() in MONTHS_DAYS or text.lower() in DIRECTION_WORDS or \
                self.actors.lookup(text) or self.actors.demonym(text) or self._acronym(text):
            return False
        key = normalise(text)  # only a place's own name, not one of its many alternate names
        # a capitalised word that is also a verb or an adjective ("Police", "Central", "Spring") is a place
        # only when big; nouns alone are too often towns ("Gainesville", "Mosul" are WordNet nouns)
        least = MIN_POPULATION_BIG if self.resources.describes(key) else MIN_POPULATION_UNTAGGED

        def fits(e: Entry) -> bool:  # a region spaCy did not call a place only where the text says so: "the Euphrates"
            if e.feature_code in REGION_CODES:
                return named_as_place or feature
            return named_as_place or e.population >= least or e.feature_code in ("PCLI", "ADM1")

        return any(fits(e) and own_name(e.name, key) for e in self.gazetteer.candidates(text))
