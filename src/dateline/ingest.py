"""Read, extract and store: what `dateline ingest` does, as a library function.

Articles the store already holds are skipped before extraction, and each batch is written in one
transaction, so running it again after an interruption finishes the work without doubling anything.
"""
from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .alerts import check_settings, notify
from .article import Article, ReadFailure
from .errors import StoreError
from .readers import estimate_total, read_inputs
from .runners import run
from .settings import Settings
from .store import Store


class _Recent:
    """The last `size` document ids read: a repeat still in flight is caught here, an older one is in the
    store by then. Bounded, so memory does not grow with the input."""

    def __init__(self, size: int = 100_000):
        self.order: deque[str] = deque(maxlen=size)
        self.ids: set[str] = set()

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self.ids

    def add(self, doc_id: str) -> None:
        if len(self.order) == self.order.maxlen:
            self.ids.discard(self.order[0])
        self.order.append(doc_id)
        self.ids.add(doc_id)


def _new_only(store: Store, items: Iterable[Article | ReadFailure], size: int,
              seen: _Recent, dropped: list[int]) -> Iterator[Article | ReadFailure]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        ids = [i.doc_id for i in batch if isinstance(i, Article)]
        known = store.known(ids)
        for item in batch:
            if isinstance(item, Article):
                if item.doc_id in known or item.doc_id in seen:
                    dropped[0] += 1
                    continue
                seen.add(item.doc_id)
            yield item


def _failures(batch: list) -> list[tuple[str, str, str]]:
    """(origin, code, reason) of what failed in one batch."""
    out = []
    for result in batch:
        if isinstance(result, ReadFailure):
            out.append((result.origin, result.code, result.reason))
        elif result.error:
            out.append((result.article.origin or result.doc_id, "E301", result.error))
    return out


def ingest(store: Store, inputs: Iterable[str], *, settings: Settings | None = None,
           published: dt.date | None = None, progress: Callable[[dict], None] | None = None,
           dask: str | None = None) -> dict[str, int]:
    """Ingest files and folders into the store; returns counts of what was added and what failed.

    The run and its progress are recorded in the store (`store.runs`), where the web UI reads them;
    `progress`, if given, is called after every batch with the same figures. Once the run is stored, the
    alerts' webhooks are told of the new events that match them (`alerts.notify`)."""
    inputs = list(inputs)
    return ingest_items(store, read_inputs(inputs, published=published), label=inputs,
                        total=estimate_total(inputs), settings=settings, progress=progress, dask=dask)


def ingest_items(store: Store, items: Iterable[Article | ReadFailure], *, label: list[str],
                 total: int | None = None, settings: Settings | None = None,
                 progress: Callable[[dict], None] | None = None, dask: str | None = None,
                 alerts: bool = True) -> dict[str, int]:
    """Ingest articles already read (a feed's items, say): `ingest` without the reading. `label` names the
    inputs in the store's record of runs; `alerts=False` leaves telling the alerts to the caller (a poll of
    many feeds tells them once)."""
    settings = settings or Settings()
    check_settings(settings)
    run_id = store.runs.start(label, total=total)
    written = {"articles": 0, "events": 0, "failures": 0, "skipped": 0}
    dropped = [0]  # articles the store already held, skipped before extraction

    def report(batch: list) -> dict[str, int]:
        counts = {**written, "skipped": written["skipped"] + dropped[0]}
        done = counts["articles"] + counts["failures"] + counts["skipped"]
        store.runs.update(run_id, done=done, counts=counts)
        if progress:
            progress({**counts, "done": done, "total": total, "failed": _failures(batch)})
        return counts

    state = "failed"  # until the last batch is written
    try:
        results = run(_new_only(store, items, settings.batch_size * 4, _Recent(), dropped), settings=settings,
                      dask=dask)
        while batch := list(islice(results, settings.batch_size)):
            for key, value in store.write(batch, story_threshold=settings.story_threshold).items():
                written[key] += value
            report(batch)
        counts = report([])
        state = "finished"
    except KeyboardInterrupt:
        state = "interrupted"
        raise
    finally:
        try:
            store.runs.finish(run_id, state=state)
        except StoreError:
            if state == "finished":
                raise
            # an error is already on its way up (a full disk, say): that one is the one to report
    if alerts:  # after the run is recorded: a webhook's failure is the alert's, never the ingest's
        notify(store, settings=settings)
    return counts
