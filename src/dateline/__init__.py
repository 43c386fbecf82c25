"""dateline: news articles in, event data out — who did what to whom, where, when, according to whom.

    import dateline
    result = dateline.extract("Gunmen killed three farmers near Kaduna on Monday.", published="2024-03-06")
    for event in result.events:
        print(event.type, event.acled_sub_event_type, event.location.name, event.date.value)

    with dateline.open("dateline.db") as store:
        store.events(country="IQ", since="2017-01-01")
"""
from __future__ import annotations

from .article import (
    ActorMention,
    Article,
    Attribution,
    Entity,
    Event,
    EventDate,
    Evidence,
    Extraction,
    Location,
    Party,
    Place,
    Quote,
    ReadFailure,
)
from .errors import DatelineError, ExportError, InputError, ModelError, PipelineError, StageError, StoreError
from .library import extract, open
from .pipeline import Pipeline
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "ActorMention", "Article", "Attribution", "DatelineError", "Entity", "Event", "EventDate", "Evidence",
    "ExportError", "Extraction", "InputError", "Location", "ModelError", "Party", "Pipeline", "PipelineError", "Place",
    "Quote", "ReadFailure", "Settings", "StageError", "StoreError", "__version__", "extract", "open",
]
