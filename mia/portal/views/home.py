"""The home page: whether the agency is open now and until when walk-ins are taken, the "I am
new here" guides, offers by town, the latest news and the next events."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from mia.core.page_cache import cache_public_page
from mia.organisation import selectors as organisation
from mia.portal.models import NewsItem
from mia.portal.selectors.directory import towns
from mia.portal.selectors.events import occurrences
from mia.portal.selectors.translations import localized
from mia.portal.views.events import next_dates, with_texts
from mia.portal.views.news import published_news
from mia.portal.views.pages import guides

LATEST_NEWS = 3
NEXT_EVENTS = 3
EVENT_DAYS = 30


def home_sections(language: str) -> dict[str, object]:
    today = timezone.localdate()
    news = published_news().filter(kind=NewsItem.Kind.NEWS).order_by("-published_at", "-pk")
    stories = published_news().filter(kind=NewsItem.Kind.STORY).order_by("-published_at", "-pk")
    upcoming = next_dates(occurrences(today, today + dt.timedelta(days=EVENT_DAYS)))[:NEXT_EVENTS]
    return {
        "guides": guides(language),
        "towns": towns(),
        "news": localized(news[:LATEST_NEWS], language),
        "story": next(iter(localized(stories[:1], language)), None),
        "events": with_texts(upcoming, language),
    }


@require_GET
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    language = get_language() or "de"
    location = organisation.location_main()
    context = {
        **organisation.location_hours(location),
        "status": organisation.location_status_now(location) if location else None,
        "teams": organisation.teams_public(language=language, with_services=False),
        **home_sections(language),
    }
    return render(request, "portal/home.html", context)
