"""Staff pages of the portal, under /<language>/staff/portal/."""

from django.urls import path

from mia.portal.staff_views import editor, partner, review, translations

app_name = "portal_staff"

P = "staff/portal/"


def _source_routes(segment: str, kind: str) -> list:
    """List, new, edit and delete of one kind of German content."""
    kwargs = {"kind": kind}
    return [
        path(f"{P}{segment}/", editor.item_list, kwargs, name=f"{segment}_list"),
        path(f"{P}{segment}/new/", editor.item_edit, kwargs, name=f"{segment}_new"),
        path(f"{P}{segment}/<int:pk>/", editor.item_edit, kwargs, name=f"{segment}_edit"),
        path(
            f"{P}{segment}/<int:pk>/delete/", editor.item_delete, kwargs, name=f"{segment}_delete"
        ),
    ]


def _partner_routes(segment: str, kind: str) -> list:
    kwargs = {"kind": kind}
    base = f"{P}partner/<int:actor>/{segment}/"
    return [
        path(base, partner.entries, kwargs, name=f"partner_{segment}"),
        path(f"{base}new/", partner.entry_edit, kwargs, name=f"partner_{kind}_new"),
        path(f"{base}<int:pk>/", partner.entry_edit, kwargs, name=f"partner_{kind}_edit"),
    ]


urlpatterns = [
    path(P, editor.dashboard, name="dashboard"),
    path(f"{P}pages/", editor.pages, name="pages"),
    path(f"{P}pages/new/", editor.page_edit, name="page_new"),
    path(f"{P}pages/<int:pk>/", editor.page_edit, name="page_edit"),
    path(f"{P}pages/<int:pk>/delete/", editor.page_delete, name="page_delete"),
    *_source_routes("faq", "faq"),
    *_source_routes("news", "news"),
    *_source_routes("events", "event"),
    *_source_routes("actors", "actor"),
    path(f"{P}actors/<int:actor>/offers/new/", editor.offer_edit, name="offer_new"),
    path(f"{P}actors/<int:actor>/offers/<int:pk>/", editor.offer_edit, name="offer_edit"),
    path(
        f"{P}actors/<int:actor>/offers/<int:pk>/delete/", editor.offer_delete, name="offer_delete"
    ),
    path(f"{P}translations/", translations.overview, name="translations"),
    path(
        f"{P}translations/<slug:kind>/<int:pk>/<str:language>/",
        translations.translate,
        name="translate",
    ),
    path(f"{P}review/", review.queue, name="review"),
    path(f"{P}review/<int:pk>/", review.detail, name="review_detail"),
    path(f"{P}partner/", partner.home, name="partner"),
    path(f"{P}partner/<int:actor>/", partner.profile, name="partner_profile"),
    *_partner_routes("offers", "offer"),
    *_partner_routes("events", "event"),
]
