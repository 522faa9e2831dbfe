"""Questions residents ask about reception and accommodation, grouped and searchable."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mia.portal.models import FaqEntry, FaqGroup
from mia.portal.selectors.search import search
from mia.portal.selectors.translations import Localized, localized
from mia.portal.views.common import cached, choice_param, reader_language, text_param


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    entries: list[Localized]


def _groups(language: str, group: str, query: str) -> list[Group]:
    entries = FaqEntry.objects.filter(is_published=True)
    if group:
        entries = entries.filter(group=group)
    if query:
        found = search(query=query, language=language, kinds=["faq"], limit=500)
        entries = entries.filter(pk__in=[hit.object_id for hit in found])
    by_group: dict[str, list[Localized]] = {}
    for entry in localized(entries.order_by("position", "pk"), language):
        by_group.setdefault(entry.group, []).append(entry)
    return [
        Group(key, str(label), by_group[key]) for key, label in FaqGroup.choices if key in by_group
    ]


@require_GET
def faq(request: HttpRequest) -> HttpResponse:
    language = reader_language()
    group = choice_param(request.GET, "group", FaqGroup.values)
    query = text_param(request.GET, "q")

    def build() -> HttpResponse:
        context = {
            "groups": _groups(language, group, query),
            "all_groups": FaqGroup.choices,
            "group": group,
            "query": query,
            "filtered": bool(group or query),
        }
        return render(request, "portal/faq.html", context)

    if query:  # free text would fill the cache; searches are rendered fresh
        return build()
    return cached(request, [group], build)
