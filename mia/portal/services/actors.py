"""Agency editors' writes on network actors beyond the German source: which partner editors
keep an actor's entries, and deleting an actor with everything it offers. Logged on the
objects."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mia.accounts.models import Role
from mia.core.audit import CHANGE, log_change
from mia.core.errors import ApplicationError
from mia.portal.models import Actor
from mia.portal.permissions import is_editor
from mia.portal.services.content import source_delete


@transaction.atomic
def actor_editors_set(*, actor: Actor, editors: list[Any], user: Any) -> None:
    if not is_editor(user):
        raise ApplicationError(
            _("Only agency editors choose partner editors."), code="forbidden", status=403
        )
    chosen = {editor.pk: editor for editor in editors}
    current = set(actor.editors.values_list("pk", flat=True))
    added = [editor for pk, editor in chosen.items() if pk not in current]
    if any(editor.role != Role.PARTNER_EDITOR for editor in added):
        raise ApplicationError(
            _("Only accounts with the role partner editor can keep an actor."),
            code="invalid_editor",
            status=422,
        )
    removed = current - set(chosen)
    if not added and not removed:
        return
    actor.editors.set(list(chosen.values()))
    names = ", ".join(sorted(editor.username for editor in chosen.values())) or "–"
    log_change(user=user, obj=actor, flag=CHANGE, message=f"partner editors: {names}")


@transaction.atomic
def actor_delete(*, actor: Actor, user: Any) -> None:
    """Delete an actor with its offers and events, each through `source_delete`, so that
    none of them lingers in the search index."""
    for offer in actor.offers.all():
        source_delete(item=offer, user=user)
    for event in actor.events.all():
        source_delete(item=event, user=user)
    source_delete(item=actor, user=user)
