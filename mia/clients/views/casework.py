"""Placeholder: filled in by the module's author."""

from django.http import HttpRequest, HttpResponse


def case_create(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def case(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def note_add(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def document_add(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def deadline_add(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def document(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError


def deadline_done(request: HttpRequest, pk: int = 0) -> HttpResponse:
    raise NotImplementedError
