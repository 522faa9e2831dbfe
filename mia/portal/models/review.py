"""Partner editors propose; agency editors publish. A proposal carries the whole new state of
one actor profile, offer or event, so the editor sees and publishes exactly what was sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mia.portal.models.network import Actor


class Proposal(models.Model):
    class Kind(models.TextChoices):
        ACTOR = "actor", _("actor profile")
        OFFER = "offer", _("offer")
        EVENT = "event", _("event")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("returned")

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("entry"), null=True, blank=True)  # None: new
    data = models.JSONField(_("proposed content"))
    status = models.CharField(
        _("status"), max_length=9, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    note = models.CharField(_("note from the editor"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="actor", object_id__isnull=False) | ~Q(kind="actor"),
                name="proposal_actor_exists",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id or 'new'} ({self.status})"
