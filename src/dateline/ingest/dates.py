"""Publication dates as found in page metadata and headers, normalised to YYYY-MM-DD."""
from __future__ import annotations

import datetime as dt
import re

_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y",
            "%d.%m.%Y", "%a, %d %b %Y", "%A, %B %d, %Y", "%A %d %B %Y")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def normalise_date(value: str | None) -> str | None:
    """YYYY-MM-DD of a date string in a common spelling (ISO timestamps included), else None."""
    if not value:
        return None
    text = value.strip()
    iso = _ISO.match(text)
    if iso:
        try:
            return dt.date(*map(int, iso.groups())).isoformat()
        except ValueError:
            return None
    text = re.sub(r"\s+", " ", text.replace("Sept.", "Sep.").replace("Sept ", "Sep "))
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in _FORMATS:
        for candidate in (text, text.rstrip(".")):
            try:
                return dt.datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                continue
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def date_from_url(url: str | None) -> str | None:
    """The date many news sites put in their addresses: /2024/05/20/, /2024-05-20-, /20240520/."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None
