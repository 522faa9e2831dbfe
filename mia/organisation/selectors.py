"""Reads of the organisation: locations and their hours, teams and services in a language."""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from mia.core.languages import SOURCE_LANGUAGE
from mia.organisation.models import (
    Document,
    DocumentTranslation,
    Location,
    OpeningPeriod,
    Service,
    ServiceTranslation,
    Team,
    TeamTranslation,
)

HOLIDAY_SUBDIVISION = "ST"  # Saxony-Anhalt: 6 January and 31 October are holidays too.


@dataclass(frozen=True)
class ServiceView:
    id: int
    slug: str
    team_id: int
    team_letter: str
    name: str
    description: str
    duration_minutes: int
    walk_in: bool
    bookable: bool
    target_groups: list[str]
    documents: list[str]
    language: str


@dataclass(frozen=True)
class TeamView:
    id: int
    slug: str
    letter: str
    kind: str
    pictogram: str
    name: str
    description: str
    language: str
    services: list[ServiceView]


@dataclass(frozen=True)
class LocationStatus:
    open_now: bool
    walk_in_now: bool
    closes_at: dt.time | None
    walk_in_until: dt.time | None
    closed_reason: str


def _translated(obj: object, language: str, fields: tuple[str, ...]) -> tuple[dict[str, str], str]:
    """The object's fields in `language`, falling back to German field by field."""
    source = {field: getattr(obj, field) for field in fields}
    if language == SOURCE_LANGUAGE:
        return source, SOURCE_LANGUAGE
    found = getattr(obj, "current_translations", [])
    if not found:
        return source, SOURCE_LANGUAGE
    translation = found[0]
    return {field: getattr(translation, field) or source[field] for field in fields}, language


def _translations(model: type, language: str) -> Prefetch:
    return Prefetch(
        "translations",
        queryset=model._default_manager.filter(language=language),  # type: ignore[attr-defined]
        to_attr="current_translations",
    )


def _services_queryset(language: str) -> QuerySet[Service]:
    documents = Document.objects.prefetch_related(_translations(DocumentTranslation, language))
    return (
        Service.objects.filter(is_active=True)
        .select_related("team")
        .prefetch_related(
            _translations(ServiceTranslation, language),
            Prefetch("documents", queryset=documents),
        )
    )


def _service_view(service: Service, language: str) -> ServiceView:
    texts, shown = _translated(service, language, ("name", "description"))
    documents = sorted(
        _translated(document, language, ("name",))[0]["name"]
        for document in service.documents.all()
    )
    return ServiceView(
        id=service.pk,
        slug=service.slug,
        team_id=service.team_id,
        team_letter=service.team.letter,
        name=texts["name"],
        description=texts["description"],
        duration_minutes=service.duration_minutes,
        walk_in=service.walk_in,
        bookable=service.bookable,
        target_groups=list(service.target_groups),
        documents=documents,
        language=shown,
    )


def services_list(*, language: str) -> list[ServiceView]:
    return [_service_view(service, language) for service in _services_queryset(language)]


def services_by_id(*, language: str, ids: list[int] | None = None) -> dict[int, ServiceView]:
    """Services in `language` keyed by id (only `ids` when given), for pages that show a few."""
    services = _services_queryset(language)
    if ids is not None:
        services = services.filter(pk__in=ids)
    return {service.pk: _service_view(service, language) for service in services}


def teams_public(*, language: str, with_services: bool = True) -> list[TeamView]:
    services: dict[int, list[ServiceView]] = {}
    for service in services_list(language=language) if with_services else []:
        services.setdefault(service.team_id, []).append(service)
    teams = Team.objects.prefetch_related(_translations(TeamTranslation, language))
    views = []
    for team in teams:
        texts, shown = _translated(team, language, ("name", "description"))
        views.append(
            TeamView(
                id=team.pk,
                slug=team.slug,
                letter=team.letter,
                kind=team.kind,
                pictogram=team.pictogram,
                name=texts["name"],
                description=texts["description"],
                language=shown,
                services=services.get(team.pk, []),
            )
        )
    return views


def locations_list() -> QuerySet[Location]:
    return Location.objects.prefetch_related("periods", "closures")


def location_main() -> Location | None:
    return locations_list().first()


@lru_cache(maxsize=16)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv=HOLIDAY_SUBDIVISION, years=year, language="de")


def closed_reason(location: Location, day: dt.date) -> str:
    """Why `location` is closed on `day` ("" when it is not): a closure day or a holiday."""
    for closure in location.closures.all():
        if closure.date == day:
            return closure.reason
    return str(_holidays(day.year).get(day, ""))


def _periods(location: Location, kind: str, weekday: int) -> list[OpeningPeriod]:
    return [p for p in location.periods.all() if p.kind == kind and p.weekday == weekday]


def location_status(location: Location, at: dt.datetime) -> LocationStatus:
    local = timezone.localtime(at)
    reason = closed_reason(location, local.date())
    if reason:
        return LocationStatus(False, False, None, None, reason)
    now = local.time()

    def current(kind: str) -> OpeningPeriod | None:
        periods = _periods(location, kind, local.weekday())
        return next((p for p in periods if p.opens <= now < p.closes), None)

    opening = current(OpeningPeriod.Kind.OPENING)
    walk_in = current(OpeningPeriod.Kind.WALK_IN)
    return LocationStatus(
        open_now=opening is not None,
        walk_in_now=walk_in is not None,
        closes_at=opening.closes if opening else None,
        walk_in_until=walk_in.closes if walk_in else None,
        closed_reason="",
    )


def location_status_now(location: Location) -> LocationStatus:
    return location_status(location, timezone.now())


def periods_by_kind(location: Location, kind: str) -> list[OpeningPeriod]:
    return sorted(
        (p for p in location.periods.all() if p.kind == kind), key=lambda p: (p.weekday, p.opens)
    )


def location_hours(location: Location | None) -> dict[str, object]:
    """A location with its opening and walk-in periods, for the hours template."""
    if location is None:
        return {"location": None, "opening_hours": [], "walk_in_hours": []}
    return {
        "location": location,
        "opening_hours": periods_by_kind(location, OpeningPeriod.Kind.OPENING),
        "walk_in_hours": periods_by_kind(location, OpeningPeriod.Kind.WALK_IN),
    }
