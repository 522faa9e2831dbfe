import pytest
from django.core.management import call_command

from mia.accounts.demo import TOTAL_STAFF
from mia.accounts.models import Role, User
from mia.core.languages import CODES, TRANSLATION_CODES
from mia.organisation.models import Desk, Location, Service, ServiceTranslation, Team

pytestmark = pytest.mark.django_db

UNITS = [
    "Ausländerrecht",
    "Asylbewerberleistungen",
    "Unterbringung",
    "Integrationsberatung",
    "Jobcenter",
    "Agentur für Arbeit",
    "Jugendamt",
    "Fachkräfte",
    "Bildung",
    "Kreisvolkshochschule",
    "Kreissportbund",
    "Kirchenkreis",
]


def counts() -> dict[str, int]:
    return {
        "locations": Location.objects.count(),
        "teams": Team.objects.count(),
        "services": Service.objects.count(),
        "translations": ServiceTranslation.objects.count(),
        "users": User.objects.count(),
        "desks": Desk.objects.count(),
    }


def test_the_demo_agency_has_the_real_agencys_units(demo_agency):
    names = " ".join(Team.objects.values_list("name", flat=True))
    for unit in UNITS:
        assert unit in names
    seconded = Team.objects.filter(kind=Team.Kind.SECONDED).values_list("slug", flat=True)
    assert {"kreisvolkshochschule", "kreissportbund", "kirchenkreis"} <= set(seconded)
    assert Location.objects.get().town == "Naumburg (Saale)"


def test_the_demo_has_forty_services_with_documents_in_twelve_languages(demo_agency):
    services = Service.objects.prefetch_related("translations", "documents")
    assert services.count() >= 40
    for service in services:
        assert service.documents.exists(), service.slug
        assert {t.language for t in service.translations.all()} == set(TRANSLATION_CODES)
    assert len(CODES) == 12


def test_the_demo_has_71_staff_with_roles_teams_and_languages(demo_agency):
    staff = User.objects.exclude(role="")
    assert staff.count() == TOTAL_STAFF == 71
    assert set(staff.values_list("role", flat=True)) == set(Role.values)
    for team in Team.objects.all():
        assert team.memberships.filter(is_lead=True).count() == 1, team.slug
        assert team.desks.exists(), team.slug
    assert all("de" in user.languages for user in staff)


def test_loading_the_demo_twice_changes_nothing(demo_agency):
    before = counts()
    call_command("demo", verbosity=0)
    assert counts() == before
