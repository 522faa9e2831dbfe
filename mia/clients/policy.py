"""The one place that decides who may see or change what in client files.

Views, API endpoints and selectors ask this module; none decides on its own. The rules:

- Every staff role that works with people may find a client and see the shared record (names,
  birth date, contact, residence, household, visits). Reception sees a name card only: names,
  birth date and the concerns of linked visits. Editors and partner editors see nothing.
- A team's cases, notes, documents and deadlines are that team's. Another team sees them only
  with the client's recorded consent for that category, or through a grant on a stated legal
  basis or in an emergency (logged, shown to the owning team's lead, time-limited). Notes are
  shared under consent only when marked shareable. Confidential teams (the youth office) are
  never opened by a grant, only by consent that names them.
- Auditors read the access log and export a person's data; they do not browse casework.
- Staff need a verified second factor for all of this (`MIA_CLIENT_FILES_2FA`).
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from mia.clients.models import AccessLog, Category, Consent, Grant

Basis = AccessLog.Basis

RECORD_ROLES = frozenset({"clerk", "team_lead", "housing", "admin", "auditor"})
CARD_ROLES = frozenset({"reception"})
CASEWORK_ROLES = frozenset({"clerk", "team_lead", "housing"})
EDIT_ROLES = CASEWORK_ROLES | {"admin"}
EXPORT_ROLES = CASEWORK_ROLES | {"auditor"}
AUDIT_ROLES = frozenset({"auditor", "admin"})


@dataclass(frozen=True)
class Access:
    """Why a read of one team's data is allowed, as written to the access log."""

    basis: str
    team_id: int
    outside_team: bool
    reason: str = ""


def _role(user: Any) -> str:
    if not (user.is_authenticated and user.is_active):
        return ""
    return "admin" if user.is_superuser and not user.role else str(user.role)


def team_ids(user: Any) -> frozenset[int]:
    cached = getattr(user, "_mia_team_ids", None)
    if cached is None:
        cached = frozenset(user.memberships.values_list("team_id", flat=True))
        user._mia_team_ids = cached
    return frozenset(cached)


def lead_team_ids(user: Any) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    return frozenset(user.memberships.filter(is_lead=True).values_list("team_id", flat=True))


def second_factor_missing(request: Any) -> bool:
    user = request.user
    if getattr(request, "auth_by_token", False):
        return False  # tokens are issued by an administrator on the command line
    return bool(settings.MIA_CLIENT_FILES_2FA) and not user.is_verified()


def may_use(user: Any) -> bool:
    """Any entry into client files at all (search, name card, record)."""
    return _role(user) in RECORD_ROLES | CARD_ROLES


def may_view_record(user: Any) -> bool:
    return _role(user) in RECORD_ROLES


def may_view_card(user: Any) -> bool:
    return _role(user) in RECORD_ROLES | CARD_ROLES


def may_edit_record(user: Any) -> bool:
    return _role(user) in EDIT_ROLES


def may_work_for(user: Any, team_id: int) -> bool:
    """Write cases, notes, documents and deadlines of `team_id`: its own members only."""
    return _role(user) in CASEWORK_ROLES and team_id in team_ids(user)


def may_work(user: Any) -> bool:
    return _role(user) in CASEWORK_ROLES and bool(team_ids(user))


def may_record_consent(user: Any) -> bool:
    return _role(user) in CASEWORK_ROLES


def may_export(user: Any) -> bool:
    return _role(user) in EXPORT_ROLES


def may_audit(user: Any) -> bool:
    return _role(user) in AUDIT_ROLES


def may_review(user: Any, team_id: int) -> bool:
    """Team leads review grants on and unusual reads of their team's data."""
    return _role(user) in CASEWORK_ROLES and team_id in lead_team_ids(user)


def may_set_retention(user: Any, team_id: int) -> bool:
    return _role(user) == "admin" or may_review(user, team_id)


def may_run_retention(user: Any) -> bool:
    return _role(user) == "admin"


def is_confidential(team: Any) -> bool:
    return str(team.slug) in settings.MIA_CONFIDENTIAL_TEAMS


def may_open_by_grant(user: Any, team: Any) -> bool:
    return may_work(user) and team.pk not in team_ids(user) and not is_confidential(team)


def active_consents(client_id: int) -> Any:
    return Consent.objects.filter(client_id=client_id, withdrawn_at__isnull=True)


def active_grants(user: Any, client_id: int) -> Any:
    return Grant.objects.filter(client_id=client_id, user=user, expires_at__gt=timezone.now())


def access_maps(user: Any, client_id: int) -> dict[str, dict[int, Access]]:
    """Per data category, every team whose data of the client `user` may read, and on what
    basis. Three queries at most, whatever the number of teams and categories: memberships,
    consents, grants."""
    maps: dict[str, dict[int, Access]] = {category: {} for category in Category.values}
    if _role(user) not in CASEWORK_ROLES:
        return maps
    own = team_ids(user)
    for found in maps.values():
        found.update({t: Access(Basis.TEAM, t, False) for t in own})
    if own:
        # A client has a handful of consents; their categories are filtered here, because
        # SQLite cannot look inside JSON lists.
        shared = (
            active_consents(client_id)
            .filter(recipients__in=own)
            .values_list("pk", "owners", "categories")
            .order_by("pk")
        )
        for consent_id, team_id, categories in shared:
            for category in categories:
                shared_with = maps.get(category, {})
                if team_id is not None and team_id not in shared_with:
                    shared_with[team_id] = Access(
                        Basis.CONSENT, team_id, True, f"consent #{consent_id}"
                    )
    for grant_id, team_id, basis, reason in active_grants(user, client_id).values_list(
        "pk", "team_id", "basis", "reason"
    ):
        for found in maps.values():
            if team_id not in found:
                found[team_id] = Access(basis, team_id, True, f"grant #{grant_id}: {reason}")
    return maps


def access_map(user: Any, client_id: int, category: str) -> dict[int, Access]:
    """Every team whose `category` data of the client `user` may read, and on what basis."""
    return access_maps(user, client_id)[category]


def access_to(user: Any, client_id: int, team_id: int, category: str) -> Access | None:
    return access_map(user, client_id, category).get(team_id)
