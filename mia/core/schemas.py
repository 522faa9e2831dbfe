"""Schemas of the API's error answers, shared by every router so the OpenAPI shows them."""

from typing import Literal

from ninja import Schema

from mia.core.languages import CODES

LanguageCode = Literal[CODES]  # type: ignore[valid-type]


class ErrorOut(Schema):
    detail: str
    code: str


class FieldErrorOut(Schema):
    loc: list[str]
    msg: str


class ValidationErrorOut(ErrorOut):
    errors: list[FieldErrorOut] = []
