"""Placeholder: filled in by the module's author."""

from django.http import HttpRequest, HttpResponse


def create(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def file(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def card(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def edit(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def household(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def link_visit(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError
