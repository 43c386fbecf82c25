"""Routes over a dateline store. Every query value is validated and bound as an SQL parameter. Reading is
open (one read-only connection per request, so a running ingest never waits for it); the one thing written,
an analyst's review, needs the server's token (api/writes.py)."""
import json
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import fields
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from fastapi import Depends, FastAPI, HTTPException, Path as Path_, Query, Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.responses import FileResponse, PlainTextResponse
from fastapi.routing import APIRoute
from starlette.background import BackgroundTask

from ..alerts import MAX_FEED, atom_feed
from ..errors import AlertError, DatelineError
from ..store import Store
from ..store.filters import EventFilter
from ..web import mount_web
from .writes import add_review_routes

PLOVER = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                 "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
ACTOR_TYPE = Literal["state_forces", "rebels", "political_militia", "identity_militia", "rioters", "protesters",
                     "civilians", "external", "government", "media", "organization", "person", "other"]
SORT = Literal["date_desc", "date_asc", "fatalities_desc", "confidence_desc", "type_asc", "acled_asc", "actor_asc",
               "recipient_asc", "place_asc", "status_asc", "independent_desc"]
EXPORT = Literal["acled-csv", "csv", "gdelt", "jsonl", "geojson", "parquet", "training"]
MAX_OFFSET = 2 ** 62  # past SQLite's 64-bit integers an offset is refused with a 422, not a 500
EXTENSIONS = {"acled-csv": "csv", "csv": "csv", "gdelt": "tsv", "jsonl": "jsonl", "geojson": "geojson",
              "parquet": "parquet", "training": "jsonl"}
STATUS = Literal["asserted", "claimed", "denied", "planned", "hypothetical", "historical"]
REVIEW = Literal["unreviewed", "confirmed", "corrected", "rejected"]  # store/filters.py's REVIEWS
EVENT_FILTER_HELP = {f.name: f.metadata["help"] for f in fields(EventFilter)}
MANY = {f.name for f in fields(EventFilter) if f.metadata["many"]}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _help(name: str) -> str:
    return EVENT_FILTER_HELP[name] + (" (repeat for any of several)" if name in MANY else "")


def event_filters(
        type: Annotated[list[PLOVER] | None, Query(description=_help("type"))] = None,
        acled_type: Annotated[list[Annotated[str, Query(max_length=60)]] | None,
                              Query(description=_help("acled_type"))] = None,
        actor: Annotated[str | None, Query(max_length=100, description=_help("actor"))] = None,
        actor_type: Annotated[list[ACTOR_TYPE] | None, Query(description=_help("actor_type"))] = None,
        place: Annotated[str | None, Query(max_length=100, description=_help("place"))] = None,
        country: Annotated[list[Annotated[str, Query(pattern="^[A-Za-z]{2}$")]] | None,
                           Query(description=_help("country"))] = None,
        admin1: Annotated[list[Annotated[str, Query(max_length=100)]] | None,
                          Query(description=_help("admin1"))] = None,
        since: Annotated[date | None, Query(description=_help("since"))] = None,
        until: Annotated[date | None, Query(description=_help("until"))] = None,
        status: Annotated[list[STATUS] | None, Query(description=_help("status"))] = None,
        text: Annotated[str | None, Query(max_length=200, description=_help("text"))] = None,
        min_independent: Annotated[int | None, Query(ge=1, le=1000, description=_help("min_independent"))] = None,
        review: Annotated[list[REVIEW] | None, Query(description=_help("review"))] = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1, description=_help("min_confidence"))] = None,
        lat: Annotated[float | None, Query(ge=-90, le=90, description="with lon and radius_km")] = None,
        lon: Annotated[float | None, Query(ge=-180, le=180, description="with lat and radius_km")] = None,
        radius_km: Annotated[float | None, Query(gt=0, le=5000, description="within this distance of lat, lon")] = None,
) -> EventFilter:
    """The events filters (`EventFilter`) shared by the list, the timeline, the map, the totals and the export."""
    if since and until and since > until:
        raise HTTPException(422, "since is after until")
    given = [v is not None for v in (lat, lon, radius_km)]
    if any(given) and not all(given):
        raise HTTPException(422, "lat, lon and radius_km go together")
    unknown = sorted({code.upper() for code in country or ()} - _country_codes())
    if unknown:  # a code no country has would silently match nothing
        raise HTTPException(422, f"country {', '.join(unknown)}: no such ISO 3166 alpha-2 code")
    return EventFilter.of(type=type, acled_type=acled_type, actor=actor, actor_type=actor_type, place=place,
                          country=country, admin1=admin1, since=since.isoformat() if since else None,
                          until=until.isoformat() if until else None, status=status, text=text,
                          min_independent=min_independent, review=review, min_confidence=min_confidence,
                          near=(lat, lon, radius_km) if all(given) else None)


FiltersDep = Annotated[EventFilter, Depends(event_filters)]


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(_countries())


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    from ..gazetteer import country_table

    return country_table()


@lru_cache(maxsize=1)
def _alias_table() -> tuple[tuple[str, str, str], ...]:
    """(alias folded, alias, name) of every actor in the actor dictionary."""
    from ..data import load_data

    return tuple((alias.casefold(), alias, actor["name"]) for actor in load_data("actors.json")["actors"]
                 for alias in actor["aliases"])


def _aliases_containing(text: str) -> dict[str, str]:
    """The dictionary's names with an alias that holds `text` (any case), each with that alias."""
    folded, found = text.casefold(), {}
    for key, alias, name in _alias_table():
        if folded in key and name not in found:
            found[name] = alias
    return found


def known_parameters(request: Request) -> None:
    """A parameter the route does not take, or one that takes one value given twice, is refused by name
    (422): a misspelt filter (`contry=IQ`) must not return everything unfiltered, nor a repeated one keep
    one of its values. The filters of several values (`country=IQ&country=SY`) take them all."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    taken = _route_parameters(route)
    unknown = sorted(set(request.query_params) - taken)
    if unknown:
        raise HTTPException(422, f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                                 f"{route.path} takes {', '.join(sorted(taken)) or 'none'}")
    repeated = sorted(name for name in set(request.query_params) - MANY
                      if len(request.query_params.getlist(name)) > 1)
    if repeated:
        raise HTTPException(422, f"{', '.join(repeated)} given more than once; each takes one value")


_PARAMETERS: dict[tuple[str, frozenset[str]], frozenset[str]] = {}


def _route_parameters(route: APIRoute) -> frozenset[str]:
    """The query parameters a route takes, its dependencies' included (read once per path and method)."""
    key = (route.path, frozenset(route.methods or ()))
    if key not in _PARAMETERS:
        _PARAMETERS[key] = frozenset(_query_names(route.dependant))
    return _PARAMETERS[key]


def _query_names(dependant: Dependant) -> set[str]:
    return {q.alias for q in dependant.query_params} | {n for sub in dependant.dependencies for n in _query_names(sub)}


def open_store(request: Request) -> Iterator[Store]:
    """A read-only connection for one request, closed after it."""
    with Store(request.app.state.db, readonly=True) as store:
        yield store


StoreDep = Annotated[Store, Depends(open_store)]


def create_app(db: str | Path, *, token: str | None = None) -> FastAPI:
    """The application for one database file (which must exist). Reviews are taken only with `token`
    (`Authorization: Bearer TOKEN`); without one the application only reads."""
    path = Path(db)
    Store(path, readonly=True).close()  # fail now, with E401, rather than on the first request
    app = FastAPI(title="dateline", version="0.1.0", dependencies=[Depends(known_parameters)],
                  docs_url=None, redoc_url=None,  # /docs is served from the package's own files (web/)
                  description="Events extracted from news articles: who did what to whom, where, when, "
                              "according to whom, and how well corroborated.")

    app.state.db = path
    app.state.token = token
    # each route says response_model=None: its return annotation is for the type checker, not a schema

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/api/events", summary="Events matching every filter given, most recent first: one row per "
                                    "real-world event, its mentions merged (mentions=true: one per mention)",
             response_model=None)
    def events(store: StoreDep, filters: FiltersDep,
               sort: Annotated[SORT, Query(description="order of the list")] = "date_desc",
               limit: Annotated[int, Query(ge=1, le=1000)] = 100,
               offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
               mentions: Annotated[bool, Query(description="one row per mention in an article")] = False,
               format: Literal["json", "csv"] = "json") -> PlainTextResponse | dict[str, Any]:
        unit = "mention" if mentions else "happening"
        rows = store.events(sort=sort, limit=limit, offset=offset, unit=unit, match=filters)
        if format == "csv":
            return PlainTextResponse(_csv(rows), media_type="text/csv")
        totals = store.totals(unit=unit, match=filters)
        return {"events": rows, "limit": limit, "offset": offset, "count": len(rows), "total": totals["events"],
                "fatalities": totals["fatalities"], "unit": unit}

    @app.get("/api/timeline", summary="Counts of matching events by day, week or month and by PLOVER or ACLED type",
             response_model=None)
    def timeline(store: StoreDep, filters: FiltersDep, interval: Literal["day", "week", "month"] = "day",
                 by: Annotated[Literal["plover", "acled"], Query(description="whose types count")] = "plover",
                 ) -> dict[str, Any]:
        return {"interval": interval, "by": by, "counts": store.timeline(interval=interval, by=by, match=filters)}

    @app.get("/api/map", summary="Matching events counted by place, for a map", response_model=None)
    def map_points(store: StoreDep, filters: FiltersDep) -> dict[str, Any]:
        return {"places": store.event_places(match=filters)}

    @app.get("/api/export", summary="Matching events as a file: ACLED CSV, GDELT 2.0 TSV, CSV, JSONL, GeoJSON "
                                    "or Parquet (one row per event; mentions=true: one per mention)")
    def export_events(store: StoreDep, filters: FiltersDep, format: EXPORT = "acled-csv",
                      mentions: Annotated[bool, Query(description="one row per mention in an article")] = False,
                      ) -> FileResponse:
        from ..export import export

        folder = Path(tempfile.mkdtemp(prefix="dateline-export-"))
        name = f"dateline-{'mentions' if mentions else 'events'}.{EXTENSIONS[format]}"
        try:
            done = export(store, format, folder / name, unit="mention" if mentions else "happening", match=filters)
        except DatelineError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise HTTPException(422, str(exc)) from exc
        # what the file leaves out, and why, travels with it
        headers = {"X-Dateline-Rows": str(done.rows),
                   "X-Dateline-Left-Out": "; ".join(f"{why}={n}" for why, n in sorted(done.left_out.items()))}
        return FileResponse(folder / name, filename=name, headers=headers,
                            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))

    @app.get("/api/events/{event_id}", summary="One event mention with every mention of its happening",
             response_model=None)
    def event(event_id: str, store: StoreDep) -> dict[str, Any]:
        row = store.event(event_id)
        if row is None:
            raise HTTPException(404, f"no event {event_id!r}")
        happening = store.happening(row["happening_id"]) if row["happening_id"] else None
        return {"event": row, "happening": happening, "mentions": happening.pop("mentions") if happening else [],
                "review": happening["review"] if happening else None}

    @app.get("/api/happenings/{happening_id}", summary="One real-world event with all its mentions",
             response_model=None)
    def happening(happening_id: Annotated[str, Path_(max_length=300)], store: StoreDep) -> dict[str, Any]:
        row = store.happening(happening_id)
        if row is None:
            raise HTTPException(404, f"no happening {happening_id!r}")
        return row

    @app.get("/api/articles/{doc_id}", summary="One article: its text and everything found in it", response_model=None)
    def article(doc_id: str, store: StoreDep) -> dict[str, Any]:
        row = store.article(doc_id)
        if row is None:
            raise HTTPException(404, f"no article {doc_id!r}")
        row["extraction"] = json.loads(row["extraction"])
        row["sections"] = json.loads(row["sections"] or "[]")
        return row

    @app.get("/api/happenings", summary="Events merged across articles, best corroborated first", response_model=None)
    def happenings(store: StoreDep, min_independent: Annotated[int, Query(ge=0, le=1000)] = 0,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        return {"happenings": store.happenings(min_independent=min_independent, limit=limit)}

    @app.get("/api/stories", summary="Stories: articles telling the same happening, with their title, outlets and "
             "independent sources; stories of events and other stories (no event in any article) listed apart",
             response_model=None)
    def stories(store: StoreDep, kind: Literal["event", "other", "all"] = "event",
                sort: Literal["sources", "recent"] = "sources",
                limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict[str, Any]:
        return {"stories": store.stories(kind=kind, sort=sort, limit=limit, offset=offset)}

    @app.get("/api/stories/{story_id}", summary="One story: its row, its articles oldest first (each own reporting, "
             "a copy or a wire story, and the source it counts for), its articles by day, and its events",
             response_model=None)
    def story(story_id: Annotated[str, Path_(max_length=300)], store: StoreDep) -> dict[str, Any]:
        row = store.story(story_id)
        if row is None:
            raise HTTPException(404, f"no story {story_id!r}")
        articles = store.story_articles(story_id)
        days: dict[str, int] = {}
        for a in articles:
            days[a["published"] or ""] = days.get(a["published"] or "", 0) + 1
        return {**row, "articles": articles,
                "timeline": [{"date": day or None, "articles": n} for day, n in days.items()],
                "events": store.events(story=story_id, limit=1000)}

    @app.get("/api/actors", summary="Actors by number of events, as actor or recipient; with q, those whose "
                                    "name or one of its aliases holds q", response_model=None)
    def actors(store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
               q: Annotated[str | None, Query(min_length=1, max_length=100,
                                              description="part of a name or of an alias (ISIS, Daesh)")] = None
               ) -> dict[str, Any]:
        if q is None:
            return {"actors": store.actors(limit=limit)}
        aliases = _aliases_containing(q)
        rows = store.actors(limit=limit, containing=q, named=sorted(aliases))
        for row in rows:
            row["alias"] = aliases.get(row["name"]) if q.casefold() not in row["name"].casefold() else None
        return {"actors": rows}

    @app.get("/api/actors/{name}", summary="One actor: its events and its counterparts", response_model=None)
    def actor(name: Annotated[str, Path_(max_length=200)], store: StoreDep,
              limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
        events = store.events(actor_name=name, limit=limit)
        if not events:
            raise HTTPException(404, f"no events with the actor {name!r}")
        return {"name": name, "events": events, "counterparts": store.counterparts(name)}

    @app.get("/api/runs", summary="Recent ingest runs with their progress, rate and ETA", response_model=None)
    def runs(store: StoreDep, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
        return {"runs": store.runs.recent(limit=limit)}

    @app.get("/api/labels", summary="What a person reads for each code: actor kinds, statuses, speakers, and "
                                    "the names of the store's first-level divisions", response_model=None)
    def labels(store: StoreDep) -> dict[str, Any]:
        from ..gazetteer import admin1_names
        from ..labels import ACTOR_KIND_LABELS, SPEAKER_LABELS, STATUS_LABELS

        names, countries = admin1_names(), _countries()
        return {"actor_kinds": ACTOR_KIND_LABELS, "statuses": STATUS_LABELS, "speakers": SPEAKER_LABELS,
                "admin1": {code: names[code] for code in store.admin1_codes() if code in names},
                "countries": {code: countries[code]["name"] for code in store.choices()["country"]
                              if code in countries}}

    @app.get("/api/summary", summary="Events and fatalities of the filter by country, division, actor and month, "
                                     "against the period of the same length before", response_model=None)
    def summary(store: StoreDep, filters: FiltersDep,
                limit: Annotated[int, Query(ge=1, le=100, description="rows of each breakdown")] = 10
                ) -> dict[str, Any]:
        from ..gazetteer import admin1_names

        out = store.summary(match=filters, limit=limit)
        countries, divisions = _countries(), admin1_names()
        for row in out["by"]["country"]:
            row["name"] = countries.get(row["key"], {}).get("name", row["key"])
        for row in out["by"]["admin1"]:
            row["name"] = divisions.get(row["key"], row["key"])
        return out

    @app.get("/api/choices", summary="What the filters' pickers offer: the store's countries and first-level "
                                     "divisions by name, ACLED's event types and sub-event types, PLOVER's types, "
                                     "statuses and actor kinds", response_model=None)
    def choices(store: StoreDep) -> dict[str, Any]:
        from ..classify.corpus import ACLED
        from ..gazetteer import admin1_names
        from ..labels import ACTOR_KIND_LABELS, STATUS_LABELS

        held, countries, divisions = store.choices(), _countries(), admin1_names()
        return {
            "countries": sorted(({"code": c, "name": countries.get(c, {}).get("name", c),
                                  "iso3": countries.get(c, {}).get("iso3"), "fips": countries.get(c, {}).get("fips")}
                                 for c in held["country"]), key=lambda row: row["name"]),
            "admin1": sorted(({"code": a, "name": divisions.get(a, a), "country": a.split(".")[0]}
                              for a in held["admin1"]), key=lambda row: (row["country"], row["name"])),
            "acled": [{"type": kind, "sub_types": list(subs)} for kind, subs in ACLED.items()],
            "plover": list(get_args(PLOVER)),
            "statuses": [{"code": code, "label": STATUS_LABELS[code]} for code in get_args(STATUS)],
            "actor_kinds": [{"code": code, "label": ACTOR_KIND_LABELS[code]} for code in get_args(ACTOR_TYPE)],
            "held": {"acled_sub_event_type": held["acled_sub_event_type"], "type": held["type"],
                     "status": held["status"]},
        }

    @app.get("/api/places", summary="Places events happened at, by number of events", response_model=None)
    def places(store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        return {"places": store.places(limit=limit)}

    @app.get("/api/alerts", summary="Saved filters (alerts): each one's filter, its feed, how many new events it "
                                    "found, and how its webhook fares", response_model=None)
    def alerts(store: StoreDep) -> dict[str, Any]:
        return {"alerts": [_public_alert(alert) for alert in store.alerts.list()]}

    @app.get("/api/alerts/{name}/feed.atom", response_class=Response, response_model=None,
             summary="An alert's new events as an Atom 1.0 feed, the most recently found first",
             responses={200: {"content": {"application/atom+xml": {}}, "description": "an Atom feed"}})
    def alert_feed(name: Annotated[str, Path_(max_length=64)], request: Request, store: StoreDep,
                   limit: Annotated[int, Query(ge=1, le=MAX_FEED, description="most entries")] = 50) -> Response:
        try:
            alert = store.alerts.get(name)
        except AlertError as exc:
            raise HTTPException(404, str(exc)) from exc
        rows = store.alerts.recent(name, limit=limit)
        return Response(atom_feed(alert, rows, base_url=str(request.base_url), self_url=str(request.url)),
                        media_type="application/atom+xml")

    add_review_routes(app, open_store)
    mount_web(app)
    return app


def _public_alert(alert: dict) -> dict:
    """An alert as the API shows it: whether it has a webhook, not its address (which may hold a token)."""
    from urllib.parse import quote

    return {**{k: v for k, v in alert.items() if k != "webhook"}, "webhook": alert["webhook"] is not None,
            "feed": f"/api/alerts/{quote(alert['name'], safe='')}/feed.atom"}


def _csv(rows: list[dict]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["id"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
