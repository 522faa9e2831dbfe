from django.core.management.base import BaseCommand

from mia.accounts import demo as accounts_demo
from mia.appointments import demo as appointments_demo
from mia.clients import demo as clients_demo
from mia.organisation import demo as organisation_demo
from mia.portal import demo as portal_demo


class Command(BaseCommand):
    help = "Load the demo agency (idempotent: running it again changes nothing)."

    def handle(self, *args: object, **options: object) -> None:
        teams = organisation_demo.load()
        appointments_demo.load(organisation_demo.location())
        logins = accounts_demo.load(teams)
        portal_demo.load()
        clients_demo.load(teams)
        self.stdout.write(self.style.SUCCESS("Demo agency loaded."))
        self.stdout.write(f"Demo logins (password for all: {accounts_demo.DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<16} {login.description}")
        self.stdout.write(
            "Client files ask for a second factor; `.venv/bin/mia demo_code` prints the "
            "current code of these accounts."
        )
