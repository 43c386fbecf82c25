"""Sources that grow: RSS/Atom feeds polled over HTTP and a folder that receives files. Each poll ingests
only what is new and remembers what it has read in the store (feeds, feed_items, folder_files), so a
watcher stopped and started again picks up where it was.

A feed item's own page is fetched for the full text when it links to one (`pages=True`); when the page
cannot be fetched or read, the text the feed carries is used.
"""
from __future__ import annotations

import datetime as dt
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__
from .alerts import notify
from .article import Article, ReadFailure
from .errors import InputError
from .ingest import ingest_items
from .readers import estimate_total, read_path, walk
from .readers.decode import decode
from .readers.feeds import read_feed
from .readers.html import read_html_page
from .settings import Settings
from .store import Store

MAX_BYTES = 20 * 1024 * 1024  # a feed or page larger than this is refused, not read into memory


@dataclass(frozen=True)
class Fetched:
    status: int
    body: bytes = b""
    etag: str | None = None
    modified: str | None = None


def fetch(url: str, *, etag: str | None = None, modified: str | None = None, timeout: float = 20.0) -> Fetched:
    """GET an http(s) URL, conditionally when an ETag or Last-Modified is known. Raises InputError (E110)."""
    if not url.lower().startswith(("http://", "https://")):
        raise InputError(url, "only http and https addresses are fetched", code="E110")
    request = urllib.request.Request(url, headers={"User-Agent": f"dateline/{__version__}"})
    if etag:
        request.add_header("If-None-Match", etag)
    if modified:
        request.add_header("If-Modified-Since", modified)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise InputError(url, f"larger than {MAX_BYTES // 2**20} MB", code="E110")
            return Fetched(response.status, body, response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(304)
        raise InputError(url, f"HTTP {exc.code} {exc.reason}", code="E110") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise InputError(url, f"cannot fetch: {getattr(exc, 'reason', exc)}", code="E110") from exc


def read_feed_list(path: str | Path) -> list[str]:
    """Feed addresses, one per line; blank lines and # comments skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _feed_articles(store: Store, url: str, *, pages: bool, timeout: float) -> Iterator[Article | ReadFailure]:
    etag, modified = store.watched.feed_state(url)
    try:
        got = fetch(url, etag=etag, modified=modified, timeout=timeout)
    except InputError as exc:
        store.watched.remember_feed(url, status=None, error=exc.reason)
        yield ReadFailure(url, url, exc.reason, code=exc.code)
        return
    store.watched.remember_feed(url, status=got.status, etag=got.etag, modified=got.modified)
    if got.status == 304:
        return
    try:
        items = list(read_feed(decode(got.body, url), origin=url))
    except InputError as exc:
        yield ReadFailure(url, url, exc.reason, code=exc.code)
        return
    seen = store.watched.items_seen(url)
    for item in items:
        if item.doc_id in seen:
            continue
        if isinstance(item, Article) and pages and item.url:
            item = _with_page(item, timeout=timeout)
        yield item


def _with_page(item: Article, *, timeout: float) -> Article:
    """The item with its page's full text, keeping the feed's id, title, date and outlet where the page
    lacks them; the item as the feed gave it when the page cannot be had."""
    url = item.url
    if not url:
        return item
    try:
        page = read_html_page(decode(fetch(url, timeout=timeout).body, url), origin=url,
                              doc_id=item.doc_id, published=item.published)
    except InputError:
        return item
    return replace(page, title=page.title or item.title, published=item.published or page.published,
                   outlet=item.outlet or page.outlet, url=item.url, source_id=item.source_id)


def poll_feeds(store: Store, feeds: Iterable[str], *, settings: Settings | None = None, pages: bool = True,
               timeout: float = 20.0, progress: Callable[[dict], None] | None = None) -> dict[str, int]:
    """One poll of every feed: new items ingested, then remembered; then the alerts told, once."""
    totals = {"articles": 0, "events": 0, "failures": 0, "skipped": 0}
    for url in feeds:
        items = list(_feed_articles(store, url, pages=pages, timeout=timeout))
        if not items:
            continue
        counts = ingest_items(store, items, label=[url], total=len(items), settings=settings, progress=progress,
                              alerts=False)
        # after the ingest: an interrupted poll reads these again
        store.watched.remember_items(url, [item.doc_id for item in items if item.doc_id != url])
        for key in totals:
            totals[key] += counts[key]
    notify(store, settings=settings)  # also when nothing was new: a failed delivery is tried again
    return totals


def poll_folder(store: Store, folder: str | Path, *, settings: Settings | None = None, settle: float = 2.0,
                published: dt.date | None = None, progress: Callable[[dict], None] | None = None) -> dict[str, int]:
    """One look at a folder: files new or changed since the last look are ingested. A file modified in the
    last `settle` seconds may still be being written and waits for the next look."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder", code="E106")
    known = store.watched.files_seen()
    fresh, limit = [], time.time() - settle
    for path in walk(folder):
        try:
            stat = path.stat()
        except OSError:
            continue  # gone since the listing
        if known.get(str(path)) != (stat.st_size, stat.st_mtime_ns) and stat.st_mtime <= limit:
            fresh.append((path, stat))
    if not fresh:
        notify(store, settings=settings)  # nothing new, but a failed delivery is tried again
        return {"articles": 0, "events": 0, "failures": 0, "skipped": 0}
    items = (item for path, _ in fresh for item in read_path(path, published=published))
    counts = ingest_items(store, items, label=[str(folder)], total=estimate_total([str(p) for p, _ in fresh]),
                          settings=settings, progress=progress)
    store.watched.remember_files((str(path), stat.st_size, stat.st_mtime_ns) for path, stat in fresh)
    return counts
