from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mia.core.forms import KernFormMixin


class DetailsForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We send the confirmation and a link to manage the appointment."),
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    language = forms.ChoiceField(
        label=_("Language for the appointment"), choices=settings.LANGUAGES
    )
    interpreter = forms.BooleanField(label=_("I need an interpreter"), required=False)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name
