"""Stages: small named steps over a `Document`, each declaring what it needs and what it adds.

A stage registers with `@stage(name, requires=..., assigns=...)` on a factory that takes the shared
`Resources` and returns a callable `Document -> Document`. `Pipeline.build` checks the order before any
document is processed, the way spaCy's pipe analysis does.
"""
from __future__ import annotations

from .base import REGISTRY, Claim, Document, StageFn, StageInfo, stage

__all__ = ["REGISTRY", "Claim", "Document", "StageFn", "StageInfo", "load_all", "stage"]


def load_all() -> None:
    """Import the built-in stage modules so they register themselves."""
    from . import actors, attribution, dates, entities, events, judge, nlp, places, sides  # noqa: F401
