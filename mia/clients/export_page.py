"""The export laid out for reading: headed sections of labelled values and tables, in the
active language (the client's, on the export page)."""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mia.clients.models import (
    AccessLog,
    Case,
    Client,
    ClientVisit,
    Consent,
    Deadline,
    Document,
    Grant,
    Household,
    Invitation,
    Note,
)
from mia.clients.selectors.export import ACCESS_LOG_NAMES
from mia.core import languages

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}.*)?$")
# Labels for what the models name only by their attribute, or the export adds.
EXTRA_LABELS = {
    "id": gettext_lazy("number"),
    "author": gettext_lazy("written by"),
    "uploaded_by": gettext_lazy("uploaded by"),
    "sha256": gettext_lazy("checksum (SHA-256)"),
    "form_type": gettext_lazy("type of the form scan"),
    "recorded_by": gettext_lazy("recorded by"),
    "withdrawn_by": gettext_lazy("withdrawn by"),
    "linked_by": gettext_lazy("linked by"),
    "linked_at": gettext_lazy("linked"),
    "sent_by": gettext_lazy("sent by"),
    "user": gettext_lazy("staff member"),
    "client_id": gettext_lazy("client"),
    "visit": gettext_lazy("visit"),
    "deadline": gettext_lazy("deadline"),
    "service": gettext_lazy("service"),
    "created_by": gettext_lazy("created by"),
    "owners": gettext_lazy("data of these teams"),
    "recipients": gettext_lazy("may be seen by these teams"),
    "members": gettext_lazy("household members"),
    "day": gettext_lazy("day"),
    "ticket": gettext_lazy("ticket"),
    "language": gettext_lazy("language"),
    "interpreter": gettext_lazy("needs an interpreter"),
    "household_size": gettext_lazy("household size"),
    "priority_reasons": gettext_lazy("priority reasons"),
    "booking_code": gettext_lazy("booking code"),
    "status": gettext_lazy("status"),
    "arrived_at": gettext_lazy("arrived"),
    "team": gettext_lazy("team"),
    "queued_at": gettext_lazy("waiting since"),
    "called_at": gettext_lazy("called"),
    "started_at": gettext_lazy("started"),
    "ended_at": gettext_lazy("ended"),
    "outcome": gettext_lazy("outcome"),
    "note": gettext_lazy("note"),
    "code": gettext_lazy("booking code"),
    "location": gettext_lazy("location"),
    "start": gettext_lazy("start"),
    "end": gettext_lazy("end"),
    "name": gettext_lazy("name"),
    "email": gettext_lazy("e-mail"),
    "phone": gettext_lazy("phone"),
    "booked_at": gettext_lazy("booked at"),
    "cancelled_at": gettext_lazy("cancelled at"),
    "services": gettext_lazy("services"),
    "first_name": gettext_lazy("first names"),
    "last_name": gettext_lazy("last name"),
    "object": gettext_lazy("object"),
}
NESTED = frozenset({"notes", "documents", "deadlines", "concerns", "members"})


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    id: str
    title: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    parts: list["Section"] = field(default_factory=list)


def _field(model: type[models.Model] | None, key: str) -> Any:
    if model is None:
        return None
    names = {v: k for k, v in ACCESS_LOG_NAMES.items()} if model is AccessLog else {}
    try:
        return model._meta.get_field(names.get(key, key))
    except Exception:
        return None


def label(model: type[models.Model] | None, key: str) -> str:
    found = _field(model, key)
    generated = found is not None and str(found.verbose_name).lower() == key.replace("_", " ")
    if found is not None and not (generated and key in EXTRA_LABELS):
        return str(found.verbose_name)
    return str(EXTRA_LABELS.get(key, key.replace("_", " ")))


def show(model: type[models.Model] | None, key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(show(None, key, v) for v in value)
    choices = dict(getattr(_field(model, key), "flatchoices", None) or [])
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and _ISO.match(value):
        return _when(value)
    return str(value)


def _when(value: str) -> str:
    if "T" not in value:
        return formats.date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    at = timezone.localtime(dt.datetime.fromisoformat(value))
    return formats.date_format(at, "SHORT_DATETIME_FORMAT")


def pairs(model: type[models.Model] | None, record: dict) -> list[tuple[str, str]]:
    return [(label(model, k), show(model, k, v)) for k, v in record.items() if k not in NESTED]


def table(caption: str, model: type[models.Model] | None, items: list[dict]) -> Table:
    keys = [k for k in (items[0] if items else {}) if k not in NESTED]
    return Table(
        caption=caption,
        columns=[label(model, k) for k in keys],
        rows=[[show(model, k, item.get(k)) for k in keys] for item in items],
    )


def _case(case: dict) -> Section:
    return Section(
        id=f"case-{case['id']}",
        title=f"{case['subject']} ({case['team']}, #{case['id']})",
        pairs=pairs(Case, case),
        tables=[
            table(_("Notes"), Note, case["notes"]),
            table(_("Documents"), Document, case["documents"]),
            table(_("Deadlines"), Deadline, case["deadlines"]),
        ],
    )


def sections(data: dict[str, Any]) -> list[Section]:
    """The export as headed sections of key/value lists and tables, labelled in the active
    language."""
    household = data["household"]
    concerns = [
        {"ticket": v["ticket"], "day": v["day"]} | c for v in data["visits"] for c in v["concerns"]
    ]
    words = {_("Words used to find the name"): ", ".join(data["name_search_words"]) or "–"}
    return [
        Section("person", _("Personal data"), pairs(Client, data["client"]) + list(words.items())),
        Section(
            "household",
            _("Household"),
            pairs(Household, household) if household else [],
            [table(_("Household members"), Client, household["members"])] if household else [],
        ),
        Section(
            "visits",
            _("Visits"),
            tables=[
                table(_("Visits"), ClientVisit, data["visits"]),
                table(_("Concerns"), None, concerns),
            ],
        ),
        Section(
            "bookings", _("Appointments"), tables=[table(_("Appointments"), None, data["bookings"])]
        ),
        Section("cases", _("Cases"), parts=[_case(case) for case in data["cases"]]),
        Section(
            "invitations",
            _("Invitations"),
            tables=[table(_("Invitations"), Invitation, data["invitations"])],
        ),
        Section(
            "consents", _("Consents"), tables=[table(_("Consents"), Consent, data["consents"])]
        ),
        Section(
            "grants",
            _("Access without consent"),
            tables=[table(_("Access without consent"), Grant, data["grants"])],
        ),
        Section(
            "access-log",
            _("Who accessed your data"),
            tables=[table(_("Who accessed your data"), AccessLog, data["access_log"])],
        ),
    ]


def page_language(code: str) -> languages.Language:
    return languages.get(code)
