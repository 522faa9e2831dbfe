import datetime as dt
import threading

import pytest
from django.db import connections

from mia.core import ratelimit
from mia.core.models import RateCounter


@pytest.mark.django_db(transaction=True)
def test_twenty_processes_hitting_at_once_get_exactly_the_limit():
    barrier = threading.Barrier(20, timeout=30)
    allowed: list[bool] = []

    def client() -> None:
        try:
            barrier.wait()
            allowed.append(ratelimit.hit("booking:same-address", limit=10, seconds=3600))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert allowed.count(True) == 10
    assert RateCounter.objects.get().hits == 20


@pytest.mark.django_db
def test_a_new_window_starts_fresh():
    first = dt.datetime(2026, 11, 23, 9, 59, tzinfo=dt.UTC)
    assert ratelimit.hit("k", limit=1, seconds=3600, now=first)
    assert not ratelimit.hit("k", limit=1, seconds=3600, now=first)
    assert ratelimit.hit("k", limit=1, seconds=3600, now=first + dt.timedelta(minutes=2))


def test_rates_are_read_like_20_per_hour():
    assert ratelimit.parse("20/h") == (20, 3600)
    assert ratelimit.parse("5/m") == (5, 60)
