"""Who may edit what on the portal: agency editors everything, partner editors only the
entries of the actors they belong to (and only by proposing changes)."""

from typing import Any

from mia.accounts.permissions import has_role

EDITOR_ROLES = frozenset({"editor", "admin"})
PARTNER_ROLES = frozenset({"partner_editor"})


def is_editor(user: Any) -> bool:
    return has_role(user, EDITOR_ROLES)


def is_partner(user: Any) -> bool:
    return has_role(user, PARTNER_ROLES)


def may_propose_for(user: Any, actor: Any) -> bool:
    """Partner editors for their own actors; agency editors for any."""
    if is_editor(user):
        return True
    return is_partner(user) and actor.editors.filter(pk=user.pk).exists()
