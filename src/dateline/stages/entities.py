"""Named entities from the parse, with a canonical name where the actor dictionary knows one."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..article import Entity
from .base import Document, stage

if TYPE_CHECKING:
    from ..resources import Resources

KEPT_LABELS = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "DATE", "TIME", "CARDINAL", "QUANTITY"}


@stage("entities", requires=("doc",), assigns=("entities",))
class EntityStage:
    def __init__(self, resources: Resources) -> None:
        self.actors = resources.actors

    def __call__(self, document: Document) -> Document:
        entities = []
        for ent in document.parsed.ents:
            if ent.label_ not in KEPT_LABELS or not ent.text.strip():
                continue
            start, end = _trim(ent.text, ent.start_char, ent.end_char)
            text = document.article.text[start:end]
            entry = self.actors.lookup(text) if ent.label_ in ("ORG", "NORP", "PERSON", "GPE") else None
            entities.append(Entity(text=text, label=ent.label_, start=start, end=end,
                                   canonical=entry.name if entry else None))
        document.entities = entities
        return document


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding whitespace (spaCy entities may end on a newline token)."""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    return start + lead, start + lead + len(stripped)
