"""Runners: the same pipeline in this process, in a pool of worker processes, or on a Dask cluster."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article, Extraction, ReadFailure
from ..settings import Settings


def run(items: Iterable[Article | ReadFailure], *, settings: Settings | None = None,
        dask: str | None = None, parts: Path | None = None) -> Iterator[Extraction | ReadFailure]:
    """Extractions in input order: locally, or on Dask when `dask` is a scheduler address or "local".
    With `parts`, events are written as a Parquet dataset there and only summaries come back."""
    if dask is None:
        from .local import run as run_local

        return run_local(items, settings=settings, parts=parts)
    from .dask import run as run_dask

    return run_dask(items, settings=settings, address=None if dask == "local" else dask, parts=parts)
