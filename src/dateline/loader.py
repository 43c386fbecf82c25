"""Read, extract and store: what `dateline ingest` does, as a library function.

Articles the store already holds are skipped before extraction, and each batch is written in one
transaction, so running it again after an interruption finishes the work without doubling anything.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .article import Article, ReadFailure
from .ingest import read_inputs
from .runners import run
from .settings import Settings
from .store import Store


def _new_only(store: Store, items: Iterable[Article | ReadFailure], size: int,
              seen: set[str]) -> Iterator[Article | ReadFailure]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        ids = [i.doc_id for i in batch if isinstance(i, Article)]
        known = store.known(ids)
        for item in batch:
            if isinstance(item, Article):
                if item.doc_id in known or item.doc_id in seen:
                    continue
                seen.add(item.doc_id)
            yield item


def ingest(store: Store, inputs: Iterable[str], *, settings: Settings | None = None, published: str | None = None,
           progress: Callable[[dict[str, int]], None] | None = None, dask: str | None = None) -> dict[str, int]:
    """Ingest files and folders into the store; returns counts of what was added and what failed."""
    settings = settings or Settings()
    totals = {"articles": 0, "events": 0, "failures": 0, "skipped": 0}
    items = _new_only(store, read_inputs(inputs, published=published), settings.batch_size * 4, set())
    results = run(items, settings=settings, dask=dask)
    while batch := list(islice(results, settings.batch_size)):
        for key, value in store.write(batch).items():
            totals[key] += value
        if progress:
            progress(totals)
    return totals

