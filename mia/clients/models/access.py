"""The read-access log: one row for every read of a client file, case, note or document."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    class Action(models.TextChoices):
        SEARCH = "search", _("Search")
        FILE = "file", _("Client file")
        CARD = "card", _("Name card (reception)")
        CASE = "case", _("Case")
        NOTE = "note", _("Note")
        DOCUMENT = "document", _("Document")
        CONSENT_FORM = "consent_form", _("Consent form")
        EXPORT = "export", _("Data export")
        LETTER = "letter", _("Invitation letter")
        LIST = "list", _("List of clients")

    class Basis(models.TextChoices):
        TEAM = "team", _("Own team")
        RECORD = "record", _("Shared record")
        CONSENT = "consent", _("Consent")
        LEGAL = "legal", _("Legal basis")
        EMERGENCY = "emergency", _("Emergency")
        AUDIT = "audit", _("Audit")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    # Plain ids, not foreign keys: the log outlives what it points to.
    client_id = models.BigIntegerField(_("client"), null=True, db_index=True)
    action = models.CharField(_("what"), max_length=16, choices=Action.choices)
    object_id = models.BigIntegerField(_("object"), null=True)
    owner_team_id = models.BigIntegerField(_("data of team"), null=True)
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices)
    outside_team = models.BooleanField(_("outside own team"), default=False)
    reason = models.CharField(_("why"), max_length=300, blank=True)
    channel = models.CharField(_("via"), max_length=8, default="web")

    class Meta:
        verbose_name = _("read access")
        verbose_name_plural = _("read accesses")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["user", "at"], name="access_user_at"),
            models.Index(fields=["owner_team_id", "at"], name="access_team_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.client_id}"
