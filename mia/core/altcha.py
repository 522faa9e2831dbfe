"""ALTCHA proof of work on public forms, self-hosted: MiA issues and checks the challenges.

A challenge is a PBKDF2 puzzle signed with a key derived from SECRET_KEY. MiA solves it itself
when issuing it (deterministic mode), so every client does a known amount of work and a
solution is checked with one HMAC. A solved challenge is good once, until it expires: the
first use claims its signature in the shared cache, so a replay fails in every app process.
"""

import secrets
import time
from typing import Any

import altcha
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mia.core import ratelimit
from mia.core.errors import ApplicationError

ALGORITHM = "PBKDF2/SHA-256"  # native in browsers (WebCrypto), so cheap phones are fast
EXPIRY_SECONDS = 5 * 60
# The server picks the answer (the counter) in this range; the browser tries counters from 0
# upwards, so it makes 100-300 attempts of ALTCHA_COST PBKDF2 rounds each.
COUNTERS = (100, 300)
MAX_PAYLOAD_LENGTH = 4000  # a real payload is about 700 characters


def _secret(purpose: str) -> str:
    return salted_hmac("mia.core.altcha", purpose).hexdigest()


def challenge_create() -> dict[str, Any]:
    """A fresh signed challenge, as the widget and API clients expect it."""
    low, high = COUNTERS
    challenge = altcha.create_challenge(
        algorithm=ALGORITHM,
        cost=settings.ALTCHA_COST,
        counter=low + secrets.randbelow(high - low),
        expires_at=int(time.time()) + EXPIRY_SECONDS,
        hmac_secret=_secret("challenge"),
        hmac_key_secret=_secret("key"),
    )
    return challenge.to_dict()


def _invalid(detail: str) -> ApplicationError:
    return ApplicationError(detail, code="altcha_invalid", status=422)


def _verified(payload: str) -> altcha.Payload:
    if not payload or len(payload) > MAX_PAYLOAD_LENGTH:
        raise _invalid(_("The security check is missing. Please send the form again."))
    try:  # anything sent may be garbage: bad base64, JSON of the wrong shape, forged fields
        parsed = altcha.Payload.from_base64(payload)
        result = altcha.verify_solution(
            parsed, _secret("challenge"), hmac_key_secret=_secret("key")
        )
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        result = None
    if result is not None and result.expired:
        raise _invalid(_("The security check has expired. Please send the form again."))
    if result is None or not result.verified:
        raise _invalid(_("The security check is not valid. Please send the form again."))
    return parsed


def payload_verify(payload: str) -> None:
    """Accept a solved, unexpired challenge of ours once; raise `altcha_invalid` (422) else.

    Skipped when rate limits are off (load tests), as DESIGN.md says."""
    if not settings.RATE_LIMITS:
        return
    parsed = _verified(payload)
    expires_at = int(parsed.challenge.parameters.expires_at or 0)  # signed by us: always set
    remaining = max(1, expires_at - int(time.time()) + 1)
    if not cache.add(f"altcha:{parsed.challenge.signature}", 1, timeout=remaining):
        raise _invalid(_("This security check was already used. Please send the form again."))


def form_check(request: HttpRequest, payload: str, *, group: str, rate: str) -> None:
    """An HTML form's check: the widget's payload when there is one. Without one (no
    JavaScript, or the widget failed) the post is accepted but counts against the stricter
    per-address `rate`, so nobody is locked out and a script without the work gets little."""
    if payload:
        payload_verify(payload)
        return
    try:
        ratelimit.check(request, group=f"{group}-nojs", rate=rate)
    except ApplicationError as error:
        raise ApplicationError(
            _(
                "Too many bookings from your connection without the automatic security check. "
                "Please wait a while, or use a browser with JavaScript switched on."
            ),
            code=error.code,
            status=error.status,
        ) from error


def widget_config() -> dict[str, Any]:
    """What the widget needs in the page: its worker and its strings in the current language."""
    return {
        "language": get_language() or settings.LANGUAGE_CODE,
        "worker": static("vendor/altcha/workers/pbkdf2.js"),
        "strings": {
            "label": _("I am not a robot"),
            "verifying": _("Checking…"),
            "verified": _("Checked"),
            "waitAlert": _("Checking… please wait."),
            "error": _("The automatic check did not work. You can still send the form."),
            "expired": _("The check has expired. It runs again when you send the form."),
        },
    }
