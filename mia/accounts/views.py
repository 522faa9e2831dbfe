from base64 import b32encode
from typing import Any

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from mia.accounts import selectors
from mia.accounts.forms import TokenForm
from mia.accounts.permissions import staff_required


def _check_code(device: Any, form: TokenForm) -> bool:
    """Verify the form's code on `device`, adding the reason to the form when it fails."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        # django-otp slows down guessing after each wrong code; say so instead of "wrong".
        form.add_error(
            "token", _("Too many wrong codes. Please wait a moment, then enter the new code.")
        )
        return False
    if device.verify_token(form.cleaned_data["token"]):
        return True
    form.add_error("token", _("This code is not valid. Please try the current code."))
    return False


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else resolve_url("accounts:start")


@sensitive_post_parameters("token")
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not user_has_device(request.user):
        return HttpResponseRedirect(resolve_url("accounts:two_factor_setup"))
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = next(devices_for_user(request.user, confirmed=True))
        if _check_code(device, form):
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@sensitive_post_parameters("token")
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user_has_device(user) and not user.is_verified():
        # Adding a device needs the existing second factor, or a stolen password would do.
        return two_factor_verify(request)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": _("Authenticator app")}
    )
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and _check_code(device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return HttpResponseRedirect(_next_url(request))
    qr_code = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=_("QR code for your authenticator app")
    )
    context = {
        "form": form,
        "qr_code": qr_code,
        "secret": b32encode(device.bin_key).decode(),
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@staff_required
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/start.html", selectors.start_page(user=request.user))  # type: ignore[arg-type]
