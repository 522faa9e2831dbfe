"""Keeps `SearchEntry` rows in step with content: for every reading language, the text that
reader sees (translation, or the German source marked as fallback)."""

from typing import Any

from django.db import transaction

from mia.core.languages import CODES, SOURCE_LANGUAGE
from mia.portal.models import (
    Actor,
    Event,
    FaqEntry,
    NewsItem,
    Offer,
    Page,
    SearchEntry,
)
from mia.portal.services.richtext import plain

# kind: (model, title field, summary field, text fields)
KINDS: dict[str, tuple[Any, str, str, tuple[str, ...]]] = {
    "page": (Page, "title", "summary", ("title", "summary", "body")),
    "faq": (FaqEntry, "question", "", ("question", "answer")),
    "news": (NewsItem, "title", "teaser", ("title", "teaser", "body")),
    "event": (Event, "title", "venue", ("title", "description", "venue", "town")),
    "actor": (Actor, "name", "town", ("name", "description", "town")),
    "offer": (Offer, "title", "town", ("title", "description", "town", "schedule")),
}
KIND_OF = {model: kind for kind, (model, *_rest) in KINDS.items()}


def _texts(item: Any, fields: tuple[str, ...], translation: Any | None) -> dict[str, str]:
    texts = {}
    for name in fields:
        value = getattr(translation, name, "") if translation is not None else ""
        texts[name] = value or str(getattr(item, name, "") or "")
    return texts


def search_index_update(item: Any) -> None:
    """Rewrite the rows of one item (all languages) in one go."""
    kind = KIND_OF[type(item)]
    _model, title_field, summary_field, fields = KINDS[kind]
    SearchEntry.objects.filter(kind=kind, object_id=item.pk).delete()
    if not item.is_published:
        return
    translations = {t.language: t for t in item.translations.all()}
    rows = []
    for language in CODES:
        translation = translations.get(language)
        texts = _texts(item, fields, translation)
        rows.append(
            SearchEntry(
                kind=kind,
                object_id=item.pk,
                language=language,
                fallback=language != SOURCE_LANGUAGE and translation is None,
                title=texts[title_field][:300],
                summary=plain(texts[summary_field])[:400] if summary_field else "",
                text=" ".join(plain(value) for value in texts.values()).casefold(),
            )
        )
    SearchEntry.objects.bulk_create(rows)


def search_index_remove(item: Any) -> None:
    SearchEntry.objects.filter(kind=KIND_OF[type(item)], object_id=item.pk).delete()


@transaction.atomic
def search_index_rebuild() -> int:
    SearchEntry.objects.all().delete()
    count = 0
    for model, *_rest in KINDS.values():
        for item in model.objects.prefetch_related("translations"):
            search_index_update(item)
            count += 1
    return count
