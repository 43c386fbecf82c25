"""Publication dates as found in page metadata, headers and addresses, read into `datetime.date`s.

`publication_date` is the one place an article's date is chosen: its own, else its address's, else the run's.
"""
from __future__ import annotations

import datetime as dt
import re

_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y",
            "%d.%m.%Y", "%a, %d %b %Y", "%A, %B %d, %Y", "%A %d %B %Y")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def normalise_date(value: str | None) -> dt.date | None:
    """The date a string gives in a common spelling (ISO timestamps included), else None."""
    if not value:
        return None
    text = value.strip()
    iso = _ISO.match(text)
    if iso:
        try:
            return dt.date(*map(int, iso.groups()))
        except ValueError:
            return None
    text = re.sub(r"\s+", " ", text.replace("Sept.", "Sep.").replace("Sept ", "Sep "))
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in _FORMATS:
        for candidate in (text, text.rstrip(".")):
            try:
                return dt.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def date_from_url(url: str | None) -> dt.date | None:
    """The date many news sites put in their addresses: /2024/05/20/, /2024-05-20-, /20240520/."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def publication_date(own: dt.date | None, *addresses: str | None, default: dt.date | None = None) -> dt.date | None:
    """An article's publication date: its own (from its metadata or header), else the date in the first of its
    addresses that has one, else the run's default."""
    if own is not None:
        return own
    for address in addresses:
        found = date_from_url(address)
        if found is not None:
            return found
    return default
