"""What every piece of portal content shares: a German source with its own change time, and
translation rows that remember which version of the source they were made from.

A translation is *outdated* when the German source changed after it
(`translation.source_version < item.source_changed_at`); a minor edit of the source leaves
`source_changed_at` alone, so it outdates nothing. The status of a whole list is computed in
one query (see mia/portal/selectors/translation_status.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mia.core.languages import TRANSLATION_CODES

# Leichte Sprache is a German variant of key pages, kept like a translation of the source.
EASY_GERMAN = "de-ls"


def translation_choices(*, easy: bool = False) -> list[tuple[str, str]]:
    choices = [(code, name) for code, name in settings.LANGUAGES if code in TRANSLATION_CODES]
    return choices + ([(EASY_GERMAN, "Leichte Sprache")] if easy else [])


class Source(models.Model):
    """German content: the row itself holds the German text."""

    is_published = models.BooleanField(_("published"), default=True)
    source_changed_at = models.DateTimeField(
        _("German text last changed"), default=timezone.now, db_index=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Translation(models.Model):
    """One language of an item. `source_version` is the `source_changed_at` of the German
    text the translator worked from."""

    language = models.CharField(_("language"), max_length=8, choices=translation_choices())
    source_version = models.DateTimeField(_("translated from the German of"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("translated by"),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.language
