"""Alerts: a saved filter, and how an analyst is told of the new events that match it: an Atom feed of
them (`atom_feed`, served by the HTTP API) and, for an alert with a webhook, a POST of the new ones after
each ingest run (`notify`, which `dateline ingest` and `dateline watch` call).

"New" means stored after the alert was saved. Delivery is at least once: events are marked sent only once
the webhook answered 2xx, so a failed delivery is recorded on the alert and sent again on the next run,
and one that succeeded is not sent again.
"""
from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from datetime import date
from http.client import HTTPMessage
from typing import IO, Any

from . import __version__
from .errors import AlertError
from .settings import Settings
from .store import Store
from .store.filters import EventFilter

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")  # it is part of the feed's address
MAX_EVENTS = 500  # most events in one POST; the rest wait for the next run's
MAX_FEED = 200  # most entries in one feed
ATOM = "http://www.w3.org/2005/Atom"
# what XML 1.0 cannot carry at all, even escaped (control characters from a scraped page)
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

log = logging.getLogger("dateline.alerts")


def add_alert(store: Store, name: str, match: EventFilter, *, webhook: str | None = None) -> dict[str, Any]:
    """Save `match` as the alert `name`; only events stored from now on are new to it. Raises AlertError:
    E701 for a bad name, webhook or filter, E703 when the name is taken."""
    if not NAME.fullmatch(name or ""):
        raise AlertError(f"alert name {name!r}: letters, digits, '-', '_' and '.', at most 64, starting with a "
                         "letter or digit (it is part of the feed's address)", code="E701")
    if webhook is not None:
        check_webhook(webhook)
    _check_filter(match)
    return store.alerts.add(name, match, webhook=webhook)


def remove_alert(store: Store, name: str) -> None:
    """Forget the alert and what it found. Raises AlertError E702 when there is none of that name."""
    store.alerts.remove(name)


def check_webhook(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or re.search(r"\s", url):
        raise AlertError(f"webhook {url!r}: only an http or https address with a host is taken", code="E701")


def check_settings(settings: Settings) -> None:
    """The settings alerts read, checked before an ingest rather than after it."""
    if not settings.webhook_timeout > 0:
        raise AlertError(f"webhook_timeout must be more than 0 seconds, not {settings.webhook_timeout}", code="E705")
    if urllib.parse.urlsplit(settings.public_url).scheme.lower() not in ("http", "https"):
        raise AlertError(f"public_url must be an http or https address, not {settings.public_url!r}", code="E705")


def _check_filter(match: EventFilter) -> None:
    for name in ("since", "until"):
        value = getattr(match, name)
        try:
            if value is not None:
                date.fromisoformat(value)
        except ValueError:
            raise AlertError(f"{name} {value!r} is not a date (YYYY-MM-DD)", code="E701") from None
    if match.min_independent is not None and match.min_independent < 1:
        raise AlertError("min_independent must be at least 1", code="E701")
    if match.country:
        from .gazetteer import country_table

        unknown = sorted({code.upper() for code in match.country} - set(country_table()))
        if unknown:  # a code no country has would never match: the alert would stay silent
            raise AlertError(f"country {', '.join(unknown)}: no such ISO 3166 alpha-2 code", code="E701")


def event_link(base_url: str, happening_id: str) -> str:
    """The web UI's page of one event."""
    return f"{base_url.rstrip('/')}/#/event/{urllib.parse.quote(happening_id, safe='')}"


def webhook_body(name: str, rows: list[dict[str, Any]], *, base_url: str, more: int = 0) -> dict[str, Any]:
    """What an alert's webhook receives: the alert's name, its new events, and how many more wait for the
    next run (when there were more than `MAX_EVENTS`)."""
    return {"alert": name, "more": more, "events": [
        {"id": row["id"], "type": row["type"], "acled_event_type": row["acled_event_type"],
         "acled_sub_event_type": row["acled_sub_event_type"], "place": row["place_name"],
         "country_code": row["country_code"], "date": row["date"], "fatalities": row["fatalities"],
         "outlets": row["sources"], "link": event_link(base_url, row["id"])} for row in rows]}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage,
                         newurl: str) -> urllib.request.Request | None:
        return None  # a webhook that moved answers 3xx, which counts as a failure: nothing is re-posted elsewhere


def post(url: str, body: dict[str, Any], *, timeout: float) -> None:
    """POST `body` as JSON. Raises AlertError E704 unless the answer is 2xx."""
    check_webhook(url)
    request = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": f"dateline/{__version__}"})
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=timeout) as response:
            response.read(65536)
    except urllib.error.HTTPError as exc:
        moved = " (webhooks are not redirected)" if 300 <= exc.code < 400 else ""
        raise AlertError(f"the webhook answered HTTP {exc.code} {exc.reason}{moved}", code="E704") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise AlertError(f"the webhook could not be reached: {getattr(exc, 'reason', exc)}", code="E704") from exc


def notify(store: Store, *, settings: Settings | None = None) -> list[dict[str, Any]]:
    """Match every alert against the happenings stored since it last looked, then POST each webhook its
    events not sent yet (the new ones, and those a failed delivery left), once. A failure is recorded on
    the alert and logged, never raised: the ingest it follows is stored whatever a webhook does. Returns
    one outcome per delivery tried: the alert, how many events, how many wait, the error if any."""
    settings = settings or Settings()
    check_settings(settings)
    store.alerts.match_new()
    outcomes = []
    for alert in store.alerts.list():
        if not alert["webhook"] or not alert["unsent"]:
            continue
        name = alert["name"]
        rows, more = store.alerts.unsent(name, limit=MAX_EVENTS)
        try:
            post(alert["webhook"], webhook_body(name, rows, base_url=settings.public_url, more=more),
                 timeout=settings.webhook_timeout)
        except AlertError as exc:
            store.alerts.mark_failed(name, str(exc))
            log.warning("alert %s: %s; its %d new events are sent again on the next run", name, exc,
                        len(rows) + more)
            outcomes.append({"alert": name, "events": len(rows), "more": more, "error": str(exc)})
            continue
        store.alerts.mark_sent(name, [row["id"] for row in rows])
        log.info("alert %s: %d new events sent to its webhook%s", name, len(rows),
                 f" ({more} more on the next run)" if more else "")
        outcomes.append({"alert": name, "events": len(rows), "more": more, "error": None})
    return outcomes


def atom_feed(alert: dict[str, Any], rows: list[dict[str, Any]], *, base_url: str, self_url: str) -> bytes:
    """An Atom 1.0 feed of an alert's events (`rows`, newest first, as `store.alerts.recent` gives them).
    Every text goes in through ElementTree, which escapes it."""
    feed = ET.Element("feed", xmlns=ATOM)
    _add(feed, "id", _urn(f"dateline:alert:{alert['name']}:{alert['created']}"))
    _add(feed, "title", f"dateline alert: {alert['name']}")
    _add(feed, "subtitle", "New events matching " + (_describe(alert["filter"]) or "anything"))
    _add(feed, "updated", rows[0]["found"] if rows else alert["created"])
    _add(_add(feed, "author"), "name", "dateline")
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=base_url)
    _add(feed, "generator", "dateline", version=__version__)
    for row in rows:
        entry = _add(feed, "entry")
        _add(entry, "id", _urn(f"dateline:event:{row['id']}"))
        _add(entry, "title", _title(row))
        _add(entry, "updated", row["found"])
        _add(entry, "link", rel="alternate", type="text/html", href=event_link(base_url, row["id"]))
        _add(entry, "summary", _summary(row), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        element.text = NOT_XML.sub("", str(text))
    return element


def _urn(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def _title(row: dict[str, Any]) -> str:
    what = row["acled_sub_event_type"] or row["type"] or "Event"
    place = row["place_name"] or row["country_code"] or "an unknown place"
    title = f"{what} in {place}, {row['date'] or 'undated'}"
    return f"{title}: {row['title']}" if row["title"] else title


def _summary(row: dict[str, Any]) -> str:
    kind = " / ".join(v for v in (row["acled_event_type"], row["acled_sub_event_type"]) if v)
    lines = [f"Type: {row['type'] or '-'}" + (f" ({kind})" if kind else ""),
             f"Place: {', '.join(v for v in (row['place_name'], row['country_code']) if v) or 'unknown'}",
             f"Date: {row['date'] or 'unknown'}",
             f"Fatalities: {'not reported' if row['fatalities'] is None else row['fatalities']}",
             f"Outlets: {row['sources'] or row['outlet'] or 'unknown'}"]
    if row["evidence"]:
        lines.append(f"Evidence: {row['evidence']}")
    return "\n".join(lines)


def _describe(given: dict[str, Any]) -> str:
    return "; ".join(f"{name}={','.join(map(str, value)) if isinstance(value, list) else value}"
                     for name, value in given.items())
