from django.urls import path

from mia.clients.views import (
    casework,
    export,
    invitations,
    lists,
    oversight,
    record,
    retention,
    search,
    sharing,
)

app_name = "clients"
P = "staff/clients/"
urlpatterns = [
    # finding and the shared record (views/search.py, views/record.py)
    path(P, search.search, name="search"),
    path(P + "new/", record.create, name="create"),
    path(P + "<int:pk>/", record.file, name="file"),
    path(P + "<int:pk>/card/", record.card, name="card"),
    path(P + "<int:pk>/edit/", record.edit, name="edit"),
    path(P + "<int:pk>/household/", record.household, name="household"),
    path(P + "<int:pk>/link-visit/", record.link_visit, name="link_visit"),
    # a team's casework (views/casework.py)
    path(P + "<int:pk>/cases/new/", casework.case_create, name="case_create"),
    path(P + "cases/<int:pk>/", casework.case, name="case"),
    path(P + "cases/<int:pk>/notes/", casework.note_add, name="note_add"),
    path(P + "cases/<int:pk>/documents/", casework.document_add, name="document_add"),
    path(P + "cases/<int:pk>/deadlines/", casework.deadline_add, name="deadline_add"),
    path(P + "documents/<int:pk>/", casework.document, name="document"),
    path(P + "deadlines/<int:pk>/done/", casework.deadline_done, name="deadline_done"),
    # invitations to book (views/invitations.py) and work lists (views/lists.py)
    path(P + "<int:pk>/invite/", invitations.invite, name="invite"),
    path(P + "invitations/<int:pk>/letter/", invitations.letter, name="letter"),
    path(P + "deadlines/", lists.deadlines, name="deadlines"),
    path(P + "expiring/", lists.expiring, name="expiring"),
    # consent and access without consent (views/sharing.py)
    path(P + "<int:pk>/consents/new/", sharing.consent_create, name="consent_create"),
    path(P + "consents/<int:pk>/withdraw/", sharing.consent_withdraw, name="consent_withdraw"),
    path(P + "consents/<int:pk>/form/", sharing.consent_form, name="consent_form"),
    path(P + "<int:pk>/open/", sharing.grant_create, name="grant_create"),
    # oversight: team leads and auditors (views/oversight.py)
    path(P + "review/", oversight.review, name="review"),
    path(P + "grants/<int:pk>/reviewed/", oversight.grant_reviewed, name="grant_reviewed"),
    path(P + "access-log/", oversight.access_log, name="access_log"),
    # the client's rights: export and retention (views/export.py, views/retention.py)
    path(P + "<int:pk>/export/", export.export_page, name="export"),
    path(P + "<int:pk>/export.json", export.export_json, name="export_json"),
    path(P + "retention/", retention.retention, name="retention"),
]
