"""News and engagement stories."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from mia.portal.models import NewsItem
from mia.portal.selectors.translations import TEXTS, in_language, localize
from mia.portal.views.common import (
    cached,
    choice_param,
    filter_query,
    page_number,
    paginate,
    reader_language,
)

PER_PAGE = 12


def published_news() -> QuerySet[NewsItem]:
    return NewsItem.objects.filter(is_published=True, published_at__lte=timezone.now())


@require_GET
def news_list(request: HttpRequest) -> HttpResponse:
    language = reader_language()
    kind = choice_param(request.GET, "kind", NewsItem.Kind.values)

    def build() -> HttpResponse:
        items = published_news().order_by("-published_at", "-pk")
        if kind:
            items = items.filter(kind=kind)
        page = paginate(in_language(items, language), request.GET, PER_PAGE)
        context = {
            "items": [localize(item, language, TEXTS[NewsItem]) for item in page],
            "page_obj": page,
            "kind": kind,
            "kinds": NewsItem.Kind.choices,
            "filter_query": filter_query({"kind": kind}),
        }
        return render(request, "portal/news_list.html", context)

    return cached(request, [kind, page_number(request.GET)], build)


@require_GET
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = reader_language()

    def build() -> HttpResponse:
        item = in_language(published_news().filter(slug=slug), language).first()
        if item is None:
            raise Http404
        context = {"item": localize(item, language, TEXTS[NewsItem])}
        return render(request, "portal/news_detail.html", context)

    return cached(request, [], build)
