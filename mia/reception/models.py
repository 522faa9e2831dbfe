"""Walk-in visits: one ticket per visit, one concern per team the visitor needs.

A visit is a route through several teams. Each concern waits in its team's queue, is called to
a desk, served, and ends finished, forwarded (to a new concern that keeps the waiting credit),
no-show or closed at the end of the day. Every change is a `ConcernEvent`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mia.organisation.models import Desk, Location, Service, Team


class Priority(models.IntegerChoices):
    NORMAL = 0, _("normal")
    APPOINTMENT = 1, _("appointment")
    VULNERABLE = 2, _("vulnerable")
    URGENT = 3, _("urgent")


class Flag(models.TextChoices):
    """Why a visit goes first; each flag implies a priority level."""

    APPOINTMENT = "appointment", _("Has an appointment")
    PREGNANT = "pregnant", _("Pregnant")
    DISABILITY = "disability", _("Disability")
    SMALL_CHILDREN = "small_children", _("With small children")
    UNACCOMPANIED_MINOR = "unaccompanied_minor", _("Unaccompanied minor")
    TITLE_EXPIRING = "title_expiring", _("Residence title expiring")
    BENEFITS_STOPPED = "benefits_stopped", _("Benefits stopped")
    NO_PLACE_TO_SLEEP = "no_place_to_sleep", _("No place to sleep")


FLAG_PRIORITY = {
    Flag.APPOINTMENT: Priority.APPOINTMENT,
    Flag.PREGNANT: Priority.VULNERABLE,
    Flag.DISABILITY: Priority.VULNERABLE,
    Flag.SMALL_CHILDREN: Priority.VULNERABLE,
    Flag.UNACCOMPANIED_MINOR: Priority.VULNERABLE,
    Flag.TITLE_EXPIRING: Priority.URGENT,
    Flag.BENEFITS_STOPPED: Priority.URGENT,
    Flag.NO_PLACE_TO_SLEEP: Priority.URGENT,
}


class DayCounter(models.Model):
    """The last ticket number handed out per location and day."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE)
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["location", "day"], name="day_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.location} {self.day}: {self.last_number}"


class Visit(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CLOSED = "closed", _("closed at end of day")

    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="visits", verbose_name=_("location")
    )
    day = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"))
    ticket = models.CharField(_("ticket"), max_length=8)
    public_code = models.CharField(_("public code"), max_length=16, unique=True)
    language = models.CharField(_("language"), max_length=5, default="de")
    interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    household_size = models.PositiveSmallIntegerField(_("household size"), default=1)
    flags = models.JSONField(_("priority reasons"), default=list, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    booking_code = models.CharField(_("booking code"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    # The concern now at a desk, if any: claimed with a conditional update so that a visitor
    # is never called to two desks at once.
    current_concern = models.OneToOneField(
        "Concern", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("arrived"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via_kiosk = models.BooleanField(_("opened at the kiosk"), default=False)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-day", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "day", "number"], name="visit_number_unique"
            ),
            models.CheckConstraint(condition=Q(household_size__gte=1), name="visit_household"),
        ]
        indexes = [models.Index(fields=["location", "day", "status"])]

    def __str__(self) -> str:
        return f"{self.ticket} ({self.day:%d.%m.%Y})"


class ConcernStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    CALLED = "called", _("called")
    IN_SERVICE = "in_service", _("in service")
    FINISHED = "finished", _("finished")
    FORWARDED = "forwarded", _("forwarded")
    NO_SHOW = "no_show", _("did not come")
    CLOSED = "closed", _("closed at end of day")


ACTIVE = [ConcernStatus.CALLED, ConcernStatus.IN_SERVICE]
ENDED = [
    ConcernStatus.FINISHED,
    ConcernStatus.FORWARDED,
    ConcernStatus.NO_SHOW,
    ConcernStatus.CLOSED,
]


class Concern(models.Model):
    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="concerns", verbose_name=_("visit")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ConcernStatus.choices, default=ConcernStatus.WAITING
    )
    # Queue order within a priority: a forwarded concern keeps its predecessor's time.
    queued_at = models.DateTimeField(_("waiting since"))
    desk = models.ForeignKey(
        Desk,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("desk"),
    )
    called_at = models.DateTimeField(_("called"), null=True, blank=True)
    call_count = models.PositiveSmallIntegerField(_("calls"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)
    forwarded_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="forwarded_to"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["queued_at", "pk"]
        constraints = [
            # Last line behind the conditional updates in services.py: one desk per visitor
            # and one visitor per desk at any moment.
            models.UniqueConstraint(
                fields=["visit"],
                condition=Q(status__in=ACTIVE),
                name="concern_one_active_per_visit",
            ),
            models.UniqueConstraint(
                fields=["desk"], condition=Q(status__in=ACTIVE), name="concern_one_active_per_desk"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[ConcernStatus.WAITING, *ENDED]) | Q(desk__isnull=False),
                name="concern_active_has_desk",
            ),
        ]
        indexes = [models.Index(fields=["team", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.visit.ticket}: {self.service}"


class ConcernEvent(models.Model):
    class Kind(models.TextChoices):
        QUEUED = "queued", _("queued")
        CALLED = "called", _("called")
        RECALLED = "recalled", _("called again")
        STARTED = "started", _("started")
        FINISHED = "finished", _("finished")
        FORWARDED = "forwarded", _("forwarded")
        NO_SHOW = "no_show", _("did not come")
        RELEASED = "released", _("put back in the queue")
        CLOSED = "closed", _("closed at end of day")

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    desk = models.ForeignKey(
        Desk, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%H:%M:%S} {self.kind}"


class DeskSession(models.Model):
    """A clerk at a desk, serving some of the desk's teams, from `opened_at` until closed."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="sessions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    teams = models.ManyToManyField(Team, related_name="+")
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["desk"], condition=Q(closed_at__isnull=True), name="desk_session_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.desk} · {self.user}"
