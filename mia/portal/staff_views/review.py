"""The review queue: partners' proposed changes, each with what it changes (before and after),
published or returned with a note by an agency editor."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mia.core.errors import ApplicationError
from mia.portal.models import Proposal
from mia.portal.selectors import editorial
from mia.portal.services.proposals import proposal_publish, proposal_return
from mia.portal.staff_forms import ReturnForm
from mia.portal.staff_views import editor_required, paginate, query_without_page


def _row(proposal: Proposal) -> dict[str, Any]:
    return {"proposal": proposal, "title": editorial.proposal_title(proposal)}


@editor_required
def queue(request: HttpRequest) -> HttpResponse:
    page_obj = paginate(request, editorial.proposals_pending())
    context = {
        "section": "review",
        "rows": [_row(proposal) for proposal in page_obj],
        "page_obj": page_obj,
        "query": query_without_page(request),
        "recent": [_row(proposal) for proposal in editorial.proposals_recent()],
    }
    return render(request, "portal/staff/review_queue.html", context)


def _decide(request: HttpRequest, proposal: Proposal, form: ReturnForm) -> bool:
    """Publish or return; True when done. A proposal another editor reviewed a moment ago
    answers with a message, not an error page."""
    action = request.POST.get("action")
    try:
        if action == "publish":
            proposal_publish(proposal=proposal, user=request.user)
            messages.success(request, _("The change was published."))
            return True
        if action == "return" and form.is_valid():
            proposal_return(proposal=proposal, user=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The change was returned to the partner with your note."))
            return True
    except ApplicationError as error:
        messages.error(request, error.detail)
        return True
    return False


@editor_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related("actor", "submitted_by", "reviewed_by"), pk=pk
    )
    returning = request.method == "POST" and request.POST.get("action") == "return"
    form = ReturnForm(request.POST if returning else None)
    if request.method == "POST" and _decide(request, proposal, form):
        return redirect("portal_staff:review")
    changes = editorial.proposal_changes(proposal)
    context = {
        "section": "review",
        "proposal": proposal,
        "title": editorial.proposal_title(proposal),
        "changed": [change for change in changes if change.changed],
        "unchanged": [change for change in changes if not change.changed],
        "is_new": proposal.kind != Proposal.Kind.ACTOR and proposal.object_id is None,
        "target_missing": proposal.object_id is not None
        and editorial.proposal_target(proposal) is None,
        "pending": proposal.status == Proposal.Status.PENDING,
        "form": form,
    }
    return render(request, "portal/staff/review_detail.html", context)
