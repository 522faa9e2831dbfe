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
    context = {
        "teams": selectors.teams_public(language=language),
        **selectors.location_hours(selectors.location_main()),
    }
    return render(request, "organisation/services.html", context)
