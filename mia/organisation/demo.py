"""The demo agency: the Migrationsagentur Burgenlandkreis in Naumburg, loaded idempotently."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from mia.core.languages import TRANSLATION_CODES
from mia.organisation.models import (
    Closure,
    Desk,
    Document,
    DocumentTranslation,
    Location,
    OpeningPeriod,
    Service,
    ServiceTranslation,
    Team,
    TeamTranslation,
)

DATA = Path(__file__).with_name("demo_data")

# (weekday, opens, closes); appointments all week, walk-ins on three days.
OPENING_HOURS = [(day, "08:00", "12:00") for day in range(5)] + [
    (0, "13:00", "15:30"),
    (1, "13:00", "18:00"),
    (3, "13:00", "15:30"),
]
WALK_IN_HOURS = [
    (0, "08:00", "12:00"),
    (1, "08:00", "12:00"),
    (1, "13:00", "17:00"),
    (3, "08:00", "12:00"),
]

PICTOGRAMS = {
    "A": "🛂",
    "L": "💶",
    "U": "🏠",
    "M": "🧭",
    "J": "💼",
    "E": "🔎",
    "F": "👪",
    "W": "🏭",
    "K": "🏫",
    "V": "📚",
    "P": "⚽",
    "C": "⛪",
}

# Rooms per team letter; every room holds one desk.
DESK_ROOMS = {
    "A": ["1.10", "1.11", "1.12", "1.13"],
    "L": ["1.20", "1.21"],
    "U": ["1.22", "1.23"],
    "M": ["0.14", "0.15"],
    "J": ["2.01", "2.02", "2.03"],
    "E": ["2.10", "2.11"],
    "F": ["2.20", "2.21"],
    "W": ["2.30"],
    "K": ["2.31"],
    "V": ["0.20"],
    "P": ["0.21"],
    "C": ["0.22"],
}


def _load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def teams_data() -> list[dict[str, Any]]:
    return [team for path in sorted(DATA.glob("teams_*.json")) for team in _load(path.name)]


def _translate(model: type, parent: str, obj: object, texts: dict[str, dict[str, str]]) -> None:
    for code in TRANSLATION_CODES:
        values = {field: by_language.get(code, "") for field, by_language in texts.items()}
        if not all(values.values()):
            continue
        model._default_manager.update_or_create(  # type: ignore[attr-defined]
            **{parent: obj, "language": code}, defaults=values
        )


def _documents() -> dict[str, Document]:
    documents = {}
    for key, names in _load("documents.json").items():
        document, _ = Document.objects.update_or_create(key=key, defaults={"name": names["de"]})
        _translate(DocumentTranslation, "document", document, {"name": names})
        documents[key] = document
    return documents


def location() -> Location:
    location, _ = Location.objects.update_or_create(
        slug="naumburg",
        defaults={
            "name": "Migrationsagentur Burgenlandkreis",
            "street": "Schönburger Straße 41",
            "postcode": "06618",
            "town": "Naumburg (Saale)",
            "phone": "+49 3445 73-0",
            "email": "migrationsagentur@example.org",
        },
    )
    for kind, rows in (
        (OpeningPeriod.Kind.OPENING, OPENING_HOURS),
        (OpeningPeriod.Kind.WALK_IN, WALK_IN_HOURS),
    ):
        for weekday, opens, closes in rows:
            OpeningPeriod.objects.update_or_create(
                location=location,
                kind=kind,
                weekday=weekday,
                opens=dt.time.fromisoformat(opens),
                defaults={"closes": dt.time.fromisoformat(closes)},
            )
    year = dt.date.today().year
    for day, reason in (
        (dt.date(year, 12, 24), "Heiligabend"),
        (dt.date(year, 12, 31), "Silvester"),
    ):
        Closure.objects.update_or_create(location=location, date=day, defaults={"reason": reason})
    return location


def _teams(documents: dict[str, Document]) -> dict[str, Team]:
    teams = {}
    for position, data in enumerate(teams_data()):
        team, _ = Team.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "letter": data["letter"],
                "kind": data["kind"],
                "name": data["name"]["de"],
                "description": data["description"]["de"],
                "position": position,
                "pictogram": PICTOGRAMS.get(data["letter"], ""),
            },
        )
        _translate(
            TeamTranslation,
            "team",
            team,
            {"name": data["name"], "description": data["description"]},
        )
        for service_position, item in enumerate(data["services"]):
            service, _ = Service.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "team": team,
                    "name": item["name"]["de"],
                    "description": item["description"]["de"],
                    "duration_minutes": item["duration_minutes"],
                    "walk_in": item["walk_in"],
                    "bookable": item["bookable"],
                    "leika_key": item.get("leika_key") or "",
                    "target_groups": item["target_groups"],
                    "position": service_position,
                },
            )
            service.documents.set([documents[key] for key in item["documents"]])
            _translate(
                ServiceTranslation,
                "service",
                service,
                {"name": item["name"], "description": item["description"]},
            )
        teams[team.letter] = team
    return teams


def _desks(location: Location, teams: dict[str, Team]) -> None:
    for letter, rooms in DESK_ROOMS.items():
        if letter not in teams:
            continue
        for number, room in enumerate(rooms, start=1):
            desk, _ = Desk.objects.update_or_create(
                location=location,
                name=f"{teams[letter].name[:40]} {number}",
                defaults={"room": room},
            )
            desk.teams.set([teams[letter]])


@transaction.atomic
def load() -> dict[str, Team]:
    documents = _documents()
    place = location()
    teams = _teams(documents)
    _desks(place, teams)
    return teams
