from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mia.core.forms import KernFormMixin


class PersonForm(KernFormMixin, forms.Form):
    """Who is coming: shared by the booking and the waitlist forms."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    language = forms.ChoiceField(
        label=_("Language for the appointment"), choices=settings.LANGUAGES
    )
    interpreter = forms.BooleanField(label=_("I need an interpreter"), required=False)
    # Filled by the ALTCHA widget (templatetag `altcha_widget`), empty without JavaScript;
    # the view checks it (mia.core.altcha.form_check), so no length limit hides an error here.
    altcha = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name


class DetailsForm(PersonForm):
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We send the confirmation and a link to manage the appointment."),
    )


class WaitlistForm(PersonForm):
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("We send the offer of a free time to this address.")
    )
