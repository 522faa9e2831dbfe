"""HTML pages of the walk-in reception: reception, desk, board, visitor status, kiosk."""

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mia.accounts.models import User
from mia.accounts.permissions import DESK_ROLES, RECEPTION_ROLES, role_required
from mia.core import languages
from mia.core.errors import ApplicationError
from mia.core.languages import CODES
from mia.organisation import selectors as organisation
from mia.organisation.models import Desk, Location, Team
from mia.reception import selectors, services
from mia.reception.forms import (
    CloseDayForm,
    DeskOpenForm,
    FinishForm,
    ForwardForm,
    KioskForm,
    VisitForm,
)
from mia.reception.models import Concern, Visit


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _attempt(request: HttpRequest, action: Callable[[], object], done: str = "") -> bool:
    """Run a service; its ApplicationError becomes a message for the user instead of a 500."""
    try:
        action()
    except ApplicationError as error:
        messages.error(request, error.detail)
        return False
    if done:
        messages.success(request, done)
    return True


def _location(request: HttpRequest) -> Location:
    location = organisation.location_main()
    if location is None:
        raise Http404
    return location


KIOSK_TICKET_SHOWN = dt.timedelta(minutes=10)

# Reception --------------------------------------------------------------------------------


@role_required(RECEPTION_ROLES)
def reception(request: HttpRequest) -> HttpResponse:
    location = _location(request)
    teams = [t for t in organisation.teams_public(language=get_language() or "de") if t.services]
    form = VisitForm(
        request.POST if request.method == "POST" else None, teams=teams, initial={"language": "de"}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created: list[Visit] = []
        ok = _attempt(
            request,
            lambda: created.append(
                services.visit_open(
                    location=location,
                    service_ids=data["services"],
                    language=data["language"],
                    interpreter=data["interpreter"],
                    household_size=data["household_size"],
                    flags=data["flags"],
                    booking_code=data["booking_code"].strip(),
                    user=_user(request),
                )
            ),
        )
        if ok:
            return redirect("reception:ticket", pk=created[0].pk)
    context = {
        "form": form,
        "teams": teams,
        "location": location,
        "visits": selectors.visits_waiting(location=location, day=timezone.localdate()),
        "today": selectors.day_statistics(location=location, day=timezone.localdate()),
        "close_form": CloseDayForm(),
    }
    return render(request, "reception/reception.html", context)


@role_required(RECEPTION_ROLES)
@require_POST
def close_day(request: HttpRequest) -> HttpResponse:
    location = _location(request)
    form = CloseDayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please confirm that the walk-in hours end now."))
        return redirect("reception:home")
    count = services.day_close(location=location, user=_user(request))
    messages.success(
        request,
        _("Day closed. %(count)s waiting concerns were closed; nothing was deleted.")
        % {"count": count},
    )
    return redirect("reception:home")


def _status_url(visit: Visit) -> str:
    with translation.override(visit.language if visit.language in CODES else "de"):
        path = reverse("reception:status", kwargs={"code": visit.public_code})
    return settings.SITE_URL.rstrip("/") + path


def _ticket_context(visit: Visit) -> dict[str, Any]:
    teams = organisation.teams_public(language=visit.language)
    services_by_id = {s.id: s for team in teams for s in team.services}
    concerns = [
        (concern, services_by_id.get(concern.service_id))
        for concern in visit.concerns.select_related("team", "service").order_by("pk")
    ]
    url = _status_url(visit)
    return {
        "visit": visit,
        "visit_language": languages.get(visit.language),
        "concerns": concerns,
        "status_url": url,
        "qr_code": segno.make(url, error="m").svg_inline(
            scale=4, title=_("QR code to your ticket status")
        ),
    }


@role_required(RECEPTION_ROLES)
@require_GET
def ticket(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(Visit, pk=pk)
    return render(request, "reception/ticket.html", _ticket_context(visit))


# Desk -------------------------------------------------------------------------------------


def _desks_for(user: User) -> Any:
    team_ids = user.memberships.values_list("team_id", flat=True)
    return Desk.objects.filter(teams__in=team_ids).distinct().order_by("room", "name")


@role_required(DESK_ROLES)
def desk_choose(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    teams = Team.objects.filter(memberships__user=user)
    form = DeskOpenForm(
        request.POST if request.method == "POST" else None,
        desks=_desks_for(user),
        teams=teams,
        initial={"teams": list(teams)},
    )
    if request.method == "POST" and form.is_valid():
        desk = form.cleaned_data["desk"]
        chosen = list(form.cleaned_data["teams"].filter(desks=desk))
        if _attempt(request, lambda: services.desk_open(desk=desk, user=user, teams=chosen)):
            return redirect("reception:desk", pk=desk.pk)
    return render(request, "reception/desk_choose.html", {"form": form})


def _desk_context(request: HttpRequest, desk: Desk) -> dict[str, Any]:
    session = selectors.desk_session_open(desk=desk)
    mine = session is not None and session.user_id == request.user.pk
    team_ids = list(session.teams.values_list("pk", flat=True)) if session else []
    current = selectors.desk_current_concern(desk=desk) if mine else None
    teams = organisation.teams_public(language=get_language() or "de")
    return {
        "desk": desk,
        "session": session,
        "mine": mine,
        "session_teams": Team.objects.filter(pk__in=team_ids),
        "current": current,
        "waiting": selectors.queue_waiting_for_desk(
            desk=desk, team_ids=team_ids, day=timezone.localdate()
        )
        if mine
        else [],
        "finish_form": FinishForm(),
        "forward_form": ForwardForm(teams=teams),
        "now": timezone.now(),
        "no_show_after": services.NO_SHOW_AFTER_CALLS,
    }


@role_required(DESK_ROLES)
@require_GET
def desk(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_object_or_404(Desk.objects.select_related("location"), pk=pk)
    context = _desk_context(request, desk)
    if not context["mine"]:
        messages.info(request, _("Choose the desk and your teams first."))
        return redirect("reception:desk_choose")
    return render(request, "reception/desk.html", context)


@role_required(DESK_ROLES)
@require_GET
def desk_queue(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_object_or_404(Desk, pk=pk)
    return render(request, "reception/includes/desk_queue.html", _desk_context(request, desk))


@role_required(DESK_ROLES)
@require_POST
def desk_call_next(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_object_or_404(Desk.objects.select_related("location"), pk=pk)
    called: list[Concern | None] = []
    if (
        _attempt(
            request,
            lambda: called.append(services.concern_call_next(desk=desk, user=_user(request))),
        )
        and called[0] is None
    ):
        messages.info(request, _("Nobody is waiting for your teams right now."))
    return redirect("reception:desk", pk=pk)


@role_required(DESK_ROLES)
@require_POST
def desk_call(request: HttpRequest, pk: int, concern_pk: int) -> HttpResponse:
    desk = get_object_or_404(Desk, pk=pk)
    concern = get_object_or_404(Concern, pk=concern_pk)
    _attempt(
        request, lambda: services.concern_call(concern=concern, desk=desk, user=_user(request))
    )
    return redirect("reception:desk", pk=pk)


@role_required(DESK_ROLES)
@require_POST
def desk_leave(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_object_or_404(Desk, pk=pk)
    session = selectors.desk_session_open(desk=desk)
    if session is not None and session.user_id == request.user.pk:
        services.desk_close(session=session)
        messages.success(request, _("You have left the desk."))
    return redirect("reception:desk_choose")


@role_required(DESK_ROLES)
@require_POST
def concern_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    concern = get_object_or_404(Concern, pk=pk)
    user = _user(request)
    desk_pk = concern.desk_id
    if action == "finish":
        form = FinishForm(request.POST)
        outcome = form.cleaned_data["outcome"] if form.is_valid() else ""
        _attempt(
            request,
            lambda: services.concern_finish(concern=concern, user=user, outcome=outcome),
            _("Finished."),
        )
    elif action == "forward":
        forward = ForwardForm(
            request.POST, teams=organisation.teams_public(language=get_language() or "de")
        )
        if forward.is_valid():
            data = forward.cleaned_data
            _attempt(
                request,
                lambda: services.concern_forward(
                    concern=concern, user=user, service_id=data["service"], note=data["note"]
                ),
                _("Forwarded. The visitor keeps the ticket and the place in the queue."),
            )
        else:
            messages.error(request, _("Choose where to forward the concern."))
    elif action in ACTIONS:
        _attempt(request, lambda: ACTIONS[action](concern=concern, user=user))
    else:
        raise Http404
    return redirect("reception:desk", pk=desk_pk) if desk_pk else redirect("reception:desk_choose")


ACTIONS: dict[str, Callable[..., None]] = {
    "start": services.concern_start,
    "recall": services.concern_recall,
    "no-show": services.concern_no_show,
    "release": services.concern_release,
}


# Board ------------------------------------------------------------------------------------


def _board_context(location: Location) -> dict[str, Any]:
    day = timezone.localdate()
    calls = selectors.board_calls(location=location, day=day)
    return {
        "location": location,
        "calls": calls,
        "latest": calls[0].event_id if calls else 0,
        "waiting": selectors.board_waiting(location=location, day=day),
    }


@require_GET
def board(request: HttpRequest, slug: str) -> HttpResponse:
    location = get_object_or_404(Location, slug=slug)
    return render(request, "reception/board.html", _board_context(location))


@require_GET
def board_live(request: HttpRequest, slug: str) -> HttpResponse:
    location = get_object_or_404(Location, slug=slug)
    return render(request, "reception/includes/board_live.html", _board_context(location))


# Visitor status ---------------------------------------------------------------------------


def _status_context(code: str) -> dict[str, Any]:
    visit = selectors.visit_by_code(code[:16])
    if visit is None:
        raise Http404
    summary = selectors.ticket_summary(visit)
    teams = organisation.teams_public(language=get_language() or "de")
    names = {s.id: s for team in teams for s in team.services}
    rows = [(view, names.get(view.concern.service_id)) for view in summary.concerns]
    return {"summary": summary, "visit": visit, "rows": rows}


@require_GET
def status(request: HttpRequest, code: str) -> HttpResponse:
    response = render(request, "reception/status.html", _status_context(code))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def status_live(request: HttpRequest, code: str) -> HttpResponse:
    response = render(request, "reception/includes/status_live.html", _status_context(code))
    response["Cache-Control"] = "no-store"
    return response


# Kiosk ------------------------------------------------------------------------------------


@require_GET
def kiosk(request: HttpRequest, slug: str) -> HttpResponse:
    location = get_object_or_404(Location, slug=slug)
    return render(request, "reception/kiosk_language.html", {"location": location})


def kiosk_concerns(request: HttpRequest, slug: str) -> HttpResponse:
    location = get_object_or_404(Location, slug=slug)
    language = get_language() or "de"
    teams = [
        t
        for t in organisation.teams_public(language=language)
        if any(s.walk_in for s in t.services)
    ]
    form = KioskForm(request.POST if request.method == "POST" else None, teams=teams)
    if request.method == "POST" and form.is_valid():
        created: list[Visit] = []
        ok = _attempt(
            request,
            lambda: created.append(
                services.visit_open(
                    location=location,
                    service_ids=form.cleaned_data["services"],
                    language=language,
                    via_kiosk=True,
                )
            ),
        )
        if ok:
            return redirect("reception:kiosk_ticket", slug=slug, code=created[0].public_code)
    return render(
        request,
        "reception/kiosk_concerns.html",
        {"location": location, "teams": teams, "form": form},
    )


@require_GET
def kiosk_ticket(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    visit = get_object_or_404(Visit, public_code=code[:16], via_kiosk=True, location__slug=slug)
    if timezone.now() - visit.created_at > KIOSK_TICKET_SHOWN:
        raise Http404  # the next person at the kiosk must not see it
    context = _ticket_context(visit) | {
        "kiosk": True,
        "restart_url": reverse("reception:kiosk", kwargs={"slug": slug}),
    }
    return render(request, "reception/ticket.html", context)
