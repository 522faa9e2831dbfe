"""How long each team keeps closed cases, and the reports of what retention removed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RetentionRule(models.Model):
    team = models.OneToOneField(
        "organisation.Team", on_delete=models.CASCADE, related_name="+", verbose_name=_("team")
    )
    keep_days = models.PositiveIntegerField(
        _("keep closed cases for (days)"), help_text=_("Counted from the day the case closed")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.CheckConstraint(condition=Q(keep_days__gte=30), name="retention_at_least_30")
        ]

    def __str__(self) -> str:
        return f"{self.team_id}: {self.keep_days}"


class RetentionRun(models.Model):
    """A report of what is due (dry run) or what was removed."""

    started_at = models.DateTimeField(auto_now_add=True)
    dry_run = models.BooleanField(default=True)
    report = models.JSONField(default=dict)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"
