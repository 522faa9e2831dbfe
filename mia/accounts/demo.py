"""71 demo staff accounts spread over the agency's teams, with roles and languages."""

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from mia.accounts.models import Role, User
from mia.organisation.models import Membership, Team

DEMO_PASSWORD = "mia-demo-2026"
# The named demo accounts share one TOTP key, so that client files (which always ask for a second
# factor) can be tried without an authenticator app: `mia demo_code` prints the current code.
# Demo only: the key is public.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    teams: tuple[str, ...]
    description: str


# The accounts printed by the run command: one per kind of work.
NAMED = [
    DemoLogin("admin", Role.ADMIN, (), "Administration, Stammdaten"),
    DemoLogin("empfang", Role.RECEPTION, (), "Eingangszone"),
    DemoLogin("auslaenderrecht", Role.CLERK, ("A",), "Sachbearbeitung Ausländerrecht"),
    DemoLogin("teamleitung", Role.TEAM_LEAD, ("A",), "Teamleitung Ausländerrecht"),
    DemoLogin("jobcenter", Role.CLERK, ("J",), "Sachbearbeitung Jobcenter"),
    DemoLogin("unterkunft", Role.HOUSING, ("U",), "Unterbringung"),
    DemoLogin("redaktion", Role.EDITOR, (), "Portal-Redaktion"),
    DemoLogin("partner", Role.PARTNER_EDITOR, (), "Netzwerkpartner"),
    DemoLogin("datenschutz", Role.AUDITOR, (), "Datenschutz, Prüfung"),
]

# Staff per team letter beyond the named accounts; the first of each team leads it.
TEAM_SIZES = {
    "A": 10,
    "L": 6,
    "U": 5,
    "M": 6,
    "J": 9,
    "E": 5,
    "F": 5,
    "W": 3,
    "K": 3,
    "V": 2,
    "P": 1,
    "C": 2,
}
EXTRA = [(Role.RECEPTION, 4), (Role.EDITOR, 1)]
TOTAL_STAFF = 71

FIRST_NAMES = [
    "Anna",
    "Katrin",
    "Thomas",
    "Sabine",
    "Michael",
    "Yasmin",
    "Olena",
    "Mehmet",
    "Julia",
    "Andreas",
    "Fatima",
    "Dmytro",
    "Sandra",
    "Ahmad",
    "Claudia",
    "Jan",
    "Ioana",
    "Marek",
    "Lan",
    "Sophie",
    "Stefan",
    "Nadia",
    "Tobias",
    "Elif",
    "Karim",
    "Petra",
    "Oksana",
    "Rahim",
    "Heike",
    "Lukas",
]
LAST_NAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schulz",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Krüger",
    "Hartmann",
    "Haddad",
    "Kovalenko",
    "Yılmaz",
    "Popescu",
    "Nowak",
    "Nguyen",
    "Rahimi",
    "Dubois",
    "Sokolova",
    "Lange",
    "Werner",
    "Krause",
]
SECOND_LANGUAGES = ["en", "en", "en", "ar", "uk", "ru", "fa", "ps", "tr", "ro", "pl", "vi", "fr"]

ROLE_FOR_TEAM = {"U": Role.HOUSING}


def _account(username: str, role: str, rng: random.Random, password: str) -> User:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    languages = sorted({"de", *rng.sample(SECOND_LANGUAGES, k=rng.randint(1, 2))})
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            "role": role,
            "languages": languages,
            "is_staff": role == Role.ADMIN,
            "is_superuser": role == Role.ADMIN,
            "password": password,
        },
    )
    return user


def _join(user: User, team: Team, lead: bool) -> None:
    Membership.objects.update_or_create(user=user, team=team, defaults={"is_lead": lead})


@transaction.atomic
def load(teams: dict[str, Team]) -> list[DemoLogin]:
    rng = random.Random(2018)  # the agency opened in 2018; fixed seed keeps reloads identical
    password = make_password(DEMO_PASSWORD)
    for login in NAMED:
        user = _account(login.username, login.role, rng, password)
        for letter in login.teams:
            _join(user, teams[letter], lead=login.role == Role.TEAM_LEAD)
        TOTPDevice.objects.update_or_create(
            user=user, name="Demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
        )
    for letter, size in TEAM_SIZES.items():
        for number in range(1, size + 1):
            lead = number == 1 and letter != "A"  # team A is led by "teamleitung"
            role = Role.TEAM_LEAD if lead else ROLE_FOR_TEAM.get(letter, Role.CLERK)
            user = _account(f"{letter.lower()}{number:02d}", role, rng, password)
            _join(user, teams[letter], lead=lead)
    for role, count in EXTRA:
        for number in range(1, count + 1):
            _account(f"{role}{number:02d}", role, rng, password)
    return NAMED
