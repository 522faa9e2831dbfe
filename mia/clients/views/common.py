"""What every client-file page shares: staff login, the second factor, the policy's first word."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from mia.accounts.permissions import second_factor_redirect, staff_required
from mia.clients import policy
from mia.core.errors import ApplicationError

View = Callable[..., HttpResponseBase]


def client_files(view: View) -> View:
    """Staff with a role that uses client files, verified by a second factor."""

    @staff_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if not policy.may_use(request.user):
            raise PermissionDenied
        if policy.second_factor_missing(request):
            return second_factor_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper


def attempt(request: HttpRequest, action: Callable[[], Any], done: str = "") -> Any:
    """Run a service; its ApplicationError becomes a message instead of a 500. None on error."""
    try:
        result = action()
    except ApplicationError as error:
        messages.error(request, error.detail)
        return None
    if done:
        messages.success(request, done)
    return result if result is not None else True
