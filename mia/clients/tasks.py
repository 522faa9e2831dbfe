"""Retention in the background: a dry-run report, and applying one an administrator approved."""

from django_tasks import task

from mia.clients.services.retention import retention_apply, retention_report


@task()
def retention_dry_run() -> int:
    """Store what is due now; returns the report's id for `retention_apply_task`."""
    return retention_report().pk


@task()
def retention_apply_task(report_id: int) -> dict:
    """Remove the items of dry-run report `report_id` that are still due; returns the counts."""
    return dict(retention_apply(report_id=report_id).report["counts"])
