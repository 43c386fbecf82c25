"""Judge: the learned event model decides which of the rules' candidates are events, and of which type.

The events stage proposes (a trigger word, its sides from the parse); this stage asks the model, for each
candidate's sentence read with the article's headline, whether it reports an ACLED-scope event that
happened. Below the threshold a candidate loses its ACLED coding; a candidate the model reads as no
PLOVER event either is dropped. The model's probability becomes the event's confidence (docs/model.md).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..article import Event
from ..classify.corpus import EVENT_TYPE
from ..classify.features import reading_of
from ..errors import PipelineError
from ..settings import ACLED_TYPINGS
from .base import Document, stage
from .events.merge import absorb, one_per_happening

if TYPE_CHECKING:
    from ..classify.model import Judgement
    from ..resources import Resources

# the PLOVER type an ACLED sub-event type usually has, when the model retypes a candidate
PLOVER_OF = {"Battles": "ASSAULT", "Explosions/Remote violence": "ASSAULT", "Violence against civilians": "ASSAULT",
             "Protests": "PROTEST", "Riots": "PROTEST", "Strategic developments": None}
PLOVER_OF_SUB = {"Mob violence": "ASSAULT", "Arrests": "COERCE", "Disrupted weapons use": "COERCE",
                 "Looting/property destruction": "COERCE", "Agreement": "AGREE",
                 "Headquarters or base established": "MOBILIZE", "Non-violent transfer of territory": "RETREAT"}


def context_of(document: Document, event: Event) -> str:
    """What the model reads besides the sentence: the article's headline (else a short first line that
    stands alone above the text), unless the sentence is it."""
    title = (document.article.title or "").strip()
    if not title:
        first, _, rest = document.article.text.strip().partition("\n")
        title = first.strip() if rest and len(first) < 200 else ""
    return "" if title and title in event.evidence.text else title


def best_told(group: list[Event], judgements: list[Judgement], threshold: float) -> tuple[Event, Judgement]:
    """The sentence that tells a happening: the rules' choice (the first), unless the model finds another
    of its sentences more clearly an event, which then takes what the others add (a count, a side, a date).
    Whether it is an event at all stays the rules' choice's to say: the best of several readings is a
    lucky draw more often than a better one (taking it cost precision on whole articles)."""
    if judgements[0].event < threshold:
        return group[0], judgements[0]
    best = max(range(len(group)), key=lambda i: (judgements[i].event, -i))
    event = group[best]
    if best:
        event.id = group[0].id  # the happening keeps its id, and so its place in the article's order
        event.fatalities = group[0].fatalities if group[0].fatalities else event.fatalities
        absorb(event, group[0])
    return event, judgements[best]


@stage("judge", requires=("events", "restated"), assigns=("judged",))
class JudgeStage:
    def __init__(self, resources: Resources) -> None:
        settings = resources.settings
        if settings.acled_typing not in ACLED_TYPINGS:
            raise PipelineError(f"acled_typing {settings.acled_typing!r} is not one of {', '.join(ACLED_TYPINGS)}",
                                code="E205")
        for name in ("event_threshold", "min_plover", "uncoded_threshold"):
            value = getattr(settings, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise PipelineError(f"{name} {value!r} is not a probability between 0 and 1", code="E205")
        self.model = resources.event_model
        self.threshold = settings.event_threshold if settings.event_threshold is not None else self.model.threshold
        self.typing = settings.acled_typing
        self.min_plover = settings.min_plover
        self.uncoded_threshold = max(settings.uncoded_threshold, self.threshold)

    def __call__(self, document: Document) -> Document:
        # each happening the rules found, with the sentences that restate it: the model reads them all and
        # the one it finds most clearly an event tells the happening
        groups = [[event, *document.restated.get(event.id, ())] for event in document.events]
        flat = [candidate for group in groups for candidate in group]
        judged = iter(self.model.judge((e.evidence.text, context_of(document, e), reading_of(e)) for e in flat))
        chosen = [best_told(group, [next(judged) for _ in group], self.threshold) for group in groups]
        kept: list[Event] = []
        coded: dict[tuple[int, bool], Event] = {}  # (sentence, weapons or not) -> the event coded for it
        # a sentence coded (by the rules, or the model before) keeps its other readings as they are
        # ("marched ... to demand higher pay": the protest, and the demand as a PLOVER event, not a second protest)
        coded_sentences = {event.evidence.start for event, _ in chosen if event.acled_event_type is not None}
        for event, judgement in sorted(chosen, key=lambda pair: -pair[1].event):
            if not self._decide(event, judgement, may_code=event.evidence.start not in coded_sentences):
                continue
            if event.acled_event_type is not None:
                coded_sentences.add(event.evidence.start)
                # one coded event per sentence, its most likely reading ("X was arrested after he was
                # identified": the arrest, once); weapons seized beside a fight are a second event
                key = (event.evidence.start, event.acled_sub_event_type == "Disrupted weapons use")
                if key in coded:
                    event.acled_event_type = event.acled_sub_event_type = None
                    event.confidence = self._below_coded(event.confidence)
                coded.setdefault(key, event)
            kept.append(event)
        document.events = one_per_happening(kept)
        return document

    def _decide(self, event: Event, judgement: Judgement, *, may_code: bool) -> bool:
        """Set the event's ACLED coding and confidence from the model; False when it is no event at all.
        `may_code`: whether the model may code a candidate the rules gave no ACLED reading."""
        if event.acled_event_type is None and may_code and self._codes_uncoded(judgement):
            self._retype(event, judgement.acled_type)
        if event.acled_event_type is not None and judgement.event >= self.threshold:
            self._type(event, judgement)
            event.confidence = round(judgement.event, 3)
            return True
        event.acled_event_type = event.acled_sub_event_type = None
        plover = 1.0 - judgement.plover["NONE"]
        if plover < self.min_plover:
            return False
        event.confidence = self._below_coded(min(event.confidence, plover))
        return True

    def _below_coded(self, score: float) -> float:
        """A score for an event with a PLOVER type only: below every coded event, in the same order."""
        return round(score * self.threshold * 0.5, 4)

    def _codes_uncoded(self, judgement: Judgement) -> bool:
        """Whether the model codes a candidate the rules gave no ACLED reading ("villagers beat the two men"):
        only when it is surer than for a reading the rules back (at the event threshold every such candidate
        was coded, which cost precision on whole articles), and never as ACLED's catch-all "Other", which the
        model says of a sentence that tells some side's move but not which."""
        return self.uncoded_threshold < 1.0 and judgement.event >= self.uncoded_threshold and \
            judgement.acled_type != "Other"  # 1 is off: a float32 probability can round up to 1

    def _type(self, event: Event, judgement: Judgement) -> None:
        if self.typing == "rules":
            return
        sub = judgement.acled_type
        rules = judgement.acled.get(event.acled_sub_event_type or "", 0.0)
        if self.typing == "blend" and rules * 2 >= judgement.acled[sub]:
            return  # the rules' reading stands unless the model gives another more than twice its probability
        if sub != event.acled_sub_event_type:
            self._retype(event, sub)

    @staticmethod
    def _retype(event: Event, sub: str) -> None:
        """Code the event as this ACLED sub-event type, and its PLOVER type to match."""
        event.acled_event_type, event.acled_sub_event_type = EVENT_TYPE[sub], sub
        plover = PLOVER_OF_SUB.get(sub) or PLOVER_OF[EVENT_TYPE[sub]] or event.type
        if plover != event.type:
            event.type, event.mode = plover, None
