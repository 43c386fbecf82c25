"""Readers: files, folders and standard input in, `Article` records (or `ReadFailure`s) out.

Each input is read on its own, so one bad file gives one failure and the rest go on.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..article import Article, ReadFailure
from ..errors import InputError
from .decode import decode
from .feeds import looks_like_feed, read_feed
from .html import MAX_PAGE_BYTES, looks_like_html, read_html_page
from .records import read_csv, read_jsonl
from .text import read_text_page
from .warc import read_warc

__all__ = ["read_inputs", "read_path", "read_bytes", "estimate_total"]

_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
MAX_TEXT_CHARS = 1_000_000  # an article's text: what spaCy parses at once (its nlp.max_length)


def read_inputs(inputs: Iterable[str], *, published: dt.date | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Article | ReadFailure]:
    """Articles from paths, folders (walked in sorted order) and "-" (standard input)."""
    for item in inputs:
        if item == "-":
            stream = stdin or sys.stdin.buffer
            yield from bounded(read_bytes(stream.read(), origin="<stdin>", published=published))
            continue
        path = Path(item)
        if path.is_dir():
            for child in walk(path):
                yield from read_path(child, published=published)
        else:
            yield from read_path(path, published=published)


def bounded(items: Iterable[Article | ReadFailure]) -> Iterator[Article | ReadFailure]:
    """An article longer than the parser reads at once is refused with its own failure (naming its record),
    before it reaches the parser, so the input's other articles go on."""
    for item in items:
        if isinstance(item, Article) and len(item.text) > MAX_TEXT_CHARS:
            where = item.origin or item.doc_id
            yield ReadFailure(item.doc_id, where, f"text of {len(item.text):,} characters is longer than one "
                              f"article can be ({MAX_TEXT_CHARS:,}, what the parser reads at once)", code="E111")
        else:
            yield item


def estimate_total(inputs: Iterable[str]) -> int | None:
    """How many articles the inputs hold, for a progress bar: one per page, one per line of a record file.
    None when it cannot be known without reading everything (standard input, WARC files)."""
    total = 0
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        for child in walk(path) if path.is_dir() else [path]:
            name = child.name.lower()
            if name.endswith((".warc", ".warc.gz")):
                return None
            if child.suffix.lower() in (".jsonl", ".ndjson", ".csv", ".tsv"):
                try:
                    with child.open("rb") as handle:
                        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
                except OSError:
                    lines = 1
                total += max(1, lines - (child.suffix.lower() in (".csv", ".tsv")))
            else:
                total += 1
    return total


def walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name not in _SKIP_NAMES:
                yield Path(root) / name


def read_path(path: Path, *, published: dt.date | None = None) -> Iterator[Article | ReadFailure]:
    """The articles of one file; a file that cannot be read gives one failure naming it. Record files and
    WARC files are streamed, so memory does not grow with their size."""
    return bounded(_read_path(path, published=published))


def _read_path(path: Path, *, published: dt.date | None = None) -> Iterator[Article | ReadFailure]:
    origin = str(path)
    name = path.name.lower()
    suffix = ".warc" if name.endswith((".warc", ".warc.gz")) else path.suffix.lower()
    try:
        if suffix in _STREAMED:
            yield from _read_stream(path, origin=origin, published=published, suffix=suffix)
            return
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:  # refused unread: one page this large is not an article
            yield ReadFailure(origin, origin, f"too large for one article: {size / 2**20:.1f} MB (the limit is "
                              f"{MAX_PAGE_BYTES // 2**20} MB; records and WARC files have none)", code="E111")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(origin, origin, f"cannot open: {exc.strerror or exc}", code="E106")
        return
    yield from read_bytes(data, origin=origin, published=published, suffix=suffix)


_STREAMED = {".jsonl", ".ndjson", ".csv", ".tsv", ".warc"}


def _read_stream(path: Path, *, origin: str, published: dt.date | None, suffix: str) -> Iterator[Article | ReadFailure]:
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
        try:
            decode(head, origin)  # empty or binary: refused as a whole file would be
        except InputError as exc:
            if suffix != ".warc" or exc.code == "E101":
                yield ReadFailure(origin, origin, exc.reason, code=exc.code)
                return
        handle.seek(0)
        if suffix == ".warc":
            yield from read_warc(handle, origin=origin, published=published)
            return
        encoding = _stream_encoding(head)
        text = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
        if suffix in (".jsonl", ".ndjson"):
            yield from read_jsonl((line.rstrip("\r\n") for line in text), origin=origin, published=published)
        else:
            yield from read_csv(text, origin=origin, published=published, delimiter="\t" if suffix == ".tsv" else ",")


def _stream_encoding(head: bytes) -> str:
    """UTF-8 unless the first megabyte says otherwise (cut at a character boundary before judging)."""
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:
            return "cp1252"
    return "utf-8-sig"


def read_bytes(data: bytes, *, origin: str, published: dt.date | None = None,
               suffix: str = "") -> Iterator[Article | ReadFailure]:
    """The articles in a file's bytes, the format chosen by suffix, else sniffed from the content."""
    try:
        if suffix == ".warc":
            yield from read_warc(data, origin=origin, published=published)
            return
        if suffix in (".gz", ".zip", ".pdf", ".docx"):
            raise InputError(origin, f"unsupported file format {suffix!r}", code="E107")
        text = decode(data, origin)
        file_name = None if origin == "<stdin>" else Path(origin).name  # a page's own name, when it has no id
        if suffix in (".jsonl", ".ndjson") or (not suffix and text.lstrip().startswith("{")):
            yield from read_jsonl(text, origin=origin, published=published)
        elif suffix in (".csv", ".tsv"):
            yield from read_csv(text, origin=origin, published=published, delimiter="\t" if suffix == ".tsv" else ",")
        elif suffix in (".rss", ".atom") or (suffix in ("", ".xml") and looks_like_feed(text)):
            yield from read_feed(text, origin=origin, published=published)
        elif suffix in (".html", ".htm", ".xhtml") or looks_like_html(text):
            yield read_html_page(text, origin=origin, published=published, source_id=file_name)
        else:
            yield read_text_page(text, origin=origin, published=published, source_id=file_name)
    except InputError as exc:
        yield ReadFailure(origin, origin, exc.reason, code=exc.code)
    except Exception as exc:  # a reader's own bug must not stop the run: name the input and go on
        yield ReadFailure(origin, origin, f"could not be read: {type(exc).__name__}: {exc}", code="E100")

