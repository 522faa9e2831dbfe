"""Finding a client by name (spelling-tolerant), date of birth or reference number."""

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from mia.clients import names, policy
from mia.clients.access import Action, log_read
from mia.clients.models import Client, ClientName

LIMIT = 50
_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")
_REFERENCE = re.compile(r"\d")


def parse_date(token: str) -> dt.date | None:
    match = _DATE.match(token)
    if not match:
        return None
    day, month, year, iso_year, iso_month, iso_day = match.groups()
    try:
        if iso_year:
            return dt.date(int(iso_year), int(iso_month), int(iso_day))
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _matching(query: str) -> QuerySet[Client] | None:
    """Clients matching every part of `query`; None when the query holds nothing to look for."""
    clients = Client.objects.filter(anonymised_at__isnull=True)
    looked_for = False
    for token in query.split():
        born = parse_date(token)
        if born:
            clients = clients.filter(birth_date=born)
            looked_for = True
        elif _REFERENCE.search(token):
            clients = clients.filter(Q(file_number__iexact=token) | Q(benefit_number__iexact=token))
            looked_for = True
    for word in dict.fromkeys(
        names.words(" ".join(t for t in query.split() if not _REFERENCE.search(t)))
    ):
        key = names.key(word)
        condition = Q(word=word) | Q(word__startswith=word) if len(word) >= 3 else Q(word=word)
        if key:
            condition |= Q(key=key)
        clients = clients.filter(pk__in=ClientName.objects.filter(condition).values("client_id"))
        looked_for = True
    return clients if looked_for else None


def client_search(*, user: Any, query: str, channel: str = "web") -> list[Client]:
    """Up to 50 clients, those whose written names match the query exactly first."""
    if not policy.may_use(user):
        raise PermissionDenied
    query = query.replace("\x00", "").strip()[:200]
    clients = _matching(query)
    if clients is None:
        return []
    exact = names.words(query)
    found = list(
        clients.annotate(
            exact=Count("name_keys", filter=Q(name_keys__word__in=exact), distinct=True)
        ).order_by("-exact", "last_name", "first_name", "pk")[:LIMIT]
        if exact
        else clients.order_by("last_name", "first_name", "pk")[:LIMIT]
    )
    log_read(user=user, action=Action.SEARCH, channel=channel, reason=f"{query} ({len(found)})")
    return found
