"""The routes that write: an analyst's review of a happening, given or withdrawn. Each needs the server's
token as `Authorization: Bearer TOKEN` (401 without it, 403 with another), comes from the server's own
pages (a request that says it is cross-site, by `Origin` or `Sec-Fetch-Site`, is refused with 403) and, when
it has a body, sends JSON (415 otherwise: a plain HTML form cannot). There are no cookies to steal or ride:
a page of another site can neither send the token nor read it."""
import hmac
from collections.abc import Callable, Iterator
from datetime import date as Date
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path as Path_, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from ..classify.corpus import ACLED
from ..errors import ReviewError, StoreError
from ..store import Store

# ACLED's event types (classify/corpus.py's ACLED) and the review statuses (store/reviews.py's STATUSES), spelt
# out for the type checker; tests/test_review_api.py holds them to their sources
ACLED_TYPE = Literal["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments"]
REVIEW_STATUS = Literal["confirmed", "corrected", "rejected"]
HappeningId = Annotated[str, Path_(max_length=300)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
SAME_ORIGIN = ("same-origin", "none")  # Sec-Fetch-Site of the server's own pages, and of a typed address


class Corrections(BaseModel):
    """The fields a reviewer corrects; those left out keep the machine's reading."""

    model_config = ConfigDict(extra="forbid")
    acled_event_type: ACLED_TYPE | None = Field(None, description="ACLED event type")
    acled_sub_event_type: str | None = Field(None, max_length=60, description="ACLED sub-event type (its event "
                                             "type follows from it)")
    actor_name: Name | None = Field(None, description="actor 1")
    recipient_name: Name | None = Field(None, description="actor 2 (null: none)")
    place_name: Name | None = Field(None, description="a place the gazetteer knows (its coordinates follow)")
    date: Date | None = None
    fatalities: int | None = Field(None, ge=0, le=100_000)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: REVIEW_STATUS
    reviewer: str = Field(min_length=1, max_length=100, description="who reviews")
    corrections: Corrections | None = Field(None, description="with status corrected: the fields corrected")
    note: str | None = Field(None, max_length=1000)


def writer(request: Request) -> None:
    """A write from the server's own page, in JSON, with the server's token (see the module's docstring)."""
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    if (site is not None and site not in SAME_ORIGIN) or (origin is not None and origin != own):
        raise HTTPException(403, "cross-site request refused: reviews are taken from this server's own pages")
    if request.method in ("POST", "PUT"):
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise HTTPException(415, "a review is sent as JSON (Content-Type: application/json)")
    token = request.app.state.token
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "reviews need the token `dateline serve` printed: Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})
    if token is None:
        raise HTTPException(403, "this server takes no reviews: it was started without a token")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong token")


def writable(request: Request) -> Iterator[Store]:
    """A connection that may write, for one request (a review waits for an ingest's batch, never fails it)."""
    try:
        store = Store(request.app.state.db)
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from exc
    with store:
        yield store


WriterDep = Annotated[Store, Depends(writable)]


def add_review_routes(app: FastAPI, reading: Callable[[Request], Iterator[Store]]) -> None:
    """The review routes, on `app`; `reading` is the app's read-only store dependency."""
    from ..review import record, withdraw

    ReaderDep = Annotated[Store, Depends(reading)]

    @app.get("/api/happenings/{happening_id}/review", response_model=None,
             summary="A happening's review beside the machine's reading, and every verdict and withdrawal on it")
    def review(happening_id: HappeningId, store: ReaderDep) -> dict[str, Any]:
        happening = store.happening(happening_id)
        if happening is None:
            raise HTTPException(404, f"no happening {happening_id!r}")
        return {"review": happening["review"], "history": store.reviews.history(happening_id)}

    def put_review(happening_id: HappeningId, body: ReviewIn, store: WriterDep) -> dict[str, Any]:
        corrections = body.corrections.model_dump(exclude_unset=True, mode="json") if body.corrections else {}
        try:
            given = record(store, happening_id, status=body.status, reviewer=body.reviewer,
                           corrections=corrections, note=body.note)
        except ReviewError as exc:
            raise HTTPException(404 if exc.code == "E711" else 422, str(exc)) from exc
        except StoreError as exc:  # the file cannot be written: read-only, or locked too long
            raise HTTPException(503, str(exc)) from exc
        return {"happening_id": happening_id, "review": given}

    for method in ("POST", "PUT"):
        app.add_api_route("/api/happenings/{happening_id}/review", put_review, methods=[method],
                          dependencies=[Depends(writer)], name=f"review_{method.lower()}",
                          summary="Confirm, correct or reject a happening (needs the token; replaces its last "
                                  "review)")

    @app.delete("/api/happenings/{happening_id}/review", dependencies=[Depends(writer)], response_model=None,
                summary="Withdraw a happening's review (needs the token)")
    def withdraw_review(happening_id: HappeningId, store: WriterDep,
                        reviewer: Annotated[str | None, Query(max_length=100, description="who withdraws it")] = None
                        ) -> dict[str, Any]:
        try:
            withdrawn = withdraw(store, happening_id, reviewer=reviewer)
        except ReviewError as exc:
            raise HTTPException(422, str(exc)) from exc
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from exc
        if not withdrawn:
            raise HTTPException(404, f"happening {happening_id!r} has no review")
        return {"happening_id": happening_id, "review": None}

    @app.get("/api/reviews", response_model=None,
             summary="The latest reviews, newest first, with the count of each status")
    def reviews(store: ReaderDep, status: REVIEW_STATUS | None = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        return {"reviews": store.reviews.recent(limit=limit, status=status), "counts": store.reviews.counts()}

    @app.get("/api/acled-types", response_model=None,
             summary="ACLED's event types with their sub-event types: what a correction may say")
    def acled_types() -> dict[str, dict[str, list[str]]]:
        return {"types": {kind: list(subs) for kind, subs in ACLED.items()}}
