"""Search across pages, FAQ, news, events, actors and offers in the reader's language."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When

from mia.portal.models import SearchEntry

MAX_WORDS = 8


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    summary: str
    fallback: bool  # the German text, for want of a translation


def words(query: str) -> list[str]:
    return [word for word in query.casefold().split() if len(word) > 1][:MAX_WORDS]


def search(
    *, query: str, language: str, kinds: list[str] | None = None, limit: int = 50
) -> list[Hit]:
    """Entries whose text holds every word of the query; title matches first."""
    terms = words(query)
    if not terms:
        return []
    entries = SearchEntry.objects.filter(language=language)
    if kinds:
        entries = entries.filter(kind__in=kinds)
    for term in terms:
        entries = entries.filter(text__contains=term)
    in_title = Q()
    for term in terms:
        in_title &= Q(title__icontains=term)
    ranked = entries.annotate(
        rank=Case(When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("rank", "fallback", "title")
    return [
        Hit(e.kind, e.object_id, e.title, e.summary, e.fallback)
        for e in ranked.only("kind", "object_id", "title", "summary", "fallback")[:limit]
    ]
