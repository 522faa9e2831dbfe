import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_services_page_lists_teams_services_and_documents(client, agency):
    page = client.get("/de/services/").content.decode()
    assert "Ausländerrecht" in page
    assert "Aufenthaltserlaubnis verlängern" in page
    assert "Reisepass" in page
    assert '<html lang="de" dir="ltr">' in page


def test_the_services_page_speaks_ukrainian(client, agency):
    page = client.get("/uk/services/").content.decode()
    assert '<html lang="uk" dir="ltr">' in page
    assert "Право іноземців" in page
    assert "Продовжити посвідку на проживання" in page
    assert "Закордонний паспорт" in page


def test_the_arabic_services_page_is_right_to_left(client, agency):
    page = client.get("/ar/services/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "قانون الأجانب" in page


def test_untranslated_text_is_marked_as_german(client, agency):
    page = client.get("/ar/services/").content.decode()
    assert '<h3 class="kern-heading-small" lang="de">Bürgergeld beantragen</h3>' in page


def test_the_root_redirects_to_the_browsers_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="uk,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/uk/"


def test_the_language_switcher_links_to_the_same_page_in_every_language(client, agency):
    page = client.get("/de/services/").content.decode()
    for code in ["de", "en", "ar", "uk", "ru", "fa", "ps", "tr", "ro", "pl", "vi", "fr"]:
        assert f'href="/{code}/services/" lang="{code}" hreflang="{code}"' in page


def test_the_home_page_says_whether_walk_ins_are_taken(client, agency):
    page = client.get("/de/").content.decode()
    assert "Migrationsagentur" in page
    assert "Markt 1, 06618 Naumburg (Saale)" in page
    assert "Ausländerrecht" in page


def test_unknown_pages_get_a_friendly_404(client, db):
    response = client.get("/de/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="de"' in response.content.decode()


def test_an_administrator_edits_a_service_in_german(client, agency):
    admin = factories.staff("boss", "admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    service = agency["services"]["permit"]
    url = f"/de/admin/organisation/service/{service.pk}/change/"
    page = client.get(url).content.decode()
    assert "Leistung ändern" in page
    assert "Ohne Termin möglich" in page
    form = {
        "team": service.team_id,
        "slug": service.slug,
        "name": "Aufenthaltstitel verlängern",
        "description": "",
        "duration_minutes": 25,
        "walk_in": "on",
        "bookable": "on",
        "leika_key": "",
        "target_groups": ["refugees", "families"],
        "documents": [],
        "position": 0,
        "is_active": "on",
        "translations-TOTAL_FORMS": 0,
        "translations-INITIAL_FORMS": 0,
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.name == "Aufenthaltstitel verlängern"
    assert service.target_groups == ["refugees", "families"]
