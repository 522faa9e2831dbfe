"""Which client file a reception visit belongs to, for the desk.

Only the file's id leaves this module, no personal data: the desk shows a link, and opening
the file is the read that gets logged.
"""

from dataclasses import dataclass
from typing import Any

from mia.clients import policy
from mia.clients.models import ClientVisit


def client_for_visit(visit_id: int) -> int | None:
    """The id of the client file the visit is linked to, or None."""
    return (
        ClientVisit.objects.filter(visit_id=visit_id, client__anonymised_at__isnull=True)
        .values_list("client_id", flat=True)
        .first()
    )


@dataclass(frozen=True)
class DeskBox:
    """What the desk's "client file" box offers for the visitor at the desk."""

    visit_id: int
    client_id: int | None
    may_create: bool


def desk_box(*, user: Any, visit_id: int | None) -> DeskBox | None:
    if visit_id is None or not policy.may_view_record(user):
        return None
    return DeskBox(visit_id, client_for_visit(visit_id), policy.may_edit_record(user))
