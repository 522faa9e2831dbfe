"""Oversight: team leads review access to their team's data; auditors read the access log."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.clients import policy
from mia.clients.access import not_found
from mia.clients.forms.sharing import AccessLogFilter
from mia.clients.models import Grant
from mia.clients.selectors import oversight
from mia.clients.services import sharing
from mia.clients.views.common import client_files

PER_PAGE = 50


@client_files
def review(request: HttpRequest, pk: int = 0) -> HttpResponse:
    user = request.user
    led = frozenset(t for t in policy.lead_team_ids(user) if policy.may_review(user, t))
    if not led:
        raise PermissionDenied
    context = {
        "reviews": oversight.team_reviews(team_ids=led),
        "days": oversight.REVIEW_DAYS,
        "threshold": settings.MIA_UNUSUAL_FILES_PER_DAY,
    }
    return render(request, "clients/review.html", context)


@client_files
@require_POST
def grant_reviewed(request: HttpRequest, pk: int = 0) -> HttpResponse:
    grant = Grant.objects.filter(pk=pk).first()
    if grant is None or not policy.may_review(request.user, grant.team_id):
        raise not_found()  # another team's grants are not this lead's to see
    sharing.grant_review(user=request.user, grant=grant)
    messages.success(request, _("Marked as seen."))
    return redirect(reverse("clients:review") + f"#team-{grant.team_id}")


@client_files
def access_log(request: HttpRequest, pk: int = 0) -> HttpResponse:
    if not policy.may_audit(request.user):
        raise PermissionDenied
    form = AccessLogFilter(request.GET)
    page, rows = None, []
    if form.is_valid():
        data = form.cleaned_data
        found = oversight.access_log(
            client_id=data["client"],
            username=data["user"].strip(),
            action=data["action"],
            start=data["start"],
            end=data["end"],
            outside_only=data["outside"],
        )
        page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
        names = oversight.team_names({r.owner_team_id for r in page if r.owner_team_id})
        rows = [(row, names.get(row.owner_team_id or 0, "")) for row in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page_obj": page, "rows": rows, "filter_query": query.urlencode()}
    return render(request, "clients/access_log.html", context)
