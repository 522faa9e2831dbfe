"""Per-address rate limits on public forms: a fixed-window counter in the database, shared by
every app process and incremented atomically (UPDATE ... SET hits = hits + 1)."""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.core.errors import ApplicationError
from mia.core.models import RateCounter

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(rate: str) -> tuple[int, int]:
    """ "20/h" -> (20, 3600)."""
    count, _slash, period = rate.partition("/")
    return int(count), PERIODS[period]


def _client(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    if settings.MIA_PROXY_COUNT and (forwarded := request.META.get("HTTP_X_FORWARDED_FOR")):
        hops = [hop.strip() for hop in forwarded.split(",")]
        address = (
            hops[-settings.MIA_PROXY_COUNT] if len(hops) >= settings.MIA_PROXY_COUNT else hops[0]
        )
    # Only a digest is stored: the counter needs no readable address.
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def hit(key: str, *, limit: int, seconds: int, now: dt.datetime | None = None) -> bool:
    """Count one hit for `key`; True while it stays within `limit` hits per window."""
    now = now or timezone.now()
    window = dt.datetime.fromtimestamp(now.timestamp() // seconds * seconds, tz=dt.UTC)
    with transaction.atomic():
        updated = RateCounter.objects.filter(key=key, window=window).update(hits=F("hits") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, window=window, hits=1)
            except IntegrityError:  # another process created it a moment ago
                RateCounter.objects.filter(key=key, window=window).update(hits=F("hits") + 1)
        hits = RateCounter.objects.get(key=key, window=window).hits
    return hits <= limit


def check(request: HttpRequest, *, group: str, rate: str) -> None:
    """Raise a 429 `rate_limited` error once this client address is over `rate` for `group`."""
    if not settings.RATE_LIMITS:
        return
    limit, seconds = parse(rate)
    if not hit(f"{group}:{_client(request)}", limit=limit, seconds=seconds):
        raise ApplicationError(
            _("Too many attempts from your connection. Please wait a while and try again."),
            code="rate_limited",
            status=429,
        )
