"""Forms of the staff pages for appointment capacity, the day calendar and phone bookings."""

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mia.appointments.blocks import MAX_DESKS, REASON_LENGTH
from mia.core.forms import KernFormMixin
from mia.organisation.models import Location, Weekday
from mia.organisation.selectors import TeamView

QUARTER_HOUR = 15 * 60
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time", "step": QUARTER_HOUR}, format="%H:%M")


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _moment_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(
        attrs={"type": "datetime-local", "step": QUARTER_HOUR}, format="%Y-%m-%dT%H:%M"
    )


def _desks_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=MAX_DESKS, initial=1)


class _LocationMixin(forms.Form):
    location = forms.ModelChoiceField(
        label=_("Location"), queryset=Location.objects.all(), empty_label=None
    )


class CapacityRuleForm(KernFormMixin, _LocationMixin):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    starts = forms.TimeField(label=_("From"), widget=_time_input())
    ends = forms.TimeField(label=_("Until"), widget=_time_input())
    desks = _desks_field(_("Parallel desks"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("The end must be after the start."))
        return data


class CapacityBlockForm(KernFormMixin, _LocationMixin):
    start = forms.DateTimeField(label=_("From"), widget=_moment_input())
    end = forms.DateTimeField(label=_("Until"), widget=_moment_input())
    desks = _desks_field(_("Desks to block"))
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=REASON_LENGTH,
        required=False,
        help_text=_("Only staff see it, for example: training, sickness."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data


def _in_range(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise forms.ValidationError(_("Enter a date between 2000 and 2099."))
    return day


class DayForm(KernFormMixin, forms.Form):
    date = forms.DateField(label=_("Day"), widget=_date_input())

    def clean_date(self) -> dt.date:
        return _in_range(self.cleaned_data["date"])


def service_choices(teams: list[TeamView]) -> list[tuple[int, str]]:
    return [
        (service.id, f"{team.letter} · {service.name}")
        for team in teams
        for service in team.services
        if service.bookable
    ]


class PhoneSearchForm(KernFormMixin, forms.Form):
    """Step one, by GET: the concerns (in the order they are served) and the day."""

    services = forms.TypedMultipleChoiceField(
        label=_("Concerns"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    date = forms.DateField(label=_("Day"), widget=_date_input())

    def __init__(self, *args: Any, teams: list[TeamView], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = service_choices(teams)

    def clean_date(self) -> dt.date:
        return _in_range(self.cleaned_data["date"])


class PhoneBookingForm(KernFormMixin, forms.Form):
    """Step two, by POST: one of the free starts and the caller's details."""

    start = forms.ChoiceField(label=_("Free times"), widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name of the caller"), max_length=120)
    phone = forms.RegexField(
        label=_("Phone (optional)"),
        regex=r"^[+0-9 ()/-]{5,40}$",
        max_length=40,
        required=False,
        help_text=_("So that the agency can reach the person if the appointment has to move."),
        error_messages={"invalid": _("Enter a phone number (digits, spaces, + ( ) / -).")},
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("Without e-mail, read out the code and hand out the printed confirmation."),
    )
    language = forms.ChoiceField(label=_("Language of the person"), choices=settings.LANGUAGES)
    interpreter = forms.BooleanField(label=_("Needs an interpreter"), required=False)

    def __init__(self, *args: Any, starts: list[dt.datetime], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = [(start.isoformat(), f"{start:%H:%M}") for start in starts]
        self.fields["start"].error_messages["invalid_choice"] = _(
            "This time is no longer free. Please choose another one."
        )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter the name."))
        return name
