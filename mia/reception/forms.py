from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mia.core.forms import KernFormMixin
from mia.organisation.models import Desk, Team
from mia.organisation.selectors import TeamView
from mia.reception.models import Flag


class VisitForm(KernFormMixin, forms.Form):
    services = forms.TypedMultipleChoiceField(
        label=_("Concerns"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language of the visitor"), choices=settings.LANGUAGES)
    interpreter = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    household_size = forms.IntegerField(
        label=_("People in the household"), min_value=1, max_value=30, initial=1
    )
    flags = forms.MultipleChoiceField(
        label=_("Priority"),
        choices=Flag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, teams: list[TeamView], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.teams = teams
        self.fields["services"].choices = [
            (service.id, f"{team.letter} · {service.name}")
            for team in teams
            for service in team.services
        ]


class DeskOpenForm(KernFormMixin, forms.Form):
    desk = forms.ModelChoiceField(label=_("Desk"), queryset=Desk.objects.none(), empty_label=None)
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams you serve"),
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, desks: object, teams: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks
        self.fields["teams"].queryset = teams


class FinishForm(KernFormMixin, forms.Form):
    outcome = forms.CharField(label=_("Outcome (optional)"), max_length=200, required=False)


class ForwardForm(KernFormMixin, forms.Form):
    service = forms.TypedChoiceField(label=_("Forward to"), coerce=int)
    note = forms.CharField(
        label=_("Note for the next team"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, teams: list[TeamView], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [
            (team.letter, [(s.id, s.name) for s in team.services])
            for team in teams
            if team.services
        ]


class CloseDayForm(KernFormMixin, forms.Form):
    confirm = forms.BooleanField(label=_("Yes, end the walk-in hours for today"))


class KioskForm(forms.Form):
    services = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: object, teams: list[TeamView], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["services"].choices = [  # type: ignore[attr-defined]
            (service.id, service.name)
            for team in teams
            for service in team.services
            if service.walk_in
        ]
