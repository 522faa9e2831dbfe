"""A clerk's client file in Chromium: call a visitor, create their file from the visit, open a
case with a note and a document, invite them to book; every client-file page passes axe."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.oath import TOTP
from pypdf import PdfWriter

from mia.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_KEY
from mia.clients.models import AccessLog, Case, Client, Document, Invitation, Note
from mia.organisation.models import Desk, Service, Team
from mia.organisation.selectors import location_main
from mia.reception import services as reception
from tests.i18n import shown

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


def demo_code() -> str:
    return f"{TOTP(bytes.fromhex(DEMO_TOTP_KEY)).token():06d}"


def scan(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "Reisepass Kopie.pdf"
    path.write_bytes(out.getvalue())
    return path


def test_clerk_creates_a_client_file_from_the_called_visitor(
    page, demo_agency, assert_accessible, tmp_path
):
    foreign = Team.objects.get(letter="A")
    service = Service.objects.filter(team=foreign, bookable=True, walk_in=True).first()
    visit = reception.visit_open(location=location_main(), service_ids=[service.pk], language="ar")

    # Log in and take a desk of team A.
    page.goto("/de/accounts/login/")
    page.get_by_label(shown("Username")).fill("auslaenderrecht")
    page.get_by_label(shown("Password")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=shown("Log in")).click()
    page.wait_for_url("**/accounts/start/")
    desk = Desk.objects.filter(teams=foreign).order_by("room").first()
    page.goto("/de/desk/")
    page.get_by_label(shown("Desk")).select_option(str(desk.pk))
    page.get_by_role("button", name=shown("Start working at this desk")).click()
    page.wait_for_url("**/de/desk/*/")
    page.get_by_role("button", name=shown("Call next")).click()
    assert page.get_by_test_id("current-ticket").inner_text() == visit.ticket

    # The desk offers the client file; client files ask for the second factor first.
    page.get_by_test_id("desk-create-link").click()
    page.wait_for_url("**/accounts/two-factor/?next=*")
    page.get_by_label(shown("Six-digit code from your authenticator app")).fill(demo_code())
    page.get_by_role("button", name=shown("Confirm")).click()
    page.wait_for_url("**/staff/clients/new/?visit=*")
    assert_accessible(page)
    assert page.locator("#id_language").input_value() == "ar"  # from the visit
    page.locator("#id_first_name").fill("Muhammad")
    page.locator("#id_last_name").fill("Sabbagh-Nouri")
    page.locator("#id_birth_date").fill("1988-03-04")
    page.locator("#id_email").fill("m.sabbagh@example.org")
    page.get_by_role("button", name=shown("Create the client file")).click()
    page.wait_for_url("**/staff/clients/*/")
    client = Client.objects.get(last_name="Sabbagh-Nouri")
    assert client.visit_links.get().visit_id == visit.pk
    assert visit.ticket in page.content()  # the linked visit is listed in the file
    assert_accessible(page)

    # A search with another spelling finds the file.
    page.goto("/de/staff/clients/?q=Mohammed+Sabag")
    assert (
        page.get_by_role("link", name="Sabbagh-Nouri").count() >= 1
        or "Sabbagh-Nouri" in page.content()
    )
    assert_accessible(page)

    # A case with a note (markup stays text) and a scanned document.
    page.goto(f"/de/staff/clients/{client.pk}/cases/new/?team={foreign.pk}")
    assert_accessible(page)
    page.get_by_label(shown("Subject")).fill("Verlängerung Aufenthaltserlaubnis")
    page.get_by_role("button", name=shown("Open the case")).click()
    page.wait_for_url("**/staff/clients/cases/*/**")
    case = Case.objects.get(client=client)
    page.get_by_label(shown("Text of the note")).fill("Pass vorgelegt <script>alert(1)</script>")
    page.get_by_role("button", name=shown("Add note")).click()
    page.wait_for_url("**/staff/clients/cases/*/**")
    assert Note.objects.get(case=case).body.startswith("Pass vorgelegt")
    assert "<script>alert(1)</script>" in page.get_by_test_id("notes").inner_text()
    page.get_by_label(shown("File"), exact=True).set_input_files(str(scan(tmp_path)))
    page.get_by_role("button", name=shown("Upload")).click()
    page.wait_for_url("**/staff/clients/cases/*/**")
    document = Document.objects.get(case=case)
    assert document.content_type == "application/pdf"
    assert page.get_by_test_id("document-download").inner_text().startswith("Reisepass")
    assert_accessible(page)

    # Invite by e-mail to book the service, in the client's language (Arabic).
    page.goto(f"/de/staff/clients/{client.pk}/invite/")
    assert_accessible(page)
    page.get_by_label(shown("Service to book")).select_option(str(service.pk))
    page.get_by_label(shown("E-mail")).check()
    page.get_by_role("button", name=shown("Send the invitation")).click()
    page.wait_for_url(f"**/staff/clients/{client.pk}/")
    invitation = Invitation.objects.get(client=client)
    assert (invitation.channel, invitation.language) == ("email", "ar")
    call_command("db_worker", batch=True, stdout=io.StringIO(), stderr=io.StringIO())
    sent = mail.outbox[-1]
    assert sent.to == ["m.sabbagh@example.org"]
    assert f"services={service.pk}" in sent.body and "/ar/appointments/" in sent.body

    # Every read above left its row in the access log.
    actions = set(AccessLog.objects.filter(client_id=client.pk).values_list("action", flat=True))
    assert {"file", "case"} <= actions
