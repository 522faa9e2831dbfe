from typing import Any

from django_otp import user_has_device

from mia.accounts.models import User
from mia.accounts.permissions import DESK_ROLES, RECEPTION_ROLES, has_role
from mia.core import languages
from mia.organisation.models import Location


def start_page(*, user: User) -> dict[str, Any]:
    memberships = user.memberships.select_related("team").order_by("team__position")
    return {
        "can_receive": has_role(user, RECEPTION_ROLES),
        "can_serve": has_role(user, DESK_ROLES),
        "location": Location.objects.order_by("name").first(),
        "memberships": list(memberships),
        "spoken": [languages.get(code) for code in user.languages if code in languages.BY_CODE],
        "has_second_factor": user_has_device(user),
    }
