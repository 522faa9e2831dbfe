from django.core.mail import send_mail
from django_tasks import task


@task()
def mail_deliver(*, to: list[str], subject: str, body: str) -> int:
    """Deliver one e-mail through Django's mail framework (SMTP or console)."""
    return send_mail(subject, body, None, to)
