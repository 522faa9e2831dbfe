"""The walk-in day in Chromium: reception, two desks, the board and the visitor's phone."""

import re
from urllib.parse import urlparse

import pytest

from mia.accounts.demo import DEMO_PASSWORD
from mia.accounts.models import User
from mia.organisation.models import Desk, Membership, ServiceTranslation, Team
from mia.organisation.selectors import LocationStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture
def desks(demo_agency):
    """Desk 1 (room 1.10) serves foreigners' law and the job centre; desk 2 accommodation."""
    foreign, jobs = Team.objects.get(letter="A"), Team.objects.get(letter="J")
    desk1 = Desk.objects.get(room="1.10")
    desk1.teams.add(jobs)
    Membership.objects.create(user=User.objects.get(username="auslaenderrecht"), team=jobs)
    desk2 = Desk.objects.get(room="1.22")
    assert foreign in desk1.teams.all()
    return desk1, desk2


@pytest.fixture
def new_page(browser, live_server):
    """Pages in contexts of their own (separate logins); all closed before the database goes."""
    contexts = []

    def make(**options):
        context = browser.new_context(
            bypass_csp=True, base_url=live_server.url, locale="de-DE", **options
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def staff_page(new_page, username):
    page = new_page()
    page.set_default_timeout(15_000)
    page.goto("/de/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/accounts/start/")
    return page


def open_desk(page, desk):
    page.goto("/de/desk/")
    page.get_by_label("Schalter").select_option(str(desk.pk))
    page.get_by_role("button", name="Am Schalter beginnen").click()
    page.wait_for_url("**/de/desk/*/")


def test_a_visit_through_two_desks(new_page, desks, assert_accessible):
    reception = staff_page(new_page, "empfang")
    reception.goto("/de/reception/")
    assert_accessible(reception)
    reception.get_by_label("Suche nach Name oder Teambuchstabe").fill("j")
    assert not reception.get_by_label("Duldung verlängern").is_visible()  # filtered to team J
    reception.get_by_label("Suche nach Name oder Teambuchstabe").fill("")
    reception.get_by_label("Elektronischen Aufenthaltstitel (eAT) abholen").check()
    reception.get_by_label("Weiterbewilligungsantrag stellen").check()
    reception.locator("#id_language").select_option("uk")
    reception.get_by_role("button", name="Besuch anlegen und Ticket drucken").click()
    reception.wait_for_url("**/ticket/")
    ticket = reception.get_by_test_id("ticket-number").inner_text()
    assert re.fullmatch(r"A\d{3}", ticket)
    in_ukrainian = ServiceTranslation.objects.get(service__slug="eat-abholen", language="uk").name
    assert in_ukrainian in reception.locator("[data-testid=ticket] [lang=uk]").inner_text()
    assert reception.locator(".mia-ticket__qr svg").is_visible()
    assert_accessible(reception)
    status_path = urlparse(reception.get_by_test_id("status-link").get_attribute("href")).path

    board = new_page()
    board.goto("/de/board/naumburg/")
    visitor = new_page(viewport={"width": 360, "height": 740})
    visitor.goto(status_path.replace("/uk/", "/de/"))
    assert visitor.get_by_test_id("status-ticket").inner_text() == ticket
    assert visitor.get_by_test_id("status-waiting").is_visible()

    desk1 = staff_page(new_page, "auslaenderrecht")
    open_desk(desk1, desks[0])
    desk1.get_by_role("button", name="Nächste Person aufrufen").click()
    assert desk1.get_by_test_id("current-ticket").inner_text() == ticket
    assert_accessible(desk1)
    # The board and the visitor's phone show the call within two seconds, without a name.
    board.get_by_test_id("board-calls").get_by_text(ticket).first.wait_for(timeout=3_000)
    assert "Raum 1.10" in board.get_by_test_id("board-calls").inner_text()
    visitor.get_by_text("Bitte gehen Sie jetzt in Raum 1.10.").wait_for(timeout=7_000)

    # Desk 1 forwards the A concern to accommodation, then serves the J concern itself.
    desk1.get_by_label("Weiterleiten an").select_option(label="Fragen zur zugewiesenen Unterkunft")
    desk1.locator("#id_note").fill("Fragen zur Unterkunft in Zeitz")
    desk1.get_by_role("button", name="Weiterleiten", exact=True).click()
    desk1.get_by_role("button", name="Nächste Person aufrufen").click()
    assert desk1.get_by_test_id("current-ticket").inner_text() == ticket
    desk1.get_by_role("button", name="Beginnen").click()
    desk1.get_by_role("button", name="Abschließen").click()
    assert not desk1.get_by_test_id("current-ticket").is_visible()

    desk2 = staff_page(new_page, "unterkunft")
    open_desk(desk2, desks[1])
    desk2.get_by_role("button", name="Nächste Person aufrufen").click()
    assert desk2.get_by_test_id("current-ticket").inner_text() == ticket
    assert "Fragen zur Unterkunft in Zeitz" in desk2.get_by_test_id("current").inner_text()
    visitor.get_by_text("Bitte gehen Sie jetzt in Raum 1.22.").wait_for(timeout=7_000)
    board.get_by_test_id("board-calls").get_by_text("Raum 1.22").first.wait_for(timeout=3_000)
    desk2.get_by_role("button", name="Abschließen").click()

    visitor.get_by_test_id("status-done").wait_for(timeout=7_000)
    assert_accessible(board)
    assert_accessible(visitor)
    visitor.goto(status_path.replace("/uk/", "/ar/"))
    assert visitor.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(visitor)


def test_kiosk_hands_out_a_ticket(page, demo_agency, assert_accessible, monkeypatch):
    walk_in = LocationStatus(True, True, None, None, "")
    monkeypatch.setattr("mia.organisation.selectors.location_status_now", lambda location: walk_in)
    page.goto("/de/kiosk/naumburg/")
    assert_accessible(page)
    page.get_by_role("link", name="Українська").click()
    page.wait_for_url("**/uk/kiosk/naumburg/concerns/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert_accessible(page)
    page.locator("label[for^=kiosk-service-]").first.click()
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/uk/kiosk/naumburg/ticket/*/")
    assert re.fullmatch(r"[A-Z]\d{3}", page.get_by_test_id("ticket-number").inner_text())
    assert_accessible(page)
