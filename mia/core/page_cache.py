"""A short-lived cache of public, anonymous responses (pages and public API lists).

Public pages are the same for every visitor without a session, so each app process keeps the
rendered bytes for a few seconds (`MIA_PAGE_CACHE_SECONDS`). It holds only derived data: every
process renders its own copy, and an edit shows after at most that many seconds.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

View = Callable[..., HttpResponse]


def _cacheable(request: HttpRequest) -> bool:
    # Anyone with a session or pending messages may see personal bits (staff link, messages).
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
    )


def cached_response(
    request: HttpRequest, key: str, build: Callable[[], HttpResponse]
) -> HttpResponse:
    """`build()`'s response, from the cache under `key` when the request is anonymous.

    `key` names everything the response depends on besides the language; it is built from
    validated input, never from the raw query string, so junk parameters cannot fill the cache.
    """
    if not _cacheable(request):
        return build()
    cache = caches["pages"]
    key = f"{get_language()}:{key}"
    hit = cache.get(key)
    if hit is not None:
        content, content_type = hit
        return HttpResponse(content, content_type=content_type)
    response = build()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        cache.set(key, (response.content, response["Content-Type"]))
    return response


def cache_public_page(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        return cached_response(request, request.path, lambda: view(request, *args, **kwargs))

    return wrapper
