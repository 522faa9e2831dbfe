"""Appointment capacity and bookings.

Capacity: weekly periods per location and team with a number of parallel desks, cut into slots
of `SLOT_MINUTES`. A booking is a route of one or more services, one after the other; each
service occupies one seat in every slot it spans at its team. Free capacity is always the
period's desks minus the seats taken, never a stored counter; a unique seat number per team and
slot is the last line behind the lock in services.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mia.organisation.models import Location, Service, Team, Weekday

SLOT_MINUTES = 15


class CapacityRule(models.Model):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="capacity_rules")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="capacity_rules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    desks = models.PositiveSmallIntegerField(_("parallel desks"), default=1)

    class Meta:
        verbose_name = _("appointment capacity")
        verbose_name_plural = _("appointment capacities")
        ordering = ["location", "team", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="capacity_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(desks__gte=1) & Q(desks__lte=50), name="capacity_desks_range"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="capacity_weekday_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.team.letter} {self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M} ×{self.desks}"


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        CANCELLED = "cancelled", _("cancelled")
        CHECKED_IN = "checked_in", _("checked in")
        NO_SHOW = "no_show", _("did not come")
        OFFERED = "offered", _("offered from the waitlist")

    code = models.CharField(_("booking code"), max_length=12, unique=True)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="bookings")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=5, default="de")
    interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.BOOKED
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="booking_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="booking_offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["location", "start"])]

    def __str__(self) -> str:
        return f"{self.code} {self.start:%Y-%m-%d %H:%M}"


class BookingItem(models.Model):
    """One service of the route, at its team, from `start` to `end`."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="items")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["booking", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="item_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.booking.code} {self.position}: {self.service}"


class Seat(models.Model):
    """One desk of a team taken in one slot. `held_until` keeps a cancelled seat out of the
    public's reach for the release delay; after it the seat is free again."""

    item = models.ForeignKey(BookingItem, on_delete=models.CASCADE, related_name="seats")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    slot = models.DateTimeField()
    number = models.PositiveSmallIntegerField()
    held_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["location", "team", "slot", "number"], name="seat_unique"
            ),
        ]
        indexes = [models.Index(fields=["location", "team", "slot"])]

    def __str__(self) -> str:
        return f"{self.team.letter} {self.slot:%Y-%m-%d %H:%M} #{self.number}"


class CapacityBlock(models.Model):
    """A team lead takes desks of a team out of booking for a while (training, sickness)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="capacity_blocks")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    desks = models.PositiveSmallIntegerField(_("desks blocked"), default=1)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blocked capacity")
        verbose_name_plural = _("blocked capacity")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="block_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(desks__gte=1) & Q(desks__lte=50), name="block_desks_range"
            ),
        ]
        indexes = [models.Index(fields=["location", "team", "start"])]

    def __str__(self) -> str:
        return f"{self.team.letter} {self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M} −{self.desks}"


class WaitlistEntry(models.Model):
    """Somebody who found nothing free for a route of concerns. Freed capacity is offered to
    the longest-waiting matching entry first, as a booking held for them until the offer ends."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        OFFERED = "offered", _("offer sent")
        BOOKED = "booked", _("booked")
        LAPSED = "lapsed", _("offer not taken")
        WITHDRAWN = "withdrawn", _("withdrawn")

    code = models.CharField(max_length=12, unique=True)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    service_ids = models.JSONField(_("concerns"))
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=5, default="de")
    interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    created_at = models.DateTimeField(_("waiting since"), db_index=True)
    offer = models.OneToOneField(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="waitlist_entry"
    )

    class Meta:
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["location", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.code} {self.created_at:%Y-%m-%d %H:%M} {self.status}"
