"""Placeholder: filled in by the module's author."""

from django.http import HttpRequest, HttpResponse


def invite(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def letter(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError
