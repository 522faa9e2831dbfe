"""Staff pages of online appointments: a team's capacity (weekly rules, blocked desks), its day
calendar, and booking for a caller by phone or as a follow-up at the desk.

Who may do what: admins everything; a team's leads (membership flagged as lead) manage its
capacity; the team's clerks see its calendar and book. Everyone else gets 403.
"""

import datetime as dt
import re
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.accounts.models import User
from mia.accounts.permissions import DESK_ROLES, has_role, staff_required
from mia.appointments import blocks, calendar, selectors, services
from mia.appointments.models import Booking, CapacityBlock, CapacityRule
from mia.appointments.staff_forms import (
    FIRST_DAY,
    LAST_DAY,
    CapacityBlockForm,
    CapacityRuleForm,
    DayForm,
    PhoneBookingForm,
    PhoneSearchForm,
)
from mia.appointments.views.common import language
from mia.core.errors import ApplicationError
from mia.organisation import selectors as organisation
from mia.organisation.models import Location, Membership, OpeningPeriod, Team
from mia.organisation.selectors import TeamView

ADMIN_ROLES = frozenset({"admin"})
MANAGE, VIEW = "manage", "view"
DAY_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SEARCH_DAYS = 14  # how far the phone booking looks for the next day with free times


# Access ------------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _membership_access(user: User, membership: Membership | None) -> str:
    if membership is None:
        return ""
    if membership.is_lead:
        return MANAGE
    return VIEW if user.role in DESK_ROLES else ""


def _access(user: User, team: Team) -> str:
    if has_role(user, ADMIN_ROLES):
        return MANAGE
    return _membership_access(user, Membership.objects.filter(user=user, team=team).first())


def _team(request: HttpRequest, slug: str, need: str) -> tuple[Team, str]:
    team = get_object_or_404(Team, slug=slug)
    access = _access(_user(request), team)
    if not access or (need == MANAGE and access != MANAGE):
        raise PermissionDenied
    return team, access


def _visible_teams(user: User) -> list[tuple[Team, str]]:
    teams = Team.objects.order_by("position", "name")
    if has_role(user, ADMIN_ROLES):
        return [(team, MANAGE) for team in teams]
    memberships = user.memberships.select_related("team").order_by("team__position")
    found = [(m.team, _membership_access(user, m)) for m in memberships]
    return [(team, access) for team, access in found if access]


def _location(request: HttpRequest) -> Location:
    slug = request.GET.get("location", "")
    location = (
        Location.objects.prefetch_related("closures").filter(slug=slug).first()
        if slug
        else organisation.location_main()
    )
    if location is None:
        raise Http404
    return location


# Team list and capacity --------------------------------------------------------------------


@staff_required
def staff_teams(request: HttpRequest) -> HttpResponse:
    teams = _visible_teams(_user(request))
    if not teams:
        raise PermissionDenied
    return render(
        request,
        "appointments/staff/teams.html",
        {"teams": teams, "today": timezone.localdate()},
    )


def _overview_context(team: Team, rule_form: Any, block_form: Any) -> dict[str, Any]:
    location = organisation.location_main()
    return {
        "team": team,
        "rules": calendar.team_rules(team=team),
        "blocks": calendar.team_blocks(team=team),
        "walk_in_hours": organisation.periods_by_kind(location, OpeningPeriod.Kind.WALK_IN)
        if location
        else [],
        "location": location,
        "rule_form": rule_form,
        "block_form": block_form,
        "today": timezone.localdate(),
    }


def _block_initial(request: HttpRequest) -> dict[str, Any]:
    """`?day=` from the calendar's "block capacity" link fills the form with that day."""
    initial: dict[str, Any] = {"location": organisation.location_main()}
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return initial
    if FIRST_DAY <= day <= LAST_DAY:
        initial["start"] = dt.datetime.combine(day, dt.time(8))
        initial["end"] = dt.datetime.combine(day, dt.time(12))
    return initial


@staff_required
def staff_team(request: HttpRequest, team: str) -> HttpResponse:
    found, _access_level = _team(request, team, MANAGE)
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if posted else ""
    initial = {"location": organisation.location_main()}
    rule_form = CapacityRuleForm(posted if which == "rule" else None, initial=initial)
    block_form = CapacityBlockForm(
        posted if which == "block" else None, initial=_block_initial(request)
    )
    if which == "rule" and rule_form.is_valid() and _rule_create(request, found, rule_form):
        return redirect("appointments:staff_team", team=found.slug)
    if which == "block" and block_form.is_valid() and _block_create(request, found, block_form):
        return redirect("appointments:staff_team", team=found.slug)
    context = _overview_context(found, rule_form, block_form)
    return render(request, "appointments/staff/team.html", context)


def _rule_create(request: HttpRequest, team: Team, form: CapacityRuleForm) -> bool:
    data = form.cleaned_data
    try:
        rule = blocks.capacity_rule_create(
            location=data["location"],
            team=team,
            weekday=data["weekday"],
            starts=data["starts"],
            ends=data["ends"],
            desks=data["desks"],
            user=_user(request),
        )
    except ApplicationError as error:
        form.add_error(None, error.detail)
        return False
    messages.success(
        request,
        _("Added: %(weekday)s %(starts)s–%(ends)s with %(desks)s desks.")
        % {
            "weekday": rule.get_weekday_display(),
            "starts": f"{rule.starts:%H:%M}",
            "ends": f"{rule.ends:%H:%M}",
            "desks": rule.desks,
        },
    )
    return True


def _block_create(request: HttpRequest, team: Team, form: CapacityBlockForm) -> bool:
    data = form.cleaned_data
    try:
        block = blocks.capacity_block_create(
            location=data["location"],
            team=team,
            start=data["start"],
            end=data["end"],
            desks=data["desks"],
            reason=data["reason"],
            user=_user(request),
        )
    except ApplicationError as error:
        form.add_error(None, error.detail)
        return False
    messages.success(request, _("The desks are blocked."))
    booked = calendar.bookings_in(
        team=team, location=block.location, start=block.start, end=block.end
    )
    if booked:
        messages.warning(
            request,
            _(
                "%(count)s appointments are already booked in this time. They stay booked; "
                "the day calendar shows where desks are overbooked."
            )
            % {"count": booked},
        )
    return True


@staff_required
@require_POST
def staff_rule_delete(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    found, _access_level = _team(request, team, MANAGE)
    rule = get_object_or_404(CapacityRule, pk=pk, team=found)
    blocks.capacity_rule_delete(rule=rule, user=_user(request))
    messages.success(request, _("The period was deleted. Booked appointments stay booked."))
    return redirect("appointments:staff_team", team=found.slug)


@staff_required
@require_POST
def staff_block_delete(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    found, _access_level = _team(request, team, MANAGE)
    block = get_object_or_404(CapacityBlock, pk=pk, team=found)
    blocks.capacity_block_delete(block=block, user=_user(request))
    messages.success(request, _("The block was lifted; the desks take appointments again."))
    return redirect("appointments:staff_team", team=found.slug)


# Day calendar ------------------------------------------------------------------------------


def _parse_day(raw: str) -> dt.date:
    """A day from the URL; anything else (2026-13-45, year 99999) is 404, never 500."""
    if not DAY_PATTERN.match(raw):
        raise Http404
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise Http404 from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Http404
    return day


def _day_url(team: Team, day: dt.date, location: Location) -> str:
    url = reverse("appointments:staff_day", kwargs={"team": team.slug, "day": day.isoformat()})
    main = organisation.location_main()
    return url if main is None or main.pk == location.pk else f"{url}?location={location.slug}"


@staff_required
def staff_day_pick(request: HttpRequest, team: str) -> HttpResponse:
    """The date picker (a GET form); a good date leads to the day's own address."""
    found, access = _team(request, team, VIEW)
    location = _location(request)
    if "date" not in request.GET:
        return redirect(_day_url(found, timezone.localdate(), location))
    form = DayForm(request.GET)
    if form.is_valid():
        return redirect(_day_url(found, form.cleaned_data["date"], location))
    return _render_day(request, found, access, timezone.localdate(), location, form)


@staff_required
def staff_day(request: HttpRequest, team: str, day: str) -> HttpResponse:
    found, access = _team(request, team, VIEW)
    chosen = _parse_day(day)
    form = DayForm(initial={"date": chosen})
    return _render_day(request, found, access, chosen, _location(request), form)


def _render_day(
    request: HttpRequest,
    team: Team,
    access: str,
    day: dt.date,
    location: Location,
    form: DayForm,
) -> HttpResponse:
    context = {
        "team": team,
        "may_manage": access == MANAGE,
        "calendar": calendar.team_day(team=team, location=location, day=day),
        "day": day,
        "form": form,
        "previous_url": _day_url(team, day - dt.timedelta(days=1), location)
        if day > FIRST_DAY
        else "",
        "next_url": _day_url(team, day + dt.timedelta(days=1), location) if day < LAST_DAY else "",
        "today_url": _day_url(team, timezone.localdate(), location),
        "locations": Location.objects.all() if Location.objects.count() > 1 else [],
        "location": location,
    }
    response = render(request, "appointments/staff/day.html", context)
    response["Cache-Control"] = "no-store"
    return response


# Booking by phone and follow-up appointments -----------------------------------------------


def _bookable_teams(team: Team) -> list[TeamView]:
    """Teams with bookable concerns, in the order of the agency."""
    teams = [
        t
        for t in organisation.teams_public(language=language())
        if any(s.bookable for s in t.services)
    ]
    return teams


def _concern_groups(team: Team, teams: list[TeamView], search: PhoneSearchForm) -> dict[str, Any]:
    """The team's own concerns open, the others folded away unless one of them is ticked."""
    picked = {int(pk) for pk in search["services"].value() or [] if str(pk).isdigit()}
    own = next((view for view in teams if view.id == team.pk), None)
    others = [view for view in teams if view.id != team.pk]
    return {
        "own": own,
        "others": others,
        "picked": picked,
        "others_picked": any(s.id in picked for view in others for s in view.services),
    }


def _free_starts(location: Location, chosen: list[Any], day: dt.date) -> list[dt.datetime]:
    slots = selectors.availability(location=location, services=chosen, date_from=day, date_to=day)
    return [timezone.localtime(start) for start, _end in slots]


def _next_free_day(location: Location, chosen: list[Any], after: dt.date) -> dt.date | None:
    today = timezone.localdate()
    last = today + dt.timedelta(days=settings.BOOKING_MAX_DAYS)
    first = max(after, today)
    if first > last:
        return None
    slots = selectors.availability(
        location=location,
        services=chosen,
        date_from=first,
        date_to=min(first + dt.timedelta(days=SEARCH_DAYS), last),
    )
    return timezone.localdate(slots[0][0]) if slots else None


def _search(request: HttpRequest, teams: list[TeamView]) -> tuple[PhoneSearchForm, list[Any]]:
    """Step one from the query: the chosen concerns (checked by the booking service) and day.
    Without a day (the desk's follow-up link), the first day with free times is proposed."""
    query = request.GET.copy()
    chosen: list[Any] = []
    if query.getlist("services") and not query.get("date"):
        try:
            ids = [int(pk) for pk in query.getlist("services")]
            chosen = services.bookable_services(ids)
        except (ValueError, ApplicationError):
            chosen = []
        location = organisation.location_main()
        free = (
            _next_free_day(location, chosen, timezone.localdate()) if chosen and location else None
        )
        query["date"] = (free or timezone.localdate()).isoformat()
    form = PhoneSearchForm(query if query.getlist("services") else None, teams=teams)
    if not form.is_valid():
        return form, []
    try:
        return form, services.bookable_services(form.cleaned_data["services"])
    except ApplicationError as error:
        form.add_error("services", error.detail)
        return form, []


def _window() -> dict[str, Any]:
    earliest, latest = selectors.booking_window(timezone.now())
    return {
        "first_bookable": timezone.localtime(earliest),
        "last_bookable": timezone.localdate(latest),
    }


def _prefill(request: HttpRequest) -> dict[str, Any]:
    asked = request.GET.get("language", "")
    return {
        "language": asked if asked in dict(settings.LANGUAGES) else language(),
        "interpreter": request.GET.get("interpreter") in ("on", "1", "true"),
    }


@staff_required
def staff_book(request: HttpRequest, team: str) -> HttpResponse:
    found, _access_level = _team(request, team, VIEW)
    location = organisation.location_main()
    if location is None:
        raise Http404
    teams = _bookable_teams(found)
    search, chosen = _search(request, teams)
    day = search.cleaned_data["date"] if chosen else None
    starts = _free_starts(location, chosen, day) if chosen and day else []
    posted = request.POST if request.method == "POST" and chosen else None
    form = PhoneBookingForm(posted, starts=starts, initial=_prefill(request))
    if posted and form.is_valid():
        booking = _book(request, form, location, chosen)
        if booking is not None:
            return redirect("appointments:staff_booked", team=found.slug, code=booking.code)
    context = {
        "team": found,
        **_concern_groups(found, teams, search),
        "search": search,
        "chosen": chosen,
        "day": day,
        "starts": starts,
        "form": form,
        "next_free": _next_free_day(location, chosen, day + dt.timedelta(days=1))
        if chosen and day and not starts
        else None,
        "query": request.GET.urlencode(),
        "prefill": _prefill(request),
        "calendar_day": day or timezone.localdate(),
        **_window(),
    }
    return render(request, "appointments/staff/book.html", context)


def _book(
    request: HttpRequest, form: PhoneBookingForm, location: Location, chosen: list[Any]
) -> Booking | None:
    data = form.cleaned_data
    try:
        booking = services.booking_create(
            location=location,
            service_ids=[service.pk for service in chosen],
            start=dt.datetime.fromisoformat(data["start"]),
            name=data["name"],
            email=data["email"],
            phone=data["phone"].strip(),
            language=data["language"],
            interpreter=data["interpreter"],
            user=_user(request),
        )
    except ApplicationError as error:
        form.add_error(None, error.detail)
        return None
    services.booking_confirmation_send(booking=booking)
    return booking


def _print_url(booking: Booking) -> str:
    with translation.override(booking.language):
        return reverse("appointments:print", kwargs={"code": booking.code})


@staff_required
def staff_booked(request: HttpRequest, team: str, code: str) -> HttpResponse:
    """The code to read out, and the printable confirmation for people without e-mail."""
    found, _access_level = _team(request, team, VIEW)
    booking = selectors.booking_by_code(code)
    if booking is None:
        raise Http404
    context = {
        "team": found,
        "booking": booking,
        "items": list(booking.items.all()),
        "print_url": _print_url(booking),
        "day_url": _day_url(found, timezone.localdate(booking.start), booking.location),
    }
    return render(request, "appointments/staff/booked.html", context)
