"""What the public portal views share: the reader's language, query parameters that can never
raise, pagination, and the map's settings."""

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language

from mia.core.languages import BY_CODE, CODES, SOURCE_LANGUAGE
from mia.core.page_cache import cached_response

MAX_TEXT = 100  # longest search text or filter value taken from a query string
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$")


def reader_language() -> str:
    """The language of the URL prefix (always one of the portal's languages)."""
    code = get_language() or SOURCE_LANGUAGE
    return code if code in CODES else SOURCE_LANGUAGE


def check_id(pk: int) -> None:
    """An id no database row can have (too large for a 64-bit column) is simply not found."""
    if not 0 < pk < 2**63:
        raise Http404


def text_param(query: QueryDict, name: str) -> str:
    return " ".join(query.get(name, "").split())[:MAX_TEXT]


def choice_param(query: QueryDict, name: str, allowed: Iterable[str]) -> str:
    """The parameter when it is one of `allowed`, else "" (an unknown filter is ignored)."""
    value = query.get(name, "")
    return value if value in set(allowed) else ""


def language_param(query: QueryDict, name: str = "language") -> str:
    value = query.get(name, "").strip().lower()
    return value if LANGUAGE_CODE.match(value) else ""


def date_param(query: QueryDict, name: str) -> dt.date | None:
    """An ISO date within this century, else None (never an error)."""
    try:
        day = dt.date.fromisoformat(query.get(name, "").strip())
    except ValueError:
        return None
    return day if 2000 <= day.year <= 2099 else None


def page_number(query: QueryDict) -> int:
    number = query.get("page", "1")
    return int(number) if number.isascii() and number.isdigit() and len(number) < 7 else 1


def paginate(items: Any, query: QueryDict, per_page: int) -> PaginatorPage:
    """A page of `items`; a page number past the end shows the last page."""
    return Paginator(items, per_page).get_page(page_number(query))


def language_label(code: str) -> str:
    """A language's own name: the portal's languages first, then Django's list, else the code."""
    if code in BY_CODE:
        return BY_CODE[code].name
    info = LANG_INFO.get(code, {})
    return str(info.get("name_local") or code)


def language_options(codes: Iterable[str]) -> list[tuple[str, str]]:
    return sorted(((code, language_label(code)) for code in set(codes)), key=lambda c: c[1])


def cached(
    request: HttpRequest, key: Iterable[object], build: Callable[[], HttpResponse]
) -> HttpResponse:
    """The page cache for a public page, keyed by its path and its validated parameters
    (hashed: town names have spaces, paths can be long)."""
    digest = hashlib.sha256(repr((request.path, *key)).encode()).hexdigest()[:32]
    return cached_response(request, f"portal:{digest}", build)


def map_context() -> dict[str, object]:
    """The map's settings for the template; the map is never required (no tiles: list only)."""
    if not settings.MAP_TILES:
        return {"map": None}
    return {
        "map": {
            "tiles": settings.MAP_TILES,
            "attribution": settings.MAP_ATTRIBUTION,
            "host": settings.MAP_TILE_SOURCES[0],
            "script": static("vendor/leaflet/leaflet.js"),
            "style": static("vendor/leaflet/leaflet.css"),
        }
    }


def filter_query(chosen: dict[str, object]) -> str:
    """The chosen (validated) filters as a query string, for page links that keep them."""
    return urlencode({name: value for name, value in chosen.items() if value})


URL_NAMES = {
    "page": ("portal:page", "path"),
    "news": ("portal:news_detail", "slug"),
    "event": ("portal:event", "pk"),
    "actor": ("portal:actor", "slug"),
    "offer": ("portal:offer", "pk"),
}


def item_url(kind: str, item: Any) -> str:
    """The public address of an item in the current language."""
    if kind == "faq":
        return f"{reverse('portal:faq')}#faq-{item.pk}"
    name, field = URL_NAMES[kind]
    return reverse(name, kwargs={field: getattr(item, field)})
