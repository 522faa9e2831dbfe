"""Placeholder: filled in by the module's author."""

from django.http import HttpRequest, HttpResponse


def consent_create(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def consent_withdraw(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def consent_form(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def grant_create(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError
