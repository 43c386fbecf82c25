"""The two front doors of the Python API: `extract` for one text, `open` for a database."""
from __future__ import annotations

from functools import lru_cache

from .article import Article, Extraction, content_id
from .ingest.dates import normalise_date
from .pipeline import Pipeline
from .store import Store


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline.build()  # built on the first call, not at import


def extract(text: str, *, published: str | None = None, title: str | None = None, doc_id: str | None = None,
            outlet: str | None = None, url: str | None = None) -> Extraction:
    """Events, places, entities and quotes of one article text (used exactly as given)."""
    article = Article(doc_id=doc_id or content_id(text), text=text, title=title,
                      published=normalise_date(published) if published else None, outlet=outlet, url=url)
    return _pipeline()(article)


def open(path: str, *, readonly: bool = False) -> Store:  # noqa: A001 - the API reads dateline.open(path)
    """A dateline database, created (and migrated) if needed unless read-only."""
    return Store(path, readonly=readonly)
