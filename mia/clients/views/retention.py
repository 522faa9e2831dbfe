"""Placeholder: filled in by the module's author."""

from django.http import HttpRequest, HttpResponse


def retention(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError
