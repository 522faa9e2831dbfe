"""Conditional GET for the portal API: `ETag` and `Last-Modified` come from the data itself
(the newest `updated_at` and the number of rows of every table a response is built from, plus
the request's parameters), so a client that sends them back gets 304 while nothing changed.

The count matters as much as the time: a deleted row or translation lowers no `updated_at`.
Every table is read in one round trip, which is all an unchanged resource costs.
"""

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag

from mia.core.page_cache import cached_response

# Clients may keep the answer but must ask again each time; the ETag makes asking cheap.
CACHE_CONTROL = "public, no-cache"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class State:
    """What one representation was built from."""

    etag: str  # quoted
    last_modified: dt.datetime  # the epoch while there is no row at all
    counts: tuple[int, ...]  # rows per queryset, in the order given


def _aware(value: Any) -> dt.datetime | None:
    """MAX() of a datetime column: a datetime (PostgreSQL) or UTC text (SQLite)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
        if value is None:
            return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _probe(querysets: Sequence[QuerySet[Any]]) -> list[tuple[Any, int]]:
    """MAX(updated_at) and COUNT(*) of each queryset, in one query."""
    selects: list[str] = []
    params: list[Any] = []
    for index, queryset in enumerate(querysets):
        try:
            sql, args = queryset.order_by().values("updated_at").query.sql_with_params()
        except EmptyResultSet:  # e.g. an id beyond the column's range: no row can match
            selects.append(f"SELECT {index} AS part, NULL AS newest, 0 AS n")
            continue
        # The inner SQL is Django's own compilation with placeholders; nothing user-made.
        selects.append(
            f"SELECT {index} AS part, MAX(updated_at) AS newest, COUNT(*) AS n "  # noqa: S608
            f"FROM ({sql}) AS part_{index}"
        )
        params.extend(args)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        found = {part: (newest, rows) for part, newest, rows in cursor.fetchall()}
    return [found[index] for index in range(len(querysets))]


def state(querysets: Sequence[QuerySet[Any]], *params: object) -> State:
    """The state of the data behind a response; `params` name the representation."""
    found = _probe(querysets)
    digest = hashlib.sha256(repr((params, found)).encode()).hexdigest()[:32]
    times = [moment for moment in (_aware(newest) for newest, _rows in found) if moment]
    return State(
        etag=quote_etag(digest),
        last_modified=max(times, default=EPOCH),
        counts=tuple(rows for _newest, rows in found),
    )


def _unchanged(request: HttpRequest, current: State) -> bool:
    """RFC 9110: If-None-Match decides when present (weak comparison); otherwise
    If-Modified-Since, at the one-second precision of HTTP dates."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        return "*" in tags or current.etag in {tag.removeprefix("W/") for tag in tags}
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is None:
        return False
    return int(current.last_modified.timestamp()) <= since


def _stamp(response: HttpResponse, current: State) -> HttpResponse:
    response["ETag"] = current.etag
    response["Last-Modified"] = http_date(current.last_modified.timestamp())
    response["Cache-Control"] = CACHE_CONTROL
    return response


def respond(
    request: HttpRequest, current: State, build: Callable[[], HttpResponse]
) -> HttpResponse:
    """304 when the client's copy is current; otherwise the built response, kept in the page
    cache under its ETag (so a cached body can never be stale, only evicted)."""
    if _unchanged(request, current):
        return _stamp(HttpResponseNotModified(), current)
    return _stamp(cached_response(request, f"api:portal:{current.etag}", build), current)


# How the headers look in the OpenAPI description of every GET.
OPENAPI_HEADERS = {
    "ETag": {
        "description": "Changes whenever the data behind the answer changes; send it back as "
        "`If-None-Match` to get 304 without a body while nothing changed",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "Newest change of the data behind the answer (for `If-Modified-Since`)",
        "schema": {"type": "string"},
    },
}
OPENAPI_EXTRA = {
    "responses": {
        200: {"headers": OPENAPI_HEADERS},
        304: {"description": "Not modified: your copy (by `If-None-Match`) is current"},
    }
}
