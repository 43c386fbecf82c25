"""HTML pages: trafilatura finds the body; title, date, outlet and URL come from the page's metadata."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from ..article import Article, content_id
from ..errors import InputError
from .published import normalise_date, publication_date
from .text import is_boilerplate

MAX_PAGE_BYTES = 10 * 2**20  # a text or HTML page (or a WARC record's); spaCy parses a million characters
_CLOSING = re.compile(rb"</(html|body)\s*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower() \
        or bool(re.search(r"<(html|head|body|article)[\s>]", head))


def read_html_page(text: str, *, origin: str, doc_id: str | None = None, published: dt.date | None = None,
                   source_id: str | None = None, url: str | None = None) -> Article:
    """The article in an HTML page (`source_id`: what identifies it, such as its file's name; `url`: where it
    was fetched from, whose date counts after the page's own address's). A page cut off before its end is
    refused rather than half-read."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    if not _CLOSING.search(text[-4096:].encode("utf-8", "ignore")):
        raise InputError(origin, "truncated HTML: the page ends before </body> or </html>", code="E103")
    # trafilatura's balanced setting: its precision setting drops short paragraphs holding a link and has
    # no fallback for pages its main pass reads short (docs/quality.md, "The page as a reader sees it")
    fallback = publication_date(None, url, default=published)  # for a page that gives no date of its own
    if _too_deep(text):  # the tree parser stops at a nesting depth, and loses the text below it
        return _plain_page(text, origin=origin, doc_id=doc_id, published=fallback, source_id=source_id)
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    assert not isinstance(doc, dict)  # a dict only when as_dict=True is asked for
    if doc is None or not (doc.text or "").strip():
        return _plain_page(text, origin=origin, doc_id=doc_id, published=fallback, source_id=source_id)
    paragraphs = [line.strip() for line in (doc.text or "").split("\n") if line.strip() and not is_boilerplate(line)]
    body = "\n\n".join(paragraphs)
    return Article(doc_id=doc_id or content_id(body), text=body, title=doc.title,
                   sections=list(doc.categories or []), source_id=source_id,
                   published=publication_date(normalise_date(doc.date), doc.url, default=fallback),
                   outlet=doc.sitename, url=doc.url, language=doc.language or "en", origin=origin)


_DIV = re.compile(r"<(/?)div\b", re.IGNORECASE)
MAX_DEPTH = 200  # libxml2, under lxml and trafilatura, builds no tree deeper than 256 elements


def _too_deep(text: str) -> bool:
    """Blocks nested deeper than the tree parser goes (counted by <div>, which pages close)."""
    if text.count("<div") + text.count("<DIV") < MAX_DEPTH:
        return False
    depth = 0
    for match in _DIV.finditer(text):
        depth += -1 if match.group(1) else 1
        if depth > MAX_DEPTH:
            return True
    return False


# what a plain reading of a page skips: code, and the page's own furniture
_SKIPPED = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "svg"}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "blockquote", "article",
           "section", "main", "pre", "dd", "dt", "figcaption"}


class _PlainText(HTMLParser):
    """A page's text by blocks, read as a stream of tags: no tree is built, so no nesting is too deep."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.in_title = False
        self.title: list[str] = []
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCKS:
            self._close_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCKS:
            self._close_block()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.current.append(data)

    def _close_block(self) -> None:
        block = " ".join("".join(self.current).split())
        if block:
            self.blocks.append(block)
        self.current = []


def _plain_page(text: str, *, origin: str, doc_id: str | None, published: dt.date | None,
                source_id: str | None) -> Article:
    """The text of a page trafilatura could not read (nesting deeper than its parser goes, markup too
    broken to be a tree): its blocks as paragraphs, without the page's furniture and boilerplate lines."""
    reader = _PlainText()
    reader.feed(text)
    reader.close()
    reader._close_block()
    title = " ".join("".join(reader.title).split()) or None
    paragraphs = [block for block in reader.blocks if not is_boilerplate(block) and block != title]
    if not paragraphs:
        raise InputError(origin, "no article text found in the HTML page", code="E104")
    body = "\n\n".join(paragraphs)
    return Article(doc_id=doc_id or content_id(body), text=body, title=title, source_id=source_id,
                   published=published, origin=origin)
