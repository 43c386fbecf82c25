"""The pipeline: named stages in order, checked when built, fed articles in batches.

    pipeline = Pipeline.build()                 # loads the model and data once
    for result in pipeline.pipe(articles):      # Extraction, or an Extraction with .error set
        ...
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from .article import Article, Extraction
from .errors import PipelineError, StageError
from .resources import Resources
from .settings import Settings
from .stages import REGISTRY, Document, load_all

RULE_STAGES = ("nlp", "entities", "actors", "places", "dates", "attribution", "events")  # what the rules make
DEFAULT_STAGES = (*RULE_STAGES, "judge", "sides")
log = logging.getLogger("dateline")


def check_order(names: Iterable[str]) -> None:
    """Raise PipelineError unless every stage's needs are added by an earlier one."""
    load_all()
    available = {"article"}
    seen = set()
    for name in names:
        if name not in REGISTRY:
            raise PipelineError(f"unknown stage {name!r}; known: {', '.join(sorted(REGISTRY))}", code="E201")
        if name in seen:
            raise PipelineError(f"stage {name!r} appears twice", code="E203")
        seen.add(name)
        info = REGISTRY[name]
        missing = [need for need in info.requires if need not in available]
        if missing:
            raise PipelineError(f"stage {name!r} needs {', '.join(missing)}, which no earlier stage adds",
                                code="E202")
        available.update(info.assigns)


class Pipeline:
    def __init__(self, names: tuple[str, ...], stages: list, settings: Settings):
        self.names = names
        self.stages = stages
        self.settings = settings

    @classmethod
    def build(cls, names: Iterable[str] = DEFAULT_STAGES, *, settings: Settings | None = None,
              resources: Resources | None = None) -> Pipeline:
        names = tuple(names)
        check_order(names)
        settings = settings or Settings()
        resources = resources or Resources(settings)
        stages = [REGISTRY[name].factory(resources) for name in names]
        return cls(names, stages, settings)

    def __call__(self, article: Article) -> Extraction:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extractions in input order. A stage that fails on one article marks that article only."""
        iterator = iter(articles)
        while batch := list(islice(iterator, self.settings.batch_size)):
            yield from self._batch(batch)

    def _batch(self, articles: list[Article]) -> list[Extraction]:
        documents = [Document(article=a) for a in articles]
        errors: dict[int, str] = {}
        for name, stage in zip(self.names, self.stages, strict=True):
            live = [d for i, d in enumerate(documents) if i not in errors]
            if hasattr(stage, "pipe") and len(live) > 1:
                try:
                    stage.pipe(live, self.settings.batch_size)
                    continue
                except Exception:  # fall back to one at a time to find the article that breaks it
                    log.debug("stage %s failed on a batch; retrying one by one", name, exc_info=True)
            for i, document in enumerate(documents):
                if i in errors:
                    continue
                try:
                    stage(document)
                except Exception as exc:
                    error = StageError(f"stage {name!r} failed on {document.article.doc_id}: "
                                       f"{type(exc).__name__}: {exc}", code="E301")
                    errors[i] = str(error)
        results = []
        for i, document in enumerate(documents):
            result = document.extraction()
            if i in errors:
                result = Extraction(article=document.article, error=errors[i])
            results.append(result)
        return results
