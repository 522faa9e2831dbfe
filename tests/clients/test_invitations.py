"""Invitations to book: the e-mail goes out in the client's language with a link that has the
service chosen; the letter is printed in German and the client's language; the work lists
(my deadlines, expiring residence titles) show the user's teams' clients only."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from mia.clients.models import AccessLog, Invitation
from mia.clients.services import casework, record
from tests.i18n import shown

pytestmark = pytest.mark.django_db

ARABIC_SERVICE = "تمديد تصريح الإقامة"  # the permit service's Arabic name (tests/conftest.py)


def deliver_mail() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def client_with_case(staff_user, team, name, expires_in_days=None, email=""):
    first, last = name.split()
    expires = timezone.localdate() + dt.timedelta(days=expires_in_days) if expires_in_days else None
    made = record.client_create(
        user=staff_user,
        values={
            "first_name": first,
            "last_name": last,
            "language": "uk",
            "email": email,
            "residence_expires": expires,
        },
    )
    return made, casework.case_open(user=staff_user, client=made, team=team, subject="Akte")


@pytest.mark.django_db(transaction=True)  # the mail is queued on commit; the worker sends it
def test_an_email_invitation_goes_out_in_arabic_with_the_service_chosen(
    login, staff, person, agency
):
    permit = agency["services"]["permit"]
    response = login(staff["clerk"]).post(
        reverse("clients:invite", args=[person.pk]),
        {"service": permit.pk, "channel": "email", "reason": "Verlängerung"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:file", args=[person.pk])
    invitation = Invitation.objects.get(client=person)
    assert (invitation.channel, invitation.language, invitation.service) == ("email", "ar", permit)

    deliver_mail()

    sent = mail.outbox[-1]
    assert sent.to == ["amira@example.org"]
    assert sent.subject == shown("Please book an appointment at the Migrationsagentur", "ar")
    assert shown("Hello, %(name)s", "ar") % {"name": "Amira Haddad"} in sent.body
    assert ARABIC_SERVICE in sent.body
    link = re.search(r"https?://\S+", sent.body)
    assert link is not None and f"services={permit.pk}" in link.group()
    assert "/ar/" in link.group()  # the booking page opens in the client's language
    assert "&amp;" not in sent.body and "&#x27;" not in sent.body  # plain text, not HTML


def test_an_email_invitation_needs_an_address(login, staff, teams, agency):
    nobody, _case = client_with_case(staff["clerk"], teams["A"], "Olena Koval")
    browser = login(staff["clerk"])
    page = browser.get(reverse("clients:invite", args=[nobody.pk])).text
    assert 'value="email"' not in page and 'value="letter"' in page
    response = browser.post(
        reverse("clients:invite", args=[nobody.pk]),
        {"service": agency["services"]["permit"].pk, "channel": "email"},
    )
    assert response.status_code == 200
    assert not Invitation.objects.filter(client=nobody).exists()


def test_a_service_of_another_team_cannot_be_chosen(login, staff, person, agency):
    response = login(staff["clerk"]).post(
        reverse("clients:invite", args=[person.pk]),
        {"service": agency["services"]["benefits"].pk, "channel": "letter"},
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_the_deadline_preselects_service_and_reason(login, staff, person, teams, agency):
    case = person.cases.get(team=teams["A"])
    permit = agency["services"]["permit"]
    deadline = casework.deadline_add(
        user=staff["clerk"],
        case=case,
        title="Fiktion läuft ab",
        due=dt.date.today(),
        service=permit,
    )
    page = login(staff["clerk"]).get(
        reverse("clients:invite", args=[person.pk]) + f"?deadline={deadline.pk}"
    )
    assert re.search(rf'<option value="{permit.pk}" selected>', page.text)
    assert 'value="Fiktion läuft ab"' in page.text
    assert f'name="deadline" value="{deadline.pk}"' in page.text


def test_the_letter_is_in_german_and_arabic(login, staff, person, agency):
    browser = login(staff["clerk"])
    response = browser.post(
        reverse("clients:invite", args=[person.pk]),
        {"service": agency["services"]["permit"].pk, "channel": "letter"},
    )
    invitation = Invitation.objects.get(client=person, channel="letter")
    assert response["Location"] == reverse("clients:letter", args=[invitation.pk])
    before = AccessLog.objects.count()

    letter = browser.get(response["Location"]).text

    assert AccessLog.objects.count() == before + 1
    assert AccessLog.objects.filter(action="letter", object_id=invitation.pk).count() == 1
    german = re.search(r'<section lang="de" dir="ltr".*?</section>', letter, re.S)
    arabic = re.search(r'<section lang="ar" dir="rtl".*?</section>', letter, re.S)
    assert german and arabic
    assert "Aufenthaltserlaubnis verlängern" in german.group()
    assert escape(shown("Book an appointment")) in german.group()
    assert ARABIC_SERVICE in arabic.group()
    assert shown("Book an appointment", "ar") in arabic.group()
    assert "Amira Haddad" in letter
    assert f"services={agency['services']['permit'].pk}" in letter
    assert "<svg" in letter  # the QR code to the booking page
    assert agency["location"].street in letter


def test_another_team_cannot_open_the_letter(login, staff, person, agency):
    login(staff["clerk"]).post(
        reverse("clients:invite", args=[person.pk]),
        {"service": agency["services"]["permit"].pk, "channel": "letter"},
    )
    invitation = Invitation.objects.get(client=person)
    response = login(staff["jobcenter"]).get(reverse("clients:letter", args=[invitation.pk]))
    assert response.status_code == 404


def test_my_deadlines_lists_mine_overdue_first(login, staff, person, teams, agency):
    _late, late_case = client_with_case(staff["clerk"], teams["A"], "Karim Late", email="k@x.org")
    casework.deadline_add(
        user=staff["clerk"],
        case=late_case,
        title="Unterlagen nachreichen",
        due=dt.date.today() - dt.timedelta(days=3),
        service=agency["services"]["permit"],
    )
    _other, other_case = client_with_case(staff["jobcenter"], teams["J"], "Jana Fremd")
    casework.deadline_add(
        user=staff["jobcenter"], case=other_case, title="Weiterbewilligung", due=dt.date.today()
    )
    before = AccessLog.objects.count()

    page = login(staff["clerk"]).get(reverse("clients:deadlines")).text

    assert AccessLog.objects.count() == before + 1
    assert AccessLog.objects.latest("pk").action == "list"
    assert "Karim Late" in page and "Amira Haddad" in page
    assert page.index("Karim Late") < page.index("Amira Haddad")  # overdue first
    assert "Jana Fremd" not in page and "Weiterbewilligung" not in page
    assert page.count('data-testid="invite-email"') == 1  # only the deadline with a service
    assert page.count('data-testid="overdue"') == 1


@pytest.mark.django_db(transaction=True)
def test_one_step_invitation_from_my_deadlines(login, staff, person, teams, agency):
    deadline = person.cases.get(team=teams["A"]).deadlines.get()
    deadline.service = agency["services"]["permit"]
    deadline.save()
    browser = login(staff["clerk"])
    assert 'data-testid="invite-email"' in browser.get(reverse("clients:deadlines")).text
    response = browser.post(
        reverse("clients:invite", args=[person.pk]),
        {
            "service": deadline.service_id,
            "channel": "email",
            "deadline": deadline.pk,
            "next": reverse("clients:deadlines"),
        },
    )
    assert response["Location"] == reverse("clients:deadlines")
    invitation = Invitation.objects.get(client=person)
    assert invitation.deadline == deadline
    assert invitation.reason == "Termin zur Verlängerung"
    deliver_mail()
    assert mail.outbox[-1].to == ["amira@example.org"]


def test_expiring_titles_of_my_teams_clients_only(login, staff, person, teams, agency):
    expired, _ = client_with_case(staff["clerk"], teams["A"], "Ali Expired", expires_in_days=-7)
    client_with_case(staff["clerk"], teams["A"], "Old Expired", expires_in_days=-20)
    client_with_case(staff["clerk"], teams["A"], "Later Still", expires_in_days=70)
    client_with_case(staff["jobcenter"], teams["J"], "Jobcenter Only", expires_in_days=10)
    before = AccessLog.objects.count()

    page = login(staff["clerk"]).get(reverse("clients:expiring")).text

    assert AccessLog.objects.count() == before + 1
    assert AccessLog.objects.latest("pk").action == "list"
    assert "Ali Expired" in page and "Amira Haddad" in page
    assert page.index("Ali Expired") < page.index("Amira Haddad")  # soonest first
    for absent in ("Old Expired", "Later Still", "Jobcenter Only"):
        assert absent not in page
    assert page.count('data-testid="expired"') == 1
    row = re.search(rf'data-testid="expiring-{expired.pk}".*?</tr>', page, re.S)
    assert row and f'<option value="{agency["services"]["permit"].pk}">' in row.group()
    assert 'data-testid="invite-email"' not in row.group()  # no address: letter only


def test_reception_gets_no_work_lists(login, staff):
    browser = login(staff["reception"])
    assert browser.get(reverse("clients:deadlines")).status_code == 403
    assert browser.get(reverse("clients:expiring")).status_code == 403
