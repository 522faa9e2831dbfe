"""One row per item and reading language with the text a reader of that language sees (the
translation, or the German source marked as a fallback), so one query searches every kind of
content. Rows are rewritten by the services whenever an item or a translation is saved."""

from django.db import models


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page"
        FAQ = "faq"
        NEWS = "news"
        EVENT = "event"
        ACTOR = "actor"
        OFFER = "offer"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    language = models.CharField(max_length=8)
    fallback = models.BooleanField(default=False)  # German text shown to this language
    title = models.CharField(max_length=300)
    summary = models.CharField(max_length=400, blank=True)
    text = models.TextField()  # casefolded title and body, without markup

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_entry_unique"
            )
        ]
        indexes = [models.Index(fields=["language", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.language}"
