"""HTML pages: trafilatura finds the body; title, date, outlet and URL come from the page's metadata."""
from __future__ import annotations

import re

from ..article import Article, content_id
from ..errors import InputError
from .dates import date_from_url, normalise_date
from .text import is_boilerplate

_CLOSING = re.compile(rb"</(html|body)\s*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower() \
        or bool(re.search(r"<(html|head|body|article)[\s>]", head))


def read_html_page(text: str, *, origin: str, doc_id: str | None = None, published: str | None = None) -> Article:
    """The article in an HTML page. A page cut off before its end is refused rather than half-read."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    if not _CLOSING.search(text[-4096:].encode("utf-8", "ignore")):
        raise InputError(origin, "truncated HTML: the page ends before </body> or </html>", code="E103")
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise InputError(origin, "no article text found in the HTML page", code="E104")
    paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip() and not is_boilerplate(line)]
    body = "\n\n".join(paragraphs)
    return Article(doc_id=doc_id or content_id(body), text=body, title=doc.title,
                   sections=list(doc.categories or []), source_id=None,
                   published=normalise_date(doc.date) or date_from_url(doc.url) or published, outlet=doc.sitename,
                   url=doc.url, language=doc.language or "en", origin=origin)
