"""Forms of the retention page: a team's period, and the confirmation to apply a report."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mia.clients.services.retention import MIN_DAYS
from mia.core.forms import KernFormMixin
from mia.organisation.models import Team

MAX_DAYS = 100 * 365


class RuleForm(KernFormMixin, forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), empty_label=None)
    keep_days = forms.IntegerField(
        label=_("Keep closed cases for (days)"),
        min_value=MIN_DAYS,
        max_value=MAX_DAYS,
        required=False,
        help_text=_(
            "At least 30 days, counted from the day a case closed. Leave empty to keep closed "
            "cases until a period is set."
        ),
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class ApplyForm(KernFormMixin, forms.Form):
    report = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Yes, delete the cases and anonymise the clients of this report for good"),
        error_messages={"required": _("Tick the box to confirm.")},
    )
