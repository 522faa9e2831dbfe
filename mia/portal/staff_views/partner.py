"""Partner editors: their organisation's profile, offers and events. Each form sends a
proposal; nothing is public before an agency editor publishes it. A partner sees only the
actors they are an editor of; any other actor or entry answers 404, as if it did not exist."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mia.portal.models import Actor, Proposal
from mia.portal.selectors import editorial
from mia.portal.services.proposals import FIELDS, proposal_submit
from mia.portal.staff_forms import PROPOSAL_FORMS, proposal_initial
from mia.portal.staff_views import attempt, partner_required

LIST_URL = {"offer": "portal_staff:partner_offers", "event": "portal_staff:partner_events"}


def _actor(request: HttpRequest, actor: int) -> Actor:
    found = editorial.partner_actors(request.user).filter(pk=actor).first()
    if found is None:
        raise Http404
    return found


def _draft(proposal: Proposal | None) -> Proposal | None:
    """The latest proposal while it is not published: the form continues from it."""
    if proposal is None or proposal.status == Proposal.Status.PUBLISHED:
        return None
    return proposal


def _submit(
    request: HttpRequest, form: Any, actor: Actor, kind: str, object_id: int | None
) -> bool:
    ok, _proposal = attempt(
        form,
        lambda: proposal_submit(
            user=request.user, actor=actor, kind=kind, object_id=object_id, data=form.values()
        ),
    )
    if ok:
        messages.success(
            request,
            _("Your change was sent. An editor of the agency reviews it before it is published."),
        )
    return ok


@partner_required
def home(request: HttpRequest) -> HttpResponse:
    actors = list(editorial.partner_actors(request.user))
    return render(
        request, "portal/staff/partner_home.html", {"section": "partner", "actors": actors}
    )


@partner_required
def profile(request: HttpRequest, actor: int) -> HttpResponse:
    owner = _actor(request, actor)
    latest = editorial.latest_proposal(owner, "actor", owner.pk)
    draft = _draft(latest)
    form = PROPOSAL_FORMS["actor"](
        request.POST if request.method == "POST" else None,
        instance=Actor.objects.get(pk=owner.pk),  # the form's copy; the service reads its own
        initial=proposal_initial(draft.data) if draft else None,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _submit(request, form, owner, "actor", owner.pk)
    ):
        return redirect("portal_staff:partner_profile", actor=owner.pk)
    context = {
        "section": "profile",
        "actor": owner,
        "form": form,
        "latest": latest,
        "draft": draft,
    }
    return render(request, "portal/staff/partner_profile.html", context)


@partner_required
def entries(request: HttpRequest, actor: int, kind: str) -> HttpResponse:
    owner = _actor(request, actor)
    found, new = editorial.partner_entries(owner, kind)
    context = {
        "section": f"{kind}s",
        "actor": owner,
        "kind": kind,
        "entries": found,
        "new": new,
    }
    return render(request, "portal/staff/partner_entries.html", context)


def _source_proposal(
    request: HttpRequest, owner: Actor, kind: str, pk: int | None
) -> Proposal | None:
    """For a change: the entry's latest proposal. For a new entry: the proposal named by
    `?from=` (a returned one the partner revises), which must be this actor's."""
    if pk is not None:
        return editorial.latest_proposal(owner, kind, pk)
    raw = request.GET.get("from", "")
    if not raw:
        return None
    found = (
        Proposal.objects.filter(pk=int(raw), actor=owner, kind=kind, object_id=None).first()
        if raw.isdigit()
        else None
    )
    if found is None:
        raise Http404
    return found


@partner_required
def entry_edit(request: HttpRequest, actor: int, kind: str, pk: int | None = None) -> HttpResponse:
    owner = _actor(request, actor)
    model, _fields = FIELDS[kind]
    item = model.objects.filter(pk=pk, actor=owner).first() if pk else model(actor=owner)
    if item is None:
        raise Http404
    latest = _source_proposal(request, owner, kind, pk)
    draft = _draft(latest)
    form = PROPOSAL_FORMS[kind](
        request.POST if request.method == "POST" else None,
        instance=item,
        initial=proposal_initial(draft.data) if draft else None,
    )
    if request.method == "POST" and form.is_valid() and _submit(request, form, owner, kind, pk):
        return redirect(LIST_URL[kind], actor=owner.pk)
    context = {
        "section": f"{kind}s",
        "actor": owner,
        "kind": kind,
        "item": item if pk else None,
        "form": form,
        "latest": latest,
        "draft": draft,
        "back_url": reverse(LIST_URL[kind], args=[owner.pk]),
    }
    return render(request, "portal/staff/partner_entry_form.html", context)
