"""Events of the network: their dates (a repeating event shows every date in the range), one
event with its next dates."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from mia.portal.models import Event
from mia.portal.selectors.events import Occurrence, dates, occurrences
from mia.portal.selectors.translations import Localized, localized
from mia.portal.views.common import cached, check_id, date_param, reader_language

WINDOW_DAYS = 42
NEXT_DATES = 10


@dataclass(frozen=True)
class Dated:
    """One date of an event with the event's text in the reader's language."""

    event: Localized
    start: dt.datetime
    end: dt.datetime


def with_texts(found: list[Occurrence], language: str) -> list[Dated]:
    ids = {occurrence.event.pk for occurrence in found}
    texts = {
        event.item.pk: event
        for event in localized(Event.objects.filter(pk__in=ids).select_related("actor"), language)
    }
    return [Dated(texts[o.event.pk], o.start, o.end) for o in found if o.event.pk in texts]


def dates_of(events: Iterable[Event], first: dt.date, last: dt.date) -> list[Occurrence]:
    found = (occurrence for event in events for occurrence in dates(event, first, last))
    return sorted(found, key=lambda occurrence: (occurrence.start, occurrence.event.pk))


def next_dates(found: list[Occurrence]) -> list[Occurrence]:
    """The next date of each event (a weekly meeting once, not thirteen times)."""
    seen: set[int] = set()
    first = []
    for occurrence in found:
        if occurrence.event.pk not in seen:
            seen.add(occurrence.event.pk)
            first.append(occurrence)
    return first


def by_day(dated: list[Dated]) -> list[tuple[dt.date, list[Dated]]]:
    days: dict[dt.date, list[Dated]] = {}
    for item in dated:
        days.setdefault(timezone.localdate(item.start), []).append(item)
    return list(days.items())


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    language = reader_language()
    today = timezone.localdate()
    first = date_param(request.GET, "from") or today
    last = first + dt.timedelta(days=WINDOW_DAYS - 1)

    def build() -> HttpResponse:
        context = {
            "days": by_day(with_texts(occurrences(first, last), language)),
            "first": first,
            "last": last,
            "earlier": (first - dt.timedelta(days=WINDOW_DAYS)).isoformat()
            if first > today
            else "",
            "later": (last + dt.timedelta(days=1)).isoformat(),
            "today": today,
        }
        return render(request, "portal/event_list.html", context)

    return cached(request, [first.isoformat()], build)


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    language = reader_language()
    check_id(pk)

    def build() -> HttpResponse:
        events = localized(
            Event.objects.filter(pk=pk, is_published=True).select_related("actor"), language
        )
        if not events:
            raise Http404
        [event] = events
        today = timezone.localdate()
        upcoming = dates(event.item, today, today + dt.timedelta(days=366))[:NEXT_DATES]
        context = {
            "event": event,
            "upcoming": upcoming,
            "past": not upcoming,
            "actor_public": event.item.actor is not None and event.item.actor.is_published,
        }
        return render(request, "portal/event_detail.html", context)

    return cached(request, [], build)
