import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mia.clients.services.retention import retention_apply, retention_report
from mia.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Retention of client files. Without options: make a dry-run report of the closed cases "
        "and clients now due and print it. With --apply REPORT_ID: remove the items of that "
        "report that are still due."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", type=int, metavar="REPORT_ID", help="Apply this report")

    def handle(self, *args: object, **options: object) -> None:
        report_id = options.get("apply")
        if report_id is None:
            run = retention_report()
            self.stdout.write(f"Dry-run report {run.pk}:")
        else:
            try:
                run = retention_apply(report_id=int(str(report_id)))
            except ApplicationError as error:
                raise CommandError(error.detail) from None
            self.stdout.write(f"Applied report {report_id} (run {run.pk}):")
        self.stdout.write(json.dumps(run.report, indent=2, ensure_ascii=False))
