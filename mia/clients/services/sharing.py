"""Consent to share, its withdrawal, and access on a stated legal basis or in an emergency."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.clients import policy, uploads
from mia.clients.models import Category, Client, Consent, Grant
from mia.core.audit import ADDITION, CHANGE, log_change
from mia.core.errors import ApplicationError


def consent_record(
    *,
    user: Any,
    client: Client,
    owners: list[Any],
    recipients: list[Any],
    categories: list[str],
    given_on: dt.date,
    form: UploadedFile,
) -> Consent:
    """Record a signed consent: whose data, for whom, which categories, with the scan."""
    if not policy.may_record_consent(user):
        raise PermissionDenied
    categories = sorted(set(categories))
    if not owners or not recipients or not categories:
        raise ApplicationError(
            _("Choose whose data, which teams may see it, and which kinds of data."),
            code="consent_incomplete",
            status=422,
        )
    if not {t.pk for t in owners} <= policy.team_ids(user):
        raise ApplicationError(
            _("Record consent for your own team's data; the other team records theirs."),
            code="consent_owner_not_own_team",
            status=422,
        )
    if any(c not in Category.values for c in categories):
        raise ApplicationError(_("Unknown kind of data."), code="category_invalid", status=422)
    if {t.pk for t in owners} >= {t.pk for t in recipients}:
        raise ApplicationError(
            _("Consent is needed only for teams other than the data's own team."),
            code="consent_same_team",
            status=422,
        )
    if given_on > timezone.localdate():
        raise ApplicationError(
            _("The form cannot be signed in the future."), code="date_future", status=422
        )
    checked = uploads.check(form)
    with transaction.atomic():
        consent = Consent(
            client=client,
            categories=categories,
            given_on=given_on,
            recorded_by=user,
            form_type=checked.content_type,
        )
        consent.form.save(checked.stored_name, checked.content, save=False)
        try:
            consent.save()
            consent.owners.set(owners)
            consent.recipients.set(recipients)
            log_change(user=user, obj=client, flag=ADDITION, message=f"Consent #{consent.pk}")
        except Exception:
            consent.form.delete(save=False)
            raise
    return consent


def consent_withdraw(*, user: Any, consent: Consent) -> Consent:
    """Withdrawal takes effect with this commit: the next read no longer sees the data."""
    if not policy.may_record_consent(user):
        raise PermissionDenied
    with transaction.atomic():
        updated = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_by=user
        )
        if updated:
            log_change(
                user=user,
                obj=consent.client,
                flag=CHANGE,
                message=f"Consent #{consent.pk} withdrawn",
            )
    consent.refresh_from_db()
    return consent


def grant_open(*, user: Any, client: Client, team: Any, basis: str, reason: str) -> Grant:
    """Open another team's data without consent, for `MIA_GRANT_HOURS`, with a stated reason."""
    if not policy.may_open_by_grant(user, team):
        if policy.may_work(user) and policy.is_confidential(team):
            raise ApplicationError(
                _("This team's data is shared only with the client's consent."),
                code="confidential_team",
                status=403,
            )
        raise PermissionDenied
    reason = reason.strip()
    if basis not in Grant.Basis.values:
        raise ApplicationError(_("Choose a basis."), code="basis_invalid", status=422)
    if len(reason) < 10:
        raise ApplicationError(
            _("State the legal basis or the emergency in a sentence (at least 10 characters)."),
            code="reason_missing",
            status=422,
        )
    now = timezone.now()
    with transaction.atomic():
        grant = Grant.objects.create(
            client=client,
            team=team,
            user=user,
            basis=basis,
            reason=reason[:300],
            created_at=now,
            expires_at=now + dt.timedelta(hours=settings.MIA_GRANT_HOURS),
        )
        log_change(
            user=user, obj=client, flag=ADDITION, message=f"Access to {team.slug} #{grant.pk}"
        )
    return grant


def grant_review(*, user: Any, grant: Grant) -> Grant:
    """The owning team's lead marks an access without consent as seen."""
    if not policy.may_review(user, grant.team_id):
        raise PermissionDenied
    Grant.objects.filter(pk=grant.pk, reviewed_at__isnull=True).update(reviewed_at=timezone.now())
    grant.refresh_from_db()
    return grant
