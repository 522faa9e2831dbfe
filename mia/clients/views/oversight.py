"""Placeholder: filled in by the module's author."""

from django.http import HttpRequest, HttpResponse


def review(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def grant_reviewed(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def access_log(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError
