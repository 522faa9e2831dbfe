"""The waitlist: people who found nothing free get freed capacity first, as a held offer."""

from django.db import transaction

from mia.appointments.tasks import waitlist_offer


def waitlist_offers_schedule(*, location_id: int) -> None:
    """After capacity appeared (a cancellation, new opening hours, a lifted block), let the
    worker offer it to the waitlist, once the change is committed."""
    transaction.on_commit(lambda: waitlist_offer.enqueue(location_id=location_id))
