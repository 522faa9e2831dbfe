"""Partner editors propose the whole new state of their actor profile, an offer or an event;
an agency editor publishes or returns it. Nothing a partner sends is public before that."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.core.audit import ADDITION, CHANGE, log_change
from mia.core.errors import ApplicationError
from mia.portal.models import Actor, Event, Offer, Proposal
from mia.portal.permissions import is_editor, may_propose_for
from mia.portal.services.content import source_save

PLACE = ("town", "postcode", "street", "latitude", "longitude")
FIELDS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "actor": (
        Actor,
        (
            "description",
            "email",
            "phone",
            "website",
            "languages",
            "accessibility",
            "step_free",
            "fields",
            *PLACE,
        ),
    ),
    "offer": (
        Offer,
        (
            "category",
            "title",
            "description",
            "target_groups",
            "languages",
            "cost",
            "schedule",
            *PLACE,
        ),
    ),
    "event": (
        Event,
        ("title", "description", "venue", "start", "end", "recurrence", "repeat_until", *PLACE),
    ),
}


def _not_found() -> ApplicationError:
    return ApplicationError(_("Not found."), code="not_found", status=404)


def _target(actor: Actor, kind: str, object_id: int | None) -> Any:
    model, _fields = FIELDS[kind]
    if kind == "actor":
        return actor
    if object_id is None:
        return model(actor=actor, is_published=True)
    # Another actor's entry answers exactly like a missing one: nothing about it leaks.
    found = model.objects.filter(pk=object_id, actor=actor).first()
    if found is None:
        raise _not_found()
    return found


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if hasattr(value, "as_tuple"):  # Decimal
        return str(value)
    return value


def _checked(kind: str, target: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields partners may change, validated as the model would on publishing."""
    model, allowed = FIELDS[kind]
    unknown = set(data) - set(allowed)
    if unknown:
        raise ApplicationError(
            _("These fields cannot be changed: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))},
            code="invalid_fields",
            status=422,
        )
    probe = model.objects.get(pk=target.pk) if target.pk else model(actor=target.actor)
    for name, value in data.items():
        setattr(probe, name, value)
    try:
        probe.full_clean(exclude=["actor", "slug", "name", "kind", "source_changed_at"])
    except ValidationError as error:
        raise ApplicationError(
            "; ".join(error.messages), code="invalid_content", status=422
        ) from None
    return {name: _jsonable(getattr(probe, name)) for name in data}


@transaction.atomic
def proposal_submit(
    *, user: Any, actor: Actor, kind: str, object_id: int | None, data: dict[str, Any]
) -> Proposal:
    if kind not in FIELDS:
        raise ApplicationError(_("Unknown kind of entry."), code="invalid_kind", status=422)
    if not may_propose_for(user, actor):
        raise _not_found()
    target = _target(actor, kind, object_id)
    proposal = Proposal.objects.create(
        actor=actor,
        kind=kind,
        object_id=target.pk,
        data=_checked(kind, target, data),
        submitted_by=user,
    )
    log_change(user=user, obj=proposal, flag=ADDITION, message=f"proposed {kind}")
    return proposal


def _claim(proposal: Proposal, user: Any, status: str) -> None:
    """One review per proposal: the conditional update lets only the first editor through."""
    if not is_editor(user):
        raise ApplicationError(
            _("Only agency editors publish changes."), code="forbidden", status=403
        )
    claimed = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.PENDING).update(
        status=status, reviewed_by=user, reviewed_at=timezone.now()
    )
    if not claimed:
        raise ApplicationError(
            _("This change has already been reviewed."), code="already_reviewed", status=409
        )


@transaction.atomic
def proposal_publish(*, proposal: Proposal, user: Any) -> Any:
    """Apply the proposed state; the change becomes public at once."""
    _claim(proposal, user, Proposal.Status.PUBLISHED)
    target = _target(proposal.actor, proposal.kind, proposal.object_id)
    item = source_save(item=target, data=_checked(proposal.kind, target, proposal.data), user=user)
    Proposal.objects.filter(pk=proposal.pk).update(object_id=item.pk)
    log_change(user=user, obj=proposal, flag=CHANGE, message="published")
    return item


@transaction.atomic
def proposal_return(*, proposal: Proposal, user: Any, note: str) -> None:
    _claim(proposal, user, Proposal.Status.REJECTED)
    Proposal.objects.filter(pk=proposal.pk).update(note=note[:500])
    log_change(user=user, obj=proposal, flag=CHANGE, message="returned")
