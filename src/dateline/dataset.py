"""Extraction results as a Parquet dataset: one part file per batch, written where the batch was extracted
(by the Dask worker itself, or by the local runner), so a cluster's results never pass through one process.

    dateline extract corpus/ --dask tcp://scheduler:8786 --parquet events/

Each row is one event with the article it came from; `read_dataset(folder)` gives them back in one table.
The layout (columns and types) is the store's events table plus doc_id, title, outlet, url and published.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from .article import Article, Extraction, ReadFailure
from .store.db import EVENT_COLUMNS, event_row

if TYPE_CHECKING:
    import pyarrow as pa

ARTICLE_COLUMNS = ("doc_id", "title", "outlet", "url", "published")
FLOATS = {"lat", "lon", "confidence"}
INTEGERS = {"geonameid", "fatalities", "evidence_start", "evidence_end", "anonymous", "article_id", "n_mentions",
            "n_articles", "n_outlets", "n_independent", "acled_disputed"}
COLUMNS = tuple(c for c in EVENT_COLUMNS if c != "article_id") + ARTICLE_COLUMNS


def arrow() -> tuple[ModuleType, ModuleType]:
    """pyarrow and pyarrow.parquet, imported when a Parquet file is first read or written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pa, pq


def schema(columns: Sequence[str] = COLUMNS) -> pa.Schema:
    """Fixed types by column name (the store's own): every part of a dataset, or every batch of an export,
    has the same schema whatever values it happens to hold."""
    pa, _ = arrow()
    return pa.schema([(c, pa.float64() if c in FLOATS else pa.int64() if c in INTEGERS else pa.string())
                      for c in columns])


def event_rows(results: list[Extraction | ReadFailure]) -> list[dict]:
    rows = []
    for result in results:
        if isinstance(result, ReadFailure) or result.error:
            continue
        a = result.article
        for event in result.events:
            row = dict(zip(EVENT_COLUMNS, event_row(event, None), strict=True))
            del row["article_id"]
            rows.append({**row, "doc_id": a.doc_id, "title": a.title, "outlet": a.outlet, "url": a.url,
                         "published": a.published_iso})
    return rows


def write_part(results: list[Extraction | ReadFailure], path: Path) -> int:
    """One batch's events as one Parquet file (written whole, then renamed: a half-written part never
    appears); returns the number of events."""
    pa, pq = arrow()
    rows = event_rows(results)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema()), partial)
    partial.replace(path)
    return len(rows)


def summary(result: Extraction | ReadFailure) -> Extraction | ReadFailure:
    """What the caller still needs once a batch is written: which document, and its error if any."""
    if isinstance(result, ReadFailure):
        return result
    a = result.article
    return Extraction(article=Article(doc_id=a.doc_id, text="", origin=a.origin), error=result.error)


def part_path(folder: Path, number: int) -> Path:
    return folder / f"part-{number:06d}.parquet"


def read_dataset(folder: str | Path) -> pa.Table:
    """Every part of a dataset as one pyarrow Table, ordered by event id."""
    pa, pq = arrow()
    parts = sorted(Path(folder).glob("part-*.parquet"))
    table = pa.concat_tables([pq.read_table(p, schema=schema()) for p in parts]) if parts else schema().empty_table()
    return table.sort_by("id")
