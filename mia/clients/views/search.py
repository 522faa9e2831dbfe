"""Finding a client: one field for a name, a date of birth or a reference number."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mia.clients import policy
from mia.clients.forms.record import SearchForm
from mia.clients.selectors.search import client_search
from mia.clients.views.common import client_files


def visit_param(request: HttpRequest) -> int | None:
    """The visit a clerk came from (?visit=), passed on so the file can be linked to it."""
    raw = request.GET.get("visit", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 2**31 else None


@client_files
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    user = request.user
    return render(
        request,
        "clients/search.html",
        {
            "form": form,
            "query": query,
            # An empty field is no search: nothing to show, nothing to log.
            "results": client_search(user=user, query=query) if query else [],
            "visit": visit_param(request),
            # Reception sees a name card only: no nationality or file number in the list either.
            "full": policy.may_view_record(user),
            "target": "clients:file" if policy.may_view_record(user) else "clients:card",
            "may_create": policy.may_edit_record(user),
            "may_work": policy.may_work(user),
        },
    )
