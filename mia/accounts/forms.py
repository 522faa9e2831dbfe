from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from mia.core.forms import KernFormMixin


class LoginForm(KernFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or password is not correct. Please mind upper and lower case."
        ),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


class TokenForm(KernFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code consists of six digits."))
        return token
