import datetime as dt

import pytest

from mia.core.errors import ApplicationError
from mia.organisation.models import Closure
from mia.reception import services
from mia.reception.models import Concern, ConcernStatus, Priority, Visit

pytestmark = pytest.mark.django_db


def open_visit(hall, *service_keys: str, **extra) -> Visit:
    return services.visit_open(
        location=hall["location"],
        service_ids=[hall[key].pk for key in service_keys],
        user=hall["reception"],
        **extra,
    )


def test_a_visit_with_two_concerns_gets_one_ticket(hall):
    visit = open_visit(hall, "permit", "counselling", language="ar", interpreter=True)
    assert visit.ticket == "A001"
    assert len(visit.public_code) == 10
    concerns = list(visit.concerns.order_by("pk"))
    assert [c.team.letter for c in concerns] == ["A", "J"]
    assert {c.status for c in concerns} == {ConcernStatus.WAITING}


def test_ticket_numbers_count_up_per_day_and_restart_the_next_day(hall):
    monday = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
    tickets = [open_visit(hall, "counselling", now=monday).ticket for _ in range(3)]
    assert tickets == ["J001", "J002", "J003"]
    assert open_visit(hall, "permit", now=monday + dt.timedelta(days=1)).ticket == "A001"


def test_ticket_codes_avoid_look_alike_characters(hall):
    codes = "".join(open_visit(hall, "permit").public_code for _ in range(20))
    assert not set(codes) & set("01BGIOQSZ")


def test_the_highest_priority_flag_sets_the_visit_priority(hall):
    visit = open_visit(hall, "permit", flags=["appointment", "no_place_to_sleep"])
    assert visit.priority == Priority.URGENT
    assert open_visit(hall, "permit", flags=["pregnant"]).priority == Priority.VULNERABLE
    assert open_visit(hall, "permit", booking_code="K7P2").priority == Priority.APPOINTMENT


@pytest.mark.parametrize(
    ("service_ids", "code"),
    [([], "no_services"), ([999999], "unknown_service")],
)
def test_bad_concerns_are_refused_with_a_code(hall, service_ids, code):
    with pytest.raises(ApplicationError) as error:
        services.visit_open(location=hall["location"], service_ids=service_ids)
    assert error.value.code == code
    assert Visit.objects.count() == 0


def test_appointment_only_services_need_a_booking(hall):
    with pytest.raises(ApplicationError) as error:
        open_visit(hall, "benefits")
    assert error.value.code == "service_not_walk_in"
    assert open_visit(hall, "benefits", booking_code="K7P2").concerns.count() == 1


def test_no_visits_on_a_closure_day(hall):
    Closure.objects.create(
        location=hall["location"], date=dt.date.today(), reason="Betriebsausflug"
    )
    with pytest.raises(ApplicationError) as error:
        open_visit(hall, "permit")
    assert error.value.code == "location_closed"
    assert "Betriebsausflug" in error.value.detail


def test_unknown_flags_are_refused(hall):
    with pytest.raises(ApplicationError) as error:
        open_visit(hall, "permit", flags=["vip"])
    assert error.value.code == "unknown_flag"
    assert not Concern.objects.exists()
