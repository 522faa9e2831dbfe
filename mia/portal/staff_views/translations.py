"""Translators' pages: what needs translating per language (overview) and the translation
form with the German source beside the fields of the target language."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from mia.portal.selectors import editorial
from mia.portal.selectors.translations import CURRENT, MISSING, OUTDATED, TEXTS
from mia.portal.services.content import RICH_FIELDS, translation_save
from mia.portal.staff_forms import OverviewFilterForm, translation_form
from mia.portal.staff_views import (
    attempt,
    editor_required,
    paginate,
    query_without_page,
    safe_next,
    source_url,
)

DEFAULT_KIND = "page"
BADGE = "portal/staff/includes/status_badge.html"


def _filters(request: HttpRequest) -> tuple[OverviewFilterForm, str, str, bool]:
    """Kind, language and "only what needs translating" from the query; anything unknown
    falls back to the default instead of failing."""
    form = OverviewFilterForm(request.GET if "kind" in request.GET else None)
    if not form.is_bound or not form.is_valid():
        return OverviewFilterForm(initial={"kind": DEFAULT_KIND}), DEFAULT_KIND, "", False
    kind = form.cleaned_data["kind"] or DEFAULT_KIND
    language = form.cleaned_data["language"]
    if language and language not in editorial.languages_of(kind):
        language = ""
    return form, kind, language, form.cleaned_data["needs"]


@editor_required
def overview(request: HttpRequest) -> HttpResponse:
    form, kind, language, needs_only = _filters(request)
    shown = [language] if language else editorial.languages_of(kind)
    summary = editorial.translation_summary(kind, shown)
    page_obj = paginate(
        request,
        editorial.translation_ids(kind, shown, needs_only=needs_only),
        count=summary.needing if needs_only else summary.entries,
    )
    context = {
        "section": "translations",
        "form": form,
        "kind": kind,
        "kind_label": editorial.KIND_LABELS[kind],
        "language": language,
        "needs_only": needs_only,
        "needs": summary.needs,
        "shown": [editorial.Cell(code, "") for code in shown],
        "rows": editorial.translation_rows(kind, page_obj, shown),
        "page_obj": page_obj,
        "query": query_without_page(request),
        "translate_base": reverse("portal_staff:translations") + f"{kind}/",
        "next": urlencode({"next": request.get_full_path()}),
        # The three badges, rendered once for the hundreds of cells.
        **{
            f"badge_{status}": render_to_string(BADGE, {"status": status})
            for status in (CURRENT, OUTDATED, MISSING)
        },
    }
    return render(request, "portal/staff/translations.html", context)


def _status(item: Any, translation: Any) -> str:
    if translation is None:
        return MISSING
    return OUTDATED if translation.source_version < item.source_changed_at else CURRENT


@editor_required
def translate(request: HttpRequest, kind: str, pk: int, language: str) -> HttpResponse:
    if kind not in editorial.KINDS or language not in editorial.languages_of(kind):
        raise Http404
    model: Any = editorial.KINDS[kind]
    item = get_object_or_404(model, pk=pk)
    translation = item.translations.filter(language=language).first()
    names = TEXTS[model]
    initial = {name: getattr(translation, name) for name in names} if translation else {}
    form = translation_form(
        model, language, request.POST if request.method == "POST" else None, initial=initial
    )
    back = (
        reverse("portal_staff:translations") + "?" + urlencode({"kind": kind, "language": language})
    )
    if request.method == "POST" and form.is_valid():
        ok, _saved = attempt(
            form,
            lambda: translation_save(
                item=item, language=language, data=form.cleaned_data, user=request.user
            ),
        )
        if ok:
            messages.success(
                request,
                _("The translation into %(language)s was saved.")
                % {"language": editorial.language_label(language)},
            )
            return redirect(safe_next(request, back))
    rich = RICH_FIELDS.get(model, set())
    pairs = [
        {
            "field": form[name],
            "label": form[name].label,
            "source": getattr(item, name) or "",
            "rich": name in rich,
        }
        for name in names
    ]
    context = {
        "section": "translations",
        "kind": kind,
        "kind_label": editorial.KIND_LABELS[kind],
        "item": item,
        "title": getattr(item, editorial.title_field(model)),
        "source_url": source_url(kind, item),
        "target": editorial.Cell(language, _status(item, translation)),
        "translation": translation,
        "form": form,
        "pairs": pairs,
        "next": safe_next(request, back),
        "back_url": safe_next(request, back),
    }
    return render(request, "portal/staff/translate.html", context)
