"""Plain-text news pages as scraped: sections glued into one line, a headline, an identifier, the body,
and site boilerplate ("Back to top button", "Read more", share links) that is not part of the article."""
from __future__ import annotations

import datetime as dt
import re

from ..article import Article, content_id
from .published import normalise_date, publication_date

_BOILERPLATE = re.compile(
    r"""(back\ to\ top(\ button)?|read\ more.*|read\ also.*|share(\ this(\ article|\ story)?)?(\ on\ \w+)?|
        tweet|print|email|whatsapp|telegram|facebook|twitter|linkedin|
        (share\ on\ )?(facebook|twitter|whatsapp|telegram|linkedin)(\ share)?|
        follow\ us(\ on)?.*|subscribe.*|sign\ up.*|(related|more)\ (articles|stories|news|from\ .*).*|
        advertisement|sponsored|©.*|copyright.*|all\ rights\ reserved.*|click\ here.*|
        comments?(\ \(\d+\))?|leave\ a\ (comment|reply)|tags?:.*|(previous|next)\ (article|post|story).*|
        skip\ to\ (main\ )?content|you\ may\ also\ like.*|most\ read.*|trending.*)""",
    re.IGNORECASE | re.VERBOSE,
)
_IDENTIFIER = re.compile(
    r"(id[:#]?\s*)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{12,}|\d{5,}|[A-Z]{2,5}-\d{3,})",
    re.IGNORECASE,
)
_DATE_PREFIX = re.compile(r"^(published|posted|updated|date)\s*[:\-]?\s*", re.IGNORECASE)
# "BAGHDAD, Jan 16 (Reuters) -" : a dateline naming the place and the agency
_DATELINE = re.compile(r"^[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
                       r"\s*\(([A-Za-z][\w .&-]{1,30})\)\s*[-–—]")
_SECTION_SPLIT = re.compile(r"\s*(?:\||>|»|·|/|•)\s*|(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"\w+")


def is_boilerplate(line: str) -> bool:
    """A short line of site furniture rather than article text."""
    return len(_WORD.findall(line)) <= 8 and bool(_BOILERPLATE.fullmatch(line.strip(" .:|-")))


def _is_body_line(line: str) -> bool:
    words = len(_WORD.findall(line))
    return words >= 30 or (words >= 6 and line.rstrip().endswith((".", "!", "?", '"', "”")))


def read_text_page(text: str, *, origin: str, doc_id: str | None = None, published: dt.date | None = None,
                   source_id: str | None = None) -> Article:
    """Split a scraped page into header fields and body; the body becomes `Article.text`. Its source_id is
    the identifier line of its header, else `source_id` (such as its file's name)."""
    given_id = source_id
    lines = [line.strip().replace("\u00a0", " ").strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line and not is_boilerplate(line)]
    header: list[str] = []
    while lines and len(header) < 6 and not _is_body_line(lines[0]):
        header.append(lines.pop(0))
    if not lines:  # a page of short lines only: keep them all as body
        lines, header = header, []

    source_id = found_date = None
    rest: list[str] = []
    for line in header:
        date = normalise_date(_DATE_PREFIX.sub("", line))
        if date and found_date is None:
            found_date = date
        elif source_id is None and (identifier := _IDENTIFIER.fullmatch(line)):
            source_id = identifier.group(2)
        elif re.match(r"^by\s+[A-Z]", line):
            continue  # a byline
        else:
            rest.append(line)
    title = rest[-1] if rest else None
    sections = [part for line in rest[:-1] for part in _SECTION_SPLIT.split(line) if part and part.strip()]

    body = "\n\n".join(lines)
    outlet = None
    dateline = _DATELINE.match(body)
    if dateline:
        outlet = dateline.group(1).strip()
    return Article(doc_id=doc_id or content_id(body), text=body, title=title, sections=sections,
                   source_id=source_id or given_id, published=publication_date(found_date, default=published),
                   outlet=outlet, origin=origin)
