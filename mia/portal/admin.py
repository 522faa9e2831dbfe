"""Portal content in the admin, for administrators. Saves and deletes go through the same
services as the staff pages, so rich text is sanitised, the search index follows and a change
of a translated text outdates the translations. Translations and partners' proposals are
shown read-only: they are written on the staff pages (translation form, review queue)."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from mia.portal.models import (
    Actor,
    ActorTranslation,
    Event,
    EventTranslation,
    FaqEntry,
    FaqTranslation,
    NewsItem,
    NewsTranslation,
    Offer,
    OfferTranslation,
    Page,
    PageTranslation,
    Proposal,
)
from mia.portal.selectors.translations import TEXTS
from mia.portal.services.actors import actor_delete
from mia.portal.services.content import source_delete, source_save


class TranslationInline(admin.TabularInline):
    extra = 0
    can_delete = False
    readonly_fields = ("language", "source_version", "translated_by", "updated_at")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SourceAdmin(admin.ModelAdmin):
    """A German source; translations are listed below it."""

    readonly_fields = ["source_changed_at", "updated_at"]
    list_filter = ["is_published"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = [name for name in form.changed_data if name in form.cleaned_data]
        data = {name: getattr(obj, name) for name in fields if name not in self._m2m(obj)}
        # Only a change of a translated text outdates the translations.
        minor = change and not set(fields) & set(TEXTS[type(obj)])
        source_save(item=obj, data=data, user=request.user, minor=minor)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        if isinstance(obj, Actor):
            actor_delete(actor=obj, user=request.user)
        else:
            source_delete(item=obj, user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    @staticmethod
    def _m2m(obj: Any) -> set[str]:
        return {field.name for field in obj._meta.many_to_many}


class PageTranslationInline(TranslationInline):
    model = PageTranslation


@admin.register(Page)
class PageAdmin(SourceAdmin):
    list_display = ["title", "path", "position", "is_published", "source_changed_at"]
    search_fields = ["title", "path"]
    list_filter = ["is_published", "topic"]
    readonly_fields = ["path", "source_changed_at", "updated_at"]
    inlines = [PageTranslationInline]


class FaqTranslationInline(TranslationInline):
    model = FaqTranslation


@admin.register(FaqEntry)
class FaqEntryAdmin(SourceAdmin):
    list_display = ["question", "group", "position", "is_published", "source_changed_at"]
    list_filter = ["is_published", "group"]
    search_fields = ["question"]
    inlines = [FaqTranslationInline]


class NewsTranslationInline(TranslationInline):
    model = NewsTranslation


@admin.register(NewsItem)
class NewsItemAdmin(SourceAdmin):
    list_display = ["title", "kind", "published_at", "is_published"]
    list_filter = ["is_published", "kind"]
    search_fields = ["title", "slug"]
    date_hierarchy = "published_at"
    inlines = [NewsTranslationInline]


class EventTranslationInline(TranslationInline):
    model = EventTranslation


@admin.register(Event)
class EventAdmin(SourceAdmin):
    list_display = ["title", "start", "actor", "town", "is_published"]
    list_filter = ["is_published", "recurrence", "town"]
    search_fields = ["title", "venue"]
    date_hierarchy = "start"
    autocomplete_fields = ["actor"]
    inlines = [EventTranslationInline]


class ActorTranslationInline(TranslationInline):
    model = ActorTranslation


@admin.register(Actor)
class ActorAdmin(SourceAdmin):
    list_display = ["name", "kind", "town", "is_published"]
    list_filter = ["is_published", "kind", "town"]
    search_fields = ["name", "slug", "town"]
    filter_horizontal = ["editors"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ActorTranslationInline]


class OfferTranslationInline(TranslationInline):
    model = OfferTranslation


@admin.register(Offer)
class OfferAdmin(SourceAdmin):
    list_display = ["title", "actor", "category", "town", "is_published"]
    list_filter = ["is_published", "category", "cost", "town"]
    search_fields = ["title", "actor__name"]
    autocomplete_fields = ["actor"]
    inlines = [OfferTranslationInline]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Read-only: proposals are published or returned in the review queue, which applies them
    through the service and lets only one editor decide."""

    list_display = ["__str__", "actor", "kind", "status", "submitted_by", "submitted_at"]
    list_filter = ["status", "kind"]
    search_fields = ["actor__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
