from django.db import transaction

from mia.core.tasks import mail_deliver


def mail_send(*, to: list[str], subject: str, body: str) -> None:
    """Queue an e-mail for the worker once the current transaction has committed."""
    transaction.on_commit(lambda: mail_deliver.enqueue(to=to, subject=subject, body=body))
