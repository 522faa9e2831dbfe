"""Finding a client: spelling and transliteration variants, date of birth, reference numbers."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from mia.accounts.models import User
from mia.clients.models import Client
from mia.clients.selectors import lists
from mia.clients.selectors.search import client_search
from mia.clients.services import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(staff):
    return staff["clerk"]


@pytest.fixture
def people(clerk):
    def make(first: str, last: str, born: dt.date | None = None, **extra) -> Client:
        values = {"first_name": first, "last_name": last, "birth_date": born, **extra}
        return record.client_create(user=clerk, values=values)

    return {
        "mohammed": make("Mohammed", "Al-Rashid", dt.date(1988, 3, 1), file_number="ABH-2023-117"),
        "yusuf": make("Yusuf", "Demir", dt.date(1979, 11, 30), benefit_number="07301BG0042"),
        "hussein": make("Hussein", "Karimi", dt.date(2001, 7, 4)),
        "oleksandr": make("Олександр", "Коваленко", dt.date(1985, 2, 1)),
        "mueller": make("Jana", "Müller", dt.date(1990, 5, 17)),
        "amira": make("Amira", "Haddad", dt.date(1990, 5, 17), other_names="Amirah Hadad"),
        "lan": make("Thị Lan", "Nguyễn", dt.date(1995, 9, 9)),
    }


def found(clerk, query: str) -> list[str]:
    return [c.last_name for c in client_search(user=clerk, query=query)]


@pytest.mark.parametrize(
    ("query", "last_name"),
    [
        ("Mohammed", "Al-Rashid"),
        ("Muhammad", "Al-Rashid"),
        ("Mohamad", "Al-Rashid"),
        ("Muhammed", "Al-Rashid"),
        ("Mohammad al rashid", "Al-Rashid"),
        ("Мухаммед", "Al-Rashid"),
        ("Yusuf", "Demir"),
        ("Jussuf", "Demir"),
        ("Yousef Demir", "Demir"),
        ("Hussein", "Karimi"),
        ("Husain", "Karimi"),
        ("Oleksandr", "Коваленко"),
        ("Aleksandr Kovalenko", "Коваленко"),
        ("Alexander", "Коваленко"),
        ("Александр", "Коваленко"),
        ("Mueller", "Müller"),
        ("Muller", "Müller"),
        ("Nguyen", "Nguyễn"),
        ("Hadad", "Haddad"),
    ],
)
def test_a_variant_spelling_finds_the_client(clerk, people, query, last_name):
    assert found(clerk, query) == [last_name]


def test_a_prefix_of_three_letters_or_more_finds_the_name(clerk, people):
    assert found(clerk, "Kar") == ["Karimi"]


@pytest.mark.parametrize("born", ["17.05.1990", "1990-05-17", "17.5.1990"])
def test_the_date_of_birth_in_german_or_iso_form_finds_everyone_born_that_day(clerk, people, born):
    assert found(clerk, born) == ["Haddad", "Müller"]


def test_name_and_date_of_birth_together_narrow_the_hits(clerk, people):
    assert found(clerk, "Müller 17.05.1990") == ["Müller"]
    assert found(clerk, "Müller 18.05.1990") == []


def test_an_impossible_date_finds_nothing(clerk, people):
    assert found(clerk, "31.02.1990") == []


@pytest.mark.parametrize("reference", ["ABH-2023-117", "abh-2023-117", "07301BG0042"])
def test_a_file_or_benefit_community_number_finds_the_client(clerk, people, reference):
    assert len(found(clerk, reference)) == 1


def test_the_exact_spelling_comes_first(clerk, people):
    record.client_create(user=clerk, values={"first_name": "Muhammad", "last_name": "Zaidi"})
    record.client_create(user=clerk, values={"first_name": "Mohamad", "last_name": "Abbas"})
    hits = client_search(user=clerk, query="Muhammad")
    assert hits[0].first_name == "Muhammad"
    assert sorted(c.first_name for c in hits) == ["Mohamad", "Mohammed", "Muhammad"]


def test_anonymised_clients_are_never_found(clerk, people):
    Client.objects.filter(pk=people["hussein"].pk).update(anonymised_at=timezone.now())
    assert found(clerk, "Hussein") == []
    assert found(clerk, "01.07.2001") == []


@pytest.mark.parametrize(
    "query",
    ["", "   ", "?!.,;:-–()", "Xqzvwpt", "x" * 5000, "Qqqq " * 1000, "%_%", "'; --"],
)
def test_nonsense_empty_or_huge_queries_find_nothing_and_do_not_fail(clerk, people, query):
    assert found(clerk, query) == []


def test_many_matches_are_capped(clerk):
    for number in range(60):
        record.client_create(
            user=clerk, values={"first_name": "Ali", "last_name": f"Rahimi {number:02d}"}
        )
    assert len(found(clerk, "Rahimi")) == 50


def test_editors_cannot_search(staff, people):
    with pytest.raises(PermissionDenied):
        client_search(user=staff["editor"], query="Haddad")


def test_the_demo_clients_load_once_and_their_variant_spellings_are_found(demo_agency):
    files = Client.objects.count()
    assert files == 40
    call_command("demo", stdout=io.StringIO())
    assert Client.objects.count() == files
    clerk = User.objects.get(username="auslaenderrecht")
    hits = client_search(user=clerk, query="Mohammed")
    assert {c.first_name for c in hits} >= {"Mohammad", "Muhammed", "Mohamed", "Muhammad"}
    week = dt.date.today() + dt.timedelta(days=6)
    for username in ("auslaenderrecht", "jobcenter"):
        mine = lists.deadlines_mine(user=User.objects.get(username=username))
        assert any(d.due <= week for d in mine), username
    assert len(lists.expiring(user=clerk)) >= 5


def test_a_name_of_two_parts_is_found_written_together_and_apart(staff):
    hijazi = record.client_create(
        user=staff["clerk"], values={"first_name": "Abdul Rahman", "last_name": "Al-Hijazi"}
    )
    for query in ["Alhijazi", "Al-Hijazi", "al hijazi", "Abdulrahman", "Abdul Rahman Al-Hijazi"]:
        assert hijazi in client_search(user=staff["clerk"], query=query), query
