"""Team leads' capacity changes: blocks and weekly rules, their checks and their history."""

import datetime as dt

import pytest
from django.contrib.admin.models import ADDITION, DELETION, LogEntry

from mia.accounts.models import Role
from mia.appointments import blocks, selectors
from mia.appointments.models import CapacityBlock, CapacityRule
from mia.core.errors import ApplicationError
from tests import factories
from tests.appointments.conftest import MONDAY, berlin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def workday(monkeypatch):
    monkeypatch.setattr("mia.organisation.selectors._holidays", lambda year: {})


@pytest.fixture
def lead(capacity):
    return factories.staff("lea", Role.TEAM_LEAD, teams=(capacity["teams"]["A"],))


@pytest.fixture
def offers(monkeypatch):
    """The locations whose waitlist was told about new capacity."""
    told: list[int] = []
    monkeypatch.setattr(
        "mia.appointments.blocks.waitlist_offers_schedule",
        lambda *, location_id: told.append(location_id),
    )
    return told


def starts(capacity, now):
    free = selectors.availability(
        location=capacity["location"],
        services=[capacity["services"]["permit"]],
        date_from=MONDAY,
        date_to=MONDAY,
        now=now,
    )
    return {start for start, _end in free}


def block(capacity, lead, start, end, desks=1, **extra):
    return blocks.capacity_block_create(
        location=capacity["location"],
        team=capacity["teams"]["A"],
        start=start,
        end=end,
        desks=desks,
        reason=extra.pop("reason", "Schulung"),
        user=lead,
        **extra,
    )


def test_blocking_a_desk_removes_exactly_its_times_and_lifting_gives_them_back(
    capacity, lead, the_week_before, offers
):
    before = starts(capacity, the_week_before)
    assert berlin(MONDAY, 8, 30) in before
    blocked = block(capacity, lead, berlin(MONDAY, 8, 30), berlin(MONDAY, 9), now=the_week_before)
    # Permit takes two slots: the starts 08:15, 08:30 and 08:45 touch the blocked half hour.
    gone = {berlin(MONDAY, 8, 15), berlin(MONDAY, 8, 30), berlin(MONDAY, 8, 45)}
    assert starts(capacity, the_week_before) == before - gone
    assert offers == []  # less capacity: nothing to offer
    blocks.capacity_block_delete(block=blocked, user=lead)
    assert starts(capacity, the_week_before) == before
    assert offers == [capacity["location"].pk]


def test_a_block_remembers_who_set_it_and_the_admin_history_shows_both_changes(
    capacity, lead, the_week_before
):
    blocked = block(capacity, lead, berlin(MONDAY, 8), berlin(MONDAY, 10), now=the_week_before)
    assert blocked.created_by == lead and blocked.created_at is not None
    pk = blocked.pk
    blocks.capacity_block_delete(block=blocked, user=lead)
    history = LogEntry.objects.filter(object_id=str(pk)).order_by("pk")
    assert [entry.action_flag for entry in history] == [ADDITION, DELETION]
    assert all(entry.user == lead for entry in history)
    assert history[0].content_type.model == "capacityblock"


@pytest.mark.parametrize(
    ("start", "end", "desks", "code"),
    [
        ((10, 0), (9, 0), 1, "ends_before_start"),
        ((9, 0), (9, 0), 1, "ends_before_start"),
        ((8, 0), (9, 0), 0, "invalid_desks"),
        ((8, 0), (9, 0), 51, "invalid_desks"),
        ((8, 10), (9, 0), 1, "not_on_slot"),
    ],
)
def test_bad_blocks_are_refused_with_a_reason(
    capacity, lead, the_week_before, start, end, desks, code
):
    with pytest.raises(ApplicationError) as error:
        block(
            capacity,
            lead,
            berlin(MONDAY, *start),
            berlin(MONDAY, *end),
            desks=desks,
            now=the_week_before,
        )
    assert error.value.code == code
    assert error.value.status == 422
    assert not CapacityBlock.objects.exists()


def test_blocks_in_the_past_too_long_or_without_offset_are_refused(capacity, lead, the_week_before):
    cases = [
        (berlin(MONDAY, 8), berlin(MONDAY, 9), MONDAY + dt.timedelta(days=1), "in_the_past"),
        (berlin(MONDAY, 8), berlin(MONDAY + dt.timedelta(days=400), 9), None, "block_too_long"),
        (dt.datetime(2026, 11, 23, 8), dt.datetime(2026, 11, 23, 9), None, "naive_time"),
    ]
    for start, end, today, code in cases:
        now = berlin(today, 12) if today else the_week_before
        with pytest.raises(ApplicationError) as error:
            block(capacity, lead, start, end, now=now)
        assert error.value.code == code
    with pytest.raises(ApplicationError) as error:
        block(
            capacity,
            lead,
            berlin(MONDAY, 8),
            berlin(MONDAY, 9),
            reason="x" * 201,
            now=the_week_before,
        )
    assert error.value.code == "reason_too_long"
    assert not CapacityBlock.objects.exists()


def test_a_new_rule_opens_times_tells_the_waitlist_and_is_logged(
    capacity, lead, the_week_before, offers
):
    assert not any(start.hour >= 13 for start in starts(capacity, the_week_before))
    rule = blocks.capacity_rule_create(
        location=capacity["location"],
        team=capacity["teams"]["A"],
        weekday=0,
        starts=dt.time(13),
        ends=dt.time(14),
        desks=2,
        user=lead,
    )
    assert berlin(MONDAY, 13) in starts(capacity, the_week_before)
    assert offers == [capacity["location"].pk]
    entry = LogEntry.objects.get(object_id=str(rule.pk), content_type__model="capacityrule")
    assert entry.action_flag == ADDITION and entry.user == lead

    pk = rule.pk
    blocks.capacity_rule_delete(rule=rule, user=lead)
    assert not any(start.hour >= 13 for start in starts(capacity, the_week_before))
    assert offers == [capacity["location"].pk]  # less capacity: nothing new to offer
    assert LogEntry.objects.filter(object_id=str(pk), action_flag=DELETION).exists()


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "desks", "code"),
    [
        (dt.time(14), dt.time(13), 1, "ends_before_start"),
        (dt.time(13), dt.time(14), 0, "invalid_desks"),
        (dt.time(13, 5), dt.time(14), 1, "not_on_slot"),
        (dt.time(9), dt.time(11), 1, "rule_overlaps"),  # team A has Monday 8–10
    ],
)
def test_bad_rules_are_refused(capacity, lead, starts_at, ends_at, desks, code):
    count = CapacityRule.objects.count()
    with pytest.raises(ApplicationError) as error:
        blocks.capacity_rule_create(
            location=capacity["location"],
            team=capacity["teams"]["A"],
            weekday=0,
            starts=starts_at,
            ends=ends_at,
            desks=desks,
            user=lead,
        )
    assert error.value.code == code
    assert CapacityRule.objects.count() == count
