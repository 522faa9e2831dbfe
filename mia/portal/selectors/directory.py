"""The network directory: actors and offers, filtered, in the reader's language."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import Q, QuerySet

from mia.portal.models import Actor, Offer

PAGE_SIZE = 24


def json_has(field: str, value: str) -> Q:
    """A JSON list field holds `value` (portable: the list's text holds `"value"`)."""
    return Q(**{f"{field}__icontains": f'"{value}"'})


@dataclass(frozen=True)
class ActorFilter:
    field: str = ""
    kind: str = ""
    town: str = ""
    language: str = ""


@dataclass(frozen=True)
class OfferFilter:
    category: str = ""
    target_group: str = ""
    language: str = ""
    cost: str = ""
    town: str = ""
    actor: int | None = None


def actors_filtered(chosen: ActorFilter) -> QuerySet[Actor]:
    actors = Actor.objects.filter(is_published=True)
    if chosen.field:
        actors = actors.filter(json_has("fields", chosen.field))
    if chosen.kind:
        actors = actors.filter(kind=chosen.kind)
    if chosen.town:
        actors = actors.filter(town=chosen.town)
    if chosen.language:
        actors = actors.filter(json_has("languages", chosen.language))
    return actors.order_by("name", "pk")


def offers_filtered(chosen: OfferFilter) -> QuerySet[Offer]:
    offers = Offer.objects.filter(is_published=True, actor__is_published=True)
    if chosen.category:
        offers = offers.filter(category=chosen.category)
    if chosen.target_group:
        offers = offers.filter(
            json_has("target_groups", chosen.target_group) | json_has("target_groups", "everyone")
        )
    if chosen.language:
        offers = offers.filter(json_has("languages", chosen.language))
    if chosen.cost:
        offers = offers.filter(cost=chosen.cost)
    if chosen.town:
        offers = offers.filter(town=chosen.town)
    if chosen.actor:
        offers = offers.filter(actor_id=chosen.actor)
    return offers.select_related("actor").order_by("title", "pk")


def towns() -> list[str]:
    """Towns with a published actor or offer, for the filter's choices (distinct in the
    database, read through the page cache: thousands of offers share a dozen towns)."""

    def read() -> list[str]:
        names = set(
            Actor.objects.filter(is_published=True)
            .order_by()
            .values_list("town", flat=True)
            .distinct()
        )
        names |= set(
            Offer.objects.filter(is_published=True)
            .order_by()
            .values_list("town", flat=True)
            .distinct()
        )
        return sorted(name for name in names if name)

    return _choices("towns", read)


def spoken(model: type[Actor] | type[Offer]) -> list[str]:
    """Language codes any published actor (or offer) lists, for the filter's choices."""

    def read() -> list[str]:
        distinct = (
            model.objects.filter(is_published=True).order_by().values_list("languages", flat=True)
        )
        codes = {code for codes in distinct.distinct() for code in codes if isinstance(code, str)}
        return sorted(codes)

    return _choices(f"spoken-{model._meta.model_name}", read)


def _choices(name: str, read: Callable[[], list[str]]) -> list[str]:
    """Derived data only, kept as long as a public page is: an edit shows within seconds."""
    found = caches["pages"].get_or_set(f"portal:choices:{name}", read)
    return list(found or [])
