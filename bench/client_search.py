"""Client search and opening a client file with 100,000 client files on PostgreSQL.

What it builds. The database mia_bench_clients (created when missing; migrated, with the demo
agency) gets --clients generated client files, written with bulk_create in batches: names from
the agency's main countries of origin (Syria and Iraq, Afghanistan, Ukraine, Russia, Turkey,
Romania and Moldova, Poland, Vietnam, Germany), a quarter of them recorded in a second German
transliteration (Schewtschenko for Shevchenko, Jussuf for Yusuf) and some Ukrainian and Russian
names in Cyrillic, birth dates, file numbers, benefit community numbers for one in four, and for
~30 % a case of one of six teams with a note. The search words (ClientName) are computed with
mia.clients.names.name_words, as the services do. Generation is skipped when the database
already holds exactly --clients bench files; otherwise the bench files are replaced.

What it measures. --queries searches, each for a randomly drawn bench client spelled another
way (a transliteration variant of its names): "first last" (45 %), the last name alone (25 %),
last name with the date of birth dd.mm.yyyy (20 %), the first name alone (10 %); and --queries
openings of random client files. Both in-process (the selectors called directly, as a request
would, each writing its access-log row) and over HTTP against gunicorn (2 workers, bearer token
of the demo clerk `auslaenderrecht`, GET /api/v1/clients?q= and GET /api/v1/clients/{id}).
Reported: p50/p95/p99 per kind, the share of searches whose drawn client is among the 50 hits,
and EXPLAIN ANALYZE of the slowest in-process search. Targets: search median < 100 ms, file
open median < 50 ms; the script exits non-zero when a median misses its target.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mia_bench_clients \\
        .venv/bin/python bench/client_search.py
    .venv/bin/python bench/client_search.py --no-http --queries 100

Results: bench/results/client_search_postgresql.json.
"""

import argparse
import datetime as dt
import gc
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from server import mia, server_env, start_gunicorn, stop_gunicorn, wait_until_up  # noqa: E402

DATABASE = "mia_bench_clients"
BATCH = 5000
PREFIX = "BENCH-"
USERNAME = "auslaenderrecht"
TARGETS_MS = {"search": 100.0, "file": 50.0}
PORT = 8791

ARABIC_ROOTS = (
    "Khatib", "Haddad", "Hassan", "Sayed", "Najjar", "Hamdan", "Darwish", "Khalil", "Halabi",
    "Shami", "Masri", "Homsi", "Tamimi", "Zoubi", "Rifai", "Qasim", "Jaber", "Saleh", "Mansour",
    "Nasser", "Azzam", "Bakri", "Habib", "Kanaan", "Rashid", "Karam", "Hakim", "Issa", "Yassin",
    "Ghanem", "Awad", "Barakat", "Hijazi", "Sabbagh", "Tahan", "Attar", "Kurdi", "Obeid",
    "Dabbagh", "Farhat", "Shaker", "Jouma", "Othman", "Hamwi", "Suleiman", "Ibrahim",
)  # fmt: skip
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "SY": (
        ("Mohammed", "Muhammad", "Mohamad", "Mohammad", "Ahmad", "Ahmed", "Khaled", "Omar",
         "Yousef", "Youssef", "Hussein", "Hassan", "Ali", "Amal", "Fatima", "Aisha", "Rania",
         "Nour", "Layla", "Mahmoud", "Abdullah", "Ibrahim", "Samir", "Bashar", "Hala", "Reem",
         "Marwa", "Walid", "Tarek", "Rasha"),
        tuple(p + r for r in ARABIC_ROOTS for p in ("Al-", "", "Abu ")),
    ),
    "AF": (
        ("Mohammad", "Muhammad", "Ahmad", "Hamid", "Aziz", "Rahim", "Zahra", "Farid", "Shabnam",
         "Mariam", "Mustafa", "Habib", "Jawad", "Sakina", "Nadia", "Rahmatullah", "Ghulam",
         "Abdul", "Fereshta", "Wahid", "Sohrab", "Parwin", "Khalid", "Naweed", "Bibi"),
        ("Rahimi", "Karimi", "Ahmadi", "Sultani", "Nazari", "Mohammadi", "Hosseini", "Haidari",
         "Popal", "Safi", "Stanikzai", "Wardak", "Amiri", "Jalali", "Sadat", "Noori", "Rezaei",
         "Hakimi", "Azizi", "Habibi", "Qaderi", "Rasuli", "Yusufzai", "Durrani", "Barakzai",
         "Sharifi", "Faizi", "Naseri", "Samadi", "Zaheer", "Mangal", "Ghafoori", "Sediqi",
         "Akbari", "Hashimi", "Kohistani", "Niazi", "Omari", "Rahmani", "Taheri"),
    ),
    "UA": (
        ("Oleksandr", "Olena", "Olha", "Dmytro", "Mykola", "Mykyta", "Sofiia", "Yuliia", "Iryna",
         "Andrii", "Serhii", "Taras", "Viktoriia", "Oksana", "Volodymyr", "Kateryna", "Yaroslav",
         "Nataliia", "Bohdan", "Anastasiia", "Maksym", "Halyna", "Vasyl", "Liudmyla"),
        tuple(r + s for r in ("Koval", "Shevch", "Bondar", "Tkach", "Kravch", "Lys", "Petr",
                              "Savch", "Marchen", "Rudn", "Polishch", "Hnat", "Moroz", "Kuzm",
                              "Levch", "Pavl", "Oliin", "Klym", "Yurch", "Demch")
              for s in ("enko", "uk", "yshyn", "ak")),
    ),
    "RU": (
        ("Aleksandr", "Sergei", "Dmitri", "Natalia", "Yelena", "Ivan", "Mikhail", "Olga",
         "Tatiana", "Andrei", "Svetlana", "Yuri", "Nikolai", "Irina", "Vladimir", "Ekaterina"),
        tuple(r + s for r in ("Ivan", "Smirn", "Kuznets", "Pop", "Sokol", "Lebed", "Kozl",
                              "Novik", "Morozov", "Volk", "Solovy", "Vasily", "Zaits", "Pavl",
                              "Semyon", "Golub", "Vinograd", "Bogdan", "Vorob", "Fyodor")
              for s in ("ov", "ova", "in")),
    ),
    "TR": (
        ("Mehmet", "Muhammed", "Mustafa", "Ayşe", "Fatma", "Emre", "Yusuf", "Elif", "Hüseyin",
         "Merve", "Zeynep", "Ahmet", "Hatice", "Murat", "Emine", "Ömer", "Büşra", "Burak"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan",
         "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özdemir", "Şimşek", "Polat", "Erdoğan",
         "Yıldız", "Yıldırım", "Özkan", "Aktaş", "Güneş", "Bulut", "Keskin", "Tekin", "Uçar"),
    ),
    "RO": (
        ("Ioana", "Andrei", "Elena", "Mihai", "Gheorghe", "Maria", "Ion", "Alexandru",
         "Cristina", "Vasile", "Florin", "Daniela", "Adrian", "Mihaela"),
        ("Popescu", "Popa", "Munteanu", "Ionescu", "Stan", "Dumitru", "Constantin", "Stoica",
         "Rusu", "Moldovan", "Lungu", "Ciobanu", "Ungureanu", "Sârbu", "Cojocaru", "Țurcanu"),
    ),
    "PL": (
        ("Katarzyna", "Piotr", "Anna", "Tomasz", "Krzysztof", "Agnieszka", "Paweł",
         "Małgorzata", "Łukasz", "Joanna", "Michał", "Magdalena"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
         "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk"),
    ),
    "VN": (
        ("Văn Minh", "Thị Lan", "Minh", "Hùng", "Thảo", "Tuấn", "Thị Hương", "Văn Nam", "Linh",
         "Quang", "Thị Mai", "Đức Anh"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
         "Đỗ"),
    ),
    "DE": (
        ("Anna", "Thomas", "Sabine", "Michael", "Julia", "Andreas", "Stefan", "Petra", "Lukas",
         "Jana", "Jürgen", "Ute", "Kevin", "Sandra"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
         "Schulz", "Krüger", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
         "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Lange"),
    ),
}  # fmt: skip
ORIGIN_SHARE = {
    "SY": 18, "AF": 14, "UA": 20, "RU": 7, "TR": 12, "RO": 8, "PL": 5, "VN": 5, "DE": 11,
}  # fmt: skip
CYRILLIC = {"UA", "RU"}
# Spelling changes between transliterations (English, German, French habits, passports).
VARIANTS = (
    ("sh", "sch"), ("sch", "sh"), ("ch", "tsch"), ("kh", "ch"), ("kh", "h"), ("y", "j"),
    ("j", "y"), ("ou", "u"), ("u", "ou"), ("oo", "u"), ("ee", "i"), ("ii", "ij"), ("iia", "ija"),
    ("yu", "ju"), ("ya", "ja"), ("ks", "x"), ("x", "ks"), ("w", "v"), ("v", "w"), ("ü", "ue"),
    ("ö", "oe"), ("ä", "ae"), ("ı", "i"), ("ş", "s"), ("ğ", "g"), ("mm", "m"), ("dd", "d"),
    ("ss", "s"), ("ph", "f"), ("f", "ph"), ("e", "a"), ("o", "u"), ("al-", "el-"), ("-", ""),
    ("ie", "i"), ("ei", "ey"), ("th", "t"),
)  # fmt: skip
CYRILLIC_LETTERS = dict(
    zip(
        "abvgdezijklmnoprstufhcy",
        "абвгдезийклмнопрстуфхцы",
        strict=True,
    )
)
TEAMS = ("A", "J", "L", "U", "M", "F")
NOTES = (
    "Unterlagen vollständig, Bescheid folgt.",
    "Termin vereinbart, Dolmetscher bestellt.",
    "Nachweise fehlen noch, Erinnerung geschickt.",
    "Vorsprache mit Familie, Anliegen geklärt.",
)


def variant(name: str, rng: random.Random, changes: int = 1) -> str:
    """`name` spelled another way: one or two transliteration changes that apply to it."""
    lower = name.lower()
    applicable = [pair for pair in VARIANTS if pair[0] in lower and pair[0] != pair[1]]
    rng.shuffle(applicable)
    for written, other in applicable[:changes]:
        lower = lower.replace(written, other, 1)
    return " ".join(part[:1].upper() + part[1:] for part in lower.split(" "))


def cyrillic(name: str) -> str:
    """A rough Cyrillic spelling, as a name is written in a Ukrainian or Russian passport."""
    text = name.lower().replace("sh", "ш").replace("ch", "ч").replace("kh", "х")
    text = text.replace("zh", "ж").replace("yu", "ю").replace("ya", "я").replace("ts", "ц")
    return "".join(CYRILLIC_LETTERS.get(c, c) for c in text).capitalize()


def draw_person(rng: random.Random, number: int) -> dict[str, Any]:
    origin = rng.choices(list(ORIGIN_SHARE), weights=list(ORIGIN_SHARE.values()))[0]
    firsts, lasts = NAMES[origin]
    first, last = rng.choice(firsts), rng.choice(lasts)
    roll = rng.random()
    if origin in CYRILLIC and roll < 0.1:
        first, last = cyrillic(first), cyrillic(last)
    elif roll < 0.3:
        first, last = variant(first, rng), variant(last, rng)
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 70))
    return {
        "first_name": first,
        "last_name": last,
        "birth_date": born,
        "nationalities": [origin],
        "file_number": f"{PREFIX}{number:06d}",
        "benefit_number": f"07301BG{number:06d}" if rng.random() < 0.25 else "",
    }


def in_batches(model: Any, rows: list[Any]) -> list[Any]:
    made: list[Any] = []
    for start in range(0, len(rows), BATCH):
        made += model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
    return made


def generate(count: int, seed: int) -> dict[str, Any]:
    """Bench client files, or nothing when exactly `count` are there already."""
    from django.db import connection, transaction
    from django.utils import timezone

    from mia.clients import names
    from mia.clients.models import Case, Client, ClientName, Note
    from mia.organisation.models import Team

    bench = Client.objects.filter(file_number__startswith=PREFIX)
    present = bench.count()
    if present == count:
        return {"generated": 0, "present": present}
    rng = random.Random(seed)
    teams = list(Team.objects.filter(letter__in=TEAMS))
    started = time.perf_counter()
    with transaction.atomic():
        bench.delete()
        clients = in_batches(Client, [Client(**draw_person(rng, n)) for n in range(count)])
        words = [
            ClientName(client_id=c.pk, word=word[:120], key=key[:40])
            for c in clients
            for word, key in names.name_words(c.first_name, c.last_name).items()
        ]
        in_batches(ClientName, words)
        cases = in_batches(
            Case,
            [
                Case(
                    client_id=c.pk,
                    team=rng.choice(teams),
                    subject="Antrag",
                    opened_at=timezone.now(),
                )
                for c in clients
                if rng.random() < 0.3
            ],
        )
        in_batches(Note, [Note(case_id=case.pk, body=rng.choice(NOTES)) for case in cases])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum would soon: fresh planner statistics
            cursor.execute("ANALYZE")
    return {
        "generated": len(clients),
        "name_words": len(words),
        "cases": len(cases),
        "seconds": round(time.perf_counter() - started, 1),
    }


def draw_queries(count: int, seed: int) -> list[dict[str, Any]]:
    """Searches for random bench clients, spelled differently from how they were recorded."""
    from mia.clients.models import Client

    rng = random.Random(seed + 1)
    ids = list(Client.objects.filter(file_number__startswith=PREFIX).values_list("pk", flat=True))
    picked = Client.objects.in_bulk(rng.sample(ids, count))
    queries = []
    for client in picked.values():
        first = variant(client.first_name, rng, changes=rng.choice((1, 2)))
        last = variant(client.last_name, rng, changes=rng.choice((1, 2)))
        kind = rng.choices(("first last", "last", "last born", "first"), (45, 25, 20, 10))[0]
        text = {
            "first last": f"{first} {last}",
            "last": last,
            "last born": f"{last} {client.birth_date:%d.%m.%Y}",
            "first": first,
        }[kind]
        queries.append({"kind": kind, "q": text, "client": client.pk})
    return queries


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentiles(seconds: list[float]) -> dict[str, float | None]:
    if len(seconds) < 2:
        value = ms(seconds[0]) if seconds else None
        return {"p50_ms": value, "p95_ms": value, "p99_ms": value, "n": len(seconds)}
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {
        "p50_ms": ms(cuts[49]),
        "p95_ms": ms(cuts[94]),
        "p99_ms": ms(cuts[98]),
        "n": len(seconds),
    }


def timed(
    calls: Iterator[tuple[str, Callable[[], Any]]],
) -> tuple[dict[str, list[float]], list[Any]]:
    times: dict[str, list[float]] = {}
    answers = []
    for kind, call in calls:
        started = time.perf_counter()
        answers.append(call())
        times.setdefault(kind, []).append(time.perf_counter() - started)
    return times, answers


def figures(times: dict[str, list[float]]) -> dict[str, Any]:
    every = [t for values in times.values() for t in values]
    kinds = {k: percentiles(v) for k, v in sorted(times.items())} if len(times) > 1 else {}
    return {"all": percentiles(every), **kinds}


def explain(query: str) -> list[str]:
    """EXPLAIN ANALYZE of the search behind `query`, as the selector builds it."""
    from django.db import connection
    from django.db.models import Count, Q

    from mia.clients import names
    from mia.clients.selectors import search

    clients = search._matching(query)
    if clients is None:
        return []
    exact = names.words(query)  # ranked as client_search ranks: exact spellings first
    ranked = clients.annotate(
        exact=Count("name_keys", filter=Q(name_keys__word__in=exact), distinct=True)
    ).order_by("-exact", "last_name", "first_name", "pk")
    sql, params = ranked[: search.LIMIT].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return [row[0] for row in cursor.fetchall()]


def in_process(queries: list[dict[str, Any]], opens: list[int]) -> dict[str, Any]:
    from mia.accounts.models import User
    from mia.clients.selectors.files import client_file
    from mia.clients.selectors.search import client_search

    user = User.objects.get(username=USERNAME)
    for query in queries[:20]:  # warm the connection, caches and plans
        client_search(user=user, query=query["q"], channel="api")
    search_times, hits = timed(
        (q["kind"], lambda q=q: client_search(user=user, query=q["q"], channel="api"))
        for q in queries
    )
    found: dict[str, list[bool]] = {}
    for query, hit in zip(queries, hits, strict=True):
        found.setdefault(query["kind"], []).append(query["client"] in {c.pk for c in hit})
    every_found = [f for values in found.values() for f in values]
    file_times, _files = timed(
        ("file", lambda pk=pk: client_file(user=user, client_id=pk, channel="api")) for pk in opens
    )
    every = zip(_flatten_in_order(queries, search_times), queries, strict=True)
    slowest = max(every, key=lambda pair: pair[0])
    return {
        "search": figures(search_times),
        "file": figures(file_times),
        "search_found_drawn_client_pct": {
            "all": round(100 * sum(every_found) / len(every_found), 1),
            **{k: round(100 * sum(v) / len(v), 1) for k, v in sorted(found.items())},
        },
        "search_result_count_median": statistics.median(len(h) for h in hits),
        "slowest_search": {
            "q": slowest[1]["q"],
            "ms": ms(slowest[0]),
            "plan": explain(slowest[1]["q"]),
        },
    }


def _flatten_in_order(queries: list[dict[str, Any]], times: dict[str, list[float]]) -> list[float]:
    """The time of each query in the order asked (times are grouped by kind, in order)."""
    position = dict.fromkeys(times, 0)
    ordered = []
    for query in queries:
        ordered.append(times[query["kind"]][position[query["kind"]]])
        position[query["kind"]] += 1
    return ordered


def over_http(database_url: str, queries: list[dict[str, Any]], opens: list[int]) -> dict[str, Any]:
    import requests

    env = server_env(database_url)
    token = mia("create-token", USERNAME, "--name", "client_search bench", env=env).split()[-1]
    server = start_gunicorn(env, PORT, workers=2)
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_until_up(base)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        errors: list[str] = []

        def get(path: str, **params: Any) -> Any:
            response = session.get(f"{base}/api/v1{path}", params=params, timeout=30)
            if response.status_code != 200:
                errors.append(f"{response.status_code} {path} {response.text[:200]}")
            return response

        for query in queries[:20]:
            get("/clients", q=query["q"])
        search_times, _ = timed((q["kind"], lambda q=q: get("/clients", q=q["q"])) for q in queries)
        file_times, _ = timed(("file", lambda pk=pk: get(f"/clients/{pk}")) for pk in opens)
    finally:
        stop_gunicorn(server)
    return {"search": figures(search_times), "file": figures(file_times), "errors": errors[:10]}


def prepare(database_url: str) -> None:
    """Create the bench database when missing; migrate it and load the demo agency."""
    import psycopg

    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    env = server_env(database_url)
    for command in (["migrate", "-v0"], ["createcachetable"], ["demo", "-v0"]):
        mia(*command, env=env)


def print_table(report: dict[str, Any]) -> None:
    print(f"\n{report['clients']:,} client files on {report['database']}")
    print(f"{'':34} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'n':>5}")
    for where in ("in_process", "http"):
        if where not in report:
            continue
        for what in ("search", "file"):
            for kind, row in report[where][what].items():
                label = f"{where} {what}" + ("" if kind == "all" else f" ({kind})")
                print(
                    f"{label:34} {row['p50_ms']:>9} {row['p95_ms']:>9} {row['p99_ms']:>9} {row['n']:>5}"
                )
    own = report["in_process"]
    shares = ", ".join(f"{k} {v} %" for k, v in own["search_found_drawn_client_pct"].items())
    print(f"drawn client among the 50 hits: {shares}")
    print(f"slowest search: {own['slowest_search']['q']!r} {own['slowest_search']['ms']} ms")
    for line in report["verdict"]:
        print(line)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-http", action="store_true", help="Measure in-process only")
    parser.add_argument("--output", default="")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit(
            "PostgreSQL only: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/"
            f"{DATABASE} (SQLite figures would say nothing about production)."
        )
    database_url = f"{args.database_url.rsplit('/', 1)[0]}/{DATABASE}"
    prepare(database_url)
    os.environ.update(server_env(database_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from mia.clients.models import Client

    made = generate(args.clients, args.seed)
    gc.collect()  # the generated rows are garbage now; keep collections out of the timings
    queries = draw_queries(args.queries, args.seed)
    rng = random.Random(args.seed + 2)
    ids = list(Client.objects.filter(file_number__startswith=PREFIX).values_list("pk", flat=True))
    opens = rng.sample(ids, args.queries)
    report: dict[str, Any] = {
        "database": "postgresql",
        "clients": Client.objects.filter(anonymised_at__isnull=True).count(),
        "generation": made,
        "queries": args.queries,
        "in_process": in_process(queries, opens),
    }
    if not args.no_http:
        report["http"] = over_http(database_url, queries, opens)
    verdict = []
    for what, target in TARGETS_MS.items():
        for where in ("in_process", "http"):
            if where in report:
                median = report[where][what]["all"]["p50_ms"]
                verdict.append(
                    f"{where} {what} median {median} ms (target < {target:.0f} ms): "
                    + ("met" if median < target else "MISSED")
                )
    report["verdict"] = verdict
    output = (
        Path(args.output)
        if args.output
        else ROOT / "bench" / "results" / "client_search_postgresql.json"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print_table(report)
    print(f"\nresults: {output}")
    if any(line.endswith("MISSED") for line in verdict):
        sys.exit(1)


if __name__ == "__main__":
    main()
