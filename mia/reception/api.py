"""JSON API of the walk-in reception: visits, desks calling, concern actions, ticket status,
the display board."""

import datetime as dt
from typing import Any, Literal, cast

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema

from mia.accounts.api import staff_auth
from mia.accounts.models import User
from mia.accounts.permissions import DESK_ROLES, RECEPTION_ROLES, require_role
from mia.core.errors import ApplicationError
from mia.core.schemas import ErrorOut, LanguageCode, ValidationErrorOut
from mia.organisation.models import Desk, Location, Team
from mia.reception import selectors, services
from mia.reception.models import ACTIVE, Concern, Flag, Visit

router = Router(tags=["reception"])
FlagCode = Literal[tuple(Flag.values)]  # type: ignore[valid-type]
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


class VisitIn(Schema):
    location: int
    services: list[int] = Field(min_length=1, max_length=5, description="Service ids, in order")
    language: LanguageCode = "de"
    interpreter: bool = False
    household_size: int = Field(1, ge=1, le=30)
    priority: list[FlagCode] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Reasons to go first, e.g. pregnant, no_place_to_sleep"
    )


class ConcernOut(Schema):
    id: int
    team: int
    team_letter: str
    service: int
    service_name: str
    status: str
    desk: int | None
    room: str | None


class VisitOut(Schema):
    id: int
    ticket: str
    public_code: str
    priority: int
    concerns: list[ConcernOut]


class CallOut(Schema):
    concern: ConcernOut
    ticket: str
    visit: int


class DeskOut(Schema):
    id: int
    name: str
    room: str
    location: int
    teams: list[int]


class DeskOpenIn(Schema):
    teams: list[int] = Field(
        default_factory=list, description="Default: all the desk's teams you belong to"
    )


class FinishIn(Schema):
    outcome: str = Field("", max_length=200)


class ForwardIn(Schema):
    service: int
    note: str = Field("", max_length=2000)


class TicketConcernOut(Schema):
    service: str
    team_letter: str
    status: str
    position: int | None
    estimated_wait_minutes: int | None
    estimated_wait_seconds: int | None
    desk: str | None
    room: str | None


class TicketOut(Schema):
    ticket: str
    status: str = Field(description="waiting, called, in_service or done")
    position: int | None
    estimated_wait_minutes: int | None
    estimated_wait_seconds: int | None = Field(description="The estimate before rounding up")
    desk: str | None
    room: str | None
    concerns: list[TicketConcernOut]


class CalledOut(Schema):
    ticket: str
    desk: str
    room: str
    at: dt.datetime


class DisplayOut(Schema):
    called: list[CalledOut]
    waiting: dict[str, int] = Field(description="Waiting visitors per team letter")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # staff_auth let only staff members through


def _concern_out(concern: Concern) -> ConcernOut:
    return ConcernOut(
        id=concern.pk,
        team=concern.team_id,
        team_letter=concern.team.letter,
        service=concern.service_id,
        service_name=concern.service.name,
        status=concern.status,
        desk=concern.desk_id,
        room=concern.desk.room if concern.desk else None,
    )


def _visit_out(visit: Visit) -> VisitOut:
    concerns = visit.concerns.select_related("team", "service", "desk").order_by("pk")
    return VisitOut(
        id=visit.pk,
        ticket=visit.ticket,
        public_code=visit.public_code,
        priority=visit.priority,
        concerns=[_concern_out(c) for c in concerns],
    )


@router.post(
    "/visits", response={201: VisitOut, **ERRORS}, auth=staff_auth, summary="Open a walk-in visit"
)
def visit_create(request: HttpRequest, body: VisitIn) -> tuple[int, VisitOut]:
    require_role(request.user, RECEPTION_ROLES)
    location = get_object_or_404(Location, pk=body.location)
    visit = services.visit_open(
        location=location,
        service_ids=body.services,
        language=body.language,
        interpreter=body.interpreter,
        household_size=body.household_size,
        flags=body.priority,
        user=_user(request),
    )
    return 201, _visit_out(visit)


@router.get(
    "/desks",
    response={200: list[DeskOut], **ERRORS},
    auth=staff_auth,
    summary="Desks and the teams they serve",
)
def desk_list(request: HttpRequest, location: int | None = None) -> list[DeskOut]:
    desks = Desk.objects.prefetch_related("teams").order_by("location", "room", "name")
    if location is not None:
        desks = desks.filter(location_id=location)
    return [
        DeskOut(
            id=d.pk,
            name=d.name,
            room=d.room,
            location=d.location_id,
            teams=[t.pk for t in d.teams.all()],
        )
        for d in desks
    ]


@router.post(
    "/desks/{desk_id}/open",
    response={200: DeskOut, **ERRORS},
    auth=staff_auth,
    summary="Sit down at a desk",
)
def desk_open(request: HttpRequest, desk_id: int, body: DeskOpenIn) -> DeskOut:
    require_role(request.user, DESK_ROLES)
    desk = get_object_or_404(Desk, pk=desk_id)
    user: Any = request.user
    team_ids = set(body.teams) or set(
        desk.teams.filter(memberships__user=user).values_list("pk", flat=True)
    )
    teams = list(Team.objects.filter(pk__in=team_ids))
    if len(teams) != len(team_ids):
        raise ApplicationError("Unknown team.", code="unknown_team", status=422)
    session = services.desk_open(desk=desk, user=user, teams=teams)
    return DeskOut(
        id=desk.pk,
        name=desk.name,
        room=desk.room,
        location=desk.location_id,
        teams=list(session.teams.values_list("pk", flat=True)),
    )


@router.post(
    "/desks/{desk_id}/close",
    response={204: None, **ERRORS},
    auth=staff_auth,
    summary="Leave a desk",
)
def desk_close(request: HttpRequest, desk_id: int) -> tuple[int, None]:
    require_role(request.user, DESK_ROLES)
    desk = get_object_or_404(Desk, pk=desk_id)
    session = selectors.desk_session_open(desk=desk)
    if session is not None and session.user_id == request.user.pk:
        services.desk_close(session=session)
    return 204, None


@router.post(
    "/desks/{desk_id}/call-next",
    response={200: CallOut, 204: None, **ERRORS},
    auth=staff_auth,
    summary="Call the next visitor to this desk",
)
def call_next(request: HttpRequest, desk_id: int) -> tuple[int, CallOut | None]:
    require_role(request.user, DESK_ROLES)
    desk = get_object_or_404(Desk.objects.select_related("location"), pk=desk_id)
    concern = services.concern_call_next(desk=desk, user=_user(request))
    if concern is None:
        return 204, None
    concern = Concern.objects.select_related("visit", "team", "service", "desk").get(pk=concern.pk)
    return 200, CallOut(
        concern=_concern_out(concern), ticket=concern.visit.ticket, visit=concern.visit_id
    )


def _act(request: HttpRequest, concern_id: int) -> Concern:
    require_role(request.user, DESK_ROLES)
    return get_object_or_404(Concern, pk=concern_id)


def _concern_response(concern_id: int) -> ConcernOut:
    return _concern_out(
        Concern.objects.select_related("team", "service", "desk").get(pk=concern_id)
    )


@router.post("/concerns/{concern_id}/start", response={200: ConcernOut, **ERRORS}, auth=staff_auth)
def concern_start(request: HttpRequest, concern_id: int) -> ConcernOut:
    services.concern_start(concern=_act(request, concern_id), user=_user(request))
    return _concern_response(concern_id)


@router.post("/concerns/{concern_id}/recall", response={200: ConcernOut, **ERRORS}, auth=staff_auth)
def concern_recall(request: HttpRequest, concern_id: int) -> ConcernOut:
    services.concern_recall(concern=_act(request, concern_id), user=_user(request))
    return _concern_response(concern_id)


@router.post("/concerns/{concern_id}/finish", response={200: ConcernOut, **ERRORS}, auth=staff_auth)
def concern_finish(request: HttpRequest, concern_id: int, body: FinishIn) -> ConcernOut:
    services.concern_finish(
        concern=_act(request, concern_id), user=_user(request), outcome=body.outcome
    )
    return _concern_response(concern_id)


@router.post(
    "/concerns/{concern_id}/forward", response={200: ConcernOut, **ERRORS}, auth=staff_auth
)
def concern_forward(request: HttpRequest, concern_id: int, body: ForwardIn) -> ConcernOut:
    successor = services.concern_forward(
        concern=_act(request, concern_id),
        user=_user(request),
        service_id=body.service,
        note=body.note,
    )
    return _concern_response(successor.pk)


@router.post(
    "/concerns/{concern_id}/no-show", response={200: ConcernOut, **ERRORS}, auth=staff_auth
)
def concern_no_show(request: HttpRequest, concern_id: int) -> ConcernOut:
    services.concern_no_show(concern=_act(request, concern_id), user=_user(request))
    return _concern_response(concern_id)


@router.post(
    "/concerns/{concern_id}/release", response={200: ConcernOut, **ERRORS}, auth=staff_auth
)
def concern_release(request: HttpRequest, concern_id: int) -> ConcernOut:
    services.concern_release(concern=_act(request, concern_id), user=_user(request))
    return _concern_response(concern_id)


def _desk_of(view: selectors.ConcernStatusView) -> Desk | None:
    return view.concern.desk if view.concern.status in ACTIVE else None


@router.get(
    "/tickets/{public_code}",
    response={200: TicketOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="A visitor's ticket status",
)
def ticket(request: HttpRequest, public_code: str) -> TicketOut:
    visit = selectors.visit_by_code(public_code[:16])
    if visit is None:
        raise Http404
    summary = selectors.ticket_summary(visit)
    return TicketOut(
        ticket=visit.ticket,
        status=summary.status,
        position=summary.position,
        estimated_wait_minutes=summary.estimated_wait_minutes,
        estimated_wait_seconds=summary.estimated_wait_seconds,
        desk=summary.desk.name if summary.desk else None,
        room=summary.desk.room if summary.desk else None,
        concerns=[
            TicketConcernOut(
                service=view.concern.service.name,
                team_letter=view.concern.team.letter,
                status=view.concern.status,
                position=view.position,
                estimated_wait_minutes=view.estimated_wait_minutes,
                estimated_wait_seconds=view.estimated_wait_seconds,
                desk=desk.name if (desk := _desk_of(view)) else None,
                room=desk.room if desk else None,
            )
            for view in summary.concerns
        ],
    )


@router.get(
    "/display/{location_id}",
    response={200: DisplayOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="What the waiting-room board shows",
)
def display(request: HttpRequest, location_id: int) -> DisplayOut:
    location = get_object_or_404(Location, pk=location_id)
    day = timezone.localdate()
    return DisplayOut(
        called=[
            CalledOut(ticket=c.ticket, desk=c.desk, room=c.room, at=c.at)
            for c in selectors.board_calls(location=location, day=day)
        ],
        waiting={
            letter: count
            for letter, _name, count in selectors.board_waiting(location=location, day=day)
        },
    )
