from collections.abc import Callable

from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


class OutOfRangeMiddleware:
    """A number or date too large for the database or the calendar (an id like 10**25, the
    year 9999 plus a week) is the visitor's mistake: answer 404 / 422, never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OverflowError | DataError):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": "A number or date is out of range.", "code": "out_of_range"}, status=422
            )
        return render(request, "core/404.html", status=404)
