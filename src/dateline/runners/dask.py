"""Run the pipeline on a Dask cluster: the same stages and settings on every worker, the model and
gazetteer loaded once per worker process, results in input order.

    for result in run(items, settings=settings, address="tcp://scheduler:8786"):   # or address=None
        ...

With no address, a LocalCluster of `settings.workers` single-threaded worker processes is started (and
closed at the end). Read failures pass through in their place, as with the local runner.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from ..article import Extraction, ReadFailure
from ..pipeline import DEFAULT_STAGES, Pipeline
from ..settings import Settings
from .local import Item, Result, _batches, _process

_pipelines: dict[tuple, Pipeline] = {}


def _work(batch: list[Item], settings: Settings, names: tuple[str, ...]) -> list[Result]:
    """A task on a worker: build the pipeline on first use in this process, then reuse it."""
    key = (settings, names)
    if key not in _pipelines:
        _pipelines[key] = Pipeline.build(names, settings=settings)
    return _process(_pipelines[key], batch)


def run(items: Iterable[Item], *, settings: Settings | None = None, address: str | None = None,
        names: tuple[str, ...] = DEFAULT_STAGES) -> Iterator[Extraction | ReadFailure]:
    from distributed import Client, LocalCluster  # imported here: only a Dask run needs it

    settings = settings or Settings()
    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=settings.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        address = cluster.scheduler_address
    try:
        with Client(address) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})) or settings.workers)
            pending: deque = deque()
            for batch in _batches(items, settings.batch_size):
                # pure=False: two equal batches are still two tasks; at most two per worker in flight
                pending.append(client.submit(_work, batch, settings, names, pure=False))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        if cluster is not None:
            cluster.close()


__all__ = ["run"]
