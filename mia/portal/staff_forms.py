"""Forms of the portal's staff pages. They only parse and check input: German sources go to
`source_save`, translations to `translation_save`, partners' changes to `proposal_submit`.
Rich text is a plain textarea; the services sanitise it."""

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Model
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mia.accounts.models import Role, User
from mia.core import languages as langs
from mia.core.forms import KernFormMixin
from mia.organisation.models import TargetGroup
from mia.portal.models import (
    EASY_GERMAN,
    Actor,
    Event,
    FaqEntry,
    FieldOfAction,
    NewsItem,
    Offer,
    Page,
)
from mia.portal.selectors.editorial import KIND_LABELS, KINDS, languages_of, page_choices
from mia.portal.selectors.translations import TEXTS
from mia.portal.services.proposals import FIELDS as PROPOSAL_FIELDS

# Editors type dates the German way; the ISO form (from a browser's autofill) is accepted too.
DATETIME_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y, %H:%M",
    "%d.%m.%Y %H.%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
]
DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
PLACE = ["town", "postcode", "street", "latitude", "longitude"]
LONG_TEXT = 400  # longer text fields get a textarea


def german_datetime(label: Any, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format=DATETIME_FORMATS[0], attrs={"autocomplete": "off"}),
        help_text=_("Day and time, for example 24.12.2026 18:30"),
    )


def german_date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format=DATE_FORMATS[0], attrs={"autocomplete": "off"}),
        help_text=_("For example 24.12.2026"),
    )


def _choices_keeping(choices: list[tuple[str, Any]], values: Any) -> list[tuple[str, Any]]:
    """The choices plus any stored value outside them, so editing never drops data silently."""
    known = {code for code, _label in choices}
    extra = [(value, value) for value in values or [] if value not in known]
    return [*choices, *extra]


def _checkboxes(label: Any, choices: list[tuple[str, Any]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


WHAT, WHO, WHEN, WHERE, CONTACT = (
    _("What"),
    _("For whom, in which languages"),
    _("When"),
    _("Where"),
    _("Contact"),
)
MAP_HELP = {
    "latitude": _("Optional, for the map, for example 51,15467"),
    "longitude": _("Optional, for the map, for example 11,80934"),
}
LONG = {"rows": 12}
PLACE_FIELDS = ("venue", "town", "postcode", "street", "latitude", "longitude")


class _StaffForm(KernFormMixin, forms.ModelForm):
    """A model form used to parse and validate only: views never call `save()`."""

    # Fieldsets of the form: (legend, field names); fields not named come first, ungrouped.
    sections: tuple[tuple[Any, tuple[str, ...]], ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.MultipleChoiceField) and not isinstance(
                field, forms.ModelMultipleChoiceField
            ):
                choices: Any = field.choices
                field.choices = _choices_keeping(list(choices), self.initial.get(name))

    def grouped(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The fields in their fieldsets; "published" last, the minor-edit box left to the
        template (it is offered only when editing)."""
        last = ("is_published",)
        named = {name for _legend, names in self.sections for name in names}
        named |= {"minor", *last}
        groups: list[tuple[Any, list[forms.BoundField]]] = [
            ("", [self[name] for name in self.fields if name not in named])
        ]
        for legend, names in (*self.sections, ("", last)):
            groups.append((legend, [self[name] for name in names if name in self.fields]))
        return [(legend, fields) for legend, fields in groups if fields]

    def values(self) -> dict[str, Any]:
        """The cleaned model fields, for the service."""
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields or ()
            if name in self.cleaned_data
        }


class MinorEditMixin(forms.Form):
    minor = forms.BooleanField(
        label=_("Minor edit (does not outdate translations)"),
        required=False,
        help_text=_("Only for corrections that do not change the meaning, such as a typo."),
    )


# German sources (agency editors) -----------------------------------------------------------


class PageForm(MinorEditMixin, _StaffForm):
    parent = forms.TypedChoiceField(
        label=_("Parent page"), required=False, coerce=int, empty_value=None
    )

    class Meta:
        model = Page
        fields = ["title", "slug", "parent", "summary", "body", "topic", "position", "is_published"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(LONG)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        page = self.instance if self.instance.pk else None
        self.fields["parent"].choices = [("", _("– top level –")), *page_choices(exclude=page)]
        self.fields["slug"].help_text = _(
            "Part of the address: lower-case letters, digits and hyphens."
        )

    def clean_parent(self) -> Page | None:
        pk = self.cleaned_data.get("parent")
        return Page.objects.filter(pk=pk).first() if pk else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        slug, parent = data.get("slug"), data.get("parent")
        if slug:
            taken = Page.objects.filter(parent=parent, slug=slug).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("slug", _("Another page at this place already has this short name."))
        return data


class FaqForm(MinorEditMixin, _StaffForm):
    class Meta:
        model = FaqEntry
        fields = ["group", "question", "answer", "position", "is_published"]
        widgets = {"answer": forms.Textarea(LONG)}


class NewsForm(MinorEditMixin, _StaffForm):
    published_at = german_datetime(_("Published"))

    class Meta:
        model = NewsItem
        fields = ["kind", "title", "slug", "published_at", "teaser", "body", "is_published"]
        widgets = {"teaser": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(LONG)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("published_at", timezone.now())


# Network entries: partners propose them, editors save them directly ------------------------


class OfferProposalForm(_StaffForm):
    target_groups = _checkboxes(_("Target groups"), list(TargetGroup.choices))
    languages = _checkboxes(_("Languages"), list(settings.LANGUAGES))
    sections = (
        (WHO, ("target_groups", "languages", "cost", "schedule")),
        (WHERE, PLACE_FIELDS),
    )

    class Meta:
        model = Offer
        fields = list(PROPOSAL_FIELDS["offer"][1])
        localized_fields = ["latitude", "longitude"]
        help_texts = MAP_HELP
        widgets = {"schedule": forms.TextInput()}


class OfferForm(MinorEditMixin, OfferProposalForm):
    class Meta(OfferProposalForm.Meta):
        fields = [*PROPOSAL_FIELDS["offer"][1], "is_published"]


class EventProposalForm(_StaffForm):
    start = german_datetime(_("Start"))
    end = german_datetime(_("End"))
    repeat_until = german_date(_("Repeats until"), required=False)
    sections = ((WHEN, ("start", "end", "recurrence", "repeat_until")), (WHERE, PLACE_FIELDS))

    class Meta:
        model = Event
        fields = list(PROPOSAL_FIELDS["event"][1])
        localized_fields = ["latitude", "longitude"]
        help_texts = MAP_HELP

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        until = data.get("repeat_until")
        if until and start and until < timezone.localdate(start):
            self.add_error("repeat_until", _("The repetition cannot end before the first date."))
        return data


class EventForm(MinorEditMixin, EventProposalForm):
    class Meta(EventProposalForm.Meta):
        fields = ["actor", *PROPOSAL_FIELDS["event"][1], "is_published"]


class ActorProposalForm(_StaffForm):
    languages = _checkboxes(_("Languages spoken"), list(settings.LANGUAGES))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    sections = (
        (CONTACT, ("email", "phone", "website", "languages")),
        (
            WHERE,
            ("town", "postcode", "street", "accessibility", "step_free", "latitude", "longitude"),
        ),
    )

    class Meta:
        model = Actor
        fields = list(PROPOSAL_FIELDS["actor"][1])
        localized_fields = ["latitude", "longitude"]
        help_texts = MAP_HELP

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A declared attribute named `fields` would shadow the form's own `fields`.
        self.fields["fields"] = _checkboxes(
            _("Fields of action"),
            _choices_keeping(list(FieldOfAction.choices), self.initial.get("fields")),
        )
        self.fields["fields"].widget.attrs["class"] = "kern-form-check__checkbox"


class ActorForm(MinorEditMixin, ActorProposalForm):
    editors = forms.ModelMultipleChoiceField(
        label=_("Partner editors"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Accounts with the role partner editor who keep this actor's entries."),
    )

    class Meta(ActorProposalForm.Meta):
        fields = ["name", "slug", "kind", *PROPOSAL_FIELDS["actor"][1], "is_published"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = User.objects.filter(role=Role.PARTNER_EDITOR, is_active=True)
        if self.instance.pk:
            partners = partners | User.objects.filter(actors=self.instance)
            self.initial.setdefault("editors", list(self.instance.editors.all()))
        editors: Any = self.fields["editors"]
        editors.queryset = partners.distinct().order_by("username")
        editors.label_from_instance = lambda user: (
            f"{user.get_full_name()} ({user.username})" if user.get_full_name() else user.username
        )


PROPOSAL_FORMS: dict[str, type[_StaffForm]] = {
    "actor": ActorProposalForm,
    "offer": OfferProposalForm,
    "event": EventProposalForm,
}


def proposal_initial(data: dict[str, Any]) -> dict[str, Any]:
    """A proposal's JSON as initial values of its form (dates back into Python values)."""
    initial = dict(data)
    parsers: dict[str, Any] = {
        "start": dt.datetime.fromisoformat,
        "end": dt.datetime.fromisoformat,
        "repeat_until": dt.date.fromisoformat,
    }
    for name, parse in parsers.items():
        if isinstance(initial.get(name), str):
            try:
                initial[name] = parse(initial[name])
            except ValueError:
                initial.pop(name)
    return initial


# Translations ------------------------------------------------------------------------------


class _TranslationForm(KernFormMixin, forms.Form):
    pass


def translation_form(model: type[Model], language: str, *args: Any, **kwargs: Any) -> forms.Form:
    """A form with the translated text fields of one kind of content, marked with the target
    language and its writing direction."""
    metaclass: Any = type(_TranslationForm)
    form_class = metaclass(
        "TranslationForm", (_TranslationForm,), dict(translation_fields(model, language))
    )
    form: forms.Form = form_class(*args, **kwargs)
    return form


def translation_fields(model: type[Model], language: str) -> dict[str, forms.Field]:
    translation_model: Any = model.translations.rel.related_model  # type: ignore[attr-defined]
    found = fields_for_model(translation_model, fields=list(TEXTS[model]))
    code = "de" if language == EASY_GERMAN else language
    direction = langs.get(code).direction
    fields: dict[str, forms.Field] = {}
    for name, field in found.items():
        assert field is not None
        max_length = getattr(field, "max_length", None)
        if isinstance(field, forms.CharField) and (max_length is None or max_length >= LONG_TEXT):
            field.widget = forms.Textarea(attrs={"rows": 3 if max_length else 10})
            if max_length:
                field.widget.attrs["maxlength"] = str(max_length)
        field.widget.attrs.update({"lang": code, "dir": direction})
        fields[name] = field
    return fields


# Overview filter and review ----------------------------------------------------------------


class OverviewFilterForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of content"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    needs = forms.BooleanField(label=_("Only entries that need translating"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, KIND_LABELS[kind]) for kind in KINDS]
        names = dict(settings.LANGUAGES) | {EASY_GERMAN: "Leichte Sprache"}
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, names[code]) for code in languages_of("page")
        ]


class ReturnForm(KernFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note for the partner"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what needs changing; the partner sees this note."),
    )
