"""Search across pages, FAQ, news, events, actors and offers in the reader's language; German
text shown for want of a translation is marked as such."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from mia.portal.models import Actor, NewsItem, Page, SearchEntry
from mia.portal.selectors.search import Hit, search, words
from mia.portal.views.common import cached, choice_param, item_url, reader_language, text_param

KIND_LABELS: dict[str, Any] = {
    SearchEntry.Kind.PAGE: _("Information"),
    SearchEntry.Kind.FAQ: _("Question and answer"),
    SearchEntry.Kind.NEWS: _("News"),
    SearchEntry.Kind.EVENT: _("Event"),
    SearchEntry.Kind.ACTOR: _("Network partner"),
    SearchEntry.Kind.OFFER: _("Offer"),
}
# Kinds whose address needs more than the id.
ADDRESS_FIELDS: dict[str, tuple[Any, str]] = {
    "page": (Page, "path"),
    "news": (NewsItem, "slug"),
    "actor": (Actor, "slug"),
}


@dataclass(frozen=True)
class Result:
    hit: Hit
    url: str
    label: str


class _Ref:
    """Just enough of an item to build its address."""

    def __init__(self, pk: int, **fields: Any) -> None:
        self.pk = pk
        self.__dict__.update(fields)


def _results(hits: list[Hit]) -> list[Result]:
    refs: dict[tuple[str, int], _Ref] = {}
    for kind, (model, field) in ADDRESS_FIELDS.items():
        ids = [hit.object_id for hit in hits if hit.kind == kind]
        for pk, value in model.objects.filter(pk__in=ids).values_list("pk", field):
            refs[(kind, pk)] = _Ref(pk, **{field: value})
    results = []
    for hit in hits:
        ref = refs.get((hit.kind, hit.object_id))
        if ref is None and hit.kind in ADDRESS_FIELDS:
            continue  # removed since it was indexed
        url = item_url(hit.kind, ref or _Ref(hit.object_id))
        results.append(Result(hit, url, str(KIND_LABELS[hit.kind])))
    return results


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    language = reader_language()
    query = text_param(request.GET, "q")
    kind = choice_param(request.GET, "kind", SearchEntry.Kind.values)

    def build() -> HttpResponse:
        hits = search(query=query, language=language, kinds=[kind] if kind else None)
        results = _results(hits)
        context = {
            "query": query,
            "kind": kind,
            "kinds": [(key, str(label)) for key, label in KIND_LABELS.items()],
            "results": results,
            "too_short": bool(query) and not words(query),
            "any_fallback": any(result.hit.fallback for result in results),
            "faq_url": reverse("portal:faq"),
        }
        return render(request, "portal/search.html", context)

    # Many people search the same few words ("Kita", "Wohnung"): the page cache answers them.
    return cached(request, [" ".join(words(query)), kind], build)
