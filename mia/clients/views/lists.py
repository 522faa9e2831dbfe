"""A clerk's work lists: my open deadlines, and clients whose residence title expires soon."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from mia.clients import policy
from mia.clients.selectors import lists
from mia.clients.views.common import client_files


@client_files
@require_GET
def deadlines(request: HttpRequest, pk: int = 0) -> HttpResponse:
    if not policy.may_work(request.user):
        raise PermissionDenied
    found = lists.deadlines_mine(user=request.user)
    context = {"deadlines": found, "today": timezone.localdate()}
    return render(request, "clients/deadlines.html", context)


@client_files
@require_GET
def expiring(request: HttpRequest, pk: int = 0) -> HttpResponse:
    if not policy.may_work(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    rows = lists.expiring(user=request.user, language=translation.get_language(), today=today)
    context = {
        "rows": rows,
        "today": today,
        "weeks_ahead": lists.EXPIRING_AHEAD.days // 7,
        "weeks_back": lists.EXPIRED_SHOWN.days // 7,
    }
    return render(request, "clients/expiring.html", context)
