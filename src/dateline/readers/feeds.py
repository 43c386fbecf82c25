"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item, its text from the item's content (HTML
turned to paragraphs of text), its id from the item's guid, else its link, else its text."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from ..article import Article, ReadFailure, content_id
from ..errors import InputError
from .published import normalise_date, publication_date
from .text import is_boilerplate

if TYPE_CHECKING:
    from lxml import etree

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr", "section", "article"}


def looks_like_feed(text: str) -> bool:
    return bool(_FEED_ROOT.search(text[:4096]))


def read_feed(text: str, *, origin: str, published: dt.date | None = None) -> Iterator[Article | ReadFailure]:
    """The items of a feed. An item without text gives a failure naming it; the others go on."""
    from lxml import etree

    try:
        # no entities, no network: a feed is untrusted input
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(origin, f"malformed feed XML: {exc}", code="E109") from exc
    channel_title = _text(_first(root, "channel/title", "title"))
    items = _all(root, "item") or _all(root, "entry")
    if not items and not _all(root, "channel"):
        raise InputError(origin, "not an RSS or Atom feed (no channel, item or entry)", code="E109")
    for number, item in enumerate(items, start=1):
        where = f"{origin}#{number}"
        link = _link(item)
        guid = _text(_first(item, "guid", "id")) or link
        body = _body(item)
        if not body:
            yield ReadFailure(guid or where, where, "feed item has no text", code="E105")
            continue
        yield Article(doc_id=guid or content_id(body), text=body, title=_text(_first(item, "title")) or None,
                      published=publication_date(_date(_text(_first(item, "pubDate", "published", "updated", "date"))),
                                                 link, default=published),
                      url=link, outlet=channel_title or None, source_id=guid, origin=where)


def feed_links(text: str, *, origin: str) -> list[tuple[str, str | None]]:
    """(id, link) of every item, in feed order: what a watcher needs to decide what is new."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(origin, f"malformed feed XML: {exc}", code="E109") from exc
    out = []
    for item in _all(root, "item") or _all(root, "entry"):
        link = _link(item)
        out.append((_text(_first(item, "guid", "id")) or link or content_id(_body(item)), link))
    return out


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _all(node: etree._Element, name: str) -> list[etree._Element]:
    return [el for el in node.iter() if _local(el.tag) == name]


def _first(node: etree._Element, *paths: str) -> etree._Element | None:
    for path in paths:
        current = node
        for step in path.split("/"):
            below = next((child for child in current if _local(child.tag) == step), None)
            if below is None:
                break
            current = below
        else:
            return current
    return None


def _text(node: etree._Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _link(item: etree._Element) -> str | None:
    for child in item:
        if _local(child.tag) == "link":
            href = child.get("href")
            if href and child.get("rel", "alternate") == "alternate":
                return href.strip()
            text = (child.text or "").strip()
            if text:
                return text
    return None


def _body(item: etree._Element) -> str:
    """The fullest text the item carries: content:encoded or Atom content, else description or summary."""
    for name in ("encoded", "content", "description", "summary"):
        node = next((child for child in item if _local(child.tag) == name), None)
        if node is None:
            continue
        raw = "".join(node.itertext()) if len(node) == 0 else _markup_text(node)
        text = _html_text(raw)
        if text:
            return text
    return ""


def _markup_text(node: etree._Element) -> str:
    """Atom content given as XHTML elements rather than escaped HTML."""
    from lxml import etree

    return "".join(etree.tostring(child, encoding="unicode") for child in node)


def _html_text(raw: str) -> str:
    """Paragraphs of text from an HTML fragment; scripts and styles dropped, never run."""
    if "<" not in raw:
        return "\n\n".join(p.strip() for p in raw.split("\n\n") if p.strip())
    import lxml.html

    try:
        fragment = lxml.html.fragment_fromstring(raw, create_parent="div")
    except Exception:  # lxml raises several types for broken fragments; the words still count
        return " ".join(re.sub(r"<[^>]+>", " ", raw).split())
    for bad in fragment.xpath(".//script|.//style"):
        bad.drop_tree()
    for element in fragment.iter():
        if element.tag in _BLOCKS:  # a blank line around every block: paragraphs survive as paragraphs
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", fragment.text_content())]
    return "\n\n".join(p for p in paragraphs if p and not is_boilerplate(p))


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()  # RFC 822, as RSS writes it
    except (TypeError, ValueError, IndexError):
        return normalise_date(value)
