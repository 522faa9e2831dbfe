import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from mia.accounts.models import ApiToken, User

TOKEN_PREFIX = "mia_"  # noqa: S105 - a marker that makes leaked tokens easy to scan for


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str = "") -> str:
    """Create a token for `user` and return it; it cannot be shown again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, digest=token_digest(token), prefix=token[:8])
    return token


def api_token_authenticate(*, token: str) -> User | None:
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), user__is_active=True)
        .first()
    )
    if api_token is None:
        return None
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
    return api_token.user
