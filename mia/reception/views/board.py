"""The waiting-room board."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from mia.organisation.models import Location
from mia.reception import selectors

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
