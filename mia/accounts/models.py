from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEPTION = "reception", _("Reception")
    CLERK = "clerk", _("Clerk")
    TEAM_LEAD = "team_lead", _("Team lead")
    HOUSING = "housing", _("Accommodation staff")
    EDITOR = "editor", _("Portal editor")
    PARTNER_EDITOR = "partner_editor", _("Partner editor")
    ADMIN = "admin", _("Administrator")
    AUDITOR = "auditor", _("Auditor")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("Language codes, e.g. de, ar")
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="") | Q(role__in=Role.values), name="user_role_valid"
            )
        ]

    @property
    def is_staff_member(self) -> bool:
        """Every role works in the staff area; an account without a role does not."""
        return self.is_active and (bool(self.role) or self.is_superuser)


class ApiToken(models.Model):
    """A bearer token for API clients. Only a SHA-256 digest of the token is stored."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=80, blank=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    prefix = models.CharField(_("prefix"), max_length=8)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
