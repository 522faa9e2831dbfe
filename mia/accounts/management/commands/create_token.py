from django.core.management.base import BaseCommand, CommandError, CommandParser

from mia.accounts.models import User
from mia.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API bearer token for a staff member and print it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for")

    def handle(self, *args: object, **options: str) -> None:
        try:
            user = User.objects.get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active user {options['username']!r}") from None
        self.stdout.write(api_token_create(user=user, name=options["name"]))
