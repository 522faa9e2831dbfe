"""Every client-file page in Chromium, as the role that uses it: axe finds no violations and
nothing scrolls sideways at 320 px. Sessions come with a verified second factor."""

import pytest
from django.conf import settings
from django.test import Client as Browser

from mia.accounts.models import User
from mia.clients.models import Case, Client, Invitation
from mia.clients.services import invitations, retention
from mia.organisation.models import Service
from tests.clients.conftest import verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser, live_server, username: str):
    session = verified(Browser(), User.objects.get(username=username)).cookies[
        settings.SESSION_COOKIE_NAME
    ]
    context = browser.new_context(bypass_csp=True, base_url=live_server.url, locale="de-DE")
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def demo_file(demo_agency):
    """A demo client of team A with a letter to print, and a dry-run retention report."""
    case = Case.objects.filter(team__letter="A", client__language="ar").first()
    client = case.client
    clerk = User.objects.get(username="auslaenderrecht")
    service = Service.objects.filter(team=case.team, bookable=True).first()
    letter = invitations.invitation_send(
        user=clerk, client=client, service=service, channel=Invitation.Channel.LETTER
    )
    retention.retention_report(user=User.objects.get(username="admin"))
    return {"client": client, "case": case, "letter": letter}


def test_every_client_file_page_is_accessible(browser, live_server, demo_file, assert_accessible):
    client: Client = demo_file["client"]
    pages = {
        "auslaenderrecht": [
            f"/de/staff/clients/?q={client.last_name}",
            f"/de/staff/clients/{client.pk}/",
            f"/de/staff/clients/{client.pk}/edit/",
            "/de/staff/clients/new/",
            f"/de/staff/clients/{client.pk}/cases/new/",
            f"/de/staff/clients/cases/{demo_file['case'].pk}/",
            f"/de/staff/clients/{client.pk}/invite/",
            f"/de/staff/clients/invitations/{demo_file['letter'].pk}/letter/",
            "/de/staff/clients/deadlines/",
            "/de/staff/clients/expiring/",
            f"/de/staff/clients/{client.pk}/consents/new/",
            f"/de/staff/clients/{client.pk}/export/",
        ],
        "jobcenter": [f"/de/staff/clients/{client.pk}/open/"],
        "empfang": [
            f"/de/staff/clients/?q={client.last_name}",
            f"/de/staff/clients/{client.pk}/card/",
        ],
        "teamleitung": ["/de/staff/clients/review/", "/de/staff/clients/retention/"],
        "datenschutz": ["/de/staff/clients/access-log/"],
        "admin": ["/de/staff/clients/retention/"],
    }
    for username, urls in pages.items():
        context, page = signed_in(browser, live_server, username)
        try:
            for url in urls:
                response = page.goto(url)
                assert response.status == 200, (username, url, response.status)
                assert page.locator("h1").count() == 1, url
                assert_accessible(page)
        finally:
            context.close()
