"""Staff pages of the portal: agency editors (German sources, translations, review of
partners' changes) and partner editors (their own actor's profile, offers and events).

Who may do what: roles editor and admin open the editors' pages, role partner_editor the
partner pages; everyone else gets 403. A partner asking for an actor or entry that is not theirs
gets 404, exactly as for one that does not exist. Every write goes through a service, which
logs it on the object."""

from collections.abc import Callable
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from mia.accounts.permissions import role_required
from mia.core.errors import ApplicationError
from mia.portal.permissions import EDITOR_ROLES, PARTNER_ROLES

editor_required = role_required(EDITOR_ROLES)
partner_required = role_required(PARTNER_ROLES)

PER_PAGE = 25


class CountedPaginator(Paginator):
    """A paginator told its count (already known from an aggregate query), so that it does
    not count the list again."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def paginate(
    request: HttpRequest, items: Any, per_page: int = PER_PAGE, *, count: int | None = None
) -> PaginatorPage:
    """One page of a list; a bad or too large page number shows the nearest page."""
    paginator = (
        Paginator(items, per_page)
        if count is None
        else CountedPaginator(items, per_page, count=count)
    )
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed and candidate.startswith("/") else default


def attempt(form: Any, action: Callable[[], Any]) -> tuple[bool, Any]:
    """Run a service call; its refusal (or a clash with a concurrent save) becomes a message
    on the form instead of an error page, and nothing the user typed is lost."""
    try:
        return True, action()
    except ApplicationError as error:
        form.add_error(None, error.detail)
    except IntegrityError:
        form.add_error(
            None,
            _("Someone saved a clashing entry at the same time. Please check and try again."),
        )
    return False, None


def source_url(kind: str, item: Any) -> str:
    """Where an editor changes the German source of an item."""
    if kind == "offer":
        return reverse("portal_staff:offer_edit", args=[item.actor_id, item.pk])
    name = {"page": "page", "faq": "faq", "news": "news", "event": "events", "actor": "actors"}
    return reverse(f"portal_staff:{name[kind]}_edit", args=[item.pk])
