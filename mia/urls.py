from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from mia.api import api
from mia.core import views as core_views
from mia.portal.views import sitemap

handler403 = "mia.core.views.permission_denied"
handler404 = "mia.core.views.page_not_found"
handler500 = "mia.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("sitemap.xml", sitemap.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap.sitemap_section, name="sitemap_section"),
    path("api/v1/", api.urls),
    path("admin/", RedirectView.as_view(url="/de/admin/", permanent=False)),
]

urlpatterns += i18n_patterns(
    path("", include("mia.organisation.urls")),
    path("accounts/", include("mia.accounts.urls")),
    path("", include("mia.reception.urls")),
    path("", include("mia.appointments.urls")),
    path("", include("mia.portal.urls")),
    path("", include("mia.portal.staff_urls")),
    path("", include("mia.clients.urls")),
    path("admin/", admin.site.urls),
)
