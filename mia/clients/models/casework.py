"""Each team's own work on a client: cases with notes, documents and deadlines."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mia.clients.models.record import Client
from mia.clients.storage import private_storage


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        WAITING = "waiting", _("Waiting for the client")
        CLOSED = "closed", _("Closed")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="cases")
    team = models.ForeignKey(
        "organisation.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["team", "status", "closed_at"], name="case_retention")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False)
                | (~Q(status="closed") & Q(closed_at__isnull=True)),
                name="case_closed_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    body = models.TextField(_("note"))
    shareable = models.BooleanField(
        _("may be shared under consent"),
        default=False,
        help_text=_("Notes stay inside the team unless this is ticked and the client consented."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.body[:40]


class Document(models.Model):
    """An uploaded file, kept in private storage and served only through a checked view."""

    class Kind(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    file = models.FileField(storage=private_storage, upload_to="documents/%Y/%m/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Deadline(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    title = models.CharField(_("what is due"), max_length=200)
    due = models.DateField(_("due on"))
    service = models.ForeignKey(
        "organisation.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service for the invitation"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["assignee", "done_at", "due"], name="deadline_mine")]

    def __str__(self) -> str:
        return f"{self.due}: {self.title}"


class Invitation(models.Model):
    """An invitation to book an appointment, sent by e-mail or printed as a letter."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="invitations")
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey("organisation.Service", on_delete=models.PROTECT, related_name="+")
    deadline = models.ForeignKey(
        Deadline, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=5)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.sent_at:%Y-%m-%d}"
