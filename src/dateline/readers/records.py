"""Documents given as records: JSON lines and CSV rows with a text column. The text is used exactly."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from ..article import Article, ReadFailure, content_id
from .published import normalise_date, publication_date

TEXT_COLUMNS = ("text", "body", "content", "article", "notes")


def _article(record: dict, origin: str, published: dt.date | None) -> Article | ReadFailure:
    text = next((record[key] for key in TEXT_COLUMNS if isinstance(record.get(key), str)), None)
    given_id = record.get("id")
    doc_id = str(given_id) if given_id not in (None, "") else None
    if text is None:
        return ReadFailure(doc_id or origin, origin, "record has no text field", code="E105")
    return Article(doc_id=doc_id or content_id(text), text=text, title=record.get("title") or None,
                   published=publication_date(normalise_date(record.get("published") or record.get("date")),
                                              record.get("url"), default=published),
                   url=record.get("url") or None, outlet=record.get("outlet") or None,
                   source_id=str(given_id) if doc_id else None, origin=origin)


def read_jsonl(text: str | Iterable[str], *, origin: str,
               published: dt.date | None = None) -> Iterator[Article | ReadFailure]:
    """One article per JSON line (of a text, or lines streamed from a file); a bad line gives a failure
    naming it, the others go on."""
    lines = text.split("\n") if isinstance(text, str) else text
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, where, f"malformed JSON line: {exc.msg}", code="E105")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(where, where, "JSON line is not an object", code="E105")
            continue
        yield _article(record, where, published)


def read_csv(text: str | TextIO, *, origin: str, published: dt.date | None = None,
             delimiter: str = ",") -> Iterator[Article | ReadFailure]:
    """One article per row of a CSV (or TSV) file, given as text or an open text stream, with a header and
    a text column."""
    stream = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.DictReader(stream, delimiter=delimiter)
    try:
        fields = {name.strip().lower() for name in reader.fieldnames or []}
        if not fields & set(TEXT_COLUMNS):
            yield ReadFailure(origin, origin, f"no text column (one of {', '.join(TEXT_COLUMNS)})", code="E105")
            return
        for number, row in enumerate(reader, start=2):
            record = {(key or "").strip().lower(): value for key, value in row.items()}
            yield _article(record, f"{origin}:{number}", published)
    except csv.Error as exc:  # a malformed row ends what can be read of the file
        where = f"{origin}:{reader.line_num}"
        yield ReadFailure(where, where, f"malformed CSV: {exc}", code="E105")
