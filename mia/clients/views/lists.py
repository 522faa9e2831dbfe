"""Placeholder: filled in by the module's author."""

from django.http import HttpRequest, HttpResponse


def deadlines(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def expiring(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError
