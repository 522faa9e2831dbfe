"""`/sitemap.xml`: an index of sections (`/sitemap-pages.xml`, ...) that list every public
page in every language, each with its alternates (hreflang).

Twelve languages, each naming thirteen alternates, make about 1.5 KB per item; so a section
page holds 50 items, and rendered pages are kept for an hour (crawlers ask again and again).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import caches
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from mia.core.languages import SOURCE_LANGUAGE
from mia.portal.models import EASY_GERMAN, Actor, Event, NewsItem, Offer, Page
from mia.portal.views.common import item_url
from mia.portal.views.news import published_news
from mia.portal.views.pages import published_pages

SECONDS = 3600
ITEMS_PER_PAGE = 50


class _Localised(Sitemap):
    limit = ITEMS_PER_PAGE * len(settings.LANGUAGES)  # the paginator counts item-language pairs
    i18n = True
    alternates = True
    x_default = True  # the German page for readers of any other language


class StaticSitemap(_Localised):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "portal:home",
            "organisation:services",
            "appointments:choose",
            "portal:guides",
            "portal:faq",
            "portal:news",
            "portal:events",
            "portal:actors",
            "portal:offers",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class _Items(_Localised):
    kind = ""

    def location(self, item: Any) -> str:
        return item_url(self.kind, item)

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class PageSitemap(_Items):
    kind = "page"

    def items(self) -> list[Page]:
        return published_pages()


class NewsSitemap(_Items):
    kind = "news"

    def items(self) -> QuerySet[NewsItem]:
        return published_news().order_by("-published_at", "pk")


class EventSitemap(_Items):
    kind = "event"

    def items(self) -> QuerySet[Event]:
        return Event.objects.filter(is_published=True).order_by("pk")


class ActorSitemap(_Items):
    kind = "actor"

    def items(self) -> QuerySet[Actor]:
        return Actor.objects.filter(is_published=True).order_by("slug")


class OfferSitemap(_Items):
    kind = "offer"

    def items(self) -> QuerySet[Offer]:
        return Offer.objects.filter(is_published=True, actor__is_published=True).order_by("pk")


class EasyGermanSitemap(Sitemap):
    """Leichte Sprache exists in German only, so these addresses have no alternates."""

    limit = ITEMS_PER_PAGE * len(settings.LANGUAGES)

    def items(self) -> list[Page]:
        easy = set(
            Page.objects.filter(translations__language=EASY_GERMAN).values_list("pk", flat=True)
        )
        return [page for page in published_pages() if page.pk in easy]

    def location(self, item: Page) -> str:
        with translation.override(SOURCE_LANGUAGE):
            return reverse("portal:page_easy", kwargs={"path": item.path})

    def lastmod(self, item: Page) -> Any:
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap] | Sitemap] = {
    "static": StaticSitemap,
    "pages": PageSitemap,
    "easy": EasyGermanSitemap,
    "news": NewsSitemap,
    "events": EventSitemap,
    "actors": ActorSitemap,
    "offers": OfferSitemap,
}


def _cached(request: HttpRequest, key: str, build: Callable[[], HttpResponse]) -> HttpResponse:
    """Sitemaps are the same for everyone: kept for an hour under a key made of the section
    and page number (validated), never of the raw query string."""
    cache = caches["pages"]
    key = f"sitemap:{request.get_host()}:{request.scheme}:{key}"
    hit = cache.get(key)
    if hit is not None:
        content, content_type = hit
        return HttpResponse(content, content_type=content_type)
    response = build()
    if isinstance(response, TemplateResponse):
        response.render()
    if response.status_code == 200:
        cache.set(key, (response.content, response["Content-Type"]), SECONDS)
    return response


@require_GET
def sitemap_index(request: HttpRequest) -> HttpResponse:
    def build() -> HttpResponse:
        return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")

    return _cached(request, "index", build)


@require_GET
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    if section not in SITEMAPS:
        raise Http404
    number = request.GET.get("p", "1")
    if not (number.isascii() and number.isdigit() and len(number) < 7) or number[0] == "0":
        raise Http404  # "p=abc", "p=007", "p=-1"

    def build() -> HttpResponse:
        return sitemap_views.sitemap(request, {section: SITEMAPS[section]}, section=section)

    return _cached(request, f"{section}:{number}", build)
