"""WARC files (web crawls): each HTML response record is a page, read like any HTML page.

A record that cannot be read gives a failure naming the file and the record; a WARC broken mid-file
gives one failure for the rest of the file, since its records can no longer be found.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import BinaryIO

from ..article import Article, ReadFailure
from ..errors import InputError
from .decode import decode
from .html import MAX_PAGE_BYTES, read_html_page
from .published import normalise_date


def read_warc(data: bytes | BinaryIO, *, origin: str,
              published: dt.date | None = None) -> Iterator[Article | ReadFailure]:
    """The HTML responses of a WARC file (bytes, or an open binary file read as a stream)."""
    from warcio.archiveiterator import ArchiveIterator  # imported here: only WARC input needs it

    number = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data) if isinstance(data, bytes) else data):
            if record.rec_type != "response":
                continue
            number += 1
            where = f"{origin}#{number}"
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in content_type.lower():
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            date = normalise_date(record.rec_headers.get_header("WARC-Date"))
            try:
                # content_stream undoes gzip and chunking: read no more than a page can be, whatever the record
                # inflates to (the iterator then skips the rest of it in small pieces)
                content = record.content_stream().read(MAX_PAGE_BYTES + 1)
                if len(content) > MAX_PAGE_BYTES:
                    raise InputError(where, f"record inflates to more than {MAX_PAGE_BYTES // 2**20} MB: too large "
                                            "for one page", code="E111")
                text = decode(content, where)
                # the crawl's own date only when the run gives none: a page is often crawled long after it appeared
                article = read_html_page(text, origin=where, url=uri, published=published or date)
            except InputError as exc:
                yield ReadFailure(where, where, exc.reason, code=exc.code)
                continue
            article.url = article.url or uri
            yield article
    except Exception as exc:  # warcio raises several kinds on a damaged file; name it and stop reading it
        where = f"{origin}#{number + 1}"
        yield ReadFailure(where, where, f"broken WARC record: {type(exc).__name__}: {exc}", code="E108")
