"""Retention periods per team, the latest dry-run report, and applying it (administrators)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mia.clients import policy
from mia.clients.forms.retention import ApplyForm, RuleForm
from mia.clients.models import RetentionRule, RetentionRun
from mia.clients.services import retention as service
from mia.clients.views.common import attempt, client_files
from mia.organisation.models import Team


def _teams(user: Any) -> Any:
    settable = service.settable_team_ids(user)
    teams = Team.objects.order_by("position", "name")
    return teams if settable is None else teams.filter(pk__in=settable)


def _report(run: RetentionRun | None, user: Any) -> dict[str, Any] | None:
    """Counts for every team; case ids only of the teams `user` looks after."""
    if run is None:
        return None
    settable = service.settable_team_ids(user)
    names = dict(Team.objects.values_list("pk", "name"))
    cases = run.report.get("cases", [])
    teams = [
        {
            "name": names.get(int(team_id), team_id),
            "count": count,
            "ids": [c["id"] for c in cases if str(c["team"]) == team_id]
            if settable is None or int(team_id) in settable
            else None,
        }
        for team_id, count in run.report.get("per_team", {}).items()
    ]
    applied = RetentionRun.objects.filter(dry_run=False, report__report=run.pk).first()
    return {
        "run": run,
        "teams": teams,
        "clients": len(run.report.get("clients", [])),
        "applied": applied,
    }


def _post(request: HttpRequest, teams: Any) -> tuple[bool, RuleForm | None, ApplyForm | None]:
    user = request.user
    action = request.POST.get("action")
    if action == "rule":
        form = RuleForm(request.POST, teams=teams)
        done = form.is_valid() and attempt(
            request,
            lambda: service.rule_set(
                user=user, team=form.cleaned_data["team"], keep_days=form.cleaned_data["keep_days"]
            ),
            done=_("The retention period is saved."),
        )
        return bool(done), form, None
    if action == "report":
        service.retention_report(user=user)
        messages.success(request, _("A new dry-run report is ready. Nothing was removed."))
        return True, None, None
    if action == "apply" and policy.may_run_retention(user):
        confirm = ApplyForm(request.POST)
        run = confirm.is_valid() and attempt(
            request,
            lambda: service.retention_apply(user=user, report_id=confirm.cleaned_data["report"]),
        )
        if run:
            counts = run.report["counts"]
            message = _("Removed %(cases)d closed cases; anonymised %(clients)d clients.")
            messages.success(request, message % counts)
        return bool(run), None, confirm
    raise PermissionDenied


@client_files
@require_http_methods(["GET", "HEAD", "POST"])
def retention(request: HttpRequest, pk: int = 0) -> HttpResponse:
    if not service.may_view(request.user):
        raise PermissionDenied
    teams = _teams(request.user)
    rule_form, apply_form = None, None
    if request.method == "POST":
        done, rule_form, apply_form = _post(request, teams)
        if done:
            return redirect("clients:retention")
    latest = RetentionRun.objects.filter(dry_run=True).first()
    context = {
        "rules": RetentionRule.objects.select_related("team", "updated_by").order_by(
            "team__position", "team__name"
        ),
        "rule_form": rule_form or RuleForm(teams=teams),
        "report": _report(latest, request.user),
        "apply_form": apply_form or ApplyForm(initial={"report": latest.pk if latest else None}),
        "may_apply": policy.may_run_retention(request.user),
        "last_applied": RetentionRun.objects.filter(dry_run=False).first(),
    }
    return render(request, "clients/retention.html", context)
