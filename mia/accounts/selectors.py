from typing import Any

from django_otp import user_has_device

from mia.accounts.models import User
from mia.core import languages


def start_page(*, user: User) -> dict[str, Any]:
    memberships = user.memberships.select_related("team").order_by("team__position")
    return {
        "memberships": list(memberships),
        "spoken": [languages.get(code) for code in user.languages if code in languages.BY_CODE],
        "has_second_factor": user_has_device(user),
    }
