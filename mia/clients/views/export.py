"""The client's copy of their data: a JSON download and a readable page in their language."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from mia.clients.export_page import page_language, sections
from mia.clients.selectors.export import client_export
from mia.clients.views.common import client_files


@client_files
@require_safe
def export_page(request: HttpRequest, pk: int = 0) -> HttpResponse:
    data = client_export(user=request.user, client_id=pk)
    language = page_language(data["client"]["language"])
    with translation.override(language.code):
        context = {"data": data, "sections": sections(data), "made": timezone.now()}
        return render(request, "clients/export.html", context)


@client_files
@require_safe
def export_json(request: HttpRequest, pk: int = 0) -> HttpResponse:
    data = client_export(user=request.user, client_id=pk)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="mia-client-{pk}-export.json"'
    response["Cache-Control"] = "no-store"
    return response
