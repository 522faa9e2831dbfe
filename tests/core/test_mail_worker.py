import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from mia.core.services import mail_send

# Real transactions: the mail is queued on commit, and the worker runs as it would in production.
pytestmark = pytest.mark.django_db(transaction=True)


def test_mail_is_queued_after_commit_and_sent_by_the_worker():
    with transaction.atomic():
        mail_send(to=["olena@example.org"], subject="Ihr Termin", body="Bis morgen!")
        assert DBTaskResult.objects.count() == 0  # nothing leaves before the commit
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert [m.subject for m in mail.outbox] == ["Ihr Termin"]
    assert mail.outbox[0].to == ["olena@example.org"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_mail_of_a_rolled_back_transaction_is_never_queued():
    with transaction.atomic():
        mail_send(to=["x@example.org"], subject="Nie", body="")
        transaction.set_rollback(True)
    assert DBTaskResult.objects.count() == 0
