"""Fixtures for client files: a staff member per role (second factor verified), a client with
casework in two teams, and real PDF / PNG / JPEG bytes."""

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from pypdf import PdfWriter

from mia.accounts.models import Role, User
from mia.clients.models import Client
from mia.clients.services import casework, record
from mia.organisation.models import Membership
from tests import factories


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, kind)
    return out.getvalue()


def upload(data: bytes, name: str = "scan.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def private_root(settings, tmp_path):
    settings.MIA_PRIVATE_ROOT = tmp_path / "private"
    return settings.MIA_PRIVATE_ROOT


@pytest.fixture
def teams(agency):
    """Ausländerrecht (A), Jobcenter (J) and the youth office (F, confidential)."""
    youth = factories.team("F", "Jugendamt", slug="jugendamt")
    return {**agency["teams"], "F": youth}


@pytest.fixture
def staff(teams) -> dict[str, User]:
    """One account per kind of user; `lead` leads team A."""
    made = {
        "reception": factories.staff("empfang", Role.RECEPTION),
        "clerk": factories.staff("clerk_a", Role.CLERK, (teams["A"],)),
        "clerk2": factories.staff("clerk_a2", Role.CLERK, (teams["A"],)),
        "jobcenter": factories.staff("clerk_j", Role.CLERK, (teams["J"],)),
        "youth": factories.staff("clerk_f", Role.CLERK, (teams["F"],)),
        "lead": factories.staff("lead_a", Role.TEAM_LEAD, (teams["A"],)),
        "housing": factories.staff("housing", Role.HOUSING),
        "editor": factories.staff("editor", Role.EDITOR),
        "partner": factories.staff("partner", Role.PARTNER_EDITOR),
        "admin": factories.staff("admin", Role.ADMIN),
        "auditor": factories.staff("auditor", Role.AUDITOR),
    }
    Membership.objects.filter(user=made["lead"]).update(is_lead=True)
    return made


def verified(browser: Browser, user: User) -> Browser:
    """Log `user` in with a confirmed TOTP device, as after entering a valid code."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
    browser.force_login(user)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return browser


@pytest.fixture
def login() -> Callable[[User], Browser]:
    """A fresh test browser logged in (second factor verified) as the given user."""

    def make(user: User) -> Browser:
        return verified(Browser(), user)

    return make


@pytest.fixture
def person(staff, teams, private_root) -> Client:
    """Amira Haddad with a case of team A (note, document, deadline) and one of the Jobcenter."""
    client = record.client_create(
        user=staff["clerk"],
        values={
            "first_name": "Amira",
            "last_name": "Haddad",
            "birth_date": dt.date(1990, 5, 17),
            "nationalities": ["SY"],
            "languages": ["ar", "en"],
            "language": "ar",
            "email": "amira@example.org",
            "phone": "+49 3445 1234",
            "residence_status": "permit",
            "residence_expires": dt.date.today() + dt.timedelta(days=30),
            "file_number": "ABH-2024-0815",
        },
    )
    case = casework.case_open(
        user=staff["clerk"], client=client, team=teams["A"], subject="Verlängerung"
    )
    casework.note_add(user=staff["clerk"], case=case, body="Pass liegt vor.")
    casework.document_add(
        user=staff["clerk"], case=case, title="Pass", upload=upload(pdf_bytes(), "pass.pdf")
    )
    casework.deadline_add(
        user=staff["clerk"], case=case, title="Termin zur Verlängerung", due=dt.date.today()
    )
    job_case = casework.case_open(
        user=staff["jobcenter"], client=client, team=teams["J"], subject="Bürgergeld"
    )
    casework.note_add(user=staff["jobcenter"], case=job_case, body="Antrag ausgegeben.")
    return client
