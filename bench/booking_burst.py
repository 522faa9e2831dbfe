"""Booking burst: 100 places released at once for one route, 1,000 booking attempts for them.

What it plays. A fresh database with the demo agency; gunicorn (4 sync workers, one thread each,
bench.settings, MIA_BOOKING_MAX_ACTIVE_PER_CONTACT high) serves MiA.

1. Availability (on the unchanged demo agency): GET /api/v1/availability for a 60-day window
   (date_from today, date_to today + 60, Berlin dates) and a route of three concerns: the first
   bookable service (by id) of each of the first three teams (by id) with capacity rules, or
   --route. 5 warm-ups, then 50 sequential requests; median and p95, and the slots returned.
2. Burst. Through `python -m mia shell -c`, one bookable service's team (the first, or
   --service) loses its capacity rules for the weekday of a future working day inside the
   booking window (the first open weekday at least --days-ahead days ahead) and gets capacity
   for exactly one route length (the service's duration rounded up to 15-minute slots) from
   --at with 100 desks. CapacityRule allows at most 50 desks per rule, so the 100 desks are two
   rules over the same window (the selectors add overlapping rules up). So exactly 100 seats
   exist for that one start; the script checks that availability offers that start and no
   other that day. Then 100 client threads (one HTTP session each), released together by one
   barrier, make 10 POST /api/v1/bookings each for that start, one after the other and as fast
   as they can, each with a distinct name and no e-mail or phone.

What it reports: 201 (booked), 409 slot_taken, 503 busy and errors (any other status, a 409 or
503 with another code, or a failed connection); latency p50/p99 of all attempts and of the
201s; throughput (attempts per second of wall time, from the barrier to the last answer). Then,
read from the database (gunicorn stopped): bookings at that start (must equal the 201s and the
capacity, with the same codes); double bookings = seats beyond a slot's capacity, summed over
every slot of the location (must be 0); seat numbers >= the capacity of the slot. The JSON
(bench/results/booking_burst_<database>.json) adds the first errors with request and response
and gunicorn's output.

It exits non-zero when the 201s differ from the capacity, on any double booking, on any 5xx
other than 503 busy, on any other error, when the database disagrees with the 201s, or when the
availability returns no slot. A median availability above 50 ms is reported, not failed.

    .venv/bin/python bench/booking_burst.py                          # PostgreSQL, see below
    .venv/bin/python bench/booking_burst.py --database-url sqlite    # SQLite in a temporary file
    .venv/bin/python bench/booking_burst.py --database-url sqlite:////tmp/burst.sqlite3
    .venv/bin/python bench/booking_burst.py --settings mia.settings  # 5xx tracebacks in the output

On PostgreSQL (default postgres://postgres@127.0.0.1:5432/mia_bench_booking) the database is
dropped and created again, so its name must start with "mia_bench". A SQLite file must not exist
yet. A run takes under a minute.
"""

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from server import (  # bench/server.py, next to this script
    ROOT,
    database_name,
    prepare_database,
    server_env,
    shell_json,
    start_gunicorn,
    stop_gunicorn,
    wait_until_up,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/mia_bench_booking"
MAX_DESKS_PER_RULE = 50  # CapacityRule's check constraint capacity_desks_range
REQUEST_TIMEOUT = 120
AVAILABILITY_TARGET_MS = 50
ROUTINE_LOG = ("Starting gunicorn", "Listening at", "Using worker", "Booting worker")

# --- code run inside `python -m mia shell -c` (see server.shell_json: `params`, `emit`) ---------

CHOOSE = """
from mia.appointments.models import CapacityRule
from mia.organisation.models import Location, Service
from django.utils import timezone

location = Location.objects.order_by("pk").first()
teams = set(CapacityRule.objects.filter(location=location).values_list("team_id", flat=True))
candidates = list(
    Service.objects.select_related("team")
    .filter(bookable=True, is_active=True, team_id__in=teams)
    .order_by("team_id", "pk")
)
first_per_team = {}
for service in candidates:
    first_per_team.setdefault(service.team_id, service)
by_id = {service.pk: service for service in candidates}
burst = by_id.get(params["service"]) if params["service"] else candidates[0]
if params["route"]:
    route = [by_id.get(pk) for pk in params["route"]]
else:
    route = list(first_per_team.values())[:3]
def describe(service):
    if service is None:
        return None
    return {
        "id": service.pk,
        "name": service.name,
        "team": service.team_id,
        "team_letter": service.team.letter,
        "duration_minutes": service.duration_minutes,
    }
emit({
    "location": location.pk,
    "today": timezone.localdate().isoformat(),
    "burst_service": describe(burst),
    "route": [describe(service) for service in route],
})
"""

RELEASE = """
import datetime as dt
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from mia.appointments import selectors
from mia.appointments.models import SLOT_MINUTES, CapacityRule
from mia.organisation.models import Location, Service
from mia.organisation.selectors import closed_reason

location = Location.objects.get(pk=params["location"])
service = Service.objects.get(pk=params["service"])
slots = selectors.slot_count(service)
today = timezone.localdate()
day = None
for ahead in range(params["days_ahead"], settings.BOOKING_MAX_DAYS - 1):
    candidate = today + dt.timedelta(days=ahead)
    if candidate.weekday() < 5 and not closed_reason(location, candidate):
        day = candidate
        break
starts = dt.time.fromisoformat(params["at"])
ends = (dt.datetime.combine(day, starts) + dt.timedelta(minutes=slots * SLOT_MINUTES)).time()
with transaction.atomic():
    removed, _ = CapacityRule.objects.filter(
        location=location, team_id=service.team_id, weekday=day.weekday()
    ).delete()
    rules, left = [], params["capacity"]
    while left > 0:
        desks = min(left, params["max_desks_per_rule"])
        rule = CapacityRule.objects.create(
            location=location, team_id=service.team_id, weekday=day.weekday(),
            starts=starts, ends=ends, desks=desks,
        )
        rules.append({"id": rule.pk, "starts": str(starts), "ends": str(ends), "desks": desks})
        left -= desks
now = timezone.now()
offered = selectors.availability(
    location=location, services=[service], date_from=day, date_to=day, now=now
)
cap = selectors.capacity(location=location, team_ids={service.team_id}, days=[day], now=now)
legs = selectors.route([service], offered[0][0]) if offered else []
emit({
    "day": day.isoformat(),
    "weekday": day.weekday(),
    "team": service.team_id,
    "slot_count": slots,
    "rules_removed": removed,
    "rules_added": rules,
    "offered": [timezone.localtime(start).isoformat() for start, _ in offered],
    "start": timezone.localtime(offered[0][0]).isoformat() if offered else None,
    "end": timezone.localtime(offered[0][1]).isoformat() if offered else None,
    "slots": [
        {"slot": slot.isoformat(), "desks": cap.free(service.team_id, slot)}
        for leg in legs for slot in leg.slots()
    ],
})
"""

VERIFY = """
import datetime as dt
from django.db.models import Count, Max, Q
from django.utils import timezone
from mia.appointments import selectors
from mia.appointments.models import Booking, Seat
from mia.organisation.models import Location

location = Location.objects.get(pk=params["location"])
start = dt.datetime.fromisoformat(params["start"])
target_slots = [dt.datetime.fromisoformat(slot) for slot in params["slots"]]
now = timezone.now()
at_start = Booking.objects.filter(location=location, start=start)
db_codes = set(at_start.values_list("code", flat=True))
api_codes = set(params["codes"])
wrong_seat_count = (
    at_start.annotate(seats=Count("items__seats")).exclude(seats=len(target_slots)).count()
)
active = Seat.objects.filter(location=location).filter(
    Q(held_until__isnull=True) | Q(held_until__gt=now)
)
rows = list(active.values("team_id", "slot").annotate(n=Count("pk"), top=Max("number")))
days = sorted({timezone.localdate(row["slot"]) for row in rows})
teams = {row["team_id"] for row in rows}
cap = selectors.capacity(location=location, team_ids=teams, days=days, now=now)
over, numbered_beyond = [], []
for row in rows:
    desks = cap.desks.get((row["team_id"], row["slot"].astimezone(dt.UTC)), 0)
    if row["n"] > desks:
        over.append({"team": row["team_id"], "slot": row["slot"], "seats": row["n"], "desks": desks})
    if row["top"] >= desks:
        numbered_beyond.append(
            {"team": row["team_id"], "slot": row["slot"], "max_number": row["top"], "desks": desks}
        )
per_slot = []
for slot in target_slots:
    seats = Seat.objects.filter(location=location, team_id=params["team"], slot=slot)
    per_slot.append({
        "slot": slot.isoformat(),
        "seats": seats.count(),
        "distinct_numbers": seats.values("number").distinct().count(),
        "max_number": seats.aggregate(m=Max("number"))["m"],
        "numbers_at_or_above_capacity": seats.filter(number__gte=params["capacity"]).count(),
        "desks": cap.desks.get((params["team"], slot.astimezone(dt.UTC)), 0),
    })
emit({
    "bookings_at_start": len(db_codes),
    "booked_at_start": at_start.filter(status=Booking.Status.BOOKED).count(),
    "bookings_total": Booking.objects.count(),
    "codes_match": db_codes == api_codes,
    "codes_only_in_db": sorted(db_codes - api_codes)[:20],
    "codes_only_in_api": sorted(api_codes - db_codes)[:20],
    "bookings_with_wrong_seat_count": wrong_seat_count,
    "slots_checked": len(rows),
    "double_bookings": sum(o["seats"] - o["desks"] for o in over),
    "slots_over_capacity": over[:20],
    "seats_numbered_beyond_capacity": len(numbered_beyond),
    "seats_numbered_beyond_examples": numbered_beyond[:20],
    "target_slots": per_slot,
})
"""


# --- HTTP --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    thread: int
    number: int
    status: int | None  # None: no answer (connection failed or timed out)
    code: str  # the error code of a 4xx/5xx answer, or the booking code of a 201
    seconds: float
    done_at: float  # perf_counter


@dataclass
class Burst:
    """What the client threads share."""

    base: str
    body: dict[str, Any]
    threads: int
    per_thread: int
    started: float = 0.0  # perf_counter when the barrier let the threads go
    lock: threading.Lock = field(default_factory=threading.Lock)
    attempts: list[Attempt] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.barrier = threading.Barrier(self.threads, action=self._release)

    def _release(self) -> None:
        self.started = time.perf_counter()

    def record(self, attempt: Attempt, error: dict[str, Any] | None) -> None:
        with self.lock:
            self.attempts.append(attempt)
            if error is not None:
                self.errors.append(error)


def classify(status: int | None, code: str) -> str:
    if status == 201:
        return "booked"
    if status == 409 and code == "slot_taken":
        return "slot_taken"
    if status == 503 and code == "busy":
        return "busy"
    return "error"


def response_code(response: requests.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    return str(data.get("code", "")) if isinstance(data, dict) else ""


def client(burst: Burst, index: int) -> None:
    session = requests.Session()
    url = burst.base + "/api/v1/bookings"
    try:
        burst.barrier.wait()
    except threading.BrokenBarrierError:
        return
    for number in range(burst.per_thread):
        body = burst.body | {"name": f"Burst {index:03d}-{number:02d}"}
        started = time.perf_counter()
        try:
            response = session.post(url, json=body, timeout=REQUEST_TIMEOUT)
        except requests.RequestException as exc:
            done = time.perf_counter()
            attempt = Attempt(index, number, None, "", done - started, done)
            burst.record(attempt, error_entry(body, None, repr(exc), started, done))
            continue
        done = time.perf_counter()
        code = response_code(response)  # a booking's code (201) or an error's code
        attempt = Attempt(index, number, response.status_code, code, done - started, done)
        error = None
        if classify(response.status_code, code) == "error":
            error = error_entry(body, response.status_code, response.text[:4000], started, done)
        burst.record(attempt, error)


def error_entry(
    body: dict[str, Any], status: int | None, text: str, started: float, done: float
) -> dict[str, Any]:
    return {
        "request": "POST /api/v1/bookings",
        "body": body,
        "status": status,
        "response": text,
        "at": time.strftime("%H:%M:%S"),
        "after_seconds": round(done - started, 3),
    }


def run_burst(base: str, body: dict[str, Any], threads: int, per_thread: int) -> Burst:
    burst = Burst(base, body, threads, per_thread)
    workers = [
        threading.Thread(target=client, args=(burst, i), name=f"client-{i}", daemon=True)
        for i in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=REQUEST_TIMEOUT * per_thread + 60)
    return burst


def run_availability(
    base: str, location: int, services: list[int], today: dt.date, days: int, warmups: int, n: int
) -> dict[str, Any]:
    session = requests.Session()
    params = {
        "location": location,
        "services": ",".join(str(s) for s in services),
        "date_from": today.isoformat(),
        "date_to": (today + dt.timedelta(days=days)).isoformat(),
    }
    seconds, errors, slot_counts = [], [], set()
    slots: list[dict[str, str]] = []
    for i in range(warmups + n):
        started = time.perf_counter()
        response = session.get(
            base + "/api/v1/availability", params=params, timeout=REQUEST_TIMEOUT
        )
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            errors.append(
                {
                    "request": f"GET {response.request.path_url}",
                    "status": response.status_code,
                    "response": response.text[:4000],
                }
            )
            continue
        slots = response.json()["slots"]
        slot_counts.add(len(slots))
        if i >= warmups:
            seconds.append(elapsed)
    return {
        "query": params,
        "requests": len(seconds),
        "warmups": warmups,
        "median_ms": ms(statistics.median(seconds)) if seconds else None,
        "p95_ms": percentiles(seconds)["p95_ms"],
        "min_ms": ms(min(seconds)) if seconds else None,
        "max_ms": ms(max(seconds)) if seconds else None,
        "slots": len(slots),
        "slot_counts_seen": sorted(slot_counts),
        "first_slot": slots[0] if slots else None,
        "last_slot": slots[-1] if slots else None,
        "errors": errors[:20],
        "error_count": len(errors),
    }


# --- figures -----------------------------------------------------------------------------------


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentiles(seconds: list[float]) -> dict[str, float | None]:
    if len(seconds) < 2:
        value = ms(seconds[0]) if seconds else None
        return {"p50_ms": value, "p95_ms": value, "p99_ms": value}
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {"p50_ms": ms(cuts[49]), "p95_ms": ms(cuts[94]), "p99_ms": ms(cuts[98])}


def burst_figures(burst: Burst) -> dict[str, Any]:
    attempts = burst.attempts
    kinds = [classify(a.status, a.code) for a in attempts]
    end = max((a.done_at for a in attempts), default=burst.started)
    wall = max(end - burst.started, 1e-9)
    statuses: dict[str, int] = {}
    for a in attempts:
        key = f"{a.status} {a.code}".strip() if a.status != 201 else "201"
        statuses[key] = statuses.get(key, 0) + 1
    return {
        "attempts": len(attempts),
        "booked_201": kinds.count("booked"),
        "slot_taken_409": kinds.count("slot_taken"),
        "busy_503": kinds.count("busy"),
        "errors": kinds.count("error"),
        "server_errors_5xx_not_busy": sum(
            1
            for a, k in zip(attempts, kinds, strict=True)
            if k == "error" and (a.status or 0) >= 500
        ),
        "connection_failures": sum(1 for a in attempts if a.status is None),
        "statuses": dict(sorted(statuses.items())),
        "latency_all": percentiles([a.seconds for a in attempts]),
        "latency_201": percentiles(
            [a.seconds for a, k in zip(attempts, kinds, strict=True) if k == "booked"]
        ),
        "latency_409": percentiles(
            [a.seconds for a, k in zip(attempts, kinds, strict=True) if k == "slot_taken"]
        ),
        "last_201_after_s": round(
            max(
                (a.done_at for a, k in zip(attempts, kinds, strict=True) if k == "booked"),
                default=burst.started,
            )
            - burst.started,
            3,
        ),
        "wall_s": round(wall, 3),
        "throughput_rps": round(len(attempts) / wall, 1),
        "first_errors": burst.errors[:20],
    }


def server_disturbances(lines: list[str], workers: int, exit_code: int | None) -> list[str]:
    found = []
    if exit_code is not None:
        found.append(f"gunicorn exited with {exit_code} during the run")
    if timeouts := [line for line in lines if "WORKER TIMEOUT" in line]:
        found.append(f"gunicorn worker timeouts: {timeouts[:5]}")
    if signals := [line for line in lines if "Handling signal" in line or "SIGHUP" in line]:
        found.append(f"gunicorn got signals: {signals[:5]}")
    if (booted := sum(1 for line in lines if "Booting worker" in line)) > workers:
        found.append(f"gunicorn booted {booted - workers} workers again")
    return found


def failed(report: dict[str, Any]) -> list[str]:
    burst, db, avail = report["burst"], report["database_check"], report["availability"]
    capacity = report["setup"]["capacity"]
    found = []
    if burst["booked_201"] != capacity:
        found.append(f"{burst['booked_201']} bookings succeeded, capacity is {capacity}")
    if db["double_bookings"]:
        found.append(f"{db['double_bookings']} double bookings")
    if db["seats_numbered_beyond_capacity"]:
        found.append(f"{db['seats_numbered_beyond_capacity']} slots with seat numbers >= desks")
    if burst["server_errors_5xx_not_busy"]:
        found.append(f"{burst['server_errors_5xx_not_busy']} 5xx responses other than 503 busy")
    if burst["errors"]:
        found.append(f"{burst['errors']} booking attempts with an unexpected answer")
    if db["bookings_at_start"] != burst["booked_201"] or not db["codes_match"]:
        found.append(
            f"{db['bookings_at_start']} bookings in the database at the start, "
            f"{burst['booked_201']} answered 201 (codes match: {db['codes_match']})"
        )
    if db["bookings_with_wrong_seat_count"]:
        found.append(f"{db['bookings_with_wrong_seat_count']} bookings with a wrong seat count")
    if avail["error_count"]:
        found.append(f"{avail['error_count']} availability requests failed")
    if not avail["slots"]:
        found.append("availability returned no slot")
    return found + report["server_disturbances"]


# --- output ------------------------------------------------------------------------------------


def _p(p: dict[str, float | None], *keys: str) -> str:
    return " / ".join("-" if p[k] is None else f"{p[k]:.1f}" for k in keys)


def print_table(report: dict[str, Any]) -> None:
    b, db, a, s = (
        report["burst"],
        report["database_check"],
        report["availability"],
        report["setup"],
    )
    capacity = s["capacity"]
    service = s["burst_service"]
    route = " + ".join(f"{r['team_letter']}{r['id']}" for r in s["route"])
    target = "met" if (a["median_ms"] or 0) < AVAILABILITY_TARGET_MS else "MISSED"
    rows = [
        (
            "burst route / start",
            f"service {service['id']} (team {service['team_letter']}, "
            f"{service['duration_minutes']} min = {s['slot_count']} slots) at {s['start']}",
        ),
        (
            "attempts (threads x each)",
            f"{b['attempts']} ({report['arguments']['threads']} x "
            f"{report['arguments']['attempts_per_thread']})",
        ),
        ("201 booked", f"{b['booked_201']} (capacity {capacity})"),
        ("409 slot_taken", str(b["slot_taken_409"])),
        ("503 busy", str(b["busy_503"])),
        ("errors (of them 5xx, not busy)", f"{b['errors']} ({b['server_errors_5xx_not_busy']})"),
        ("latency p50 / p99 ms, all", _p(b["latency_all"], "p50_ms", "p99_ms")),
        ("latency p50 / p99 ms, 201", _p(b["latency_201"], "p50_ms", "p99_ms")),
        ("throughput", f"{b['throughput_rps']:.1f} requests/s"),
        ("wall time", f"{b['wall_s']:.2f} s (last 201 after {b['last_201_after_s']:.2f} s)"),
        (
            "DB bookings at start",
            f"{db['bookings_at_start']} (codes = 201 answers: {'yes' if db['codes_match'] else 'NO'})",
        ),
        (
            "double bookings (seats > desks)",
            f"{db['double_bookings']} over {db['slots_checked']} slots with seats",
        ),
        (
            "seat number >= capacity",
            str(sum(t["numbers_at_or_above_capacity"] for t in db["target_slots"])),
        ),
        (
            "availability route / window",
            f"{route}, {a['query']['date_from']} .. {a['query']['date_to']}",
        ),
        (
            "availability median / p95 ms",
            f"{a['median_ms']:.1f} / {a['p95_ms']:.1f} (n={a['requests']}; "
            f"target < {AVAILABILITY_TARGET_MS} ms {target})",
        ),
        ("availability slots returned", str(a["slots"])),
        ("gunicorn disturbed", "; ".join(report["server_disturbances"]) or "no"),
    ]
    print(f"\nBooking burst on {report['database']} ({report['server']})")
    for name, value in rows:
        print(f"{name:<32} {value}")


# --- main --------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help="postgres://.../mia_bench_*, sqlite:////new/file, or 'sqlite' for a temporary file",
    )
    parser.add_argument("--capacity", type=int, default=100, help="places released at once")
    parser.add_argument("--threads", type=int, default=100)
    parser.add_argument("--attempts-per-thread", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--service", type=int, default=0, help="burst service id (0: first)")
    parser.add_argument(
        "--route", default="", help="availability service ids, e.g. 1,9,13 (default: auto)"
    )
    parser.add_argument("--at", default="10:00", help="local start time of the released places")
    parser.add_argument("--days-ahead", type=int, default=3, help="earliest day of the burst")
    parser.add_argument("--availability-days", type=int, default=60)
    parser.add_argument("--availability-requests", type=int, default=50)
    parser.add_argument("--availability-warmups", type=int, default=5)
    parser.add_argument(
        "--settings", default="bench.settings", help="mia.settings logs tracebacks of 5xx"
    )
    parser.add_argument("--output", default="")
    return parser.parse_args()


def bench_database_url(url: str, workdir: Path) -> str:
    if url in ("", "sqlite"):
        return f"sqlite:///{workdir / 'booking_burst.sqlite3'}"
    if url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        if not name.startswith("mia_bench"):
            raise SystemExit(f"refusing to drop database {name!r}: use a name mia_bench_*")
        return url
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite://"))
        if path.exists():
            raise SystemExit(f"{path} exists: the benchmark needs a new SQLite file")
        return url
    raise SystemExit(f"unsupported database URL: {url}")


def read_log(log: Path) -> list[str]:
    return log.read_text(errors="replace").splitlines() if log.exists() else []


def play(args: argparse.Namespace, database_url: str, workdir: Path) -> dict[str, Any]:
    env = server_env(
        database_url,
        DJANGO_SETTINGS_MODULE=args.settings,
        MIA_RATE_LIMITS="off",
        MIA_BOOKING_MAX_ACTIVE_PER_CONTACT="1000000",
    )
    base = f"http://127.0.0.1:{args.port}"
    log = workdir / "gunicorn.log"
    print(f"preparing {database_url} ...", flush=True)
    prepare_database(database_url, env)
    route_ids = [int(part) for part in args.route.split(",") if part.strip()]
    chosen = shell_json(CHOOSE, env, service=args.service, route=route_ids)
    if chosen["burst_service"] is None or None in chosen["route"]:
        raise SystemExit(f"unknown or unbookable service in --service/--route: {chosen}")
    with log.open("wb") as output:
        server = start_gunicorn(
            env, args.port, args.workers, threads=1, output=output, log_level="info"
        )
        try:
            wait_until_up(base)
            print("availability ...", flush=True)
            availability = run_availability(
                base,
                chosen["location"],
                [service["id"] for service in chosen["route"]],
                dt.date.fromisoformat(chosen["today"]),
                args.availability_days,
                args.availability_warmups,
                args.availability_requests,
            )
            released = shell_json(
                RELEASE,
                env,
                location=chosen["location"],
                service=chosen["burst_service"]["id"],
                capacity=args.capacity,
                max_desks_per_rule=MAX_DESKS_PER_RULE,
                days_ahead=args.days_ahead,
                at=args.at,
            )
            expected = [{"slot": s["slot"], "desks": args.capacity} for s in released["slots"]]
            if len(released["offered"]) != 1 or released["slots"] != expected:
                raise SystemExit(
                    f"the release did not give one start with the capacity: {released}"
                )
            body = {
                "location": chosen["location"],
                "services": [chosen["burst_service"]["id"]],
                "start": released["start"],
                "language": "de",
                "altcha": "",  # not checked: the server runs with MIA_RATE_LIMITS=off
            }
            print(
                f"{args.capacity} places released at {released['start']}; "
                f"{args.threads} threads x {args.attempts_per_thread} attempts ...",
                flush=True,
            )
            burst = run_burst(base, body, args.threads, args.attempts_per_thread)
            disturbances = server_disturbances(read_log(log), args.workers, server.poll())
        finally:
            stop_gunicorn(server)
    codes = [a.code for a in burst.attempts if a.status == 201]
    check = shell_json(
        VERIFY,
        env,
        location=chosen["location"],
        team=released["team"],
        start=released["start"],
        slots=[s["slot"] for s in released["slots"]],
        capacity=args.capacity,
        codes=codes,
    )
    gunicorn_output = [line for line in read_log(log) if not any(r in line for r in ROUTINE_LOG)]
    return {
        "database": database_name(database_url),
        "server": f"gunicorn, {args.workers} sync workers x 1 thread, {args.settings}",
        "cores": os.cpu_count(),
        "arguments": {k: v for k, v in vars(args).items() if k != "database_url"},
        "setup": {
            "capacity": args.capacity,
            "location": chosen["location"],
            "burst_service": chosen["burst_service"],
            "route": chosen["route"],
            "today": chosen["today"],
            "body": body,
            **released,
        },
        "burst": burst_figures(burst),
        "database_check": check,
        "availability": availability,
        "server_disturbances": disturbances,
        "gunicorn_output": gunicorn_output[-300:],
    }


def main() -> None:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="mia-booking-burst-"))
    try:
        database_url = bench_database_url(args.database_url, workdir)
        report = play(args, database_url, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    name = f"booking_burst_{report['database']}.json"
    output_path = Path(args.output) if args.output else ROOT / "bench" / "results" / name
    output_path.parent.mkdir(parents=True, exist_ok=True)
    output_path.write_text(json.dumps(report, indent=2))
    print_table(report)
    print(f"\nJSON: {output_path}")
    if problems := failed(report):
        print("\ngunicorn output (last lines):\n" + "\n".join(report["gunicorn_output"][-40:]))
        raise SystemExit("FAILED: " + ", ".join(problems))


if __name__ == "__main__":
    main()
