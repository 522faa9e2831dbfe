"""Small builders for test data (the full demo agency is in the `demo_agency` fixture)."""

import datetime as dt

from mia.accounts.models import Role, User
from mia.organisation.models import (
    Document,
    DocumentTranslation,
    Location,
    Membership,
    OpeningPeriod,
    Service,
    ServiceTranslation,
    Team,
    TeamTranslation,
)


def team(letter: str = "A", name: str = "Ausländerrecht", **extra: object) -> Team:
    return Team.objects.create(
        letter=letter,
        name=name,
        slug=extra.pop("slug", f"team-{letter.lower()}"),
        kind=extra.pop("kind", Team.Kind.INTERNAL),
        **extra,
    )


def service(team: Team, slug: str, name: str, **extra: object) -> Service:
    defaults: dict[str, object] = {"duration_minutes": 20, "walk_in": True, "bookable": True}
    return Service.objects.create(team=team, slug=slug, name=name, **(defaults | extra))


def translate(obj: Team | Service | Document, language: str, **texts: str) -> None:
    model, parent = {
        Team: (TeamTranslation, "team"),
        Service: (ServiceTranslation, "service"),
        Document: (DocumentTranslation, "document"),
    }[type(obj)]
    model.objects.create(**{parent: obj, "language": language}, **texts)


def location(**extra: object) -> Location:
    place = Location.objects.create(
        name="Migrationsagentur",
        slug=extra.pop("slug", "naumburg"),
        street="Markt 1",
        postcode="06618",
        town="Naumburg (Saale)",
        **extra,
    )
    for weekday in range(5):
        OpeningPeriod.objects.create(
            location=place, kind="opening", weekday=weekday, opens=dt.time(8), closes=dt.time(16)
        )
    OpeningPeriod.objects.create(
        location=place, kind="walk_in", weekday=0, opens=dt.time(8), closes=dt.time(12)
    )
    return place


def staff(
    username: str, role: str = Role.CLERK, teams: tuple[Team, ...] = (), **extra: object
) -> User:
    user = User.objects.create_user(
        username=username, password=extra.pop("password", "correct-horse-42"), role=role, **extra
    )
    for member_of in teams:
        Membership.objects.create(user=user, team=member_of)
    return user
