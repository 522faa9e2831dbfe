"""MiA's settings plus one bare view, so the benchmark compares under the same server setup."""

from mia.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
