"""Schemas of the API's error answers, shared by every router so the OpenAPI shows them."""

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    code: str


class FieldErrorOut(Schema):
    loc: list[str]
    msg: str


class ValidationErrorOut(ErrorOut):
    errors: list[FieldErrorOut] = []
