"""The printable confirmation of a booking, for its holder: people without e-mail take the code,
the QR code and what to bring home on paper. In the language of the address (`/ar/...`)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mia.appointments.views.common import booking_or_404, booking_sheet


@require_GET
def booking_print(request: HttpRequest, code: str) -> HttpResponse:
    response = render(request, "appointments/print.html", booking_sheet(booking_or_404(code)))
    response["Cache-Control"] = "no-store"
    return response
