import io

import pytest
from altcha import Challenge, Payload, solve_challenge
from django.core.management import call_command
from django.utils import translation

from mia.core import altcha
from tests import factories


@pytest.fixture(autouse=True)
def german_by_default():
    """Each test starts in German, the default language; a request to /en/ in an earlier test
    (LocaleMiddleware activates its language in the thread) must not change later URLs."""
    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture
def demo_agency(db):
    """The full demo agency, as `mia demo` loads it."""
    call_command("demo", stdout=io.StringIO())


@pytest.fixture
def agency(db):
    """A small agency: two teams, three services, a few translations."""
    foreign = factories.team("A", "Ausländerrecht", description="Aufenthalt und Visum")
    jobs = factories.team("J", "Jobcenter", slug="jobcenter")
    factories.translate(foreign, "ar", name="قانون الأجانب", description="الإقامة والتأشيرة")
    factories.translate(foreign, "uk", name="Право іноземців", description="Перебування і віза")
    permit = factories.service(foreign, "permit", "Aufenthaltserlaubnis verlängern")
    factories.translate(permit, "ar", name="تمديد تصريح الإقامة", description="")
    factories.translate(permit, "uk", name="Продовжити посвідку на проживання", description="")
    passport = factories.Document.objects.create(key="passport", name="Reisepass")
    factories.translate(passport, "uk", name="Закордонний паспорт")
    permit.documents.add(passport)
    benefits = factories.service(jobs, "benefits", "Bürgergeld beantragen", walk_in=False)
    counselling = factories.service(jobs, "counselling", "Beratung", bookable=False)
    return {
        "location": factories.location(),
        "teams": {"A": foreign, "J": jobs},
        "services": {"permit": permit, "benefits": benefits, "counselling": counselling},
    }


@pytest.fixture
def altcha_payload():
    """Solves a fresh ALTCHA challenge of MiA's, as the widget does; one payload per call."""

    def solve() -> str:
        challenge = Challenge.from_dict(altcha.challenge_create())
        solution = solve_challenge(challenge, timeout=30)
        assert solution is not None
        return Payload(challenge, solution).to_base64()

    return solve
