from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mia.organisation.models import (
    Closure,
    Desk,
    Document,
    DocumentTranslation,
    Location,
    OpeningPeriod,
    Service,
    ServiceTranslation,
    TargetGroup,
    Team,
    TeamTranslation,
)


class ServiceForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Service
        fields = [
            "team",
            "slug",
            "name",
            "description",
            "duration_minutes",
            "walk_in",
            "bookable",
            "leika_key",
            "target_groups",
            "documents",
            "is_active",
            "position",
        ]


class OpeningPeriodInline(admin.TabularInline):
    model = OpeningPeriod
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "street", "town"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningPeriodInline, ClosureInline]


class TeamTranslationInline(admin.StackedInline):
    model = TeamTranslation
    extra = 0


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["letter", "name", "kind", "position"]
    list_filter = ["kind"]
    search_fields = ["name", "letter"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamTranslationInline]


class ServiceTranslationInline(admin.StackedInline):
    model = ServiceTranslation
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    form = ServiceForm
    list_display = ["name", "team", "duration_minutes", "walk_in", "bookable", "is_active"]
    list_filter = ["team", "walk_in", "bookable", "is_active"]
    search_fields = ["name", "description", "leika_key"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["documents"]
    inlines = [ServiceTranslationInline]


class DocumentTranslationInline(admin.TabularInline):
    model = DocumentTranslation
    extra = 0


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name", "key"]
    inlines = [DocumentTranslationInline]


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["name", "room", "location"]
    list_filter = ["location", "teams"]
    filter_horizontal = ["teams"]
