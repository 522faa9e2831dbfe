"""Who may enter the staff area: an active account with a role, verified by 2FA when required."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django_otp import user_has_device

View = Callable[..., HttpResponseBase]


def needs_second_factor(request: HttpRequest) -> bool:
    user: Any = request.user
    return bool(settings.MIA_REQUIRE_2FA) and not user.is_verified()


def second_factor_redirect(request: HttpRequest) -> HttpResponseRedirect:
    name = (
        "accounts:two_factor_verify"
        if user_has_device(request.user)
        else "accounts:two_factor_setup"
    )
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse(name)}?{query}")


def staff_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        user: Any = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_staff_member:
            raise PermissionDenied
        if needs_second_factor(request):
            return second_factor_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper


# Who may do what in the walk-in reception (roles from mia.accounts.models.Role).
RECEPTION_ROLES = frozenset({"reception", "team_lead", "admin"})
DESK_ROLES = frozenset({"clerk", "team_lead", "housing", "admin"})


def has_role(user: Any, roles: frozenset[str]) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.role in roles or user.is_superuser)
    )


def require_role(user: Any, roles: frozenset[str]) -> None:
    if not has_role(user, roles):
        raise PermissionDenied


def role_required(roles: frozenset[str]) -> Callable[[View], View]:
    """`staff_required` plus one of `roles`."""

    def decorator(view: View) -> View:
        @staff_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            require_role(request.user, roles)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
