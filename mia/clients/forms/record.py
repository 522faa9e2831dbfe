"""Input of the shared record: searching, creating and correcting a client file."""

import re
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Field
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mia.clients.models import Client, ResidenceStatus
from mia.core.forms import KernFormMixin

_COUNTRY = re.compile(r"^[A-Z]{2,3}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class SearchForm(KernFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Name, date of birth or reference number"),
        help_text=_("e.g. Muhammad Ali, 17.05.1990 or the file number"),
        max_length=200,
        required=False,
    )


class CodeListField(forms.CharField):
    """Codes separated by commas or spaces ("SY, IQ"), stored as a list."""

    def __init__(self, *, pattern: re.Pattern[str], upper: bool, **kwargs: Any) -> None:
        self.pattern, self.upper = pattern, upper
        super().__init__(required=False, max_length=200, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value)
        codes = [c.upper() if self.upper else c.lower() for c in re.split(r"[\s,;]+", text) if c]
        if bad := [c for c in codes if not self.pattern.match(c)]:
            raise forms.ValidationError(
                _("Not a valid code: %(codes)s"), params={"codes": ", ".join(bad)}, code="code"
            )
        return list(dict.fromkeys(codes))


def _model_field(name: str) -> Field[Any, Any]:
    field = Client._meta.get_field(name)
    assert isinstance(field, Field)
    return field


def _label(name: str) -> Any:
    return capfirst(_model_field(name).verbose_name)


def _date(name: str) -> forms.DateField:
    return forms.DateField(
        label=_label(name),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _text(name: str, **attrs: str) -> forms.Field:
    field = _model_field(name).formfield()
    assert field is not None
    field.required = False  # one name is enough; the service says when both are missing
    field.widget.attrs.update(attrs)
    return field


class RecordForm(KernFormMixin, forms.Form):
    """The fields of `services.record.RECORD_FIELDS`; the service checks the rules."""

    first_name = _text("first_name", autocomplete="off")
    last_name = _text("last_name", autocomplete="off")
    birth_name = _text("birth_name", autocomplete="off")
    other_names = _text("other_names", autocomplete="off")
    birth_date = _date("birth_date")
    nationalities = CodeListField(
        label=_label("nationalities"),
        help_text=_("Country codes separated by commas, e.g. SY, UA (XXA: stateless)"),
        pattern=_COUNTRY,
        upper=True,
    )
    languages = CodeListField(
        label=_label("languages"),
        help_text=_("Language codes separated by commas, e.g. ar, ku, en"),
        pattern=_LANGUAGE,
        upper=False,
    )
    language = forms.ChoiceField(label=_label("language"), choices=settings.LANGUAGES, initial="de")
    phone = _text("phone", autocomplete="off", type="tel")
    email = _text("email", autocomplete="off")
    street = _text("street", autocomplete="off")
    postcode = _text("postcode", autocomplete="off")
    town = _text("town", autocomplete="off")
    residence_status = forms.ChoiceField(
        label=_label("residence_status"), choices=ResidenceStatus.choices, initial="unknown"
    )
    residence_expires = _date("residence_expires")
    file_number = _text("file_number", autocomplete="off")
    benefit_number = _text("benefit_number", autocomplete="off")

    # Service error codes that belong to one field.
    ERROR_FIELDS = {"name_missing": "last_name", "birth_date_future": "birth_date"}


def record_initial(client: Client) -> dict[str, Any]:
    return {name: getattr(client, name) for name in RecordForm.base_fields}


class HouseholdForm(forms.Form):
    action = forms.ChoiceField(choices=[("join", "join"), ("leave", "leave")])
    member = forms.IntegerField(label=_("Client number of the household member"), required=False)


class VisitForm(forms.Form):
    visit = forms.IntegerField(min_value=1)
