"""The page tree: paths follow the parents, cycles and orphaned children are refused."""

import pytest

from mia.core.errors import ApplicationError
from mia.portal.models import Page
from mia.portal.services.content import source_delete, source_save

pytestmark = pytest.mark.django_db


def page(editor, slug, parent=None):
    return source_save(
        item=Page(), data={"slug": slug, "title": slug, "parent": parent}, user=editor
    )


def test_paths_follow_the_tree_and_a_move_updates_the_children(editor):
    new = page(editor, "neu-hier")
    housing = page(editor, "wohnen", new)
    tenancy = page(editor, "mietvertrag", housing)
    assert tenancy.path == "neu-hier/wohnen/mietvertrag"
    residents = page(editor, "buerger")
    source_save(item=housing, data={"parent": residents}, user=editor)
    tenancy.refresh_from_db()
    assert tenancy.path == "buerger/wohnen/mietvertrag"


def test_a_page_cannot_move_below_itself(editor):
    top = page(editor, "oben")
    below = page(editor, "unten", top)
    with pytest.raises(ApplicationError) as refused:
        source_save(item=top, data={"parent": below}, user=editor)
    assert refused.value.code == "page_cycle"
    top.refresh_from_db()
    assert top.parent is None and top.path == "oben"


def test_a_page_with_children_is_not_deleted(editor):
    top = page(editor, "oben")
    page(editor, "unten", top)
    with pytest.raises(ApplicationError):
        source_delete(item=top, user=editor)
    assert Page.objects.count() == 2
