"""Shared by the HTTP benchmarks: a fresh database with the demo agency, and gunicorn serving
MiA (`bench.settings`) on it. Not a benchmark itself."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent


def database_name(url: str) -> str:
    """The database kind in result file names: postgresql or sqlite."""
    return "postgresql" if url.startswith("postgres") else "sqlite"


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment for `python -m mia ...` and gunicorn: bench settings, no rate limits."""
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "MIA_RATE_LIMITS": "off",
        "MIA_LOG_LEVEL": "WARNING",
        **extra,
    }


def mia(*command: str, env: dict[str, str]) -> str:
    """Run one `python -m mia` management command and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "mia", *command],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    return result.stdout


SHELL_MARKER = "@@bench-json@@ "


def shell_json(code: str, env: dict[str, str], **values: Any) -> Any:
    """Run `code` in `python -m mia shell -c` (with Django set up) and return what it printed
    with `emit(obj)`, as JSON. `values` reach the code as the dict `params`, through JSON."""
    preamble = (
        "import json as _json\n"
        f"params = _json.loads({json.dumps(values, default=str)!r})\n"
        f"def emit(obj): print({SHELL_MARKER!r} + _json.dumps(obj, default=str))\n"
    )
    output = mia("shell", "-v0", "-c", preamble + code, env=env)
    lines = [line for line in output.splitlines() if line.startswith(SHELL_MARKER)]
    if not lines:
        raise SystemExit(f"the shell code printed no result:\n{output}")
    return json.loads(lines[-1].removeprefix(SHELL_MARKER))


def prepare_database(url: str, env: dict[str, str]) -> None:
    """A new, empty database (dropped and created again on PostgreSQL) with the demo agency."""
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    for command in (
        ["migrate", "-v0"],
        ["createcachetable"],
        ["demo", "-v0"],
        ["collectstatic", "--no-input", "-v0"],
    ):
        subprocess.run([sys.executable, "-m", "mia", *command], env=env, check=True, cwd=ROOT)


def start_gunicorn(
    env: dict[str, str],
    port: int,
    workers: int,
    *,
    threads: int | None = None,
    output: IO[bytes] | None = None,
    log_level: str = "warning",
) -> subprocess.Popen[bytes]:
    """gunicorn with sync workers on 127.0.0.1:`port`; `output` takes its stdout and stderr.

    Without a control socket: gunicorn >= 25 otherwise binds $HOME/.gunicorn/gunicorn.ctl, one
    path shared by every gunicorn of the user, so a benchmark would take the socket from a
    developer's server (and remove it on exit) and `gunicornc` would steer the wrong server."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "mia.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        log_level,
        "--no-control-socket",
    ]
    if threads is not None:
        command += ["--threads", str(threads)]
    return subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=output,
        stderr=subprocess.STDOUT if output is not None else None,
    )


def stop_gunicorn(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    server.wait(timeout=30)


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")
