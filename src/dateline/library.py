"""The two front doors of the Python API: `extract` for one text, `open` for a database."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .article import Article, Extraction, content_id
from .pipeline import Pipeline
from .readers.published import normalise_date
from .store import Store


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline.build()  # built on the first call, not at import


def extract(text: str, *, published: str | dt.date | None = None, title: str | None = None,
            doc_id: str | None = None, outlet: str | None = None, url: str | None = None) -> Extraction:
    """Events, places, entities and quotes of one article text (used exactly as given); `published` is a date
    or a string in a common spelling, relative dates ("on Monday") resolving against it."""
    if isinstance(published, str):
        published = normalise_date(published)
    elif isinstance(published, dt.datetime):
        published = published.date()
    article = Article(doc_id=doc_id or content_id(text), text=text, title=title, published=published,
                      outlet=outlet, url=url)
    return _pipeline()(article)


def open(path: str, *, readonly: bool = False) -> Store:  # noqa: A001 - the API reads dateline.open(path)
    """A dateline database, created (and migrated) if needed unless read-only."""
    return Store(path, readonly=readonly)
