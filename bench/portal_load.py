"""Portal under load: page views in German and Ukrainian, a directory filter and search over
1,000 pages in 12 languages, 500 actors and 10,000 offers, against a bare Django view; and the
editors' translation overview of all 1,000 pages x 12 languages.

What it does. A fresh database with the demo agency (bench/server.py) gets the bulk content of
bench/portal_content.py. gunicorn (2 sync workers, bench.settings, MIA_RATE_LIMITS=off) serves
MiA; wrk (16 connections, bench/latency.lua) drives each target in interleaved rounds. A page
view is measured on one page (as bench/http_baseline.py does, so the page cache serves it) and
spread over 200 pages; the directory filter over 84 category x language combinations and search
over 24 searches, each request taking the next address of its list. A target is the public HTML
page when it answers 200 (/de/info/<path>/, /uk/info/<path>/, /de/angebote/?category=&language=,
/de/suche/?q=); the JSON API equivalent (/api/v1/pages/<path>, /api/v1/offers?category=&language=,
/api/v1/offers?q=) is measured always. Requests per second are given as a share of the bare "ok"
view's (bench/urls.py).

The translation overview is timed twice: the editors' page /de/staff/portal/translations/
over HTTP (as an editor, 20 requests one after another), when it exists; and, with gunicorn
stopped, the selector `with_translation_status` over all pages and 12 languages (the 11
translations and Leichte Sprache) plus a plain Django template rendering the table (10 runs).

Targets: page views >= 50 % of the bare view's requests per second; search p95 < 100 ms;
translation overview < 300 ms. Misses are reported, not failed. JSON goes to
bench/results/portal_load_<database>_cache<seconds>s.json.

    .venv/bin/python bench/portal_load.py                        # PostgreSQL, mia_bench_portal
    .venv/bin/python bench/portal_load.py --page-cache-seconds 0 # every request rendered
    .venv/bin/python bench/portal_load.py --reuse-database       # skip set-up and content
    .venv/bin/python bench/portal_load.py --database-url sqlite  # SQLite in a temporary file

The PostgreSQL database is dropped and created again (its name must start with "mia_bench").
Set-up takes about a minute, the measurements about eight at the defaults.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from portal_content import CATEGORIES, LANGUAGES, TOWNS, WORDS  # bench/, next to this script
from server import (
    ROOT,
    database_name,
    prepare_database,
    server_env,
    shell_json,
    start_gunicorn,
    stop_gunicorn,
    wait_until_up,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/mia_bench_portal"
PAGE_RATIO_TARGET = 0.5
SEARCH_P95_TARGET_MS = 100
OVERVIEW_TARGET_MS = 300
ADDRESSES = 200

# --- code run inside `python -m mia shell -c` (see server.shell_json: `params`, `emit`) ---------

SAMPLE = """
from mia.portal.models import Page, PageTranslation
bench = Page.objects.filter(path__startswith="bench-", is_published=True).order_by("pk")
paths = list(bench.values_list("path", flat=True))
step = max(1, len(paths) // params["n"])
translated = PageTranslation.objects.filter(language="uk", item__in=bench)
emit({
    "de": paths[::step][: params["n"]],
    "uk": list(translated.order_by("item_id").values_list("item__path", flat=True))[::step][: params["n"]],
    "pages": Page.objects.count(),
})
"""

SESSION = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from mia.accounts.models import User
user, _ = User.objects.get_or_create(username="bench-editor", defaults={"role": "editor"})
backend = next(
    (b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend")),
    settings.AUTHENTICATION_BACKENDS[0],
)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = backend
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
emit({"cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"})
"""

OVERVIEW = """
import statistics, time
from django.db import connection, reset_queries
from django.template import Context, Engine
from mia.core.languages import TRANSLATION_CODES
from mia.portal.models import EASY_GERMAN, Page
from mia.portal.selectors.translations import status_name, with_translation_status

languages = [*TRANSLATION_CODES, EASY_GERMAN]
template = Engine().from_string(
    "<table><tr><th>Seite</th>{% for code in languages %}<th>{{ code }}</th>{% endfor %}</tr>"
    "{% for title, path, cells in rows %}<tr><th><a href='/de/info/{{ path }}/'>{{ title }}</a>"
    "</th>{% for cell in cells %}<td class='{{ cell }}'>{{ cell }}</td>{% endfor %}</tr>"
    "{% endfor %}</table>"
)
def run():
    started = time.perf_counter()
    pages = with_translation_status(
        Page.objects.only("pk", "title", "path", "source_changed_at").order_by("path"), languages
    )
    rows = [(p.title, p.path, [status_name(p, code) for code in languages]) for p in pages]
    queried = time.perf_counter()
    html = template.render(Context({"rows": rows, "languages": languages}))
    done = time.perf_counter()
    return len(rows), (queried - started) * 1000, (done - queried) * 1000, len(html)
run()  # warm-up
runs = [run() for _ in range(params["n"])]
counts = {}
for cells in [[status_name(p, code) for code in languages] for p in with_translation_status(Page.objects.all(), languages)]:
    for cell in cells:
        counts[cell] = counts.get(cell, 0) + 1
totals = [query + render for _rows, query, render, _size in runs]
emit({
    "pages": runs[0][0],
    "languages": languages,
    "cells": counts,
    "html_bytes": runs[0][3],
    "query_ms_median": statistics.median(r[1] for r in runs),
    "render_ms_median": statistics.median(r[2] for r in runs),
    "total_ms_median": statistics.median(totals),
    "total_ms_max": max(totals),
    "runs": len(runs),
})
"""

# --- load ----------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    paths: list[str]
    kind: str  # html, api or bare
    figures: list[dict[str, float]] = field(default_factory=list)


def lua_script(paths: list[str]) -> str:
    """bench/latency.lua plus a request() that walks through `paths`, one thread each."""
    table = ",\n".join(json.dumps(path) for path in paths)
    rotation = (
        f"local paths = {{\n{table}\n}}\n"
        "local next_index = 0\n"
        "init = function(args)\n"
        "  next_index = math.random(#paths) - 1\n"
        "end\n"
        "request = function()\n"
        "  next_index = next_index % #paths + 1\n"
        '  return wrk.format("GET", paths[next_index])\n'
        "end\n"
    )
    return rotation + (ROOT / "bench" / "latency.lua").read_text()


def wrk(base: str, target: Target, seconds: int, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua_script(target.paths))
    try:
        result = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                "--timeout",
                "10s",  # a slow answer is a latency to report, not a socket error
                "-s",
                script.name,
                base + target.paths[0],
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script.name)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if figures["non_2xx"] or figures["errors"] > figures["requests"] // 100:
        raise SystemExit(
            f"{target.name}: {figures['errors']} errors, {figures['non_2xx']} non-2xx responses"
        )
    return figures


def answers(base: str, path: str, cookie: str = "") -> int:
    headers = {"Cookie": cookie} if cookie else {}
    try:
        return requests.get(base + path, headers=headers, timeout=60).status_code
    except requests.RequestException:
        return 0


def quote(text: str) -> str:
    return urllib.parse.quote(text.casefold())


def search_words() -> list[str]:
    words = list(WORDS["de"])
    words += [f"{WORDS['de'][i]} {TOWNS[i % len(TOWNS)]}" for i in range(len(WORDS["de"]))]
    return words


def choose_targets(base: str, sample: dict[str, Any]) -> tuple[list[Target], dict[str, str]]:
    """The HTML pages where they answer 200, and the API always; notes say what is missing."""
    filters = [f"category={c}&language={lang}" for c in CATEGORIES for lang in LANGUAGES]
    words = search_words()
    hot_de, hot_uk = sample["de"][1], sample["uk"][1]  # a page below a section page
    html = {
        "page view de (HTML)": [f"/de/info/{hot_de}/"],
        "page view uk (HTML)": [f"/uk/info/{hot_uk}/"],
        "200 pages de (HTML)": [f"/de/info/{path}/" for path in sample["de"]],
        "200 pages uk (HTML)": [f"/uk/info/{path}/" for path in sample["uk"]],
        "directory filter (HTML)": [f"/de/angebote/?{f}" for f in filters],
        "search (HTML)": [f"/de/suche/?q={quote(word)}" for word in words],
    }
    api = {
        "page view de (API)": [f"/api/v1/pages/{hot_de}?lang=de"],
        "page view uk (API)": [f"/api/v1/pages/{hot_uk}?lang=uk"],
        "200 pages de (API)": [f"/api/v1/pages/{path}?lang=de" for path in sample["de"]],
        "200 pages uk (API)": [f"/api/v1/pages/{path}?lang=uk" for path in sample["uk"]],
        "directory filter (API)": [f"/api/v1/offers?{f}" for f in filters],
        "search (API)": [f"/api/v1/offers?q={quote(word)}" for word in words],
    }
    targets = [Target("bare view", ["/bench/bare"], "bare")]
    notes = {}
    for name, paths in html.items():
        status = answers(base, paths[0])
        if status == 200:
            targets.append(Target(name, paths, "html"))
        else:
            notes[name] = f"not measured: {paths[0]} answered {status or 'nothing'}"
    targets += [Target(name, paths, "api") for name, paths in api.items()]
    return targets, notes


def overview_http(base: str, cookie: str, n: int) -> dict[str, Any]:
    path = "/de/staff/portal/translations/?kind=page"
    status = answers(base, path, cookie)
    if status != 200:
        return {"path": path, "measured": False, "status": status}
    session = requests.Session()
    seconds = []
    for _ in range(n):
        started = time.perf_counter()
        response = session.get(base + path, headers={"Cookie": cookie}, timeout=60)
        seconds.append(time.perf_counter() - started)
        response.raise_for_status()
    ms = sorted(s * 1000 for s in seconds)
    return {
        "path": path,
        "measured": True,
        "requests": n,
        "p50_ms": statistics.median(ms),
        "p95_ms": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))],
        "bytes": len(response.content),
    }


# --- set-up ----------------------------------------------------------------------------------


def bench_database_url(url: str, workdir: Path) -> str:
    if url == "sqlite":
        return f"sqlite:///{workdir / 'portal_load.sqlite3'}"
    if url.startswith("postgres") and not url.rsplit("/", 1)[1].startswith("mia_bench"):
        raise SystemExit("the PostgreSQL database is dropped first: its name must start mia_bench")
    return url


def generate_content(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "portal_content.py"),
            f"--pages={args.pages}",
            f"--offers={args.offers}",
            f"--actors={args.actors}",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    base = f"http://127.0.0.1:{args.port}"
    sample = shell_json(SAMPLE, env, n=ADDRESSES)
    cookie = shell_json(SESSION, env)["cookie"]
    server = start_gunicorn(env, args.port, workers=args.workers)
    try:
        wait_until_up(base)
        targets, notes = choose_targets(base, sample)
        for target in targets:  # warm up: imports, templates, connections, the page cache
            wrk(base, target, 2, args.connections)
        for _ in range(args.rounds):
            for target in targets:
                target.figures.append(wrk(base, target, args.seconds, args.connections))
        overview = overview_http(base, cookie, 20)
    finally:
        stop_gunicorn(server)
    selector = shell_json(OVERVIEW, env, n=10)
    return {"sample": sample, "targets": targets, "notes": notes, "overview": overview} | {
        "selector": selector
    }


# --- report ----------------------------------------------------------------------------------


def summary(targets: list[Target]) -> dict[str, dict[str, Any]]:
    bare = statistics.median(run["rps"] for run in targets[0].figures)
    return {
        t.name: {
            "kind": t.kind,
            "addresses": len(t.paths),
            "example": t.paths[0],
            "rps": statistics.median(run["rps"] for run in t.figures),
            "p50_ms": statistics.median(run["p50_ms"] for run in t.figures),
            "p95_ms": statistics.median(run["p95_ms"] for run in t.figures),
            "ratio_to_bare": statistics.median(run["rps"] for run in t.figures) / bare,
            "socket_errors": sum(run["errors"] for run in t.figures),
            "runs": t.figures,
        }
        for t in targets
    }


def checks(results: dict[str, Any], overview: dict[str, Any], selector: dict[str, Any]) -> dict:
    found: dict[str, Any] = {}
    for name, figures in results.items():
        if name.startswith(("page view", "200 pages")):
            found[f"{name} >= 50 % of bare"] = figures["ratio_to_bare"] >= PAGE_RATIO_TARGET
        if name.startswith("search"):
            found[f"{name} p95 < {SEARCH_P95_TARGET_MS} ms"] = (
                figures["p95_ms"] < SEARCH_P95_TARGET_MS
            )
    if overview["measured"]:
        found["overview page < 300 ms (median)"] = overview["p50_ms"] < OVERVIEW_TARGET_MS
    found["overview selector + table < 300 ms (median)"] = (
        selector["total_ms_median"] < OVERVIEW_TARGET_MS
    )
    return found


def print_report(report: dict[str, Any]) -> None:
    print(f"\nPortal load on {report['database']} ({report['server']}; {report['load']})")
    print(f"page cache: {report['page_cache_seconds']} s (0 = every request rendered)")
    print(f"content: {report['content']}")
    print(f"{'target':<26} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'vs bare':>8} {'errors':>7}")
    for name, f in report["results"].items():
        print(
            f"{name:<26} {f['rps']:>9.1f} {f['p50_ms']:>8.2f} {f['p95_ms']:>8.2f} "
            f"{f['ratio_to_bare']:>7.0%} {f['socket_errors']:>7}"
        )
    for name, note in report["notes"].items():
        print(f"{name:<26} {note}")
    overview, selector = report["overview_page"], report["overview_selector"]
    if overview["measured"]:
        print(
            f"\ntranslation overview page {overview['path']}: p50 {overview['p50_ms']:.0f} ms, "
            f"p95 {overview['p95_ms']:.0f} ms ({overview['bytes']} bytes, as paginated)"
        )
    else:
        print(f"\ntranslation overview page {overview['path']}: answered {overview['status']}")
    print(
        f"translation overview selector, {selector['pages']} pages x "
        f"{len(selector['languages'])} languages: query {selector['query_ms_median']:.0f} ms + "
        f"table {selector['render_ms_median']:.0f} ms = {selector['total_ms_median']:.0f} ms "
        f"median, {selector['total_ms_max']:.0f} ms max of {selector['runs']}"
    )
    print()
    for name, met in report["checks"].items():
        print(f"{'met ' if met else 'MISSED'} {name}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL, help="or: sqlite")
    parser.add_argument("--reuse-database", action="store_true", help="no set-up, no content")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=10, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument(
        "--page-cache-seconds",
        default="10",
        help="MIA_PAGE_CACHE_SECONDS for the server; 0 renders every request",
    )
    parser.add_argument("--output", default="")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="mia-portal-load-"))
    try:
        database_url = bench_database_url(args.database_url, workdir)
        env = server_env(database_url, MIA_PAGE_CACHE_SECONDS=args.page_cache_seconds)
        content: dict[str, Any] = {"reused": True}
        if not args.reuse_database:
            print(f"preparing {database_url} ...", flush=True)
            prepare_database(database_url, env)
            content = generate_content(args, env)
            print(f"content: {content}", flush=True)
        measured = measure(args, env)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results = summary(measured["targets"])
    report = {
        "database": database_name(database_url),
        "server": f"gunicorn, {args.workers} sync workers, bench.settings",
        "load": f"wrk -t2 -c{args.connections}, {args.rounds} x {args.seconds}s per target, "
        "interleaved",
        "page_cache_seconds": int(args.page_cache_seconds),
        "cores": os.cpu_count(),
        "content": content | {"pages_in_database": measured["sample"]["pages"]},
        "results": results,
        "notes": measured["notes"],
        "overview_page": measured["overview"],
        "overview_selector": measured["selector"],
        "checks": checks(results, measured["overview"], measured["selector"]),
    }
    name = f"portal_load_{report['database']}_cache{args.page_cache_seconds}s.json"
    output = Path(args.output) if args.output else ROOT / "bench" / "results" / name
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2))
    print_report(report)
    print(f"\nJSON: {output}")


if __name__ == "__main__":
    main()
