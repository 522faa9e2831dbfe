"""`{% client_links user as links %}`: the client-file entries of a staff member's start page."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from mia.clients import policy

register = template.Library()


@register.simple_tag
def client_links(user: Any) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    if policy.may_use(user):
        links.append((reverse("clients:search"), _("Client files: find, create, casework")))
    if policy.may_work(user):
        links.append((reverse("clients:deadlines"), _("My deadlines")))
        links.append((reverse("clients:expiring"), _("Residence titles expiring soon")))
    if policy.lead_team_ids(user) and policy.may_work(user):
        links.append((reverse("clients:review"), _("Access to your team's data")))
    if policy.may_audit(user):
        links.append((reverse("clients:access_log"), _("Access log of client files")))
    if policy.may_run_retention(user) or (policy.lead_team_ids(user) and policy.may_work(user)):
        links.append((reverse("clients:retention"), _("Retention of closed cases")))
    return links
