from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from mia.accounts.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current second-factor code of the named demo accounts (demo mode only)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEMO:
            raise CommandError("Demo codes exist only in demo mode (MIA_DEMO on).")
        totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY))
        self.stdout.write(f"{totp.token():06d}")
