"""Queue day: a busy walk-in day driven through the reception API under gunicorn.

What it plays. A fresh database with the demo agency; gunicorn (4 sync workers, one thread each,
bench.settings) serves MiA while this script plays one walk-in day in compressed time, --speed
real seconds per simulated minute (0.05: a 20-minute service takes one second):

- 20 clerks (real threads, each with its own HTTP session and API token from `mia create-token`)
  sit down at one desk each: every team gets a desk before any team gets a second, and each
  clerk's team membership is checked with GET /me. Each loops: POST /desks/{id}/call-next; on
  200 it "serves" for the service's duration_minutes (varied at random) and then finishes the
  concern or, one time in ten, forwards it to a walk-in service of another team with an open
  desk; on 204 it waits --idle-seconds and presses again.
- The reception (one thread) opens 600 visits (1-3 walk-in services of different teams with an
  open desk, 6 % with a priority flag) at Poisson arrival times over --day-minutes, and right
  after each reads the ticket (GET /tickets/{code}) to note the estimated wait of every concern
  still waiting. 20 desks cannot serve 600 visits in a day, so the queue builds up.
- The day ends when every visit is opened, every concern has ended and the board (GET
  /display/{location}) shows nobody waiting, or at --time-limit.

What it reports: call-next latency p50/p95/p99 (all calls, and the calls that handed out a
visitor); duplicates (a concern handed to a desk while another desk holds it, and any concern
handed out twice: nothing is released or recalled here); a visit at two desks at once (a desk
holds a visit from the call's answer until it sends finish/forward, so only real overlaps
count); visits processed per real and per simulated minute; concerns ended; HTTP errors; and
the waiting-time estimate: the median absolute error against the real time until the call,
also relative to the median real wait, for the visit's own concerns (forwarded ones are new
concerns) with an estimate. "Teams past warm-up" keeps only estimates made after the team had
ended three concerns; before that the server estimates from planned minutes, which are far
longer than the compressed real ones. The JSON (bench/results/queue_day_<database>.json) adds
other requests' latency, per-team figures, the first errors with their request and response,
and gunicorn's output.

It exits non-zero on any duplicate, visit at two desks, 5xx or other HTTP error, when the day
does not end in time, or when gunicorn was signalled or restarted workers during the day.

    .venv/bin/python bench/queue_day.py                          # SQLite in a temporary file
    .venv/bin/python bench/queue_day.py --database-url postgres://postgres@127.0.0.1:5432/mia_bench_queue
    .venv/bin/python bench/queue_day.py --settings mia.settings  # 5xx tracebacks in the output

On PostgreSQL the database is always named mia_bench_queue, whatever name the URL gives: it is
dropped and created again. A run takes about three minutes.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from server import (  # bench/server.py, next to this script
    ROOT,
    database_name,
    mia,
    prepare_database,
    server_env,
    start_gunicorn,
    stop_gunicorn,
    wait_until_up,
)

POSTGRES_DATABASE = "mia_bench_queue"
DESK_ROLES = frozenset({"clerk", "team_lead", "housing", "admin"})
RECEPTION_USER = "empfang"
SERVICES_PER_VISIT = {1: 0.5, 2: 0.35, 3: 0.15}
PRIORITY_FLAGS = [("pregnant", 0.04), ("no_place_to_sleep", 0.02)]
WARM_AFTER = 3  # ended concerns per team before the server estimates from measured durations
REQUEST_TIMEOUT = 60


# --- recording ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    concern: int
    team: int
    at: float  # perf_counter when the ticket was read
    seconds: int
    warm: bool  # the team had WARM_AFTER ended concerns when the ticket was read


@dataclass
class Recorder:
    """Everything the threads observe, behind one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[tuple[float, int]]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    held_concerns: dict[int, int] = field(default_factory=dict)  # concern -> desk, while served
    held_visits: dict[int, int] = field(default_factory=dict)  # visit -> desk, while served
    calls: Counter[int] = field(default_factory=Counter)  # concern -> times handed out
    called_at: dict[int, float] = field(default_factory=dict)
    duplicates: list[dict[str, int]] = field(default_factory=list)
    visit_violations: list[dict[str, int]] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
    open_per_visit: Counter[int] = field(default_factory=Counter)
    team_ended: Counter[int] = field(default_factory=Counter)
    team_last_end: dict[int, float] = field(default_factory=dict)
    visits_created: int = 0
    visits_done: int = 0
    concerns_created: int = 0
    finished: int = 0
    forwarded: int = 0
    open_concerns: int = 0
    last_end: float = 0.0
    arrival_lag: float = 0.0

    def latency(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append((seconds, status))

    def error(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.errors.append(entry)

    def visit_opened(self, visit: int, concerns: int, lag: float) -> None:
        with self.lock:
            self.visits_created += 1
            self.concerns_created += concerns
            self.open_concerns += concerns
            self.open_per_visit[visit] += concerns
            self.arrival_lag = max(self.arrival_lag, lag)

    def estimated(self, concern: int, team: int, at: float, seconds: int) -> None:
        with self.lock:
            warm = self.team_ended[team] >= WARM_AFTER
            self.estimates.append(Estimate(concern, team, at, seconds, warm))

    def called(self, desk: int, concern: int, visit: int, at: float) -> None:
        with self.lock:
            if (other := self.held_concerns.get(concern)) is not None:
                self.duplicates.append({"concern": concern, "desk": desk, "holder": other})
            if (other := self.held_visits.get(visit)) is not None and other != desk:
                self.visit_violations.append(
                    {"visit": visit, "concern": concern, "desk": desk, "holder": other}
                )
            self.held_concerns[concern] = desk
            self.held_visits[visit] = desk
            self.calls[concern] += 1
            self.called_at.setdefault(concern, at)

    def released(self, desk: int, concern: int, visit: int) -> None:
        """Called just before finish/forward is sent: from here on the server may hand the
        visitor to another desk, so only overlaps inside [call answered, release sent] count."""
        with self.lock:
            if self.held_concerns.get(concern) == desk:
                del self.held_concerns[concern]
            if self.held_visits.get(visit) == desk:
                del self.held_visits[visit]

    def ended(self, visit: int, team: int, *, successor: bool) -> None:
        with self.lock:
            self.team_ended[team] += 1
            self.last_end = self.team_last_end[team] = time.perf_counter()
            if successor:
                self.forwarded += 1
                self.concerns_created += 1
                return
            self.finished += 1
            self.open_concerns -= 1
            self.open_per_visit[visit] -= 1
            if self.open_per_visit[visit] == 0:
                self.visits_done += 1

    def day_over(self, visits: int) -> bool:
        with self.lock:
            return (
                self.visits_created == visits and self.open_concerns == 0 and not self.held_concerns
            )


# --- HTTP --------------------------------------------------------------------------------------


class Api:
    """One HTTP session (one clerk, the reception or the monitor) that records every exchange."""

    def __init__(self, base: str, recorder: Recorder, token: str = "") -> None:
        self.base = base
        self.recorder = recorder
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def call(
        self,
        method: str,
        path: str,
        kind: str,
        body: dict[str, Any] | None = None,
        ok: Sequence[int] = (200,),
    ) -> requests.Response | None:
        """The response, or None after recording an unexpected status or a failed connection."""
        started = time.perf_counter()
        try:
            response = self.session.request(
                method, self.base + path, json=body, timeout=REQUEST_TIMEOUT
            )
        except requests.RequestException as exc:
            self._error(method, path, body, started, status=None, text=repr(exc))
            return None
        self.recorder.latency(kind, time.perf_counter() - started, response.status_code)
        if response.status_code not in ok:
            self._error(method, path, body, started, response.status_code, response.text[:4000])
            return None
        return response

    def json(self, path: str, kind: str) -> Any:
        response = self.call("GET", path, kind)
        if response is None:
            raise SystemExit(f"GET {path} failed: {self.recorder.errors[-1]}")
        return response.json()

    def _error(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        started: float,
        status: int | None,
        text: str,
    ) -> None:
        entry = {
            "request": f"{method} {path}",
            "body": body,
            "status": status,
            "response": text,
            "at": time.strftime("%H:%M:%S"),
            "after_seconds": round(time.perf_counter() - started, 3),
        }
        self.recorder.error(entry)
        print(f"HTTP error: {json.dumps(entry)[:600]}", file=sys.stderr, flush=True)


# --- the agency as the API shows it --------------------------------------------------------------


@dataclass(frozen=True)
class Service:
    id: int
    team: int
    team_letter: str
    minutes: int


@dataclass
class Desk:
    id: int
    name: str
    teams: list[int]
    clerk: str = ""
    token: str = ""
    open_teams: list[int] = field(default_factory=list)


@dataclass
class Agency:
    location: int
    services: dict[int, Service]  # walk-in services only
    desks: list[Desk]


def discover(api: Api) -> Agency:
    location = api.json("/api/v1/locations", "setup")[0]["id"]
    services = {
        s["id"]: Service(s["id"], s["team"], s["team_letter"], s["duration_minutes"])
        for s in api.json("/api/v1/services?lang=de", "setup")
        if s["walk_in"]
    }
    desks = [
        Desk(d["id"], d["name"], d["teams"])
        for d in api.json(f"/api/v1/desks?location={location}", "setup")
    ]
    return Agency(location, services, desks)


def choose_desks(agency: Agency, count: int) -> list[Desk]:
    """Round robin over the teams with walk-in services: every team gets a desk before any
    team gets a second one."""
    walk_in_teams = {s.team for s in agency.services.values()}
    by_team: dict[int, list[Desk]] = {}
    for desk in agency.desks:
        if desk.teams and desk.teams[0] in walk_in_teams:
            by_team.setdefault(desk.teams[0], []).append(desk)
    chosen: list[Desk] = []
    for round_ in range(max((len(d) for d in by_team.values()), default=0)):
        chosen += [desks[round_] for _, desks in sorted(by_team.items()) if round_ < len(desks)]
    if len(chosen) < count:
        raise SystemExit(f"only {len(chosen)} desks serve walk-in teams; asked for {count}")
    return chosen[:count]


def create_tokens(usernames: list[str], env: dict[str, str]) -> dict[str, str]:
    def one(username: str) -> str:
        return mia("create-token", username, "--name", "queue_day bench", env=env).split()[-1]

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(usernames, pool.map(one, usernames), strict=True))


def assign_clerks(
    desks: list[Desk], agency: Agency, base: str, recorder: Recorder, env: dict[str, str]
) -> None:
    """Demo staff are named by team letter and number (a01, a02, ..., j01, ...): take as many of
    each team as it has desks here, and check membership and role with GET /me."""
    letters = {s.team: s.team_letter for s in agency.services.values()}
    needed = Counter(desk.teams[0] for desk in desks)
    usernames = [
        f"{letters[team].lower()}{number:02d}"
        for team, count in sorted(needed.items())
        for number in range(1, count + 1)
    ]
    tokens = create_tokens(usernames, env)
    staff = {
        name: Api(base, recorder, token).json("/api/v1/me", "setup")
        for name, token in tokens.items()
    }
    free = list(usernames)
    for desk in desks:
        name = next((n for n in free if _may_serve(staff[n], desk)), None)
        if name is None:
            raise SystemExit(f"no demo clerk among {usernames} can serve desk {desk.name}")
        free.remove(name)
        desk.clerk, desk.token = name, tokens[name]


def _may_serve(me: dict[str, Any], desk: Desk) -> bool:
    teams = {team["id"] for team in me["teams"]}
    return me["role"] in DESK_ROLES and bool(teams & set(desk.teams))


def open_desks(desks: list[Desk], base: str, recorder: Recorder) -> None:
    for desk in desks:
        response = Api(base, recorder, desk.token).call(
            "POST", f"/api/v1/desks/{desk.id}/open", "setup", {}
        )
        if response is None:
            raise SystemExit(f"could not open desk {desk.name}: {recorder.errors[-1]}")
        desk.open_teams = response.json()["teams"]


# --- the day's plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedVisit:
    minute: float  # simulated minutes after opening
    services: list[int]
    priority: list[str]


def plan_day(
    rng: random.Random, visits: int, day_minutes: float, services: list[Service], desks: list[Desk]
) -> list[PlannedVisit]:
    """Arrival times of a Poisson process with `visits` arrivals in the walk-in hours (sorted
    uniform times); teams drawn in proportion to their open desks."""
    desks_per_team = Counter(team for desk in desks for team in desk.open_teams)
    by_team: dict[int, list[int]] = {}
    for service in services:
        if service.team in desks_per_team:
            by_team.setdefault(service.team, []).append(service.id)
    minutes = sorted(rng.uniform(0, day_minutes) for _ in range(visits))
    return [
        PlannedVisit(minute, _pick_services(rng, by_team, desks_per_team), _pick_priority(rng))
        for minute in minutes
    ]


def _pick_services(
    rng: random.Random, by_team: dict[int, list[int]], weights: Counter[int]
) -> list[int]:
    count = rng.choices(list(SERVICES_PER_VISIT), weights=list(SERVICES_PER_VISIT.values()))[0]
    teams = sorted(by_team)
    chosen: list[int] = []
    for _ in range(min(count, len(teams))):
        team = rng.choices(teams, weights=[weights[t] for t in teams])[0]
        teams.remove(team)
        chosen.append(rng.choice(by_team[team]))
    return chosen


def _pick_priority(rng: random.Random) -> list[str]:
    draw = rng.random()
    for flag, share in PRIORITY_FLAGS:
        if draw < share:
            return [flag]
        draw -= share
    return []


# --- the threads -------------------------------------------------------------------------------


@dataclass
class Day:
    """What the reception, desk and monitor threads share."""

    base: str
    agency: Agency
    recorder: Recorder
    speed: float  # real seconds per simulated minute
    forward_share: float
    idle_seconds: float
    seed: int
    open_teams: set[int]
    started: float = 0.0
    stop: threading.Event = field(default_factory=threading.Event)
    arrivals_done: threading.Event = field(default_factory=threading.Event)
    broken_desks: list[str] = field(default_factory=list)


def reception(day: Day, token: str, plan: list[PlannedVisit]) -> None:
    api = Api(day.base, day.recorder, token)
    try:
        for visit in plan:
            due = day.started + visit.minute * day.speed
            if day.stop.wait(max(0.0, due - time.perf_counter())):
                return
            open_visit(day, api, visit, lag=max(0.0, time.perf_counter() - due))
    finally:
        day.arrivals_done.set()


def open_visit(day: Day, api: Api, visit: PlannedVisit, lag: float) -> None:
    body = {"location": day.agency.location, "services": visit.services, "priority": visit.priority}
    response = api.call("POST", "/api/v1/visits", "POST visits", body, ok=(201,))
    if response is None:
        return
    opened = response.json()
    day.recorder.visit_opened(opened["id"], len(opened["concerns"]), lag)
    concerns = {(c["service_name"], c["team_letter"]): c for c in opened["concerns"]}
    ticket = api.call("GET", f"/api/v1/tickets/{opened['public_code']}", "GET tickets")
    if ticket is None:
        return
    read_at = time.perf_counter()
    for row in ticket.json()["concerns"]:
        concern = concerns.get((row["service"], row["team_letter"]))
        if concern and row["status"] == "waiting" and row["estimated_wait_seconds"] is not None:
            day.recorder.estimated(
                concern["id"], concern["team"], read_at, row["estimated_wait_seconds"]
            )


def clerk(day: Day, desk: Desk, index: int) -> None:
    api = Api(day.base, day.recorder, desk.token)
    rng = random.Random(day.seed * 1000 + index)
    path = f"/api/v1/desks/{desk.id}/call-next"
    while not day.stop.is_set():
        response = api.call("POST", path, "call-next", ok=(200, 204))
        if response is not None and response.status_code == 200:
            if not serve(day, api, desk, response.json(), rng):
                day.broken_desks.append(desk.name)
                return
            continue
        day.stop.wait(day.idle_seconds * rng.uniform(0.5, 1.5))


def serve(day: Day, api: Api, desk: Desk, call: dict[str, Any], rng: random.Random) -> bool:
    """Serve the called visitor, then finish or forward; False when the server refused."""
    concern, visit = call["concern"], call["visit"]
    day.recorder.called(desk.id, concern["id"], visit, time.perf_counter())
    service = day.agency.services.get(concern["service"])
    minutes = service.minutes if service else 20
    time.sleep(minutes * day.speed * min(2.5, max(0.3, rng.lognormvariate(0, 0.35))))
    target = forward_target(day, concern["team"], rng) if rng.random() < day.forward_share else None
    day.recorder.released(desk.id, concern["id"], visit)
    if target is None:
        path, kind, body = f"/api/v1/concerns/{concern['id']}/finish", "finish", {"outcome": ""}
    else:
        path, kind, body = (
            f"/api/v1/concerns/{concern['id']}/forward",
            "forward",
            {"service": target},
        )
    if api.call("POST", path, kind, body) is None:
        return False
    day.recorder.ended(visit, concern["team"], successor=target is not None)
    return True


def forward_target(day: Day, team: int, rng: random.Random) -> int | None:
    choices = [
        s.id for s in day.agency.services.values() if s.team != team and s.team in day.open_teams
    ]
    return rng.choice(choices) if choices else None


def wait_for_day_end(day: Day, visits: int, clerks: list[threading.Thread], limit: float) -> bool:
    """True when every visit was opened, every concern ended and the board shows nobody
    waiting; False at the time limit or when every desk has failed."""
    board = Api(day.base, day.recorder)
    path = f"/api/v1/display/{day.agency.location}"
    while time.perf_counter() - day.started < limit:
        if not any(thread.is_alive() for thread in clerks):
            return False
        if day.arrivals_done.is_set() and day.recorder.day_over(visits):
            response = board.call("GET", path, "GET display")
            if response is not None and not any(response.json()["waiting"].values()):
                return True
        time.sleep(0.2)
    return False


def run_day(day: Day, reception_token: str, plan: list[PlannedVisit], limit: float) -> bool:
    desks = [d for d in day.agency.desks if d.token]
    clerks = [
        threading.Thread(target=clerk, args=(day, desk, i), name=f"desk-{desk.id}", daemon=True)
        for i, desk in enumerate(desks)
    ]
    arrivals = threading.Thread(target=reception, args=(day, reception_token, plan), daemon=True)
    day.started = time.perf_counter()
    for thread in [*clerks, arrivals]:
        thread.start()
    try:
        completed = wait_for_day_end(day, len(plan), clerks, limit)
    finally:
        day.stop.set()
        for thread in [*clerks, arrivals]:
            thread.join(timeout=30)
    return completed


# --- figures -----------------------------------------------------------------------------------


def percentiles(seconds: list[float]) -> dict[str, float | None]:
    if len(seconds) < 2:
        value = round(seconds[0] * 1000, 2) if seconds else None
        return {"p50_ms": value, "p95_ms": value, "p99_ms": value}
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49] * 1000, 2),
        "p95_ms": round(cuts[94] * 1000, 2),
        "p99_ms": round(cuts[98] * 1000, 2),
    }


def estimate_figures(recorder: Recorder, warm_only: bool) -> dict[str, Any]:
    pairs = [
        (e.seconds, recorder.called_at[e.concern] - e.at)
        for e in recorder.estimates
        if e.concern in recorder.called_at and (e.warm or not warm_only)
    ]
    if not pairs:
        return {"n": 0}
    real_median = statistics.median(real for _, real in pairs)
    abs_error = statistics.median(abs(estimate - real) for estimate, real in pairs)
    return {
        "n": len(pairs),
        "median_abs_error_s": round(abs_error, 2),
        "median_real_wait_s": round(real_median, 2),
        "relative_error": round(abs_error / real_median, 3) if real_median > 0 else None,
        "median_signed_error_s": round(
            statistics.median(estimate - real for estimate, real in pairs), 2
        ),
    }


def http_error_figures(errors: list[dict[str, Any]]) -> dict[str, Any]:
    statuses = [e["status"] for e in errors]
    return {
        "server_errors_5xx": sum(1 for s in statuses if s is not None and s >= 500),
        "unexpected_status": sum(1 for s in statuses if s is not None and s < 500),
        "connection_failures": sum(1 for s in statuses if s is None),
        "first": errors[:20],
    }


def figures(day: Day, completed: bool, plan_size: int) -> dict[str, Any]:
    recorder = day.recorder
    calls = recorder.latencies.get("call-next", [])
    end = recorder.last_end or time.perf_counter()
    real_seconds = max(end - day.started, 1e-9)
    return {
        "completed": completed,
        "real_seconds": round(real_seconds, 1),
        "simulated_minutes": round(real_seconds / day.speed, 1),
        "call_next": {
            "requests": len(calls),
            "with_visitor": sum(1 for _, status in calls if status == 200),
            "empty": sum(1 for _, status in calls if status == 204),
            "all": percentiles([s for s, _ in calls]),
            "with_visitor_latency": percentiles([s for s, status in calls if status == 200]),
        },
        "other_latency": {
            kind: {"requests": len(rows), **percentiles([s for s, _ in rows])}
            for kind, rows in sorted(recorder.latencies.items())
            if kind != "call-next"
        },
        "duplicates": len(recorder.duplicates),
        "duplicate_examples": recorder.duplicates[:20],
        "concerns_called_twice": sum(1 for n in recorder.calls.values() if n > 1),
        "visit_at_two_desks": len(recorder.visit_violations),
        "visit_at_two_desks_examples": recorder.visit_violations[:20],
        "visits_planned": plan_size,
        "visits_created": recorder.visits_created,
        "visits_done": recorder.visits_done,
        "visits_per_real_minute": round(recorder.visits_done / real_seconds * 60, 2),
        "visits_per_simulated_minute": round(recorder.visits_done / real_seconds * day.speed, 3),
        "concerns_created": recorder.concerns_created,
        "concerns_ended": recorder.finished + recorder.forwarded,
        "finished": recorder.finished,
        "forwarded": recorder.forwarded,
        "http_errors": http_error_figures(recorder.errors),
        "broken_desks": day.broken_desks,
        "arrival_lag_max_s": round(recorder.arrival_lag, 3),
        "estimate": estimate_figures(recorder, warm_only=False),
        "estimate_warm_teams": estimate_figures(recorder, warm_only=True),
        "teams": team_figures(day),
    }


def team_figures(day: Day) -> dict[str, dict[str, Any]]:
    """Per team: open desks, concerns ended, and when its last concern ended (real seconds
    after opening); the slowest team decides when the day ends."""
    letters = {s.team: s.team_letter for s in day.agency.services.values()}
    desks = Counter(team for desk in day.agency.desks for team in desk.open_teams)
    recorder = day.recorder
    return {
        letters[team]: {
            "desks": desks[team],
            "concerns_ended": recorder.team_ended[team],
            "last_end_s": round(recorder.team_last_end.get(team, day.started) - day.started, 1),
        }
        for team in sorted(desks)
    }


def failed(result: dict[str, Any]) -> list[str]:
    errors = result["http_errors"]
    reasons = {
        "duplicates": result["duplicates"],
        "concerns called twice": result["concerns_called_twice"],
        "visits at two desks": result["visit_at_two_desks"],
        "5xx responses": errors["server_errors_5xx"],
        "unexpected statuses": errors["unexpected_status"],
        "connection failures": errors["connection_failures"],
    }
    found = [f"{count} {name}" for name, count in reasons.items() if count]
    if not result["completed"]:
        found.append("the day did not end within the time limit")
    return found + result["server_disturbances"]


def _ms(p: dict[str, float | None]) -> str:
    return " / ".join("-" if p[k] is None else f"{p[k]:.1f}" for k in p)


def _estimate(e: dict[str, Any]) -> str:
    if not e["n"]:
        return "no data"
    share = "-" if e["relative_error"] is None else f"{e['relative_error']:.0%}"
    return (
        f"{e['median_abs_error_s']:.1f} s = {share} of median real wait "
        f"{e['median_real_wait_s']:.1f} s (n={e['n']})"
    )


def table_rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    call, errors = r["call_next"], r["http_errors"]
    per_minute = r["visits_per_simulated_minute"]
    return [
        (
            "call-next requests",
            f"{call['requests']} ({call['with_visitor']} 200, {call['empty']} 204)",
        ),
        ("call-next p50/p95/p99 ms, all", _ms(call["all"])),
        ("call-next p50/p95/p99 ms, 200", _ms(call["with_visitor_latency"])),
        (
            "duplicates (at once / called twice)",
            f"{r['duplicates']} / {r['concerns_called_twice']}",
        ),
        ("visit at two desks at once", str(r["visit_at_two_desks"])),
        ("visits processed", f"{r['visits_done']} of {r['visits_planned']}"),
        ("visits per real minute", f"{r['visits_per_real_minute']:.1f}"),
        ("visits per simulated minute", f"{per_minute:.3f} ({per_minute * 60:.1f} per hour)"),
        (
            "concerns ended",
            f"{r['concerns_ended']} ({r['finished']} finished, {r['forwarded']} forwarded)",
        ),
        (
            "HTTP errors 5xx / other / conn.",
            f"{errors['server_errors_5xx']} / {errors['unexpected_status']} / {errors['connection_failures']}",
        ),
        ("estimate median abs error", _estimate(r["estimate"])),
        ("  same, teams past warm-up", _estimate(r["estimate_warm_teams"])),
        (
            "day length real / simulated",
            f"{r['real_seconds']:.0f} s / {r['simulated_minutes']:.0f} min",
        ),
        ("reception behind schedule, max", f"{r['arrival_lag_max_s']:.1f} s"),
        ("gunicorn disturbed", "; ".join(r["server_disturbances"]) or "no"),
    ]


def print_table(report: dict[str, Any]) -> None:
    print(f"\nQueue day on {report['database']} ({report['server']}; {report['load']})")
    for name, value in table_rows(report["results"]):
        print(f"{name:<36} {value}")


# --- main --------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--visits", type=int, default=600)
    parser.add_argument("--desks", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--speed", type=float, default=0.05, help="real seconds per simulated minute"
    )
    parser.add_argument(
        "--day-minutes",
        type=float,
        default=480,
        help="simulated minutes over which visitors arrive",
    )
    parser.add_argument("--forward-share", type=float, default=0.1)
    parser.add_argument(
        "--idle-seconds", type=float, default=0.25, help="pause after an empty call-next (±50%%)"
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=0,
        help="real seconds for the day; default 7200 simulated minutes",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--settings", default="bench.settings", help="mia.settings logs tracebacks of 5xx"
    )
    parser.add_argument("--output", default="")
    return parser.parse_args()


def bench_database_url(url: str, workdir: Path) -> str:
    if not url:
        return f"sqlite:///{workdir / 'queue_day.sqlite3'}"
    if url.startswith("postgres"):
        return f"{url.rsplit('/', 1)[0]}/{POSTGRES_DATABASE}"
    return url


def setup(
    args: argparse.Namespace, base: str, env: dict[str, str], recorder: Recorder, token: str
) -> Day:
    """Find the location, walk-in services and desks; seat a demo clerk at each chosen desk."""
    agency = discover(Api(base, recorder, token))
    desks = choose_desks(agency, args.desks)
    assign_clerks(desks, agency, base, recorder, env)
    open_desks(desks, base, recorder)
    agency.desks = desks
    return Day(
        base=base,
        agency=agency,
        recorder=recorder,
        speed=args.speed,
        forward_share=args.forward_share,
        idle_seconds=args.idle_seconds,
        seed=args.seed,
        open_teams={team for desk in desks for team in desk.open_teams},
    )


ROUTINE_LOG = ("Starting gunicorn", "Listening at", "Using worker", "Booting worker")


def read_log(log: Path) -> list[str]:
    return log.read_text(errors="replace").splitlines() if log.exists() else []


def server_disturbances(lines: list[str], workers: int, exit_code: int | None) -> list[str]:
    """Signs that gunicorn was signalled, restarted workers or died during the day (read before
    we stop it): the figures of such a run are not comparable."""
    found = []
    if exit_code is not None:
        found.append(f"gunicorn exited with {exit_code} during the day")
    if signals := [line for line in lines if "Handling signal" in line or "SIGHUP" in line]:
        found.append(f"gunicorn got signals: {signals[:5]}")
    if (booted := sum(1 for line in lines if "Booting worker" in line)) > workers:
        found.append(f"gunicorn booted {booted - workers} workers again")
    return found


@dataclass
class Outcome:
    day: Day
    plan: list[PlannedVisit]
    completed: bool
    disturbances: list[str]
    gunicorn_output: list[str]


def play(args: argparse.Namespace, database_url: str, workdir: Path) -> Outcome:
    """Prepare the database, start gunicorn, seat the clerks and play the day."""
    env = server_env(database_url, DJANGO_SETTINGS_MODULE=args.settings)
    base = f"http://127.0.0.1:{args.port}"
    log = workdir / "gunicorn.log"
    print(f"preparing {database_url} ...", flush=True)
    prepare_database(database_url, env)
    with log.open("wb") as output:
        server = start_gunicorn(
            env, args.port, args.workers, threads=1, output=output, log_level="info"
        )
        try:
            wait_until_up(base)
            reception_token = create_tokens([RECEPTION_USER], env)[RECEPTION_USER]
            day = setup(args, base, env, Recorder(), reception_token)
            services = list(day.agency.services.values())
            plan = plan_day(
                random.Random(args.seed), args.visits, args.day_minutes, services, day.agency.desks
            )
            print(f"{len(day.agency.desks)} desks open; playing the day ...", flush=True)
            limit = args.time_limit or 7200 * args.speed
            completed = run_day(day, reception_token, plan, limit)
            disturbances = server_disturbances(read_log(log), args.workers, server.poll())
        finally:
            stop_gunicorn(server)
    output_lines = [line for line in read_log(log) if not any(r in line for r in ROUTINE_LOG)]
    return Outcome(day, plan, completed, disturbances, output_lines)


def build_report(args: argparse.Namespace, database_url: str, outcome: Outcome) -> dict[str, Any]:
    desks = outcome.day.agency.desks
    results = figures(outcome.day, outcome.completed, len(outcome.plan))
    return {
        "database": database_name(database_url),
        "server": f"gunicorn, {args.workers} sync workers x 1 thread, {args.settings}",
        "load": (
            f"{args.visits} visits over {args.day_minutes:.0f} simulated minutes, "
            f"{len(desks)} desks, {args.speed} s per simulated minute"
        ),
        "cores": os.cpu_count(),
        "arguments": {k: v for k, v in vars(args).items() if k != "database_url"},
        "desks": [
            {"id": d.id, "name": d.name, "clerk": d.clerk, "teams": d.open_teams} for d in desks
        ],
        "results": results | {"server_disturbances": outcome.disturbances},
        "gunicorn_output": outcome.gunicorn_output[-300:],
    }


def main() -> None:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="mia-queue-day-"))
    database_url = bench_database_url(args.database_url, workdir)
    try:
        outcome = play(args, database_url, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report = build_report(args, database_url, outcome)
    name = f"queue_day_{report['database']}.json"
    output_path = Path(args.output) if args.output else ROOT / "bench" / "results" / name
    output_path.parent.mkdir(parents=True, exist_ok=True)
    output_path.write_text(json.dumps(report, indent=2))
    print_table(report)
    print(f"\nJSON: {output_path}")
    if problems := failed(report["results"]):
        print("\ngunicorn output (last lines):\n" + "\n".join(outcome.gunicorn_output[-40:]))
        raise SystemExit("FAILED: " + ", ".join(problems))


if __name__ == "__main__":
    main()
