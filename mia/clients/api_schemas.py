"""Input and output schemas of the client-file API (mia/clients/api.py)."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import field_validator

from mia.clients.models import Case, ResidenceStatus
from mia.core.schemas import LanguageCode

StatusCode = Literal[tuple(ResidenceStatus.values)]  # type: ignore[valid-type]
CountryCode = Annotated[str, Field(min_length=2, max_length=3, pattern=r"^[A-Za-z]{2,3}$")]
Short = Annotated[str, Field(max_length=120)]


class ClientSummaryOut(Schema):
    """One search hit."""

    id: int
    first_name: str
    last_name: str
    birth_date: dt.date | None
    nationalities: list[str]
    file_number: str


class CardOut(Schema):
    """What reception may see: names, birth date and the concerns of linked visits."""

    id: int
    first_name: str
    last_name: str
    birth_date: dt.date | None
    concerns: list[str]


class _RecordFields(Schema):
    """The shared record's fields a clerk may set (mia.clients.services.record.RECORD_FIELDS)."""

    birth_name: Short | None = None
    other_names: Annotated[str, Field(max_length=250)] | None = None
    birth_date: dt.date | None = None
    nationalities: list[CountryCode] | None = Field(None, max_length=10)
    languages: list[LanguageCode] | None = Field(None, max_length=10)
    language: LanguageCode | None = Field(None, description="Language for letters")
    phone: Annotated[str, Field(max_length=40)] | None = None
    email: Annotated[str, Field(max_length=254)] | None = None
    street: Short | None = None
    postcode: Annotated[str, Field(max_length=10)] | None = None
    town: Annotated[str, Field(max_length=80)] | None = None
    residence_status: StatusCode | None = None  # type: ignore[valid-type]
    residence_expires: dt.date | None = None
    file_number: Annotated[str, Field(max_length=40)] | None = None
    benefit_number: Annotated[str, Field(max_length=40)] | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value:
            try:
                validate_email(value)
            except DjangoValidationError as error:
                raise ValueError("not a valid e-mail address") from error
        return value

    @field_validator("nationalities")
    @classmethod
    def _upper(cls, value: list[str] | None) -> list[str] | None:
        return [code.upper() for code in value] if value is not None else None


class ClientIn(_RecordFields):
    first_name: Short = ""
    last_name: Short = ""


class ClientPatch(_RecordFields):
    """Only the fields sent are corrected."""

    first_name: Short | None = None
    last_name: Short | None = None


class ClientOut(Schema):
    id: int
    first_name: str
    last_name: str
    birth_name: str
    other_names: str
    birth_date: dt.date | None
    nationalities: list[str]
    languages: list[str]
    language: str
    phone: str
    email: str
    street: str
    postcode: str
    town: str
    residence_status: str
    residence_expires: dt.date | None
    file_number: str
    benefit_number: str
    household: int | None = Field(None, alias="household_id")
    created_at: dt.datetime
    updated_at: dt.datetime


class CaseSummaryOut(Schema):
    id: int
    team: int = Field(alias="team_id")
    subject: str
    status: str


class DeadlineOut(Schema):
    id: int
    case: int = Field(alias="case_id")
    title: str
    due: dt.date
    service: int | None = Field(None, alias="service_id")
    done_at: dt.datetime | None


class ConsentOut(Schema):
    id: int
    owners: list[int]
    recipients: list[int]
    categories: list[str]
    given_on: dt.date
    withdrawn_at: dt.datetime | None


class VisitOut(Schema):
    id: int
    ticket: str
    concerns: list[str] = Field(description="The services the visitor came for")


class ClientFileOut(Schema):
    client: ClientOut
    household: list[ClientSummaryOut]
    visits: list[VisitOut]
    cases: list[CaseSummaryOut]
    deadlines: list[DeadlineOut]
    consents: list[ConsentOut]


class NoteOut(Schema):
    id: int
    case: int = Field(alias="case_id")
    body: str
    shareable: bool
    author: str
    created_at: dt.datetime

    @staticmethod
    def resolve_author(note: Any) -> str:
        return note.author.username if note.author else ""


class DocumentOut(Schema):
    id: int
    title: str
    filename: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


class CaseOut(Schema):
    id: int
    client: int = Field(alias="client_id")
    team: int = Field(alias="team_id")
    subject: str
    status: Literal[tuple(Case.Status.values)]  # type: ignore[valid-type]
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    access: str = Field(description="Why you may read it: team, consent, legal or emergency")
    notes: list[NoteOut]
    documents: list[DocumentOut]
    deadlines: list[DeadlineOut]


class AccessQuery(Schema):
    client: int | None = None
    user: str | None = Field(None, max_length=150, description="User name")
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class AccessOut(Schema):
    at: dt.datetime
    user: str
    action: str
    object: int | None
    reason: str
    basis: str
    team: int | None
    client: int | None
    outside_team: bool
    channel: str
