"""Translation state, computed by the database for a whole list at once, and items in the
reader's language with the German source as the marked fallback."""

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Case, F, IntegerField, Max, Model, Prefetch, QuerySet, Value, When

from mia.core.languages import SOURCE_LANGUAGE
from mia.portal.models import Actor, Event, FaqEntry, NewsItem, Offer, Page

M = TypeVar("M", bound=Model)

# The translated text fields of each kind of content.
TEXTS: dict[type, tuple[str, ...]] = {
    Page: ("title", "summary", "body"),
    FaqEntry: ("question", "answer"),
    NewsItem: ("title", "teaser", "body"),
    Event: ("title", "description"),
    Actor: ("description", "accessibility"),
    Offer: ("title", "description", "schedule"),
}

MISSING, OUTDATED, CURRENT, SOURCE = "missing", "outdated", "current", "source"
_BY_RANK = {0: MISSING, 1: OUTDATED, 2: CURRENT}


def status_field(language: str) -> str:
    return "status_" + language.replace("-", "_")


def with_translation_status(queryset: QuerySet[M], languages: list[str]) -> QuerySet[M]:
    """Annotate `status_<language>` (0 missing, 1 outdated, 2 current) for each language: one
    join of the items with their translation rows, grouped per item."""
    annotations = {
        status_field(code): Max(
            Case(
                When(
                    translations__language=code,
                    translations__source_version__gte=F("source_changed_at"),
                    then=Value(2),
                ),
                When(translations__language=code, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        for code in languages
    }
    return queryset.annotate(**annotations)


def status_name(item: Any, language: str) -> str:
    if language == SOURCE_LANGUAGE:
        return SOURCE
    return _BY_RANK[getattr(item, status_field(language)) or 0]


def in_language(queryset: QuerySet[M], language: str) -> QuerySet[M]:
    """Fetch each item's translation into `language` (if any) with it, as `translated`."""
    model: Any = queryset.model
    translation_model = model.translations.rel.related_model
    return queryset.prefetch_related(
        Prefetch(
            "translations",
            queryset=translation_model.objects.filter(language=language),
            to_attr="translated",
        )
    )


@dataclass(frozen=True)
class Localized:
    """An item's text for one reader: the translation, or the German source as fallback."""

    item: Any
    language: str  # the language of the text shown
    status: str  # source / current / outdated / missing (then the text is German)
    fields: dict[str, str]

    def __getattr__(self, name: str) -> Any:
        fields = self.__dict__.get("fields", {})
        if name in fields:
            return fields[name]
        return getattr(self.__dict__["item"], name)

    @property
    def fallback(self) -> bool:
        return self.status == MISSING


def localize(item: Any, language: str, fields: tuple[str, ...]) -> Localized:
    """The item in `language`; needs `in_language()` on its queryset unless German."""
    source = {name: getattr(item, name) for name in fields}
    if language == SOURCE_LANGUAGE:
        return Localized(item, SOURCE_LANGUAGE, SOURCE, source)
    found = getattr(item, "translated", None)
    translation = found[0] if found else None
    if translation is None:
        return Localized(item, SOURCE_LANGUAGE, MISSING, source)
    status = OUTDATED if translation.source_version < item.source_changed_at else CURRENT
    texts = {name: getattr(translation, name) or source[name] for name in fields}
    return Localized(item, language, status, texts)


def localized(queryset: QuerySet[Any], language: str) -> list[Localized]:
    """Every item of the queryset in `language`, with two queries in all."""
    fields = TEXTS[queryset.model]
    return [localize(item, language, fields) for item in in_language(queryset, language)]
