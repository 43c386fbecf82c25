"""What every stage shares: the `Document` it reads and adds to, and the `@stage` registry.

Kept apart from the package's `__init__`, which imports every stage module, so that a stage importing these
never imports itself back.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from ..article import ActorMention, Article, Attribution, DateMention, Entity, Event, Extraction, Place, Quote
from ..errors import PipelineError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..resources import Resources


@dataclass(slots=True)
class Claim:
    """A reporting clause ("a source told Al-Sumaria News that ..."): who says what, through whom."""

    verb: int  # token index of the reporting verb
    scope: frozenset[int]  # token indices of what is reported
    attribution: Attribution
    status: str  # claimed|denied|asserted


@dataclass(slots=True)
class Document:
    """An article on its way through the pipeline: the spaCy parse and every layer the stages add."""

    article: Article
    doc: Doc | None = None
    entities: list[Entity] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # the candidates an event absorbed as restatements of it (by the kept event's id): the judge may find
    # one of them the better sentence for the happening
    restated: dict[str, list[Event]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    focus_country: str | None = None  # the country the article is mostly about (ISO alpha-2)
    dateline: Place | None = None  # the place the report was filed from ("KIRKUK, Iraq (Reuters) -")

    _text: tuple[Doc, str] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The parse's text, joined once: spaCy's `Doc.text` joins every token's text at each reading, and
        stages that read it in a loop paid that each time (a third of a one-process run, in one profile)."""
        doc = self.parsed
        if self._text is None or self._text[0] is not doc:
            self._text = (doc, doc.text)
        return self._text[1]

    @property
    def parsed(self) -> Doc:
        """The spaCy parse, for the stages after nlp (the pipeline is checked to run them after it)."""
        if self.doc is None:
            raise PipelineError(f"{self.article.doc_id} has no parse: the nlp stage has not run on it", code="E202")
        return self.doc

    def extraction(self) -> Extraction:
        return Extraction(article=self.article, entities=self.entities, places=self.places,
                          events=self.events, quotes=self.quotes)


StageFn = Callable[[Document], Document]
Factory = TypeVar("Factory", bound="Callable[[Resources], StageFn]")


@dataclass(frozen=True, slots=True)
class StageInfo:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: Callable[[Resources], StageFn]


REGISTRY: dict[str, StageInfo] = {}


def stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> Callable[[Factory], Factory]:
    """Register a stage factory under `name`."""

    def register(factory: Factory) -> Factory:
        REGISTRY[name] = StageInfo(name, tuple(requires), tuple(assigns), factory)
        return factory

    return register
