"""The agency's own content: a page tree, FAQ for residents, news and engagement stories."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.portal.models.base import Source, Translation, translation_choices


class Topic(models.TextChoices):
    """The "I am new here" guides."""

    ARRIVAL = "arrival", _("Arrival")
    HOUSING = "housing", _("Housing")
    WORK = "work", _("Work")
    SCHOOL = "school", _("School and childcare")
    HEALTH = "health", _("Health")
    LANGUAGE = "language", _("Language courses")
    FAMILY = "family", _("Family")


class Page(Source):
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent page"),
    )
    slug = models.SlugField(_("short name"), max_length=80)
    path = models.CharField(_("path"), max_length=400, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    topic = models.CharField(_("guide topic"), max_length=12, choices=Topic.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Simple HTML; it is sanitised."))

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="page_slug_unique_in_parent")
        ]

    def __str__(self) -> str:
        return self.title


class PageTranslation(Translation):
    item = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=translation_choices(easy=True))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="page_translation_unique")
        ]


class FaqGroup(models.TextChoices):
    WHO = "who", _("Who comes to us")
    HOUSING = "housing", _("Where people live")
    COSTS = "costs", _("Who pays")
    SCHOOL = "school", _("School and childcare")
    SAFETY = "safety", _("Safety and living together")
    HELP = "help", _("How to help")


class FaqEntry(Source):
    group = models.CharField(_("group"), max_length=10, choices=FaqGroup.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"), help_text=_("Simple HTML; it is sanitised."))

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ")
        ordering = ["group", "position", "pk"]

    def __str__(self) -> str:
        return self.question


class FaqTranslation(Translation):
    item = models.ForeignKey(FaqEntry, on_delete=models.CASCADE, related_name="translations")
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="faq_translation_unique")
        ]


class NewsItem(Source):
    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        STORY = "story", _("Engagement story")

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.NEWS)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    published_at = models.DateTimeField(_("published"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    teaser = models.CharField(_("teaser"), max_length=400, blank=True)
    body = models.TextField(_("text"), help_text=_("Simple HTML; it is sanitised."))

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title


class NewsTranslation(Translation):
    item = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=200)
    teaser = models.CharField(_("teaser"), max_length=400, blank=True)
    body = models.TextField(_("text"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="news_translation_unique")
        ]
