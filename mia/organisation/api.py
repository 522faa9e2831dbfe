from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from pydantic import TypeAdapter

from mia.core.page_cache import cached_response
from mia.core.schemas import LanguageCode, ValidationErrorOut
from mia.organisation import selectors
from mia.organisation.models import OpeningPeriod

router = Router(tags=["organisation"])


class ServiceOut(Schema):
    id: int
    team: int = Field(description="Team id")
    team_letter: str
    name: str
    description: str
    duration_minutes: int
    walk_in: bool
    bookable: bool
    documents: list[str] = Field(description="Documents to bring, in `language`")
    target_groups: list[str]
    language: str = Field(description="Language of name and description (German if untranslated)")


class ServicesQuery(Schema):
    lang: LanguageCode = Field(
        "de", description="Language code; untranslated texts fall back to German"
    )


class PeriodOut(Schema):
    weekday: int = Field(description="ISO weekday, 1 = Monday")
    opens: str = Field(examples=["08:00"])
    closes: str = Field(examples=["12:00"])


class ClosureOut(Schema):
    date: str
    reason: str


class LocationOut(Schema):
    id: int
    name: str
    address: str
    phone: str
    email: str
    opening_hours: list[PeriodOut]
    walk_in_hours: list[PeriodOut]
    closures: list[ClosureOut] = Field(description="Announced closure days (public holidays aside)")


SERVICES = TypeAdapter(list[ServiceOut])


@router.get(
    "/services",
    response={200: list[ServiceOut], 422: ValidationErrorOut},
    summary="Services (concerns) of the agency",
)
def services(request: HttpRequest, query: Query[ServicesQuery]) -> HttpResponse:
    return cached_response(
        request,
        f"api:services:{query.lang}",
        lambda: HttpResponse(
            SERVICES.dump_json(_services(query.lang)), content_type="application/json"
        ),
    )


def _services(language: str) -> list[ServiceOut]:
    return [
        ServiceOut(
            id=s.id,
            team=s.team_id,
            team_letter=s.team_letter,
            name=s.name,
            description=s.description,
            duration_minutes=s.duration_minutes,
            walk_in=s.walk_in,
            bookable=s.bookable,
            documents=s.documents,
            target_groups=s.target_groups,
            language=s.language,
        )
        for s in selectors.services_list(language=language)
    ]


def _periods(periods: list[OpeningPeriod]) -> list[PeriodOut]:
    return [
        PeriodOut(weekday=p.weekday + 1, opens=f"{p.opens:%H:%M}", closes=f"{p.closes:%H:%M}")
        for p in periods
    ]


@router.get("/locations", response=list[LocationOut], summary="Locations with their hours")
def locations(request: HttpRequest) -> list[LocationOut]:
    return [
        LocationOut(
            id=location.pk,
            name=location.name,
            address=location.address,
            phone=location.phone,
            email=location.email,
            opening_hours=_periods(selectors.periods_by_kind(location, OpeningPeriod.Kind.OPENING)),
            walk_in_hours=_periods(selectors.periods_by_kind(location, OpeningPeriod.Kind.WALK_IN)),
            closures=[
                ClosureOut(date=c.date.isoformat(), reason=c.reason)
                for c in location.closures.all()
            ],
        )
        for location in selectors.locations_list()
    ]
