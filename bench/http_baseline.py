"""HTTP baseline: MiA's portal home, services page and services API against a bare Django view.

Starts gunicorn (2 sync workers) on the given database with the demo agency, then drives each
URL with wrk in interleaved rounds and reports medians and the ratio to the bare view.

    .venv/bin/python bench/http_baseline.py                       # SQLite
    .venv/bin/python bench/http_baseline.py --database-url postgres://postgres@127.0.0.1:5432/mia_bench
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from server import (  # bench/server.py, next to this script
    ROOT,
    prepare_database,
    server_env,
    start_gunicorn,
    stop_gunicorn,
    wait_until_up,
)

TARGETS = {
    "bare view": "/bench/bare",
    "portal home /de/": "/de/",
    "services page /de/services/": "/de/services/",
    "GET /api/v1/services": "/api/v1/services?lang=de",
}


def wrk(url: str, seconds: int, connections: int) -> dict[str, float]:
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(ROOT / "bench" / "latency.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if figures["errors"] or figures["non_2xx"]:
        raise SystemExit(
            f"{url}: {figures['errors']} errors, {figures['non_2xx']} non-2xx responses"
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--seconds", type=int, default=10, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per URL")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--page-cache-seconds",
        default="10",
        help="MIA_PAGE_CACHE_SECONDS for the server; 0 renders every request",
    )
    parser.add_argument("--output", default="")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="mia-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = server_env(database_url, MIA_PAGE_CACHE_SECONDS=args.page_cache_seconds)
    prepare_database(database_url, env)
    base = f"http://127.0.0.1:{args.port}"
    server = start_gunicorn(env, args.port, workers=2)
    try:
        wait_until_up(base)
        for path in TARGETS.values():  # warm up: imports, templates, connections
            wrk(base + path, 2, args.connections)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in TARGETS}
        for _ in range(args.rounds):
            for name, path in TARGETS.items():
                runs[name].append(wrk(base + path, args.seconds, args.connections))
    finally:
        stop_gunicorn(server)
        shutil.rmtree(workdir, ignore_errors=True)

    bare_rps = statistics.median(run["rps"] for run in runs["bare view"])
    results = {
        name: {
            "rps": statistics.median(run["rps"] for run in series),
            "p50_ms": statistics.median(run["p50_ms"] for run in series),
            "p95_ms": statistics.median(run["p95_ms"] for run in series),
            "ratio_to_bare": statistics.median(run["rps"] for run in series) / bare_rps,
            "runs": series,
        }
        for name, series in runs.items()
    }
    report = {
        "database": "postgresql" if database_url.startswith("postgres") else "sqlite",
        "server": "gunicorn, 2 sync workers",
        "load": f"wrk -t2 -c{args.connections}, {args.rounds} x {args.seconds}s per URL, interleaved",
        "page_cache_seconds": int(args.page_cache_seconds),
        "cores": os.cpu_count(),
        "results": results,
    }
    name = f"http_baseline_{report['database']}_cache{args.page_cache_seconds}s.json"
    output = Path(args.output) if args.output else ROOT / "bench" / "results" / name
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2))

    print(f"\nHTTP baseline on {report['database']} ({report['server']}; {report['load']})")
    print(f"page cache: {args.page_cache_seconds} s (0 = every request rendered)")
    print(f"{'target':<30} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'vs bare':>8}")
    for name, figures in results.items():
        print(
            f"{name:<30} {figures['rps']:>9.1f} {figures['p50_ms']:>8.2f} {figures['p95_ms']:>8.2f} {figures['ratio_to_bare']:>7.0%}"
        )
    print(f"\nJSON: {output}")


if __name__ == "__main__":
    main()
