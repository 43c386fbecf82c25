"""What the rules make of each training example: the pipeline without its judge, run over the corpus, so
the model learns from the same rule readings it is given in use (stages/judge.py)."""
from __future__ import annotations

from collections.abc import Sequence

from ..article import Article
from ..errors import ModelError
from .features import reading_of


def rule_readings(texts: Sequence[str]) -> list[dict[str, str] | None]:
    """The reading of each text's most confident rule candidate, or None where the rules find none."""
    from ..pipeline import RULE_STAGES, Pipeline
    from ..settings import Settings

    pipeline = Pipeline.build(RULE_STAGES, settings=Settings(workers=1, batch_size=64))
    readings = []
    articles = (Article(doc_id=f"train-{i}", text=text) for i, text in enumerate(texts))
    for extraction in pipeline.pipe(articles):
        if extraction.error:  # a reading missed would teach the model that the rules found nothing
            raise ModelError(f"the rules failed on training example {extraction.article.doc_id}: "
                             f"{extraction.error}", code="E603")
        events = extraction.events or []
        readings.append(reading_of(events[0]) if events else None)
    return readings
