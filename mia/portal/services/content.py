"""Editors' writes: German sources, their translations, the page tree. Each write sanitises
rich text, keeps the search index in step and is logged on the object."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.core.audit import ADDITION, CHANGE, DELETION, log_change
from mia.core.errors import ApplicationError
from mia.portal.models import EASY_GERMAN, FaqEntry, NewsItem, Page
from mia.portal.services.richtext import sanitise
from mia.portal.services.search_index import search_index_remove, search_index_update

RICH_FIELDS: dict[type, set[str]] = {Page: {"body"}, FaqEntry: {"answer"}, NewsItem: {"body"}}


def _clean(model: type, data: dict[str, Any]) -> dict[str, Any]:
    rich = RICH_FIELDS.get(model, set())
    return {
        name: sanitise(value) if name in rich and isinstance(value, str) else value
        for name, value in data.items()
    }


def _page_path(page: Page) -> str:
    return f"{page.parent.path}/{page.slug}" if page.parent else page.slug


def _check_parent(page: Page) -> None:
    ancestor = page.parent
    while ancestor is not None:
        if ancestor.pk == page.pk:
            raise ApplicationError(
                _("A page cannot be placed below itself."), code="page_cycle", status=422
            )
        ancestor = ancestor.parent


def _update_paths_below(page: Page) -> None:
    for child in Page.objects.filter(parent=page):
        child.path = _page_path(child)
        child.save(update_fields=["path"])
        _update_paths_below(child)


@transaction.atomic
def source_save(*, item: Any, data: dict[str, Any], user: Any, minor: bool = False) -> Any:
    """Create or change a German source. Unless `minor`, its translations become outdated."""
    creating = item.pk is None
    for name, value in _clean(type(item), data).items():
        setattr(item, name, value)
    if not minor or creating:
        item.source_changed_at = timezone.now()
    if isinstance(item, Page):
        _check_parent(item)
        item.path = _page_path(item)
    item.save()
    if isinstance(item, Page):
        _update_paths_below(item)
    search_index_update(item)
    message = "created" if creating else ("minor edit" if minor else "changed")
    log_change(user=user, obj=item, flag=ADDITION if creating else CHANGE, message=message)
    return item


@transaction.atomic
def source_delete(*, item: Any, user: Any) -> None:
    if isinstance(item, Page) and item.children.exists():
        raise ApplicationError(
            _("Move or delete the pages below this one first."), code="page_has_children"
        )
    log_change(user=user, obj=item, flag=DELETION, message="deleted")
    search_index_remove(item)
    item.delete()


@transaction.atomic
def translation_save(*, item: Any, language: str, data: dict[str, Any], user: Any) -> Any:
    """Save the translation of `item` into `language`, as made from its current German."""
    if language == EASY_GERMAN and not isinstance(item, Page):
        raise ApplicationError(
            _("Leichte Sprache is kept for pages only."), code="unknown_language", status=422
        )
    model = item.translations.model
    allowed = {choice for choice, _label in model._meta.get_field("language").choices}
    if language not in allowed:
        raise ApplicationError(_("Unknown language."), code="unknown_language", status=422)
    translation, _created = model.objects.update_or_create(
        item=item,
        language=language,
        defaults=_clean(type(item), data)
        | {"source_version": item.source_changed_at, "translated_by": user},
    )
    search_index_update(item)
    log_change(user=user, obj=item, flag=CHANGE, message=f"translation {language}")
    return translation
