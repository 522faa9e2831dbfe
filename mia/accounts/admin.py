from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from mia.accounts.models import ApiToken, User
from mia.organisation.models import Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["team"]


# Roles and team memberships decide access in MiA; Django's groups would be a second system.
admin.site.unregister(Group)


class StaffChangeForm(UserChangeForm):
    languages = forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = StaffChangeForm
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "memberships__team"]
    inlines = [MembershipInline]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Work at the agency"), {"fields": ("role", "languages")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]
    search_fields = ["user__username", "name"]

    def has_add_permission(self, request: object) -> bool:
        return False  # tokens are shown once, so they are made by `mia create-token`
