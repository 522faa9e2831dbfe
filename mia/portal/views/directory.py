"""The network directory: actors by field of action, type, town and language; their offers by
category, target group, language, cost and town. Plain GET forms and lists; the map is added by
a script where JavaScript and a tile server are available."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from mia.organisation.models import TargetGroup
from mia.portal.models import Actor, ActorKind, Cost, Event, FieldOfAction, Offer, OfferCategory
from mia.portal.selectors.directory import (
    PAGE_SIZE,
    ActorFilter,
    OfferFilter,
    actors_filtered,
    offers_filtered,
    spoken,
    towns,
)
from mia.portal.selectors.translations import TEXTS, Localized, in_language, localize
from mia.portal.views.common import (
    cached,
    check_id,
    choice_param,
    filter_query,
    language_label,
    language_options,
    language_param,
    map_context,
    page_number,
    paginate,
    reader_language,
)
from mia.portal.views.events import dates_of, next_dates, with_texts

EVENT_DAYS = 90
FIELD_LABELS = dict(FieldOfAction.choices)
TARGET_LABELS = dict(TargetGroup.choices)


@dataclass(frozen=True)
class Entry:
    """An actor or offer in the reader's language, with its lists spelled out."""

    it: Localized
    topics: list[str]  # fields of action (actor) or target groups (offer), as labels
    languages: list[str]  # the languages spoken, by their own names


def _entry(item: Any, language: str) -> Entry:
    it = localize(item, language, TEXTS[type(item)])
    if isinstance(item, Actor):
        topics = [str(FIELD_LABELS[f]) for f in item.fields if f in FIELD_LABELS]
    else:
        topics = [str(TARGET_LABELS[t]) for t in item.target_groups if t in TARGET_LABELS]
    spoken = [language_label(code) for code in item.languages if isinstance(code, str)]
    return Entry(it, topics, spoken)


def _spoken(model: type[Actor] | type[Offer]) -> list[tuple[str, str]]:
    return language_options(spoken(model))


def _actor_filter(request: HttpRequest, known_towns: list[str]) -> ActorFilter:
    query = request.GET
    return ActorFilter(
        field=choice_param(query, "field", FieldOfAction.values),
        kind=choice_param(query, "kind", ActorKind.values),
        town=choice_param(query, "town", known_towns),
        language=language_param(query),
    )


@require_GET
def actor_list(request: HttpRequest) -> HttpResponse:
    language = reader_language()
    known_towns = towns()
    chosen = _actor_filter(request, known_towns)

    def build() -> HttpResponse:
        page = paginate(in_language(actors_filtered(chosen), language), request.GET, PAGE_SIZE)
        context = {
            "actors": [_entry(actor, language) for actor in page],
            "page_obj": page,
            "chosen": chosen,
            "filter_query": filter_query(vars(chosen)),
            "filtered": any(vars(chosen).values()),
            "fields": FieldOfAction.choices,
            "kinds": ActorKind.choices,
            "towns": known_towns,
            "languages": _spoken(Actor),
            **map_context(),
        }
        return render(request, "portal/actor_list.html", context)

    return cached(request, [*vars(chosen).values(), page_number(request.GET)], build)


@require_GET
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = reader_language()

    def build() -> HttpResponse:
        found = in_language(Actor.objects.filter(slug=slug, is_published=True), language).first()
        if found is None:
            raise Http404
        offers = offers_filtered(OfferFilter(actor=found.pk))
        today = timezone.localdate()
        events = Event.objects.filter(actor=found, is_published=True)
        context = {
            "actor": _entry(found, language),
            "offers": [_entry(offer, language) for offer in in_language(offers, language)],
            "dates": with_texts(
                next_dates(dates_of(events, today, today + dt.timedelta(days=EVENT_DAYS))),
                language,
            ),
            **map_context(),
        }
        return render(request, "portal/actor_detail.html", context)

    return cached(request, [], build)


def _offer_filter(request: HttpRequest, known_towns: list[str]) -> OfferFilter:
    query = request.GET
    return OfferFilter(
        category=choice_param(query, "category", OfferCategory.values),
        target_group=choice_param(query, "target_group", TargetGroup.values),
        language=language_param(query),
        cost=choice_param(query, "cost", Cost.values),
        town=choice_param(query, "town", known_towns),
    )


@require_GET
def offer_list(request: HttpRequest) -> HttpResponse:
    language = reader_language()
    known_towns = towns()
    chosen = _offer_filter(request, known_towns)

    def build() -> HttpResponse:
        page = paginate(in_language(offers_filtered(chosen), language), request.GET, PAGE_SIZE)
        shown = {name: value for name, value in vars(chosen).items() if name != "actor"}
        context = {
            "offers": [_entry(offer, language) for offer in page],
            "page_obj": page,
            "chosen": chosen,
            "filter_query": filter_query(shown),
            "filtered": any(shown.values()),
            "categories": OfferCategory.choices,
            "target_groups": TargetGroup.choices,
            "costs": Cost.choices,
            "towns": known_towns,
            "languages": _spoken(Offer),
            **map_context(),
        }
        return render(request, "portal/offer_list.html", context)

    return cached(request, [*vars(chosen).values(), page_number(request.GET)], build)


@require_GET
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    language = reader_language()
    check_id(pk)

    def build() -> HttpResponse:
        found = in_language(offers_filtered(OfferFilter()).filter(pk=pk), language).first()
        if found is None:
            raise Http404
        context = {"offer": _entry(found, language), **map_context()}
        return render(request, "portal/offer_detail.html", context)

    return cached(request, [], build)
