import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from mia.organisation.models import OpeningPeriod
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_ticket_letters_are_unique(agency):
    assert refused(lambda: factories.team("A", "Noch ein Team", slug="other"))


@pytest.mark.parametrize("letter", ["O", "I", "S", "B", "Z", "1", "a"])
def test_ticket_letters_that_look_like_digits_are_refused(db, letter):
    assert refused(lambda: factories.team(letter, "Team"))


def test_service_durations_are_positive(agency):
    team = agency["teams"]["A"]
    assert refused(lambda: factories.service(team, "zero", "Null", duration_minutes=0))


def test_a_service_is_walk_in_or_bookable(agency):
    team = agency["teams"]["A"]
    assert refused(lambda: factories.service(team, "x", "Nirgends", walk_in=False, bookable=False))


def test_leika_keys_have_fourteen_digits(agency):
    team = agency["teams"]["A"]
    assert refused(lambda: factories.service(team, "x", "X", leika_key="12345"))
    assert not refused(lambda: factories.service(team, "y", "Y", leika_key="99010003001000"))


def test_opening_periods_close_after_they_open(agency):
    place = agency["location"]
    assert refused(
        lambda: OpeningPeriod.objects.create(
            location=place, kind="opening", weekday=5, opens=dt.time(12), closes=dt.time(8)
        )
    )


def test_one_translation_per_language(agency):
    team = agency["teams"]["A"]
    assert refused(lambda: factories.translate(team, "ar", name="مرة أخرى"))
