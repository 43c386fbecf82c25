"""The records dateline works with: an article as read, and what the stages find in it.

Plain dataclasses: stages build them, the store writes them, `to_dict()` gives the contract's JSON shape
(see docs/contract.md).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any


def content_id(text: str) -> str:
    """A stable id for a document without one: the first 16 hex digits of the sha1 of its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One news article as a reader found it. Every offset in the output refers to `text`."""

    doc_id: str
    text: str
    title: str | None = None
    sections: list[str] = field(default_factory=list)
    source_id: str | None = None
    published: dt.date | None = None  # chosen once, by the reader (readers.published.publication_date)
    outlet: str | None = None
    url: str | None = None
    language: str | None = "en"
    origin: str | None = None  # where it came from: a path, "path:line"

    def __post_init__(self) -> None:
        # a string here would reach the stages unparsed, a datetime would print its time in the output
        if self.published is not None and type(self.published) is not dt.date:
            raise TypeError(f"Article.published is a datetime.date or None, not {type(self.published).__name__}"
                            f" ({self.published!r}); read strings with readers.published.normalise_date")

    @property
    def published_iso(self) -> str | None:
        """The publication date as the output and the store write it: YYYY-MM-DD."""
        return self.published.isoformat() if self.published is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "sections": list(self.sections), "source_id": self.source_id,
                "published": self.published_iso, "outlet": self.outlet, "url": self.url,
                "language": self.language, "text": self.text}


@dataclass(slots=True)
class ReadFailure:
    """An input that could not be read: it becomes an error line, and the run goes on."""

    doc_id: str
    origin: str
    reason: str
    code: str = "E100"

    @property
    def message(self) -> str:
        return f"[{self.code}] {self.origin}: {self.reason}"


@dataclass(slots=True)
class Entity:
    text: str
    label: str
    start: int
    end: int
    canonical: str | None = None


@dataclass(slots=True)
class Place:
    """A toponym in the text, resolved to a gazetteer entry where one fits."""

    text: str
    start: int
    end: int
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    feature_code: str | None
    precision: str | None  # point|city|admin2|admin1|country|region
    population: int = 0

    def location(self) -> Location:
        return Location(name=self.name, geonameid=self.geonameid, lat=self.lat, lon=self.lon,
                        country_code=self.country_code, admin1=self.admin1, precision=self.precision)


@dataclass(slots=True)
class Location:
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    precision: str | None

    @property
    def key(self) -> int | str | None:
        """What tells two locations apart: the GeoNames id, else (a region of our own) the name."""
        return self.geonameid if self.geonameid is not None else self.name


@dataclass(slots=True)
class Party:
    """An actor or recipient of an event: the words of the text and who they are."""

    text: str | None
    name: str | None
    type: str  # ACLED actor kind, or government|media|organization|person|other
    country: str | None


@dataclass(slots=True)
class ActorMention:
    """A span of the text that names an actor (from the dictionary, a generic agent, or an entity)."""

    start: int  # character offsets
    end: int
    text: str
    name: str
    type: str
    country: str | None
    source: str  # dictionary|agent|entity

    def party(self) -> Party:
        return Party(text=self.text, name=self.name, type=self.type, country=self.country)


@dataclass(slots=True)
class DateMention:
    """A time expression and the calendar date it resolves to."""

    text: str
    start: int
    end: int
    value: str | None  # YYYY-MM-DD
    precision: str  # day|week|month|year|unknown


@dataclass(slots=True)
class EventDate:
    value: str | None
    precision: str


@dataclass(slots=True)
class Attribution:
    speaker: str | None
    speaker_type: str | None
    via: str | None
    anonymous: bool
    verb: str | None = None


@dataclass(slots=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_type: str | None
    via: str | None


@dataclass(slots=True)
class Event:
    id: str
    type: str | None
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor: Party | None
    recipient: Party | None
    location: Location | None
    date: EventDate
    fatalities: int | None
    status: str
    attribution: Attribution | None
    evidence: Evidence
    confidence: float
    trigger: str = ""
    counts: dict[str, int] = field(default_factory=dict)  # injured, arrested, ...
    frame: tuple[str, ...] = ()  # the trigger's grammatical frame, for the event model (not in the output)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        del data["frame"]
        return data


# an event as one row: the store's events table, and the columns a happening copies from its first report
EVENT_COLUMNS = ("id", "article_id", "type", "mode", "acled_event_type", "acled_sub_event_type",
                 "actor_text", "actor_name", "actor_type", "actor_country",
                 "recipient_text", "recipient_name", "recipient_type", "recipient_country",
                 "place_name", "geonameid", "lat", "lon", "country_code", "admin1", "location_precision",
                 "date", "date_precision", "fatalities", "status", "speaker", "speaker_type", "via", "anonymous",
                 "evidence", "evidence_start", "evidence_end", "confidence")


@dataclass(slots=True)
class Extraction:
    """Everything the pipeline found in one article: one output line of `dateline extract`."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    error: str | None = None

    @property
    def doc_id(self) -> str:
        return self.article.doc_id

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.article.doc_id,
            "error": self.error,
            "article": self.article.to_dict(),
            "entities": [dataclasses.asdict(e) for e in self.entities],
            "places": [_place_dict(p) for p in self.places],
            "events": [e.to_dict() for e in self.events],
            "quotes": [dataclasses.asdict(q) for q in self.quotes],
        }


def _place_dict(place: Place) -> dict[str, Any]:
    data = dataclasses.asdict(place)
    data.pop("population")
    return data


def failure_dict(failure: ReadFailure) -> dict[str, Any]:
    """The output line of an input that could not be read."""
    return {"doc_id": failure.doc_id, "error": failure.message, "origin": failure.origin, "code": failure.code}
