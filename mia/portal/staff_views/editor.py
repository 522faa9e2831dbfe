"""Agency editors: the dashboard, the page tree, FAQ, news, events and network actors with
their offers. These pages edit the German source; translations have their own pages."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mia.core.errors import ApplicationError
from mia.portal.models import Actor, Event, FaqEntry, NewsItem, Offer, Page
from mia.portal.selectors import editorial
from mia.portal.services.actors import actor_delete, actor_editors_set
from mia.portal.services.content import source_delete, source_save
from mia.portal.staff_forms import ActorForm, EventForm, FaqForm, NewsForm, OfferForm, PageForm
from mia.portal.staff_views import attempt, editor_required, paginate, query_without_page


@dataclass(frozen=True)
class Section:
    """One kind of German content with its list and form pages."""

    kind: str
    model: Any
    form: type[Any]
    url: str  # prefix of the URL names: faq -> portal_staff:faq_list, ...
    title: Any
    new_label: Any


SECTIONS = {
    "faq": Section(
        "faq", FaqEntry, FaqForm, "faq", gettext_lazy("FAQ"), gettext_lazy("New question")
    ),
    "news": Section(
        "news",
        NewsItem,
        NewsForm,
        "news",
        gettext_lazy("News and engagement stories"),
        gettext_lazy("New news item"),
    ),
    "event": Section(
        "event", Event, EventForm, "events", gettext_lazy("Events"), gettext_lazy("New event")
    ),
    "actor": Section(
        "actor",
        Actor,
        ActorForm,
        "actors",
        gettext_lazy("Network actors"),
        gettext_lazy("New actor"),
    ),
}


def _user(request: HttpRequest) -> Any:
    return request.user


# Dashboard ---------------------------------------------------------------------------------


@editor_required
def dashboard(request: HttpRequest) -> HttpResponse:
    summaries = {kind: editorial.translation_summary(kind) for kind in editorial.KINDS}
    context = {
        "section": "dashboard",
        "pending": editorial.pending_count(),
        "needs": editorial.needs_by_language(summaries),
        "overview_url": reverse("portal_staff:translations"),
        "totals": [
            (kind, editorial.KIND_LABELS[kind], summary.entries)
            for kind, summary in summaries.items()
        ],
    }
    return render(request, "portal/staff/dashboard.html", context)


# Page tree ---------------------------------------------------------------------------------


@editor_required
def pages(request: HttpRequest) -> HttpResponse:
    context = {
        "section": "pages",
        "tree": editorial.page_tree(),
        "pages_url": reverse("portal_staff:pages"),
        # Said once here rather than a thousand times in the tree's template.
        "draft_label": _("draft"),
        "add_label": _("Add a page below"),
    }
    return render(request, "portal/staff/pages.html", context)


def _parent_initial(request: HttpRequest) -> dict[str, Any]:
    raw = request.GET.get("parent", "")
    if raw.isdigit() and Page.objects.filter(pk=int(raw)).exists():
        return {"parent": int(raw)}
    return {}


@editor_required
def page_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    page = get_object_or_404(Page, pk=pk) if pk else Page()
    creating = page.pk is None
    form = PageForm(
        request.POST if request.method == "POST" else None,
        instance=page,
        initial=_parent_initial(request) if creating else {"parent": page.parent_id},
    )
    if request.method == "POST" and form.is_valid():
        ok, saved = attempt(
            form,
            lambda: source_save(
                item=page, data=form.values(), user=_user(request), minor=form.cleaned_data["minor"]
            ),
        )
        if ok:
            messages.success(request, _("The page “%(title)s” was saved.") % {"title": saved.title})
            return redirect("portal_staff:pages")
    context = {
        "section": "pages",
        "form": form,
        "item": page if not creating else None,
        "heading": _("New page") if creating else _("Edit page"),
        "back_url": reverse("portal_staff:pages"),
        "delete_url": reverse("portal_staff:page_delete", args=[page.pk]) if not creating else "",
        "translate_kind": "page",
        "cells": [] if creating else editorial.item_cells("page", page.pk),
    }
    return render(request, "portal/staff/source_form.html", context)


@editor_required
def page_delete(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=pk)
    return _delete(request, page, page.title, reverse("portal_staff:pages"), "pages")


def _delete(
    request: HttpRequest, item: Any, title: str, back_url: str, section: str
) -> HttpResponse:
    """Ask first; on POST delete through the service (which refuses, say, a page with pages
    below it)."""
    if request.method == "POST":
        try:
            if isinstance(item, Actor):
                actor_delete(actor=item, user=_user(request))
            else:
                source_delete(item=item, user=_user(request))
        except ApplicationError as error:
            messages.error(request, error.detail)
            return redirect(back_url)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": title})
        return redirect(back_url)
    context = {
        "section": section,
        "title": title,
        "back_url": back_url,
        "with_entries": isinstance(item, Actor),
    }
    return render(request, "portal/staff/confirm_delete.html", context)


# FAQ, news, events, actors -----------------------------------------------------------------


def _row_detail(kind: str, item: Any) -> str:
    if kind == "faq":
        return str(item.get_group_display())
    if kind == "news":
        return f"{item.get_kind_display()} · {timezone.localtime(item.published_at):%d.%m.%Y}"
    if kind == "event":
        return timezone.localtime(item.start).strftime("%d.%m.%Y %H:%M")
    return f"{item.get_kind_display()} · {item.town}"


@editor_required
def item_list(request: HttpRequest, kind: str) -> HttpResponse:
    section = SECTIONS[kind]
    languages = editorial.languages_of(kind)
    page_obj = paginate(request, editorial.item_ids(kind))
    name = editorial.title_field(section.model)
    rows = [
        {
            "item": item,
            "title": getattr(item, name),
            "detail": _row_detail(kind, item),
            "summary": editorial.counts_text(editorial.status_counts(item, languages)),
        }
        for item in editorial.items_with_status(kind, page_obj)
    ]
    context = {
        "section": section.url,
        "meta": section,
        "rows": rows,
        "page_obj": page_obj,
        "query": query_without_page(request),
        "edit_url": f"portal_staff:{section.url}_edit",
        "new_url": reverse(f"portal_staff:{section.url}_new"),
    }
    return render(request, "portal/staff/source_list.html", context)


def _save(section: Section, item: Any, form: Any, user: Any) -> Any:
    with transaction.atomic():
        saved = source_save(
            item=item, data=form.values(), user=user, minor=form.cleaned_data["minor"]
        )
        if section.kind == "actor":
            actor_editors_set(actor=saved, editors=list(form.cleaned_data["editors"]), user=user)
    return saved


@editor_required
def item_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    section = SECTIONS[kind]
    item = get_object_or_404(section.model, pk=pk) if pk else section.model()
    creating = item.pk is None
    form = section.form(request.POST if request.method == "POST" else None, instance=item)
    list_url = reverse(f"portal_staff:{section.url}_list")
    if request.method == "POST" and form.is_valid():
        ok, saved = attempt(form, lambda: _save(section, item, form, _user(request)))
        if ok:
            messages.success(request, _("“%(title)s” was saved.") % {"title": str(saved)})
            return redirect(list_url)
    context = {
        "section": section.url,
        "form": form,
        "item": None if creating else item,
        "heading": section.new_label if creating else _("Edit: %(title)s") % {"title": str(item)},
        "back_url": list_url,
        "delete_url": ""
        if creating
        else reverse(f"portal_staff:{section.url}_delete", args=[item.pk]),
        "translate_kind": kind,
        "cells": [] if creating else editorial.item_cells(kind, item.pk),
        "offers": list(item.offers.order_by("title")) if kind == "actor" and not creating else None,
    }
    return render(request, "portal/staff/source_form.html", context)


@editor_required
def item_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    section = SECTIONS[kind]
    item = get_object_or_404(section.model, pk=pk)
    return _delete(
        request, item, str(item), reverse(f"portal_staff:{section.url}_list"), section.url
    )


# Offers of an actor (partners propose them; editors may also keep them directly) ---------


@editor_required
def offer_edit(request: HttpRequest, actor: int, pk: int | None = None) -> HttpResponse:
    owner = get_object_or_404(Actor, pk=actor)
    offer = get_object_or_404(Offer, pk=pk, actor=owner) if pk else Offer(actor=owner)
    creating = offer.pk is None
    form = OfferForm(request.POST if request.method == "POST" else None, instance=offer)
    back_url = reverse("portal_staff:actors_edit", args=[owner.pk])
    if request.method == "POST" and form.is_valid():
        ok, saved = attempt(
            form,
            lambda: source_save(
                item=offer,
                data=form.values(),
                user=_user(request),
                minor=form.cleaned_data["minor"],
            ),
        )
        if ok:
            messages.success(request, _("“%(title)s” was saved.") % {"title": saved.title})
            return redirect(back_url)
    context = {
        "section": "actors",
        "form": form,
        "item": None if creating else offer,
        "heading": (_("New offer of %(actor)s") if creating else _("Offer of %(actor)s"))
        % {"actor": owner.name},
        "back_url": back_url,
        "delete_url": ""
        if creating
        else reverse("portal_staff:offer_delete", args=[owner.pk, offer.pk]),
        "translate_kind": "offer",
        "cells": [] if creating else editorial.item_cells("offer", offer.pk),
    }
    return render(request, "portal/staff/source_form.html", context)


@editor_required
def offer_delete(request: HttpRequest, actor: int, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer, pk=pk, actor_id=actor)
    back_url = reverse("portal_staff:actors_edit", args=[actor])
    return _delete(request, offer, offer.title, back_url, "actors")
