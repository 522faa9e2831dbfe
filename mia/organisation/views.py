from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from mia.core.page_cache import cache_public_page
from mia.organisation import selectors


@require_GET
@cache_public_page
def services(request: HttpRequest) -> HttpResponse:
    language = get_language() or "de"
    location = selectors.location_main()
    context = {
        "teams": selectors.teams_public(language=language),
        "location": location,
        "opening_hours": selectors.periods_by_kind(location, "opening") if location else [],
        "walk_in_hours": selectors.periods_by_kind(location, "walk_in") if location else [],
    }
    return render(request, "organisation/services.html", context)
