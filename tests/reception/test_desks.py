import datetime as dt

import pytest

from mia.core.errors import ApplicationError
from mia.organisation.models import Location
from mia.reception import selectors, services
from mia.reception.models import Concern, ConcernEvent, ConcernStatus, Visit

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def visit(hall, *keys: str, minute: float = 0, **extra) -> Visit:
    return services.visit_open(
        location=hall["location"], service_ids=[hall[k].pk for k in keys], now=at(minute), **extra
    )


def call(hall, desk_index: int, minute: float) -> Concern | None:
    return services.concern_call_next(
        desk=hall["desks"][desk_index], user=hall["clerks"][desk_index], now=at(minute)
    )


def test_call_next_takes_the_longest_waiting(open_desks):
    first = visit(open_desks, "counselling", minute=0)
    visit(open_desks, "counselling", minute=1)
    called = call(open_desks, 1, 5)
    assert called.visit == first
    assert called.status == ConcernStatus.CALLED
    assert called.desk == open_desks["desks"][1]


def test_priority_goes_before_waiting_time(open_desks):
    visit(open_desks, "counselling", minute=0)
    urgent = visit(open_desks, "counselling", minute=3, flags=["no_place_to_sleep"])
    assert call(open_desks, 1, 5).visit == urgent


def test_a_visitor_at_one_desk_is_skipped_by_the_others(open_desks):
    both = visit(open_desks, "permit", "counselling", minute=0)
    later = visit(open_desks, "counselling", minute=1)
    assert call(open_desks, 0, 2).visit == both  # desk 1 takes the permit concern (A)
    assert call(open_desks, 1, 3).visit == later  # desk 2 must not call the same person


def test_nobody_waiting_gives_none(open_desks):
    assert call(open_desks, 1, 1) is None


def test_forwarding_keeps_ticket_and_waiting_credit(open_desks):
    first = visit(open_desks, "permit", minute=0)
    second = visit(open_desks, "counselling", minute=10)
    concern = call(open_desks, 0, 12)
    successor = services.concern_forward(
        concern=concern,
        user=open_desks["clerks"][0],
        service_id=open_desks["counselling"].pk,
        note="Braucht Beratung zum Bürgergeld",
        now=at(20),
    )
    assert successor.visit.ticket == first.ticket
    assert successor.queued_at == at(0)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.FORWARDED
    # The forwarded visitor waited since 8:00 and goes before the one who came at 8:10.
    assert call(open_desks, 1, 21).visit == first
    assert second.concerns.get().status == ConcernStatus.WAITING


def test_finishing_records_who_when_and_the_outcome(open_desks):
    v = visit(open_desks, "counselling", minute=0)
    concern = call(open_desks, 1, 1)
    services.concern_start(concern=concern, user=open_desks["clerks"][1], now=at(2))
    services.concern_finish(
        concern=concern, user=open_desks["clerks"][1], outcome="Antrag ausgegeben", now=at(14)
    )
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.FINISHED
    assert concern.outcome == "Antrag ausgegeben"
    kinds = list(concern.events.values_list("kind", "user__username"))
    assert kinds == [("queued", None), ("called", "jan"), ("started", "jan"), ("finished", "jan")]
    v.refresh_from_db()
    assert v.status == Visit.Status.DONE
    assert v.current_concern is None


def test_only_the_desk_that_called_may_act(open_desks):
    visit(open_desks, "counselling", minute=0)
    concern = call(open_desks, 1, 1)
    with pytest.raises(ApplicationError) as error:
        services.concern_finish(concern=concern, user=open_desks["clerks"][0])
    assert error.value.code == "not_your_concern"
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CALLED


def test_no_show_only_after_a_second_call(open_desks):
    visit(open_desks, "counselling", minute=0)
    concern = call(open_desks, 1, 1)
    jan = open_desks["clerks"][1]
    with pytest.raises(ApplicationError) as error:
        services.concern_no_show(concern=concern, user=jan, now=at(3))
    assert error.value.code == "no_show_too_early"
    services.concern_recall(concern=concern, user=jan, now=at(4))
    services.concern_no_show(concern=concern, user=jan, now=at(6))
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.NO_SHOW
    assert concern.call_count == 2


def test_a_desk_serves_one_visitor_at_a_time(open_desks):
    visit(open_desks, "counselling", minute=0)
    visit(open_desks, "counselling", minute=1)
    call(open_desks, 1, 2)
    with pytest.raises(ApplicationError) as error:
        call(open_desks, 1, 3)
    assert error.value.code == "desk_occupied"


def test_a_desk_opens_only_for_its_own_teams(hall):
    desk2 = hall["desks"][1]
    with pytest.raises(ApplicationError) as error:
        services.desk_open(desk=desk2, user=hall["clerks"][0], teams=[hall["teams"]["A"]])
    assert error.value.code == "desk_not_serving_team"


def test_a_desk_taken_by_a_colleague_is_busy(open_desks):
    desk2 = open_desks["desks"][1]
    with pytest.raises(ApplicationError) as error:
        services.desk_open(
            desk=desk2, user=open_desks["clerks"][0], teams=[open_desks["teams"]["J"]]
        )
    assert error.value.code == "desk_busy"


def test_calling_a_particular_visitor(open_desks):
    visit(open_desks, "counselling", minute=0)
    chosen = visit(open_desks, "counselling", minute=1, language="uk")
    concern = chosen.concerns.get()
    services.concern_call(
        concern=concern, desk=open_desks["desks"][1], user=open_desks["clerks"][1], now=at(2)
    )
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CALLED


def test_closing_the_day_keeps_everything_and_marks_who_waited(open_desks):
    visit(open_desks, "counselling", minute=0)
    waiting = visit(open_desks, "permit", minute=1)
    call(open_desks, 1, 2)
    closed = services.day_close(
        location=open_desks["location"], user=open_desks["reception"], day=T0.date(), now=at(600)
    )
    assert closed == 1
    concern = waiting.concerns.get()
    assert concern.status == ConcernStatus.CLOSED
    assert Visit.objects.count() == 2
    assert ConcernEvent.objects.filter(kind="closed").count() == 1


def test_position_and_estimate_follow_the_teams_pace(open_desks):
    jan = open_desks["clerks"][1]
    for minute in range(3):  # three finished services of 10 minutes each
        visit(open_desks, "counselling", minute=minute)
    for n in range(3):
        concern = call(open_desks, 1, 10 * n + 5)
        services.concern_finish(concern=concern, user=jan, now=at(10 * n + 15))
    waiting = [visit(open_desks, "counselling", minute=40 + n) for n in range(3)]
    last = waiting[-1].concerns.get()
    views = selectors.visit_status(Visit.objects.get(pk=waiting[-1].pk), now=at(45))
    assert views[0].position == 3
    # Two visitors ahead, 10 minutes each, two desks serve team J right now.
    assert views[0].estimated_wait_minutes == 10
    assert last.status == ConcernStatus.WAITING


def test_waits_service_times_and_hand_offs_are_reported(open_desks):
    anna, jan = open_desks["clerks"]
    first = visit(open_desks, "permit", minute=0)
    visit(open_desks, "counselling", minute=5)
    concern = call(open_desks, 0, 10)  # waited 10 minutes
    successor = services.concern_forward(
        concern=concern, user=anna, service_id=open_desks["counselling"].pk, now=at(16)
    )
    second = call(open_desks, 1, 30)  # the forwarded one goes first: waited 30 from 8:00
    assert second.pk == successor.pk
    services.concern_finish(concern=second, user=jan, now=at(38))
    stats = selectors.day_statistics(location=open_desks["location"], day=T0.date())
    assert stats.visits == 2
    assert stats.hand_offs_per_visit == 0.5
    assert stats.median_service_minutes == 7.0  # 6 (forwarded) and 8 (finished)
    # First calls: the permit after 10 minutes; the forwarded concern 14 minutes after it was
    # handed on (its queue time is kept for the order, its event for the report).
    assert stats.median_wait_minutes == 12.0
    assert first.ticket == "A001"


def test_a_desk_cannot_call_a_visitor_of_another_location(open_desks):
    elsewhere = Location.objects.create(
        name="Außenstelle Zeitz", slug="zeitz", street="Markt 1", postcode="06712", town="Zeitz"
    )
    other = services.visit_open(location=elsewhere, service_ids=[open_desks["counselling"].pk])
    with pytest.raises(ApplicationError) as error:
        services.concern_call(
            concern=other.concerns.get(), desk=open_desks["desks"][1], user=open_desks["clerks"][1]
        )
    assert error.value.code == "desk_not_serving_team"


def test_a_desk_cannot_be_left_with_a_visitor_at_it(open_desks):
    visit(open_desks, "counselling", minute=0)
    call(open_desks, 1, 1)
    session = open_desks["desks"][1].sessions.get(closed_at__isnull=True)
    with pytest.raises(ApplicationError) as error:
        services.desk_close(session=session)
    assert error.value.code == "desk_occupied"
