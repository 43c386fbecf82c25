"""Run the pipeline here or in a pool of worker processes, keeping input order.

Each worker builds the pipeline once (model, gazetteer, dictionaries) and then takes batches. Read
failures pass through untouched, in their place.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

from ..article import Article, Extraction, ReadFailure
from ..pipeline import DEFAULT_STAGES, Pipeline
from ..settings import Settings

Item = Article | ReadFailure
Result = Extraction | ReadFailure
T = TypeVar("T")

_worker_pipeline: Pipeline | None = None


def _init_worker(settings: Settings, names: tuple[str, ...]) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline.build(names, settings=settings)


def _work(batch: list[Item]) -> list[Result]:
    assert _worker_pipeline is not None, "the pool's initializer builds it"
    return _process(_worker_pipeline, batch)


def _process(pipeline: Pipeline, batch: list[Item]) -> list[Result]:
    articles = [item for item in batch if isinstance(item, Article)]
    done = iter(pipeline.pipe(articles))
    return [next(done) if isinstance(item, Article) else item for item in batch]


def _written(results: Iterable[Result], size: int, parts: Path) -> Iterator[Result]:
    from ..dataset import part_path, summary, write_part

    for number, batch in enumerate(_batches(results, size)):
        write_part(batch, part_path(parts, number))
        yield from (summary(r) for r in batch)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run(items: Iterable[Item], *, settings: Settings | None = None, names: tuple[str, ...] = DEFAULT_STAGES,
        parts: Path | None = None) -> Iterator[Result]:
    """Extractions (and read failures) in input order, on `settings.workers` processes. With `parts`, each
    batch's events are written there as one Parquet part and only summaries (id, error) are yielded."""
    settings = settings or Settings()
    if parts is not None:
        yield from _written(run(items, settings=settings, names=names), settings.batch_size, parts)
        return
    batches = _batches(items, settings.batch_size)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if settings.workers <= 1 or second is None:  # one batch: a pool would only add start-up time
        pipeline = Pipeline.build(names, settings=settings)
        for batch in chain([first], [second] if second else [], batches):
            yield from _process(pipeline, batch)
        return
    context = multiprocessing.get_context("spawn")  # fork would copy a half-initialised parent
    with context.Pool(settings.workers, initializer=_init_worker, initargs=(settings, names)) as pool:
        # at most two batches per worker in flight: memory stays bounded whatever the input size
        # (Pool.imap would read the whole input ahead of the workers)
        pending: deque = deque()
        for batch in chain([first, second], batches):
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= 2 * settings.workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
