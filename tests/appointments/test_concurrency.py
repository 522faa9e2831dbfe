"""Fifty people press "book" for the last free place at the same moment (real threads)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from mia.appointments import services, waitlist
from mia.appointments.models import Booking, CapacityRule, Seat, WaitlistEntry
from mia.core.errors import ApplicationError
from tests.appointments.conftest import MONDAY, berlin

pytestmark = pytest.mark.django_db(transaction=True)
PEOPLE = 50


def rush(capacity, now):
    barrier = threading.Barrier(PEOPLE, timeout=30)
    outcomes: list[str] = []

    def person(number: int) -> None:
        try:
            barrier.wait()
            services.booking_create(
                location=capacity["location"],
                service_ids=[capacity["services"]["permit"].pk],
                start=berlin(MONDAY, 8),
                name=f"Person {number}",
                now=now,
            )
            outcomes.append("booked")
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_exactly_one_of_fifty_gets_the_last_place(capacity, the_week_before):
    outcomes = rush(capacity, the_week_before)
    assert outcomes.count("booked") == 1
    assert set(outcomes) - {"booked"} <= {"slot_taken", "busy"}
    assert Booking.objects.count() == 1
    assert Seat.objects.count() == 2  # 20 minutes: two slots of the single desk


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite runs each write transaction alone (BEGIN IMMEDIATE): no race to show there",
)
def test_without_the_lock_and_the_seat_numbers_places_are_overbooked(
    capacity, the_week_before, monkeypatch
):
    counter = iter(range(10_000))
    monkeypatch.setattr(services, "lock_teams", lambda team_ids: None)
    real_create = Seat.objects.create

    def seat_with_fresh_number(**fields):
        return real_create(**(fields | {"number": next(counter)}))

    monkeypatch.setattr(Seat.objects, "create", seat_with_fresh_number)
    outcomes = rush(capacity, the_week_before)
    assert outcomes.count("booked") > 1, "the race should show without the guard"


def move_eight_to_eleven(capacity, now) -> list[str]:
    """Eight people holding other times of team J move to Monday 11:00 at once."""
    bookings = [
        services.booking_create(
            location=capacity["location"],
            service_ids=[capacity["services"]["benefits"].pk],
            start=berlin(MONDAY, 8 + (n // 4), 30 * ((n // 2) % 2)),
            name=f"Person {n}",
            now=now,
        )
        for n in range(8)
    ]
    barrier = threading.Barrier(len(bookings), timeout=30)
    moved: list[str] = []

    def move(booking: Booking) -> None:
        try:
            barrier.wait()
            services.booking_move(booking=booking, start=berlin(MONDAY, 11), now=now)
            moved.append(booking.code)
        except ApplicationError:
            pass
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move, args=(b,)) for b in bookings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return moved


def test_concurrent_moves_never_overbook(capacity, the_week_before):
    moved = move_eight_to_eleven(capacity, the_week_before)
    assert len(moved) == 2  # team J has two desks at 11:00
    at_eleven = Seat.objects.filter(slot=berlin(MONDAY, 11))
    assert at_eleven.count() == 2
    for booking in Booking.objects.exclude(code__in=moved):
        assert booking.items.get().seats.count() == 2  # the others kept their old time


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite runs each write transaction alone (BEGIN IMMEDIATE): no race to show there",
)
def test_without_the_guard_concurrent_moves_overbook(capacity, the_week_before, monkeypatch):
    counter = iter(range(10_000))
    monkeypatch.setattr(services, "lock_teams", lambda team_ids: None)
    real_create = Seat.objects.create

    def seat_with_fresh_number(**fields):
        return real_create(**(fields | {"number": next(counter)}))

    monkeypatch.setattr(Seat.objects, "create", seat_with_fresh_number)
    moved = move_eight_to_eleven(capacity, the_week_before)
    assert len(moved) > 2, "the race should show without the guard"


def offer_races_public(agency, now, settings):
    """The last place is freed with no release delay, so the public sees it at once; five
    workers offer it to the waitlist while twenty people try to book it."""
    settings.BOOKING_RELEASE_DELAY_MINUTES = 0
    permit = agency["services"]["permit"]
    holder = services.booking_create(
        location=agency["location"],
        service_ids=[permit.pk],
        start=berlin(MONDAY, 8),
        name="Holder",
        now=now,
    )
    for number in range(3):
        WaitlistEntry.objects.create(
            code=f"W{number}",
            location=agency["location"],
            service_ids=[permit.pk],
            name=f"Waiting {number}",
            email=f"w{number}@example.org",
            created_at=now,
        )
    services.booking_cancel(booking=holder, now=now)
    barrier = threading.Barrier(25, timeout=30)

    def offer() -> None:
        try:
            barrier.wait()
            waitlist.waitlist_offers_make(location_id=agency["location"].pk, now=now)
        finally:
            connections.close_all()

    def public(number: int) -> None:
        try:
            barrier.wait()
            services.booking_create(
                location=agency["location"],
                service_ids=[permit.pk],
                start=berlin(MONDAY, 8),
                name=f"Person {number}",
                now=now,
            )
        except ApplicationError:
            pass
        finally:
            connections.close_all()

    threads = [threading.Thread(target=offer) for _ in range(5)]
    threads += [threading.Thread(target=public, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Seat.objects.filter(slot=berlin(MONDAY, 8), held_until__isnull=True).count()


@pytest.fixture
def one_place(agency):
    """Team A: a single 20-minute place, Monday 8:00."""
    CapacityRule.objects.create(
        location=agency["location"],
        team=agency["teams"]["A"],
        weekday=0,
        starts=dt.time(8),
        ends=dt.time(8, 30),
    )
    return agency


def test_a_waitlist_offer_racing_public_bookings_never_overbooks(
    one_place, the_week_before, settings
):
    assert offer_races_public(one_place, the_week_before, settings) == 1
    # Later Mondays go to the other people waiting; the freed Monday to exactly one person.
    holders = Booking.objects.filter(start=berlin(MONDAY, 8), status__in=["booked", "offered"])
    assert holders.count() == 1


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite runs each write transaction alone (BEGIN IMMEDIATE): no race to show there",
)
def test_without_the_guard_an_offer_and_a_booking_take_the_same_place(
    one_place, the_week_before, settings, monkeypatch
):
    counter = iter(range(10_000))
    monkeypatch.setattr(services, "lock_teams", lambda team_ids: None)
    real_create = Seat.objects.create

    def seat_with_fresh_number(**fields):
        return real_create(**(fields | {"number": next(counter)}))

    monkeypatch.setattr(Seat.objects, "create", seat_with_fresh_number)
    assert offer_races_public(one_place, the_week_before, settings) > 1
