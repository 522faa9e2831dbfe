"""Desks pressing "call next" at the same moment, with real threads and connections.

A barrier holds every desk until all have read the queue, so all race for the same visitors.
Without the conditional updates (the "lock") two desks get the same concern; with them, never.
"""

import threading
from collections import Counter

import pytest
from django.db import IntegrityError, connections, transaction

from mia.accounts.models import Role
from mia.organisation.models import Desk
from mia.reception import selectors, services
from mia.reception.models import ACTIVE, Concern, ConcernStatus, Visit
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
DESKS = 8


@pytest.fixture
def busy_morning(agency):
    location, foreign, jobs = agency["location"], agency["teams"]["A"], agency["teams"]["J"]
    desks = []
    for number in range(DESKS):
        team = jobs if number % 2 else foreign
        desk = Desk.objects.create(location=location, name=f"Schalter {number}", room=f"1.{number}")
        desk.teams.set([team])
        clerk = factories.staff(f"clerk{number}", Role.CLERK, teams=(team,))
        services.desk_open(desk=desk, user=clerk, teams=[team])
        desks.append((desk, clerk))
    services_ids = [agency["services"]["permit"].pk, agency["services"]["counselling"].pk]
    for _ in range(3 * DESKS):  # everyone needs both teams: A and J
        services.visit_open(location=location, service_ids=services_ids)
    return desks


def race(monkeypatch, desks):
    """Every desk calls next at once; returns what each desk was given and any errors."""
    barrier = threading.Barrier(len(desks), timeout=30)
    read_queue = selectors.queue_candidates
    waited: set[int] = set()

    def queue_then_wait(**kwargs):
        candidates = read_queue(**kwargs)
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            barrier.wait()
        return candidates

    monkeypatch.setattr(selectors, "queue_candidates", queue_then_wait)
    results: list[int] = []
    errors: list[Exception] = []

    def desk_presses_call_next(desk, clerk):
        try:
            concern = services.concern_call_next(desk=desk, user=clerk)
            if concern is not None:
                results.append(concern.pk)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=desk_presses_call_next, args=pair) for pair in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def claim_without_lock(concern_id, visit_id, desk, at, user):
    """What call-next would do with plain updates instead of conditional ones."""
    with transaction.atomic():
        Concern.objects.filter(pk=concern_id).update(
            status=ConcernStatus.CALLED, desk=desk, called_at=at
        )
        Visit.objects.filter(pk=visit_id).update(current_concern_id=concern_id)
    return True


def test_without_the_lock_desks_get_the_same_visitor(monkeypatch, busy_morning):
    monkeypatch.setattr(services, "_claim", claim_without_lock)
    results, errors = race(monkeypatch, busy_morning)
    duplicated = [pk for pk, n in Counter(results).items() if n > 1]
    clashes = [e for e in errors if isinstance(e, IntegrityError)]
    assert duplicated or clashes, "the race should show without the lock"


def test_with_the_lock_every_desk_gets_its_own_visitor(monkeypatch, busy_morning):
    results, errors = race(monkeypatch, busy_morning)
    assert errors == []
    assert len(results) == DESKS
    assert len(set(results)) == DESKS  # no concern at two desks
    active = Concern.objects.filter(status__in=ACTIVE)
    visits = [c.visit_id for c in active]
    assert len(visits) == len(set(visits)) == DESKS  # no visitor at two desks
    for concern in active:
        assert Visit.objects.get(pk=concern.visit_id).current_concern_id == concern.pk
