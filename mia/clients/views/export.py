"""Placeholder: filled in by the module's author."""

from django.http import HttpRequest, HttpResponse


def py(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def export_page(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def export_json(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError
