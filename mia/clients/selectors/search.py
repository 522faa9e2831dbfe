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
CANDIDATES = 500  # sound-alike matches scored for closeness
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


def _similarity(asked: list[set[str]], written: list[set[str]]) -> float:
    """How close the written names are to the asked words: per asked word the best Dice
    coefficient of letter pairs (Mohamad/Muhammad 0.62, Mohamad/Mahmoud 0.17), summed."""
    return sum(
        max((2 * len(a & w) / (len(a) + len(w)) for w in written if a or w), default=0.0)
        for a in asked
    )


def _pairs(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)} or {word}


def _ranked(clients: QuerySet[Client], asked: list[str]) -> list[int]:
    """The ids of the best matches: exact spellings first, then the closest spellings.

    The database narrows to `CANDIDATES` by exact words; the closeness of the rest is scored
    here, where it costs a few milliseconds, instead of sorting sound-alikes alphabetically.
    """
    candidates = list(
        clients.annotate(
            exact=Count("name_keys", filter=Q(name_keys__word__in=asked), distinct=True)
        )
        .order_by("-exact", "pk")
        .values_list("pk", "exact")[:CANDIDATES]
    )
    written: dict[int, list[set[str]]] = {pk: [] for pk, _exact in candidates}
    for client_id, word in ClientName.objects.filter(client_id__in=written).values_list(
        "client_id", "word"
    ):
        written[client_id].append(_pairs(word))
    pairs = [_pairs(word) for word in asked]
    scored = sorted(
        candidates, key=lambda row: (-row[1], -_similarity(pairs, written[row[0]]), row[0])
    )
    return [pk for pk, _exact in scored[:LIMIT]]


def client_search(*, user: Any, query: str, channel: str = "web") -> list[Client]:
    """Up to 50 clients: exact spellings first, then the closest other spellings."""
    if not policy.may_use(user):
        raise PermissionDenied
    query = query.replace("\x00", "").strip()[:200]
    clients = _matching(query)
    if clients is None:
        return []
    asked = names.words(" ".join(t for t in query.split() if not _REFERENCE.search(t)))
    if asked:
        order = _ranked(clients, asked)
        by_id = Client.objects.in_bulk(order)
        found = [by_id[pk] for pk in order if pk in by_id]
    else:
        found = list(clients.order_by("last_name", "first_name", "pk")[:LIMIT])
    log_read(user=user, action=Action.SEARCH, channel=channel, reason=f"{query} ({len(found)})")
    return found
