"""Sharing beyond the owning team: the client's consent, or a stated legal basis."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mia.clients.models.record import Client
from mia.clients.storage import private_storage


class Category(models.TextChoices):
    """What a team keeps about a client, in the units consent is given for."""

    CASES = "cases", _("Cases (subject and status)")
    NOTES = "notes", _("Notes marked as shareable")
    DOCUMENTS = "documents", _("Documents")
    DEADLINES = "deadlines", _("Deadlines")


class Consent(models.Model):
    """The client agrees that `owners`' data of `categories` may be seen by `recipients`."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    owners = models.ManyToManyField(
        "organisation.Team", related_name="+", verbose_name=_("data of these teams")
    )
    recipients = models.ManyToManyField(
        "organisation.Team", related_name="+", verbose_name=_("may be seen by these teams")
    )
    categories = models.JSONField(_("data categories"), default=list)
    form = models.FileField(
        _("signed form (scan)"), storage=private_storage, upload_to="consents/%Y/%m/"
    )
    form_type = models.CharField(max_length=20)
    given_on = models.DateField(_("signed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.given_on}"


class Grant(models.Model):
    """Access to another team's data without consent: on a stated legal basis or in an emergency.

    It is logged with every read it allows, shown to the owning team's lead, and lasts until
    `expires_at`.
    """

    class Basis(models.TextChoices):
        LEGAL = "legal", _("Legal basis")
        EMERGENCY = "emergency", _("Emergency")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="grants")
    team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("data of team"),
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    reviewed_at = models.DateTimeField(_("reviewed by the team lead"), null=True, blank=True)

    class Meta:
        verbose_name = _("access without consent")
        verbose_name_plural = _("accesses without consent")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="grant_expires_later"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.basis}"
