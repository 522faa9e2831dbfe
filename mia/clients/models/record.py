"""The record every team with access to client files may see: who the person is."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ResidenceStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    ARRIVAL_CERTIFICATE = "arrival", _("Proof of arrival (Ankunftsnachweis)")
    PERMISSION_TO_STAY = "gestattung", _("Permission to stay for asylum seekers (Gestattung)")
    TOLERATION = "duldung", _("Toleration (Duldung)")
    FICTION = "fiktion", _("Fictional certificate (Fiktionsbescheinigung)")
    TEMPORARY_PROTECTION = "protection_24", _("Temporary protection (§ 24 AufenthG)")
    RESIDENCE_PERMIT = "permit", _("Residence permit (Aufenthaltserlaubnis)")
    BLUE_CARD = "blue_card", _("EU Blue Card")
    SETTLEMENT = "settlement", _("Settlement permit (Niederlassungserlaubnis)")
    EU_FREEDOM = "eu", _("EU freedom of movement")
    GERMAN = "german", _("German citizen")


class Household(models.Model):
    """People who live and are supported together (Bedarfsgemeinschaft, family)."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Client(models.Model):
    first_name = models.CharField(_("first names"), max_length=120)
    last_name = models.CharField(_("last name"), max_length=120)
    birth_name = models.CharField(_("birth name"), max_length=120, blank=True)
    other_names = models.CharField(
        _("other spellings"),
        max_length=250,
        blank=True,
        help_text=_("Spellings in other documents, e.g. in the passport"),
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    language = models.CharField(
        _("language for letters"), max_length=5, default="de", help_text=_("e.g. ar, uk")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=80, blank=True)
    residence_status = models.CharField(
        _("residence status"),
        max_length=16,
        choices=ResidenceStatus.choices,
        default=ResidenceStatus.UNKNOWN,
    )
    residence_expires = models.DateField(_("residence title valid until"), null=True, blank=True)
    file_number = models.CharField(_("file number"), max_length=40, blank=True, db_index=True)
    benefit_number = models.CharField(
        _("benefit community number"), max_length=40, blank=True, db_index=True
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            models.Index(fields=["birth_date"], name="client_birth_date"),
            models.Index(
                fields=["residence_expires"],
                name="client_residence_expires",
                condition=Q(residence_expires__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ClientName(models.Model):
    """One word of a client's names, folded to ASCII and its Cologne phonetic code."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="name_keys")
    word = models.CharField(max_length=120)
    key = models.CharField(max_length=40)

    class Meta:
        indexes = [
            models.Index(fields=["key", "client"], name="client_name_key"),
            # varchar_pattern_ops lets PostgreSQL use the index for prefix searches too.
            models.Index(
                fields=["word"], name="client_name_word", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["client", "word"], name="client_name_unique_word")
        ]

    def __str__(self) -> str:
        return f"{self.word} ({self.key})"


class ClientVisit(models.Model):
    """A walk-in visit that a clerk linked to the client file."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="visit_links")
    visit = models.OneToOneField(
        "reception.Visit", on_delete=models.CASCADE, related_name="client_link"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("linked visit")
        verbose_name_plural = _("linked visits")

    def __str__(self) -> str:
        return f"{self.client_id} ← visit {self.visit_id}"
