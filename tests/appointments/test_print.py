"""The printable confirmation for people without e-mail: code, QR code, time, what to bring."""

import pytest

from mia.appointments import services
from tests.appointments.conftest import MONDAY, berlin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture
def booking(capacity, the_week_before):
    return services.booking_create(
        location=capacity["location"],
        service_ids=[capacity["services"]["permit"].pk, capacity["services"]["benefits"].pk],
        start=berlin(MONDAY, 9),
        name="Olena Kovalenko",
        language="uk",
        now=the_week_before,
    )


def test_it_shows_code_qr_berlin_time_documents_address_and_manage_address(client, booking):
    response = client.get(f"/de/appointments/b/{booking.code}/print/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert booking.code in page
    assert "<svg" in page
    assert "23.11.2026" in page and "09:00" in page  # stored in UTC (08:00), shown in Berlin
    assert "Reisepass" in page  # what to bring for the permit
    assert "Markt 1" in page and "06618 Naumburg (Saale)" in page
    assert f"/de/appointments/b/{booking.code}/</span>" in page
    assert 'class="mia-nav' not in page  # a page of its own, without the navigation


def test_it_speaks_the_language_of_the_address(client, booking):
    page = client.get(f"/uk/appointments/b/{booking.code}/print/").content.decode()
    assert 'lang="uk"' in page
    assert "Продовжити посвідку на проживання" in page
    assert "Закордонний паспорт" in page
    assert f"/uk/appointments/b/{booking.code}/" in page
    arabic = client.get(f"/ar/appointments/b/{booking.code}/print/").content.decode()
    assert 'dir="rtl"' in arabic and "تمديد تصريح الإقامة" in arabic
    assert f'dir="ltr">{booking.code}<' in arabic.replace('data-testid="booking-code" ', "")


def test_the_code_is_case_insensitive_and_unknown_codes_are_404(client, booking):
    assert client.get(f"/de/appointments/b/{booking.code.lower()}/print/").status_code == 200
    assert client.get("/de/appointments/b/NOSUCHCODE/print/").status_code == 404
    assert client.get(f"/de/appointments/b/{'X' * 500}/print/").status_code == 404
    assert client.post(f"/de/appointments/b/{booking.code}/print/").status_code == 405


def test_a_cancelled_booking_says_so(client, booking, the_week_before):
    services.booking_cancel(booking=booking, now=the_week_before)
    page = client.get(f"/en/appointments/b/{booking.code}/print/").content.decode()
    assert "Cancelled" in page


def test_the_booking_page_links_to_it(client, booking):
    page = client.get(f"/de/appointments/b/{booking.code}/").content.decode()
    assert f'href="/de/appointments/b/{booking.code}/print/"' in page
