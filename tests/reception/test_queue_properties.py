"""Property-based test of the queue rules over random days of visits and desk actions."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mia.core.errors import ApplicationError
from mia.reception import services
from mia.reception.models import ACTIVE, ENDED, Concern, ConcernStatus, Visit

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 11, 23, 7, 0, tzinfo=dt.UTC)

arrive = st.tuples(
    st.just("arrive"),
    st.sets(st.sampled_from(["permit", "counselling"]), min_size=1),
    st.sampled_from([[], ["appointment"], ["pregnant"], ["no_place_to_sleep"]]),
)
desk_action = st.tuples(
    st.sampled_from(["call", "finish", "forward", "recall", "no_show", "release"]),
    st.integers(min_value=0, max_value=1),
    st.none(),
)
days = st.lists(st.one_of(arrive, desk_action), min_size=1, max_size=25)


def expected_next(desk, hall) -> int | None:
    """The rule, written plainly: the desk's teams, visitors not at a desk, highest priority,
    then earliest in the queue."""
    teams = set(desk.teams.values_list("pk", flat=True))
    waiting = [
        c
        for c in Concern.objects.select_related("visit").filter(status=ConcernStatus.WAITING)
        if c.team_id in teams and c.visit.current_concern_id is None
    ]
    if not waiting:
        return None
    return min(waiting, key=lambda c: (-c.visit.priority, c.queued_at, c.pk)).pk


def run_day(hall, actions) -> None:
    minute = 0
    for kind, arg, extra in actions:
        minute += 1
        now = T0 + dt.timedelta(minutes=minute)
        if kind == "arrive":
            services.visit_open(
                location=hall["location"],
                service_ids=[hall[k].pk for k in sorted(arg)],
                flags=extra,
                now=now,
            )
            continue
        desk, clerk = hall["desks"][arg], hall["clerks"][arg]
        current = Concern.objects.filter(desk=desk, status__in=ACTIVE).first()
        if kind == "call":
            if current:
                continue
            want = expected_next(desk, hall)
            got = services.concern_call_next(desk=desk, user=clerk, now=now)
            assert (got.pk if got else None) == want
            continue
        if current is None:
            continue
        try:
            if kind == "finish":
                services.concern_finish(concern=current, user=clerk, now=now)
            elif kind == "recall":
                services.concern_recall(concern=current, user=clerk, now=now)
            elif kind == "no_show":
                services.concern_no_show(concern=current, user=clerk, now=now)
            elif kind == "release":
                services.concern_release(concern=current, user=clerk, now=now)
            elif kind == "forward":
                target = (
                    hall["counselling"]
                    if current.service_id == hall["permit"].pk
                    else hall["permit"]
                )
                successor = services.concern_forward(
                    concern=current, user=clerk, service_id=target.pk, now=now
                )
                assert successor.queued_at == current.queued_at  # waiting credit kept
                assert successor.visit_id == current.visit_id  # same ticket
        except ApplicationError as error:
            assert error.code in {"no_show_too_early", "wrong_state"}
        for visit in Visit.objects.all():
            assert visit.concerns.filter(status__in=ACTIVE).count() <= 1  # one desk at a time


@given(actions=days)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_queue_rules_hold_for_any_day(open_desks, actions):
    with transaction.atomic():
        run_day(open_desks, actions)
        # End of the day: desks finish whoever they have, reception closes the rest.
        for desk, clerk in zip(open_desks["desks"], open_desks["clerks"], strict=True):
            for concern in Concern.objects.filter(desk=desk, status__in=ACTIVE):
                services.concern_finish(concern=concern, user=clerk)
        services.day_close(
            location=open_desks["location"], user=open_desks["reception"], day=T0.date()
        )
        assert set(Concern.objects.values_list("status", flat=True)) <= set(ENDED)
        assert not Visit.objects.filter(current_concern__isnull=False).exists()
        transaction.set_rollback(True)
