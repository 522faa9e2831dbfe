"""The portal's staff pages in Chromium, each checked with axe: the editors' dashboard, the
translation overview and the translation form (Arabic, right to left), the page form whose
German edit outdates the translations, the review queue, and a partner's offer going from the
partner's form through review into the directory."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone

from mia.accounts.demo import DEMO_PASSWORD
from mia.accounts.models import Role
from mia.portal.models import Actor, FaqEntry, Offer, Page, PageTranslation, Proposal
from mia.portal.selectors.directory import OfferFilter, offers_filtered
from mia.portal.services.content import source_save, translation_save
from mia.portal.services.proposals import proposal_return, proposal_submit
from tests import factories
from tests.i18n import shown

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("MIA_SCREENSHOTS", "")


def log_in(page, username: str) -> None:
    page.goto("/de/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/accounts/start/")


def snapshot(page, name: str) -> None:
    """With MIA_SCREENSHOTS=<folder>, keep a picture of the page to look at."""
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def portal():
    editor = factories.staff("redaktion", Role.EDITOR, password=DEMO_PASSWORD)
    partner = factories.staff("verein", Role.PARTNER_EDITOR, password=DEMO_PASSWORD)
    start = source_save(
        item=Page(),
        data={
            "slug": "ankommen",
            "title": "Ankommen",
            "body": "<p>Willkommen im Burgenlandkreis.</p>",
        },
        user=editor,
    )
    housing = source_save(
        item=Page(parent=start),
        data={
            "slug": "wohnen",
            "title": "Wohnen",
            "summary": "Unterkunft und Miete",
            "body": "<p>Wo wohne ich?</p>",
        },
        user=editor,
    )
    translation_save(
        item=start, language="ar", data={"title": "الوصول", "body": "<p>أهلا</p>"}, user=editor
    )
    translation_save(
        item=start, language="en", data={"title": "Arrival", "body": "<p>Welcome</p>"}, user=editor
    )
    translation_save(item=housing, language="uk", data={"title": "Житло"}, user=editor)
    source_save(item=housing, data={"body": "<p>Wo wohne ich? Und wer zahlt?</p>"}, user=editor)
    source_save(
        item=FaqEntry(),
        data={"group": "who", "question": "Wer kommt zu uns?", "answer": "<p>Menschen</p>"},
        user=editor,
    )
    actor = source_save(
        item=Actor(),
        data={"name": "Sportverein Naumburg", "slug": "sv", "kind": "sports", "town": "Naumburg"},
        user=editor,
    )
    actor.editors.add(partner)
    other = source_save(
        item=Actor(),
        data={"name": "Kirchgemeinde", "slug": "kirche", "kind": "church", "town": "Zeitz"},
        user=editor,
    )
    offer = source_save(
        item=Offer(actor=actor),
        data={
            "category": "sports",
            "title": "Fußball",
            "town": "Naumburg",
            "schedule": "montags 17 Uhr",
        },
        user=editor,
    )
    returned = proposal_submit(
        user=partner,
        actor=actor,
        kind="event",
        object_id=None,
        data={
            "title": "Sommerfest",
            "town": "Naumburg",
            "start": timezone.now() + dt.timedelta(days=30),
            "end": timezone.now() + dt.timedelta(days=30, hours=3),
        },
    )
    proposal_return(proposal=returned, user=editor, note="Bitte den Ort genauer angeben.")
    return {"start": start, "housing": housing, "actor": actor, "other": other, "offer": offer}


def test_dashboard_and_translation_overview(page, portal, assert_accessible):
    log_in(page, "redaktion")
    page.locator("a[href='/de/staff/portal/']").click()
    page.wait_for_url("**/staff/portal/")
    # Arabic: one page, the FAQ entry, both actors and the offer have none yet.
    assert page.get_by_test_id("needs-ar").inner_text() == "5"
    assert_accessible(page)
    snapshot(page, "dashboard")

    page.goto("/de/staff/portal/translations/")
    row = page.get_by_test_id(f"row-{portal['start'].pk}")
    assert row.locator("[data-language=ar]").get_attribute("data-status") == "current"
    housing = page.get_by_test_id(f"row-{portal['housing'].pk}")
    assert housing.locator("[data-language=uk]").get_attribute("data-status") == "outdated"
    assert housing.locator("[data-language=uk] .kern-label").inner_text() == shown("outdated")
    assert_accessible(page)
    snapshot(page, "translation-overview")

    page.locator("#id_kind").select_option("faq")
    page.locator("#id_language").select_option("fa")
    page.get_by_label(shown("Only entries that need translating")).check()
    page.get_by_test_id("filter").locator("button").click()
    page.wait_for_url("**kind=faq**")
    assert "Wer kommt zu uns?" in page.get_by_test_id("overview").inner_text()
    assert_accessible(page)


def test_translating_into_arabic_beside_the_german_source(page, portal, assert_accessible):
    log_in(page, "redaktion")
    page.goto("/de/staff/portal/translations/?kind=page&language=ar&needs=on")
    housing = page.get_by_test_id(f"row-{portal['housing'].pk}")
    housing.locator("[data-language=ar] a").click()
    page.wait_for_url(f"**/translations/page/{portal['housing'].pk}/ar/**")
    assert "Wo wohne ich?" in page.get_by_test_id("source-body").inner_text()
    title = page.locator("#id_title")
    assert (title.get_attribute("dir"), title.get_attribute("lang")) == ("rtl", "ar")
    assert page.locator("#id_body").get_attribute("dir") == "rtl"
    assert_accessible(page)
    snapshot(page, "translation-form-ar")

    title.fill("السكن")
    page.locator("#id_body").fill("<p>أين أسكن؟</p>")
    page.get_by_test_id("translation-form").locator("button[type=submit]").click()
    page.wait_for_url("**/translations/?kind=page&language=ar&needs=on")
    assert page.get_by_test_id(f"row-{portal['housing'].pk}").count() == 0  # nothing left to do
    saved = PageTranslation.objects.get(item=portal["housing"], language="ar")
    assert saved.source_version == Page.objects.get(pk=portal["housing"].pk).source_changed_at


def test_a_german_page_edit_marks_its_translations_outdated(page, portal, assert_accessible):
    log_in(page, "redaktion")
    page.goto("/de/staff/portal/pages/")
    assert page.get_by_test_id("page-wohnen").get_attribute("data-depth") == "1"
    assert_accessible(page)
    snapshot(page, "page-tree")
    page.get_by_role("link", name="Ankommen", exact=True).click()
    page.wait_for_url(f"**/pages/{portal['start'].pk}/")
    assert_accessible(page)
    snapshot(page, "page-form")

    page.locator("#id_title").fill("Ankommen im Landkreis")
    page.get_by_label(shown("Minor edit (does not outdate translations)")).check()
    page.get_by_test_id("source-form").locator("button[type=submit]").click()
    page.wait_for_url("**/staff/portal/pages/")
    page.goto("/de/staff/portal/translations/")
    row = page.get_by_test_id(f"row-{portal['start'].pk}")
    assert row.locator("[data-language=ar]").get_attribute("data-status") == "current"

    page.goto(f"/de/staff/portal/pages/{portal['start'].pk}/")
    page.locator("#id_body").fill("<p>Willkommen! Hier beginnt alles.</p>")
    page.get_by_test_id("source-form").locator("button[type=submit]").click()
    page.wait_for_url("**/staff/portal/pages/")
    page.goto("/de/staff/portal/translations/")
    row = page.get_by_test_id(f"row-{portal['start'].pk}")
    assert row.locator("[data-language=ar]").get_attribute("data-status") == "outdated"
    assert row.locator("[data-language=en]").get_attribute("data-status") == "outdated"


def test_a_partners_offer_is_published_by_an_editor(
    page, browser, live_server, portal, assert_accessible
):
    log_in(page, "verein")
    page.locator("a[href='/de/staff/portal/partner/']").click()
    page.wait_for_url("**/staff/portal/partner/")
    assert "Kirchgemeinde" not in page.get_by_test_id("my-actors").inner_text()
    assert_accessible(page)
    own = f"/de/staff/portal/partner/{portal['actor'].pk}/"
    page.get_by_test_id("my-actors").locator(f"a[href='{own}']").click()
    page.wait_for_url(f"**{own}")
    assert_accessible(page)
    page.get_by_test_id("partner-nav").locator(f"a[href='{own}events/']").click()
    page.wait_for_url("**/events/")
    assert "Bitte den Ort genauer angeben." in page.get_by_test_id("new-proposals").inner_text()
    assert_accessible(page)
    snapshot(page, "partner-events")
    page.get_by_test_id("partner-nav").locator(f"a[href='{own}offers/']").click()
    page.wait_for_url("**/offers/")
    assert_accessible(page)
    page.get_by_role("link", name="Fußball").click()
    page.wait_for_url(f"**/offers/{portal['offer'].pk}/")
    assert_accessible(page)
    snapshot(page, "partner-offer-form")
    page.locator("#id_title").fill("Fußball für Kinder")
    page.get_by_test_id("proposal-form").locator("button[type=submit]").click()
    page.wait_for_url("**/offers/")
    assert (
        shown("waiting for review")
        in page.get_by_test_id(f"entry-{portal['offer'].pk}").inner_text()
    )
    assert [o.title for o in offers_filtered(OfferFilter())] == ["Fußball"]  # not yet public
    response = page.goto(f"/de/staff/portal/partner/{portal['other'].pk}/offers/")
    assert response.status == 404

    editor = browser.new_context(
        bypass_csp=True, base_url=live_server.url, locale="de-DE"
    ).new_page()
    editor.set_default_timeout(15_000)
    log_in(editor, "redaktion")
    editor.goto("/de/staff/portal/review/")
    assert_accessible(editor)
    snapshot(editor, "review-queue")
    editor.get_by_role("link", name="Fußball für Kinder").click()
    assert editor.get_by_test_id("before-title").inner_text() == "Fußball"
    assert editor.get_by_test_id("after-title").inner_text() == "Fußball für Kinder"
    assert_accessible(editor)
    snapshot(editor, "review-detail")
    editor.get_by_test_id("publish-form").locator("button").click()
    editor.wait_for_url("**/staff/portal/review/")
    assert Proposal.objects.filter(status="published").count() == 1
    assert [o.title for o in offers_filtered(OfferFilter())] == ["Fußball für Kinder"]
    directory = editor.goto("/de/angebote/")
    assert directory is not None and directory.status == 200
    assert "Fußball für Kinder" in editor.locator("main").inner_text()
    api = editor.request.get("/api/v1/offers?q=kinder&lang=de")
    assert api.status == 200
    assert "Fußball für Kinder" in [item["title"] for item in api.json()["items"]]
    editor.context.close()
