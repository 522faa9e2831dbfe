"""The browser fixture skips with a reason without Chromium, and fails when browsers are required."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONE_BROWSER_TEST = "tests/browser/test_public_pages.py::test_home_in_german"


def run_without_chromium(**variables: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "MIA_REQUIRE_BROWSER"}
    environment |= {"MIA_CHROMIUM": "/nonexistent/chromium"} | variables
    if environment.get("DATABASE_URL", "").startswith("postgres"):
        # The outer test run holds its own test database; the inner one needs another.
        environment["DATABASE_URL"] += "_harness"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", ONE_BROWSER_TEST],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_browser_tests_are_skipped_with_the_reason_when_chromium_is_missing():
    result = run_without_chromium()
    assert result.returncode == 0, result.stdout[-2000:]
    assert "1 skipped" in result.stdout
    assert "Chromium not found at /nonexistent/chromium" in result.stdout


def test_browser_tests_fail_without_chromium_when_required():
    result = run_without_chromium(MIA_REQUIRE_BROWSER="1")
    assert result.returncode == 1
    assert "MIA_REQUIRE_BROWSER=1 but Chromium not found" in result.stdout
