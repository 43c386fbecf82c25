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
from pathlib import Path

from ..article import Extraction, ReadFailure
from ..pipeline import DEFAULT_STAGES, Pipeline
from ..settings import Settings
from .local import Item, Result, _batches, _process

_pipelines: dict[tuple, Pipeline] = {}


def _work(batch: list[Item], settings: Settings, names: tuple[str, ...], part: Path | None = None) -> list[Result]:
    """A task on a worker: build the pipeline on first use in this process, then reuse it. With `part`, the
    worker writes the batch's events there itself and sends back only summaries."""
    key = (settings, names)
    if key not in _pipelines:
        _pipelines[key] = Pipeline.build(names, settings=settings)
    results = _process(_pipelines[key], batch)
    if part is None:
        return results
    from ..dataset import summary, write_part

    write_part(results, part)
    return [summary(r) for r in results]


def run(items: Iterable[Item], *, settings: Settings | None = None, address: str | None = None,
        names: tuple[str, ...] = DEFAULT_STAGES, parts: Path | None = None) -> Iterator[Extraction | ReadFailure]:
    """As the local runner; with `parts` (a folder every worker can write to) each worker writes its
    batches' events as Parquet parts there."""
    from distributed import Client, LocalCluster  # imported here: only a Dask run needs it

    from ..dataset import part_path

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
            for number, batch in enumerate(_batches(items, settings.batch_size)):
                # pure=False: two equal batches are still two tasks; at most two per worker in flight
                part = part_path(parts, number) if parts is not None else None
                pending.append(client.submit(_work, batch, settings, names, part, pure=False))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        if cluster is not None:
            cluster.close()


__all__ = ["run"]
