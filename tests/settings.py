"""Test settings: MiA's settings with plain static storage and a fast password hasher."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from mia.settings import *  # noqa: F403
from mia.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Argon2 is the production hasher (tested in tests/accounts); tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests change data between requests; the page cache has its own tests.
CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: threads in the concurrency tests each open their own connection.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-{os.getpid()}.sqlite3")}  # noqa: F405
STATIC_ROOT = None  # static files come from the apps' folders through the finders
WHITENOISE_USE_FINDERS = True
# Client documents of test runs go to a temporary folder, never next to the code.
MIA_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="mia-test-private-"))
atexit.register(shutil.rmtree, MIA_PRIVATE_ROOT, ignore_errors=True)
