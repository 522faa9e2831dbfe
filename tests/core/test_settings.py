import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from mia import env

PRODUCTION = {
    "MIA_DEMO": "off",
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Q2" * 12,
    "ALLOWED_HOSTS": "mia.burgenlandkreis.example",
    "DATABASE_URL": "sqlite:////tmp/mia-deploy-check.sqlite3",
}


def mia(*args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MIA_", "DJANGO_"))}
    environment.pop("SECRET_KEY", None)
    environment.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "mia", *args],
        env=environment | variables,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deploy_check_is_clean_with_production_variables():
    result = mia("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_secret_key_refuses_to_start():
    variables = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = mia("check", **variables)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_bad_boolean_fails_loudly(monkeypatch):
    monkeypatch.setenv("MIA_REQUIRE_2FA", "maybe")
    with pytest.raises(ImproperlyConfigured, match="MIA_REQUIRE_2FA"):
        env.envbool("MIA_REQUIRE_2FA", False)


def test_a_bad_integer_fails_loudly(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "25x")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env.envint("EMAIL_PORT", 587)


def test_secrets_can_come_from_files(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env.envstr("SECRET_KEY", "") == "from-a-file"


def test_lists_are_split_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example, b.example,")
    assert env.envlist("ALLOWED_HOSTS", []) == ["a.example", "b.example"]


def test_two_factor_is_required_by_default_outside_demo_mode():
    result = mia(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.MIA_REQUIRE_2FA)",
        **PRODUCTION,
    )
    assert result.stdout.strip() == "True", result.stderr


def test_rate_limits_cannot_be_switched_off_in_production():
    result = mia("check", **PRODUCTION, MIA_RATE_LIMITS="off")
    assert result.returncode != 0
    assert "MIA_RATE_LIMITS=off is only allowed" in result.stderr
