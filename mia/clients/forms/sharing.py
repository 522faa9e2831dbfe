"""Forms for consent, access without consent, and the auditors' filter of the access log."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mia.clients import policy
from mia.clients.models import AccessLog, Category, Grant
from mia.core.forms import KernFormMixin
from mia.organisation.models import Team

EARLIEST = dt.date(2000, 1, 1)  # the log is younger; wider dates only overflow date sums
LATEST = dt.date(2999, 12, 31)


@dataclass(frozen=True)
class TeamOption:
    """One team as a checkbox or radio button, drawn by hand so a hint can hang on it."""

    id: str
    value: int
    label: str
    checked: bool
    confidential: bool


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _options(form: forms.Form, name: str) -> list[TeamOption]:
    value = form[name].value()
    picked = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
    return [
        TeamOption(
            id=f"{form[name].auto_id}-{team.pk}",
            value=team.pk,
            label=str(team),
            checked=str(team.pk) in picked,
            confidential=policy.is_confidential(team),
        )
        for team in form.fields[name].queryset  # type: ignore[attr-defined]
    ]


class ConsentForm(KernFormMixin, forms.Form):
    """Nothing is preselected: each team and kind of data is ticked from the signed form."""

    owners = forms.ModelMultipleChoiceField(
        label=_("Data of these teams"),
        queryset=Team.objects.order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("May be seen by these teams"),
        queryset=Team.objects.order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.MultipleChoiceField(
        label=_("Kinds of data"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = forms.DateField(label=_("Signed on"), widget=_date_input())
    form = forms.FileField(
        label=_("Signed form (scan)"),
        help_text=_("PDF, JPEG or PNG, up to %(mb)s MB.")
        % {"mb": settings.MIA_UPLOAD_MAX_BYTES // (1024 * 1024)},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    @property
    def owner_options(self) -> list[TeamOption]:
        return _options(self, "owners")

    @property
    def recipient_options(self) -> list[TeamOption]:
        return _options(self, "recipients")

    def error_field(self, code: str) -> str | None:
        """Where a service's refusal belongs on this form."""
        if code.startswith("file_"):
            return "form"
        fields = {
            "category_invalid": "categories",
            "consent_same_team": "recipients",
            "date_future": "given_on",
        }
        return fields.get(code)


class GrantForm(KernFormMixin, forms.Form):
    """Another team's data without consent. Confidential teams are listed, but not available."""

    team = forms.ModelChoiceField(
        label=_("Data of team"), queryset=Team.objects.none(), widget=forms.RadioSelect
    )
    basis = forms.ChoiceField(
        label=_("Basis"), choices=Grant.Basis.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        min_length=10,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Name the legal basis or the danger, for example “§ 87 AufenthG "
            "Übermittlungspflicht” or “Gefahr für Leib und Leben”."
        ),
    )

    def __init__(self, *args: Any, own_team_ids: frozenset[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = Team.objects.exclude(pk__in=own_team_ids).order_by("position", "name")
        self.fields["team"].queryset = teams

    @property
    def team_options(self) -> list[TeamOption]:
        return _options(self, "team")

    def error_field(self, code: str) -> str | None:
        return {"confidential_team": "team", "basis_invalid": "basis"}.get(code, "reason")


class AccessLogFilter(KernFormMixin, forms.Form):
    """The auditors' filter. Every field is optional; a malformed value is a form error."""

    client = forms.IntegerField(
        label=_("Client number"), required=False, min_value=1, max_value=2**63 - 1
    )
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("All")), *AccessLog.Action.choices]
    )
    start = forms.DateField(label=_("From"), required=False, widget=_date_input())
    end = forms.DateField(label=_("Until"), required=False, widget=_date_input())
    outside = forms.BooleanField(label=_("Only reads from outside the own team"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("start", "end"):
            day = data.get(name)
            if day and not EARLIEST <= day <= LATEST:
                self.add_error(name, _("Enter a date between 2000 and 2999."))
                data.pop(name, None)
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        return data
