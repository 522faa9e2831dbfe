import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_in_german(page, demo_agency, assert_accessible):
    page.goto("/de/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Willkommen in der Migrationsagentur"
    assert page.get_by_text("Schönburger Straße 41").is_visible()
    assert_accessible(page)


def test_switching_to_arabic_turns_the_page_right_to_left(page, demo_agency, assert_accessible):
    page.goto("/de/")
    page.locator("summary").click()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert_accessible(page)


def test_the_skip_link_jumps_to_the_content(page, demo_agency):
    page.goto("/de/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Hauptinhalt springen")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize(
    ("code", "direction", "team", "document"),
    [
        ("de", "ltr", "Ausländerrecht", "Reisepass"),
        ("ar", "rtl", "قانون", "جواز"),
        ("uk", "ltr", "іноземців", "Паспорт"),
    ],
)
def test_services_page(page, demo_agency, assert_accessible, code, direction, team, document):
    page.goto(f"/{code}/services/")
    assert page.locator("html").get_attribute("dir") == direction
    headings = " ".join(page.locator("h2").all_inner_texts())
    assert team in headings
    assert document.lower() in page.locator("main").inner_text().lower()
    # Every team of the agency has its section.
    assert page.locator("section.mia-team").count() == 12
    assert_accessible(page)
