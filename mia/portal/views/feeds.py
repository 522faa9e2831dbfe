"""Feeds: the news as RSS, the events as iCalendar (one event, or all of them), each in the
language of the URL prefix."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mia.portal.models import Event, Recurrence
from mia.portal.selectors.translations import Localized, localized
from mia.portal.services.richtext import plain
from mia.portal.views.common import cached, check_id, reader_language
from mia.portal.views.news import published_news

FEED_ITEMS = 30
# Events that ended longer ago than this are left out of the calendar feed.
PAST_DAYS = 30
RRULE_FREQ: dict[str, str] = {Recurrence.WEEKLY: "WEEKLY", Recurrence.MONTHLY: "MONTHLY"}


class NewsFeed(Feed):
    """RSS 2.0 of the latest news and stories in the reader's language."""

    def title(self) -> str:
        return _("News from the Migration Agency of the Burgenlandkreis")

    def description(self) -> str:
        return _("News and engagement stories from the integration network.")

    def link(self) -> str:
        return reverse("portal:news")

    def items(self) -> list[Localized]:
        latest = published_news().order_by("-published_at", "-pk")[:FEED_ITEMS]
        return localized(latest, reader_language())

    def item_title(self, item: Localized) -> str:
        return item.title

    def item_description(self, item: Localized) -> str:
        return item.teaser or plain(item.body)[:400]

    def item_link(self, item: Localized) -> str:
        return reverse("portal:news_detail", kwargs={"slug": item.slug})

    def item_pubdate(self, item: Localized) -> dt.datetime:
        return item.published_at

    def item_updateddate(self, item: Localized) -> dt.datetime:
        return item.updated_at

    def item_guid(self, item: Localized) -> str:
        return f"mia-news-{item.item.pk}"

    item_guid_is_permalink = False


@require_GET
def news_feed(request: HttpRequest) -> HttpResponse:
    return cached(request, [], lambda: NewsFeed()(request))


def _vevent(event: Localized, request: HttpRequest) -> icalendar.Event:
    item: Event = event.item
    berlin = ZoneInfo(settings.TIME_ZONE)
    entry = icalendar.Event()
    entry.add("uid", f"mia-event-{item.pk}@{request.get_host()}")
    entry.add("dtstamp", item.updated_at)
    entry.add("last-modified", item.updated_at)
    entry.add("dtstart", item.start.astimezone(berlin))
    entry.add("dtend", item.end.astimezone(berlin))
    entry.add("summary", event.title)
    if event.description:
        entry.add("description", plain(event.description))
    place = ", ".join(part for part in (item.venue, item.street, item.postcode, item.town) if part)
    if place:
        entry.add("location", place)
    url = reverse("portal:event", kwargs={"pk": item.pk})
    entry.add("url", request.build_absolute_uri(url))
    if item.recurrence in RRULE_FREQ:
        rule: dict[str, Any] = {"freq": RRULE_FREQ[item.recurrence]}
        if item.repeat_until:
            # UNTIL is in UTC when DTSTART has a time zone (RFC 5545, 3.3.10).
            last = dt.datetime.combine(item.repeat_until, dt.time.max, berlin)
            rule["until"] = last.astimezone(dt.UTC).replace(microsecond=0)
        entry.add("rrule", rule)
    return entry


def calendar_response(events: list[Localized], request: HttpRequest) -> HttpResponse:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//MiA Migrationsagentur//Portal//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Events of the integration network"))
    for event in events:
        calendar.add_component(_vevent(event, request))
    calendar.add_missing_timezones()
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def _current_events() -> Any:
    """Events still to come, or ended only recently, or repeating until now or later."""
    since = timezone.now() - dt.timedelta(days=PAST_DAYS)
    events = Event.objects.filter(is_published=True)
    repeating = events.exclude(recurrence="").exclude(repeat_until__lt=since.date())
    return (events.filter(end__gte=since) | repeating).order_by("start", "pk")


@require_GET
def events_ics(request: HttpRequest) -> HttpResponse:
    language = reader_language()

    def build() -> HttpResponse:
        return calendar_response(localized(_current_events(), language), request)

    return cached(request, [], build)


@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    language = reader_language()
    check_id(pk)
    events = localized(Event.objects.filter(pk=pk, is_published=True), language)
    if not events:
        raise Http404
    return calendar_response(events, request)
