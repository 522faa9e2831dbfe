from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from mia.accounts.permissions import needs_second_factor, second_factor_redirect


class MiAAdminSite(admin.AdminSite):
    """The Django admin behind MiA's own login, with the same 2FA rule as the staff area."""

    site_header = _("MiA administration")
    site_title = _("MiA administration")
    index_title = _("Master data of the agency")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not needs_second_factor(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        user: Any = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            return second_factor_redirect(request)
        return redirect_to_login(request.get_full_path())
