"""Forms of a team's casework: cases, notes, documents, deadlines and invitations to book."""

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mia.accounts.models import User
from mia.clients import policy
from mia.clients.models import Case, Client, Deadline, Invitation, Note
from mia.clients.services.casework import NOTE_MAX
from mia.core.forms import KernFormMixin
from mia.organisation.models import Service, Team

ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png"


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _members(team_ids: frozenset[int] | set[int]) -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True,
            role__in=sorted(policy.CASEWORK_ROLES),
            memberships__team_id__in=sorted(team_ids),
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


def _assignee_field(label: Any) -> MemberChoiceField:
    return MemberChoiceField(
        label=label,
        queryset=User.objects.none(),
        required=False,
        empty_label=_("– nobody –"),
    )


def _services(team_ids: frozenset[int] | set[int]) -> QuerySet[Service]:
    return Service.objects.filter(
        team_id__in=sorted(team_ids), is_active=True, bookable=True
    ).select_related("team")


class CaseCreateForm(KernFormMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), empty_label=None)
    assignee = _assignee_field(_("Assigned to (optional)"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = {t for t in policy.team_ids(user) if policy.may_work_for(user, t)}
        self.fields["team"].queryset = Team.objects.filter(pk__in=sorted(teams))
        self.fields["assignee"].queryset = _members(teams)
        self.fields["assignee"].empty_label = _("– me –")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        team, assignee = data.get("team"), data.get("assignee")
        if team and assignee and team.pk not in policy.team_ids(assignee):
            self.add_error("assignee", _("Cases can only be assigned to members of the team."))
        return data


class _Prefixed(KernFormMixin, forms.Form):
    """The case page holds several forms: each gets its own element ids (names stay plain)."""

    id_prefix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class CaseUpdateForm(_Prefixed):
    id_prefix = "case"

    subject = forms.CharField(label=_("Subject"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=Case.Status.choices)
    assignee = _assignee_field(_("Assigned to"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"subject": case.subject, "status": case.status, "assignee": case.assignee_id},
        )
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = _members({case.team_id})


class NoteForm(_Prefixed):
    id_prefix = "note"
    body = forms.CharField(
        label=_("Text of the note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text. Notes stay inside the team unless marked below."),
    )
    shareable = forms.BooleanField(
        label=capfirst(Note._meta.get_field("shareable").verbose_name),
        required=False,
    )


class DocumentForm(_Prefixed):
    id_prefix = "document"
    title = forms.CharField(
        label=_("Title (optional)"),
        max_length=200,
        required=False,
        help_text=_("Without a title, the file name is shown."),
    )
    # Empty files reach the content check, which says what is wrong in the same words as
    # for any other refused file.
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ACCEPTED_FILES}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        megabytes = settings.MIA_UPLOAD_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = _("PDF, JPEG or PNG up to %(mb)d MB") % {"mb": megabytes}


class DeadlineForm(_Prefixed):
    id_prefix = "deadline"
    title = forms.CharField(label=_("What is due"), max_length=200)
    due = forms.DateField(label=_("Due on"), widget=_date_input())
    service = forms.ModelChoiceField(
        label=_("Service for an invitation (optional)"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("– none –"),
    )
    assignee = _assignee_field(_("Responsible (optional)"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = _services({case.team_id})
        self.fields["assignee"].queryset = _members({case.team_id})
        self.fields["assignee"].empty_label = _("– me –")


class InviteForm(KernFormMixin, forms.Form):
    service = forms.ModelChoiceField(
        label=_("Service to book"), queryset=Service.objects.none(), empty_label=None
    )
    channel = forms.ChoiceField(label=_("Send by"), widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason (optional)"), max_length=200, required=False)
    deadline = forms.ModelChoiceField(
        queryset=Deadline.objects.none(), required=False, widget=forms.HiddenInput
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = {t for t in policy.team_ids(user) if policy.may_work_for(user, t)}
        self.fields["service"].queryset = _services(teams)
        self.fields["service"].label_from_instance = lambda s: f"{s.team.letter} · {s.name}"
        self.fields["deadline"].queryset = Deadline.objects.filter(
            case__client=client, case__team_id__in=sorted(teams), done_at__isnull=True
        )
        channels = Invitation.Channel.choices
        if not client.email:
            channels = [(v, label) for v, label in channels if v != Invitation.Channel.EMAIL]
        self.fields["channel"].choices = channels
        self.fields["channel"].initial = channels[0][0]
