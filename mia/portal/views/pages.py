"""Information pages by their path (`info/ankommen/wohnen/`), the "I am new here" guides and
the Leichte Sprache variant of German pages."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from mia.core.languages import SOURCE_LANGUAGE
from mia.portal.models import EASY_GERMAN, OfferCategory, Page, PageTranslation, Topic
from mia.portal.selectors.translations import TEXTS, Localized, in_language, localize, localized
from mia.portal.views.common import cached, reader_language

MAX_DEPTH = 10
MAX_PATH = 400  # Page.path's length

# Where a guide's reader finds matching offers of the network.
TOPIC_OFFERS = {
    Topic.ARRIVAL: OfferCategory.COUNSELLING,
    Topic.HOUSING: OfferCategory.COUNSELLING,
    Topic.WORK: OfferCategory.WORK,
    Topic.SCHOOL: OfferCategory.CHILDCARE,
    Topic.HEALTH: OfferCategory.COUNSELLING,
    Topic.LANGUAGE: OfferCategory.LANGUAGE_COURSE,
    Topic.FAMILY: OfferCategory.MEETING,
}


def _chain(path: str, language: str) -> list[Localized]:
    """The page at `path` and its ancestors, root first; 404 unless every one is published."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    found = {
        page.path: page
        for page in in_language(Page.objects.filter(path__in=prefixes, is_published=True), language)
    }
    if len(found) != len(prefixes):
        raise Http404
    return [localize(found[prefix], language, TEXTS[Page]) for prefix in prefixes]


def _check_path(path: str) -> None:
    if len(path) > MAX_PATH or path.count("/") >= MAX_DEPTH:
        raise Http404


def published_pages() -> list[Page]:
    """Published pages whose ancestors are all published too (the others answer 404)."""
    pages = list(Page.objects.filter(is_published=True).order_by("path"))
    paths = {page.path for page in pages}

    def reachable(path: str) -> bool:
        parts = path.split("/")
        return all("/".join(parts[:index]) in paths for index in range(1, len(parts)))

    return [page for page in pages if reachable(page.path)]


def guides(language: str) -> list[Localized]:
    """One page per guide topic (the highest in the tree), in the order of the topics."""
    pages = Page.objects.filter(pk__in=[page.pk for page in published_pages()]).exclude(topic="")
    first: dict[str, Localized] = {}
    for page in sorted(
        localized(pages, language), key=lambda p: (p.path.count("/"), p.position, p.path)
    ):
        first.setdefault(page.topic, page)
    return [first[topic] for topic in Topic.values if topic in first]


def _has_easy_german(page: Page) -> bool:
    return PageTranslation.objects.filter(item=page, language=EASY_GERMAN).exists()


@require_GET
def page(request: HttpRequest, path: str) -> HttpResponse:
    language = reader_language()
    _check_path(path)

    def build() -> HttpResponse:
        *ancestors, current = _chain(path, language)
        children = Page.objects.filter(parent_id=current.item.pk, is_published=True).order_by(
            "position", "title"
        )
        context = {
            "page": current,
            "ancestors": ancestors,
            "children": localized(children, language),
            "topic_offers": TOPIC_OFFERS.get(current.topic) if current.topic else None,
            "easy_url": reverse("portal:page_easy", kwargs={"path": path})
            if language == SOURCE_LANGUAGE and _has_easy_german(current.item)
            else "",
        }
        return render(request, "portal/page.html", context)

    return cached(request, [], build)


@require_GET
def page_easy(request: HttpRequest, path: str) -> HttpResponse:
    """Leichte Sprache is German: other languages get the page in their own language."""
    _check_path(path)
    if reader_language() != SOURCE_LANGUAGE:
        return redirect("portal:page", path=path)

    def build() -> HttpResponse:
        *ancestors, current = _chain(path, SOURCE_LANGUAGE)
        [easy] = [
            localize(item, EASY_GERMAN, TEXTS[Page])
            for item in in_language(Page.objects.filter(pk=current.item.pk), EASY_GERMAN)
        ]
        if easy.fallback:
            raise Http404
        context = {"page": easy, "ancestors": ancestors, "path": path}
        return render(request, "portal/page_easy.html", context)

    return cached(request, [], build)


@require_GET
def guide_index(request: HttpRequest) -> HttpResponse:
    language = reader_language()

    def build() -> HttpResponse:
        topics = guides(language)
        shown = {guide.item.pk for guide in topics}
        others = Page.objects.filter(parent=None, is_published=True).exclude(pk__in=shown)
        context = {
            "guides": topics,
            "others": localized(others.order_by("position", "title"), language),
        }
        return render(request, "portal/guides.html", context)

    return cached(request, [], build)
