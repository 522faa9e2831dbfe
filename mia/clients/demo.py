"""40 demo client files: families and single people from the agency's main countries of origin,
with cases of six teams, notes, deadlines due this week, residence titles running out within
eight weeks, one consent (the foreigners' office shares its cases with the jobcenter) and one
access without consent for the team lead to review.

Written through the services, as the demo clerks would, so every row carries its audit entry.
Dates are relative to the day of loading; loading again changes nothing."""

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from mia.accounts.models import User
from mia.clients.models import Case, Category, Client
from mia.clients.services import casework, record, sharing
from mia.organisation.models import Service, Team

# Who writes each team's cases: the named demo accounts, else a clerk of mia/accounts/demo.py.
WRITERS = {
    "A": "auslaenderrecht",
    "J": "jobcenter",
    "U": "unterkunft",
    "L": "l02",
    "M": "m02",
    "F": "f02",
}
MARKER = "ABH-2024-0101"  # the first demo client's file number: present means loaded

# key, first, last, born, nationalities, languages, status, residence title expires in days,
# file number, household
CLIENTS: list[tuple[str, str, str, str, str, str, str, int | None, str, str]] = [
    ("amal", "Amal", "Al-Khatib", "1990-05-17", "SY", "ar en", "permit", 12, MARKER, "khatib"),
    ("khaled", "Khaled", "Al-Khatib", "1986-01-09", "SY", "ar", "permit", 12, "ABH-2024-0102", "khatib"),
    ("lina", "Lina", "Al-Khatib", "2015-03-22", "SY", "ar de", "permit", 12, "", "khatib"),
    ("omar", "Omar", "Al-Khatib", "2019-11-02", "SY", "ar de", "permit", 12, "", "khatib"),
    ("olena", "Olena", "Kovalenko", "1984-07-30", "UA", "uk ru", "protection_24", 33, "ABH-2023-0877", "kovalenko"),
    ("mykyta", "Mykyta", "Kovalenko", "2012-02-14", "UA", "uk", "protection_24", 33, "", "kovalenko"),
    ("sofiia", "Sofiia", "Kovalenko", "2016-09-05", "UA", "uk", "protection_24", 33, "", "kovalenko"),
    ("mohammad", "Mohammad", "Rahimi", "1982-04-01", "AF", "fa ps", "gestattung", 20, "ABH-2024-0233", "rahimi"),
    ("zahra", "Zahra", "Rahimi", "1987-08-19", "AF", "fa", "gestattung", 20, "ABH-2024-0234", "rahimi"),
    ("ali", "Ali", "Rahimi", "2009-12-12", "AF", "fa de", "gestattung", 20, "", "rahimi"),
    ("muhammed", "Muhammed", "Yılmaz", "1995-06-10", "TR", "tr de", "permit", 45, "ABH-2022-0410", ""),
    ("mohamed", "Mohamed", "Al-Sayed", "1978-10-25", "SY", "ar", "settlement", None, "ABH-2016-1203", ""),
    ("muhammad", "Muhammad", "Nazari", "2005-01-01", "AF", "ps fa", "duldung", 5, "ABH-2023-0666", ""),
    ("yusuf", "Yusuf", "Demir", "1999-03-03", "TR", "tr", "permit", 180, "ABH-2021-0321", ""),
    ("yousef", "Yousef", "Khalil", "1993-05-05", "SY", "ar en", "permit", 52, "ABH-2019-0555", ""),
    ("hussein", "Hussein", "Ahmadi", "1990-01-01", "AF", "fa", "duldung", -6, "ABH-2020-0901", ""),
    ("oleksandr", "Oleksandr", "Shevchenko", "1975-08-24", "UA", "uk ru", "protection_24", 33, "ABH-2022-0303", ""),
    ("aleksandr", "Aleksandr", "Smirnov", "1981-12-01", "RU", "ru", "fiktion", 26, "ABH-2024-0150", ""),
    ("dmytro", "Dmytro", "Bondarenko", "1998-04-17", "UA", "uk en", "protection_24", 300, "ABH-2022-0412", ""),
    ("natalia", "Natalia", "Ivanova", "1969-02-28", "RU", "ru", "settlement", None, "ABH-2011-0077", ""),
    ("ahmad", "Ahmad", "Karimi", "2008-06-15", "AF", "ps", "duldung", 40, "ABH-2024-0512", ""),
    ("hamid", "Hamid", "Sultani", "2009-09-09", "AF", "fa", "gestattung", 120, "ABH-2025-0044", ""),
    ("ioana", "Ioana", "Popescu", "1992-11-11", "RO", "ro en", "eu", None, "", ""),
    ("andrei", "Andrei", "Munteanu", "1988-07-07", "RO", "ro", "eu", None, "", ""),
    ("katarzyna", "Katarzyna", "Nowak", "1985-10-10", "PL", "pl de", "eu", None, "", ""),
    ("piotr", "Piotr", "Wiśniewski", "1979-01-20", "PL", "pl", "eu", None, "", ""),
    ("minh", "Văn Minh", "Nguyễn", "1991-03-15", "VN", "vi", "permit", 240, "ABH-2018-0808", ""),
    ("lan", "Thị Lan", "Trần", "1996-12-24", "VN", "vi en", "blue_card", 400, "ABH-2023-0999", ""),
    ("fatima", "Fatima", "Osman", "1994-04-04", "SD", "ar en", "gestattung", 60, "ABH-2024-0300", ""),
    ("aziz", "Aziz", "Mohammadi", "1989-05-21", "AF", "fa ps", "permit", 90, "ABH-2020-0440", ""),
    ("rania", "Rania", "Al-Hassan", "1997-02-02", "IQ", "ar ku", "permit", 150, "ABH-2021-0777", ""),
    ("tesfaye", "Tesfaye", "Bekele", "1992-08-08", "ER", "ti en", "permit", 210, "ABH-2019-0123", ""),
    ("merve", "Merve", "Kaya", "2000-10-30", "TR", "tr de", "permit", 365, "ABH-2020-0222", ""),
    ("ayse", "Ayşe", "Öztürk", "1972-03-08", "TR", "tr", "settlement", None, "ABH-2005-0013", ""),
    ("svitlana", "Svitlana", "Melnyk", "1990-06-06", "UA", "uk", "protection_24", 33, "ABH-2022-0505", ""),
    ("elena", "Elena", "Popa", "1987-09-19", "MD", "ro ru", "permit", 75, "ABH-2023-0121", ""),
    ("samir", "Samir", "Darwish", "1985-12-30", "SY", "ar", "permit", 500, "ABH-2017-0303", ""),
    ("marwa", "Marwa", "Abdullah", "1998-07-14", "IQ", "ar", "gestattung", 14, "ABH-2024-0714", ""),
    ("reza", "Reza", "Hosseini", "1983-11-23", "IR", "fa en", "permit", 130, "ABH-2019-0456", ""),
    ("nour", "Nour", "Aldin", "2003-01-31", "SY", "ar de", "duldung", 28, "ABH-2023-0131", ""),
]  # fmt: skip

LETTER_LANGUAGES = {"ar", "uk", "ru", "fa", "ps", "tr", "ro", "pl", "vi", "en"}


@dataclass(frozen=True)
class DemoCase:
    client: str
    team: str
    subject: str
    notes: tuple[tuple[str, bool], ...] = ()  # (text, shareable)
    deadlines: tuple[tuple[str, int, str], ...] = ()  # (what is due, in days, service slug)
    status: str = Case.Status.OPEN


CASES = [
    DemoCase("amal", "A", "Verlängerung der Aufenthaltserlaubnis (§ 25 Abs. 2)",
             (("Pass und Mietvertrag liegen vor, Einkommensnachweis fehlt.", True),),
             (("Einkommensnachweis nachreichen", 2, "aufenthaltserlaubnis-verlaengern"),)),
    DemoCase("khaled", "A", "Verlängerung der Aufenthaltserlaubnis (§ 25 Abs. 2)",
             deadlines=(("Termin zur Verlängerung", 3, "aufenthaltserlaubnis-verlaengern"),)),
    DemoCase("amal", "J", "Bürgergeld Bedarfsgemeinschaft Al-Khatib",
             (("Weiterbewilligungsantrag ausgegeben.", False),),
             (("Weiterbewilligung prüfen", 1, "buergergeld-weiterbewilligung"),)),
    DemoCase("lina", "K", "Schulanmeldung Klasse 5"),
    DemoCase("omar", "F", "Kita-Platz ab Sommer", (("Bedarf für 30 Std./Woche angemeldet.", False),)),
    DemoCase("olena", "A", "Aufenthaltserlaubnis § 24 verlängern",
             (("Fiktionsbescheinigung ausgestellt.", True),),
             (("eAT abholen lassen", 0, "eat-abholen"),)),
    DemoCase("olena", "J", "Bürgergeld Erstantrag",
             (("Kontoauszüge der letzten 3 Monate fehlen.", False),),
             (("Unterlagen vollständig?", 4, "buergergeld-erstantrag"),)),
    DemoCase("olena", "M", "Anerkennung Abschluss Lehramt", (("Zeugnisse übersetzen lassen.", False),)),
    DemoCase("mykyta", "F", "Beratung Schulwechsel"),
    DemoCase("mohammad", "A", "Asylverfahren: Gestattung verlängern",
             deadlines=(("Gestattung läuft aus", 0, ""),)),
    DemoCase("mohammad", "L", "Leistungen nach AsylbLG", (("Bescheid bis Monatsende.", False),)),
    DemoCase("mohammad", "U", "Zuweisung Gemeinschaftsunterkunft Zeitz",
             (("Familie wünscht Wohnung in Naumburg.", False),)),
    DemoCase("zahra", "M", "Erstorientierung, Integrationskurs"),
    DemoCase("muhammed", "A", "Niederlassungserlaubnis beantragen",
             (("B1-Zertifikat liegt vor.", False),),
             (("Rentenversicherungsverlauf anfordern", 6, "niederlassungserlaubnis"),)),
    DemoCase("mohamed", "J", "Beratung Arbeit und Ausbildung",
             deadlines=(("Eingliederungsvereinbarung besprechen", 2, "beratung-arbeit-ausbildung"),)),
    DemoCase("muhammad", "A", "Duldung verlängern, Passbeschaffung",
             (("Mitwirkungspflicht erläutert, Dolmetscher Paschtu.", False),),
             (("Duldung verlängern", -1, "duldung-verlaengern"),)),
    DemoCase("yousef", "A", "Beschäftigungserlaubnis ändern",
             deadlines=(("Arbeitsvertrag prüfen", 9, "beschaeftigungserlaubnis"),)),
    DemoCase("hussein", "A", "Duldung abgelaufen", (("Vorsprache angekündigt.", False),)),
    DemoCase("oleksandr", "A", "Aufenthaltserlaubnis § 24 verlängern"),
    DemoCase("oleksandr", "J", "Vermittlung Arbeit",
             deadlines=(("Bewerbungsnachweise", 3, "beratung-arbeit-ausbildung"),)),
    DemoCase("aleksandr", "A", "Fiktionsbescheinigung, Entscheidung offen",
             deadlines=(("Stellungnahme Arbeitgeber", 4, ""),)),
    DemoCase("dmytro", "J", "Bürgergeld eingestellt (Arbeitsaufnahme)", status=Case.Status.CLOSED),
    DemoCase("ahmad", "F", "Unbegleiteter Minderjähriger: Vormundschaft",
             (("Inobhutnahme durch Jugendamt, Clearingverfahren läuft.", False),)),
    DemoCase("hamid", "F", "Unbegleiteter Minderjähriger: Hilfeplan"),
    DemoCase("ahmad", "A", "Duldung für Minderjährigen",
             deadlines=(("Duldung verlängern", 8, "duldung-verlaengern"),)),
    DemoCase("minh", "W", "Beratung Existenzgründung"),
    DemoCase("fatima", "L", "Leistungen nach AsylbLG",
             deadlines=(("Änderung Einkommen prüfen", 5, "asylblg-aenderungen-melden"),)),
    DemoCase("fatima", "A", "Gestattung verlängern"),
    DemoCase("aziz", "M", "Migrationsberatung (MBE)", (("Sprachkurs B2 vermittelt.", False),)),
    DemoCase("svitlana", "A", "Aufenthaltserlaubnis § 24 verlängern"),
    DemoCase("svitlana", "U", "Auszug in eigene Wohnung", (("Wohnungsangebot in Weißenfels.", False),)),
    DemoCase("marwa", "A", "Gestattung verlängern", deadlines=(("Gestattung verlängern", 1, ""),)),
    DemoCase("nour", "A", "Ausbildungsduldung prüfen",
             (("Ausbildungsvertrag Pflegefachfrau liegt vor.", False),)),
    DemoCase("elena", "A", "Familiennachzug Ehemann",
             deadlines=(("Visumsverfahren: Zustimmung", 20, "familiennachzug"),)),
    DemoCase("reza", "J", "Weiterbewilligung", status=Case.Status.CLOSED),
]  # fmt: skip

CONSENT_CLIENT = "amal"  # A's cases and deadlines shared with the jobcenter
GRANT = ("olena", "J", "A", "§ 71 AufenthG: Aufenthaltsstatus für die Leistungsbewilligung prüfen")


def _form_scan() -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile("einwilligung.pdf", out.getvalue(), content_type="application/pdf")


def _values(row: tuple[Any, ...], today: dt.date) -> dict[str, Any]:
    _key, first, last, born, nationality, languages, status, expires, number, _home = row
    spoken = languages.split()
    return {
        "first_name": first,
        "last_name": last,
        "birth_date": dt.date.fromisoformat(born),
        "nationalities": [nationality],
        "languages": spoken,
        "language": next((code for code in spoken if code in LETTER_LANGUAGES), "de"),
        "residence_status": status,
        "residence_expires": today + dt.timedelta(days=expires) if expires is not None else None,
        "file_number": number,
        "town": "Naumburg (Saale)",
        "postcode": "06618",
    }


def _clients(admin: User, today: dt.date) -> dict[str, Client]:
    clients: dict[str, Client] = {}
    homes: dict[str, Client] = {}
    for row in CLIENTS:
        key, home = row[0], row[9]
        client = record.client_create(user=admin, values=_values(row, today))
        if home in homes:
            record.household_join(user=admin, client=homes[home], member=client)
        elif home:
            homes[home] = client
        clients[key] = client
    return clients


def _casework(spec: DemoCase, client: Client, team: Team, writer: User, today: dt.date) -> None:
    case = casework.case_open(user=writer, client=client, team=team, subject=spec.subject)
    for text, shareable in spec.notes:
        casework.note_add(user=writer, case=case, body=text, shareable=shareable)
    for title, days, slug in spec.deadlines:
        service = Service.objects.filter(slug=slug, team=team).first() if slug else None
        casework.deadline_add(
            user=writer,
            case=case,
            title=title,
            due=today + dt.timedelta(days=days),
            service=service,
        )
    if spec.status != Case.Status.OPEN:
        casework.case_update(user=writer, case=case, subject=spec.subject, status=spec.status)


def _writers(teams: dict[str, Team]) -> dict[str, User]:
    found = {}
    for letter, team in teams.items():
        username = WRITERS.get(letter, f"{letter.lower()}02")
        user = User.objects.filter(username=username).first()
        if user is not None:
            found[team.letter] = user
    return found


@transaction.atomic
def load(teams: dict[str, Team]) -> int:
    """Create the demo client files unless they are there; the number of files created."""
    if Client.objects.filter(file_number=MARKER).exists():
        return 0
    today = timezone.localdate()
    admin = User.objects.get(username="admin")
    writers = _writers(teams)
    clients = _clients(admin, today)
    for spec in CASES:
        if spec.team in teams and spec.team in writers:
            _casework(spec, clients[spec.client], teams[spec.team], writers[spec.team], today)
    sharing.consent_record(
        user=writers["A"],
        client=clients[CONSENT_CLIENT],
        owners=[teams["A"]],
        recipients=[teams["J"]],
        categories=[Category.CASES, Category.DEADLINES, Category.NOTES],
        given_on=today - dt.timedelta(days=10),
        form=_form_scan(),
    )
    client, reader, owner, reason = GRANT
    sharing.grant_open(
        user=writers[reader],
        client=clients[client],
        team=teams[owner],
        basis="legal",
        reason=reason,
    )
    return len(clients)
