"""The integration network: actors (associations, churches, employers, ...), their offers and
events. Partner editors keep their own actor's entries; changes wait for an agency editor."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mia.portal.models.base import Source, Translation


class FieldOfAction(models.TextChoices):
    WORK = "work", _("Work")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    VOLUNTEERING = "volunteering", _("Volunteering")
    HOUSING = "housing", _("Housing")
    FAMILY = "family", _("Family and children")
    SPORTS = "sports", _("Sports and leisure")
    COUNSELLING = "counselling", _("Counselling")
    CULTURE = "culture", _("Culture and faith")


class ActorKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    CHURCH = "church", _("Church or religious community")
    EDUCATION = "education", _("School or adult education")
    SPORTS = "sports", _("Sports club or federation")
    EMPLOYER = "employer", _("Employer")
    MIGRANT = "migrant", _("Migrant organisation")
    WELFARE = "welfare", _("Welfare organisation")
    PUBLIC = "public", _("Public office")


class Place(models.Model):
    """Where something is: address and, for the map, coordinates."""

    town = models.CharField(_("town"), max_length=80, db_index=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    street = models.CharField(_("street"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        abstract = True


class Actor(Source, Place):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=12, choices=ActorKind.choices)
    fields = models.JSONField(_("fields of action"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="actors", verbose_name=_("editors")
    )

    class Meta:
        verbose_name = _("network actor")
        verbose_name_plural = _("network actors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActorTranslation(Translation):
    item = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="translations")
    description = models.TextField(_("description"), blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="actor_translation_unique")
        ]


class OfferCategory(models.TextChoices):
    LANGUAGE_COURSE = "language", _("Language course")
    COUNSELLING = "counselling", _("Counselling")
    SPORTS = "sports", _("Sports")
    VOLUNTEERING = "volunteering", _("Volunteering")
    CHILDCARE = "childcare", _("Childcare")
    WORK = "work", _("Work and training")
    MEETING = "meeting", _("Meeting place")


class Cost(models.TextChoices):
    FREE = "free", _("free of charge")
    REDUCED = "reduced", _("reduced fee possible")
    PAID = "paid", _("with a fee")


class Offer(Source, Place):
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="offers", verbose_name=_("actor")
    )
    category = models.CharField(_("category"), max_length=12, choices=OfferCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    cost = models.CharField(_("cost"), max_length=8, choices=Cost.choices, default=Cost.FREE)
    schedule = models.CharField(_("when"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title"]
        indexes = [models.Index(fields=["category", "town"])]

    def __str__(self) -> str:
        return self.title


class OfferTranslation(Translation):
    item = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    schedule = models.CharField(_("when"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="offer_translation_unique")
        ]


class Recurrence(models.TextChoices):
    NONE = "", _("once")
    WEEKLY = "weekly", _("every week")
    MONTHLY = "monthly", _("every month")


class Event(Source, Place):
    actor = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("actor"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    recurrence = models.CharField(
        _("repeats"), max_length=8, choices=Recurrence.choices, default="", blank=True
    )
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="event_ends_later")
        ]

    def __str__(self) -> str:
        return self.title


class EventTranslation(Translation):
    item = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="event_translation_unique")
        ]
