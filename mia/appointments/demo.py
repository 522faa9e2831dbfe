"""Appointment capacity of the demo agency: mornings all week, two afternoons."""

import datetime as dt

from django.db import transaction

from mia.appointments.models import CapacityRule
from mia.organisation.models import Location, Team

MORNINGS = [(day, "08:00", "12:00") for day in range(5)]
AFTERNOONS = [(1, "13:00", "17:00"), (3, "13:00", "15:30")]


@transaction.atomic
def load(location: Location) -> None:
    for team in Team.objects.filter(services__bookable=True).distinct():
        desks = max(
            1, team.desks.filter(location=location).count() - 1
        )  # one desk stays for walk-ins
        for weekday, starts, ends in MORNINGS + AFTERNOONS:
            CapacityRule.objects.update_or_create(
                location=location,
                team=team,
                weekday=weekday,
                starts=dt.time.fromisoformat(starts),
                defaults={"ends": dt.time.fromisoformat(ends), "desks": desks},
            )
