"""Locations, teams, services (Anliegen), documents to bring and desks.

German is the source language: the German text lives on the row itself, other languages in
`*Translation` rows, one per language.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mia.core.languages import TRANSLATION_CODES

# Ticket letters skip characters that look like digits (B/8, G/6, I/1, O/0, Q/0, S/5, Z/2).
TICKET_LETTERS = "ACDEFHJKLMNPRTUVWXY"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class TargetGroup(models.TextChoices):
    REFUGEES = "refugees", _("Refugees")
    ASYLUM_SEEKERS = "asylum_seekers", _("Asylum seekers")
    EU_CITIZENS = "eu_citizens", _("EU citizens")
    SKILLED_WORKERS = "skilled_workers", _("Skilled workers")
    STUDENTS = "students", _("Students")
    FAMILIES = "families", _("Families")
    YOUNG_PEOPLE = "young_people", _("Young people")
    EMPLOYERS = "employers", _("Employers")
    EVERYONE = "everyone", _("Everyone")


def _language_choices() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code in TRANSLATION_CODES]


class TranslationBase(models.Model):
    language = models.CharField(_("language"), max_length=5, choices=_language_choices())
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.language}: {getattr(self, 'name', '')}"


class Location(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), unique=True)
    street = models.CharField(_("street"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=10)
    town = models.CharField(_("town"), max_length=80)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.town}"


class OpeningPeriod(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening hours")
        WALK_IN = "walk_in", _("Walk-in hours")

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="periods", verbose_name=_("location")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening period")
        verbose_name_plural = _("opening periods")
        ordering = ["location", "kind", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="period_closes_after_opens"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="period_weekday_valid"),
            models.UniqueConstraint(
                fields=["location", "kind", "weekday", "opens"], name="period_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="closures", verbose_name=_("location")
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="closure_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.reason}"


class Team(models.Model):
    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal unit")
        SECONDED = "seconded", _("Seconded partner")
        EXTERNAL = "external", _("External partner")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), unique=True)
    description = models.TextField(_("description"), blank=True)
    letter = models.CharField(
        _("ticket letter"), max_length=1, unique=True, help_text=TICKET_LETTERS
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    pictogram = models.CharField(
        _("pictogram"), max_length=8, blank=True, help_text=_("An emoji shown at the kiosk")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    members: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="teams",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(letter__in=list(TICKET_LETTERS)), name="team_letter_unambiguous"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["internal", "seconded", "external"]), name="team_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter} · {self.name}"


class TeamTranslation(TranslationBase):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("team translation")
        verbose_name_plural = _("team translations")
        constraints = [
            models.UniqueConstraint(fields=["team", "language"], name="team_translation_unique")
        ]


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    is_lead = models.BooleanField(_("team lead"), default=False)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.team}"


class Document(models.Model):
    """A kind of document a visitor may need to bring (passport, rental contract, ...)."""

    key = models.SlugField(_("key"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("document to bring")
        verbose_name_plural = _("documents to bring")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DocumentTranslation(TranslationBase):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("document translation")
        verbose_name_plural = _("document translations")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="document_translation_unique"
            )
        ]


class Service(models.Model):
    """A concern (Anliegen) a team handles."""

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="services", verbose_name=_("team")
    )
    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    walk_in = models.BooleanField(_("walk-in allowed"), default=True)
    bookable = models.BooleanField(_("bookable online"), default=True)
    leika_key = models.CharField(_("LeiKa key"), max_length=14, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    documents = models.ManyToManyField(
        Document, blank=True, related_name="services", verbose_name=_("documents to bring")
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["team__position", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0) & Q(duration_minutes__lte=480),
                name="service_duration_positive",
            ),
            models.CheckConstraint(
                condition=Q(walk_in=True) | Q(bookable=True), name="service_reachable"
            ),
            models.CheckConstraint(
                condition=Q(leika_key="") | Q(leika_key__regex=r"^[0-9]{14}$"),
                name="service_leika_key_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceTranslation(TranslationBase):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("service translation")
        verbose_name_plural = _("service translations")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="service_translation_unique"
            )
        ]


class Desk(models.Model):
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="desks", verbose_name=_("location")
    )
    name = models.CharField(_("name"), max_length=60)
    room = models.CharField(_("room"), max_length=20)
    teams = models.ManyToManyField(Team, related_name="desks", verbose_name=_("teams served"))

    class Meta:
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        ordering = ["location", "room", "name"]
        constraints = [
            models.UniqueConstraint(fields=["location", "name"], name="desk_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({_('room')} {self.room})"
