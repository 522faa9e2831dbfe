"""Creating and correcting the shared record, households, and linking visits."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from mia.clients import names, policy
from mia.clients.models import Client, ClientName, ClientVisit, Household
from mia.core.audit import ADDITION, CHANGE, log_change
from mia.core.errors import ApplicationError
from mia.reception import selectors as reception

# Fields of the shared record that staff may set or correct.
RECORD_FIELDS = (
    "first_name",
    "last_name",
    "birth_name",
    "other_names",
    "birth_date",
    "nationalities",
    "languages",
    "language",
    "phone",
    "email",
    "street",
    "postcode",
    "town",
    "residence_status",
    "residence_expires",
    "file_number",
    "benefit_number",
)


def name_keys_refresh(client: Client) -> None:
    """Keep the search words of a client in step with its names."""
    ClientName.objects.filter(client=client).delete()
    found = names.name_words(
        client.first_name, client.last_name, client.birth_name, client.other_names
    )
    ClientName.objects.bulk_create(
        ClientName(client=client, word=word[:120], key=key[:40]) for word, key in found.items()
    )


def _check(values: dict[str, Any]) -> None:
    if (
        not str(values.get("first_name", "")).strip()
        and not str(values.get("last_name", "")).strip()
    ):
        raise ApplicationError(_("Enter at least one name."), code="name_missing", status=422)
    born = values.get("birth_date")
    if isinstance(born, dt.date) and born > dt.date.today():
        raise ApplicationError(
            _("The date of birth lies in the future."), code="birth_date_future", status=422
        )


def client_create(*, user: Any, values: dict[str, Any]) -> Client:
    if not policy.may_edit_record(user):
        raise PermissionDenied
    values = {k: v for k, v in values.items() if k in RECORD_FIELDS and v is not None}
    _check(values)
    with transaction.atomic():
        client = Client.objects.create(created_by=user, **values)
        name_keys_refresh(client)
        log_change(user=user, obj=client, flag=ADDITION, message="Client file created")
    return client


def client_update(*, user: Any, client: Client, values: dict[str, Any]) -> Client:
    """Correct the record (the client's right to rectification); the change is logged."""
    if not policy.may_edit_record(user) or client.anonymised_at:
        raise PermissionDenied
    changed = sorted(k for k, v in values.items() if k in RECORD_FIELDS and getattr(client, k) != v)
    merged = {k: values.get(k, getattr(client, k)) for k in RECORD_FIELDS}
    _check(merged)
    with transaction.atomic():
        for name in changed:
            setattr(client, name, values[name])
        client.save()
        name_keys_refresh(client)
        if changed:
            log_change(
                user=user, obj=client, flag=CHANGE, message="Corrected: " + ", ".join(changed)
            )
    return client


def household_join(*, user: Any, client: Client, member: Client) -> Household:
    """Put `member` in `client`'s household (created when there is none yet)."""
    if not policy.may_edit_record(user):
        raise PermissionDenied
    if member.pk == client.pk:
        raise ApplicationError(
            _("A person cannot be their own household member."), code="household_self"
        )
    with transaction.atomic():
        household = client.household or member.household or Household.objects.create()
        Client.objects.filter(pk__in=[client.pk, member.pk]).update(household=household)
        log_change(user=user, obj=client, flag=CHANGE, message=f"Household with #{member.pk}")
    client.household = household
    return household


def household_leave(*, user: Any, client: Client) -> None:
    if not policy.may_edit_record(user):
        raise PermissionDenied
    with transaction.atomic():
        Client.objects.filter(pk=client.pk).update(household=None)
        log_change(user=user, obj=client, flag=CHANGE, message="Left the household")
    client.household = None


def visit_link(*, user: Any, client: Client, visit_id: int) -> ClientVisit:
    """Link the visitor a clerk called to this client file (one client per visit)."""
    if not policy.may_work(user):
        raise PermissionDenied
    if not reception.visits_with_concerns(visit_ids=[visit_id]):
        raise ApplicationError(_("This visit does not exist."), code="visit_missing", status=404)
    with transaction.atomic():
        link, created = ClientVisit.objects.get_or_create(
            visit_id=visit_id, defaults={"client": client, "linked_by": user}
        )
        if not created and link.client_id != client.pk:
            raise ApplicationError(
                _("This visit is already linked to another client file."),
                code="visit_linked",
                status=409,
            )
        if created:
            log_change(user=user, obj=client, flag=CHANGE, message=f"Visit #{visit_id} linked")
    return link
