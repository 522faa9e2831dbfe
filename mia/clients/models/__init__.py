"""Client files: the shared record, each team's casework, sharing, the read-access log, retention."""

from mia.clients.models.access import AccessLog
from mia.clients.models.casework import Case, Deadline, Document, Invitation, Note
from mia.clients.models.record import Client, ClientName, ClientVisit, Household, ResidenceStatus
from mia.clients.models.retention import RetentionRule, RetentionRun
from mia.clients.models.sharing import Category, Consent, Grant

__all__ = [
    "AccessLog",
    "Case",
    "Category",
    "Client",
    "ClientName",
    "ClientVisit",
    "Consent",
    "Deadline",
    "Document",
    "Grant",
    "Household",
    "Invitation",
    "Note",
    "ResidenceStatus",
    "RetentionRule",
    "RetentionRun",
]
