"""The clerk's desk: choosing it, calling, serving, forwarding."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mia.accounts.models import User
from mia.accounts.permissions import DESK_ROLES, role_required
from mia.clients.selectors.links import desk_box
from mia.organisation import selectors as organisation
from mia.organisation.models import Desk, Team
from mia.reception import selectors, services
from mia.reception.forms import (
    DeskOpenForm,
    FinishForm,
    ForwardForm,
)
from mia.reception.models import Concern
from mia.reception.views.common import attempt, staff_user

# Desk -------------------------------------------------------------------------------------


def _desks_for(user: User) -> Any:
    team_ids = user.memberships.values_list("team_id", flat=True)
    return Desk.objects.filter(teams__in=team_ids).distinct().order_by("room", "name")


@role_required(DESK_ROLES)
def desk_choose(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
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
        if attempt(request, lambda: services.desk_open(desk=desk, user=user, teams=chosen)):
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
    # The client file of the visitor at the desk: a link to it, or search and create.
    current = context["current"]
    context["client_box"] = desk_box(user=request.user, visit_id=current and current.visit_id)
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
        attempt(
            request,
            lambda: called.append(services.concern_call_next(desk=desk, user=staff_user(request))),
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
    attempt(
        request, lambda: services.concern_call(concern=concern, desk=desk, user=staff_user(request))
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
    user = staff_user(request)
    desk_pk = concern.desk_id
    if action == "finish":
        form = FinishForm(request.POST)
        outcome = form.cleaned_data["outcome"] if form.is_valid() else ""
        attempt(
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
            attempt(
                request,
                lambda: services.concern_forward(
                    concern=concern, user=user, service_id=data["service"], note=data["note"]
                ),
                _("Forwarded. The visitor keeps the ticket and the place in the queue."),
            )
        else:
            messages.error(request, _("Choose where to forward the concern."))
    elif action in ACTIONS:
        attempt(request, lambda: ACTIONS[action](concern=concern, user=user))
    else:
        raise Http404
    return redirect("reception:desk", pk=desk_pk) if desk_pk else redirect("reception:desk_choose")


ACTIONS: dict[str, Callable[..., None]] = {
    "start": services.concern_start,
    "recall": services.concern_recall,
    "no-show": services.concern_no_show,
    "release": services.concern_release,
}
