from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import APIKeyCookie, HttpBearer

from mia.accounts.models import User
from mia.accounts.permissions import needs_second_factor
from mia.accounts.services import api_token_authenticate
from mia.core.schemas import ErrorOut


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <token>` as printed by `mia create-token`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(token=token)
        if user is None or not user.is_staff_member:
            return None
        request.user = user
        request.auth_by_token = True  # type: ignore[attr-defined]  # read by mia.clients.policy
        return user


class StaffSessionAuth(APIKeyCookie):
    """A logged-in staff session (with the second factor when required); CSRF-checked."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user: Any = request.user
        if user.is_authenticated and user.is_staff_member and not needs_second_factor(request):
            return user
        return None


staff_auth = [BearerAuth(), StaffSessionAuth()]

router = Router(tags=["accounts"])


class TeamOut(Schema):
    id: int
    letter: str
    name: str
    is_lead: bool


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    languages: list[str]
    teams: list[TeamOut]


@router.get(
    "/me",
    response={200: MeOut, 401: ErrorOut},
    auth=staff_auth,
    summary="The staff member behind the token",
)
def me(request: HttpRequest) -> MeOut:
    user: Any = request.auth  # type: ignore[attr-defined]  # set by Ninja's authentication
    memberships = user.memberships.select_related("team").order_by("team__position")
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        role=user.role,
        languages=user.languages,
        teams=[
            TeamOut(id=m.team.pk, letter=m.team.letter, name=m.team.name, is_lead=m.is_lead)
            for m in memberships
        ],
    )
