"""Fifty people press "book" for the last free place at the same moment (real threads)."""

import threading

import pytest
from django.db import connection, connections

from mia.appointments import services
from mia.appointments.models import Booking, Seat
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
    monkeypatch.setattr(services, "_lock_teams", lambda team_ids: None)
    real_create = Seat.objects.create

    def seat_with_fresh_number(**fields):
        return real_create(**(fields | {"number": next(counter)}))

    monkeypatch.setattr(Seat.objects, "create", seat_with_fresh_number)
    outcomes = rush(capacity, the_week_before)
    assert outcomes.count("booked") > 1, "the race should show without the guard"


def test_concurrent_moves_never_overbook(capacity, the_week_before):
    bookings = [
        services.booking_create(
            location=capacity["location"],
            service_ids=[capacity["services"]["benefits"].pk],
            start=berlin(MONDAY, 8 + (n // 4), 30 * ((n // 2) % 2)),
            name=f"Person {n}",
            now=the_week_before,
        )
        for n in range(8)
    ]
    barrier = threading.Barrier(len(bookings), timeout=30)
    moved: list[str] = []

    def move(booking: Booking) -> None:
        try:
            barrier.wait()
            services.booking_move(booking=booking, start=berlin(MONDAY, 11), now=the_week_before)
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
    assert len(moved) == 2  # team J has two desks at 11:00
    at_eleven = Seat.objects.filter(slot=berlin(MONDAY, 11))
    assert at_eleven.count() == 2
    for booking in Booking.objects.exclude(code__in=moved):
        assert booking.items.get().seats.count() == 2  # the others kept their old time
