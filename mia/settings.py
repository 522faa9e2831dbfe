"""MiA settings: one module, read from environment variables (see README, "Configuration").

With no variables set MiA runs in demo mode on an SQLite file next to the code.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from mia.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEMO = envbool("MIA_DEMO", True)
DEBUG = envbool("DEBUG", False)

_demo_key = "demo-only-insecure-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = envstr("SECRET_KEY", _demo_key if DEMO else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when MIA_DEMO is off")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("MIA_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "mia.core",
    "mia.accounts",
    "mia.organisation",
    "mia.reception",
    "mia.appointments",
    "mia.portal",
    "mia.clients",
    "mia.core.apps.MiAAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "mia.core.middleware.OutOfRangeMiddleware",
]

ROOT_URLCONF = "mia.urls"
WSGI_APPLICATION = "mia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mia.core.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("MIA_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two writers queue instead of
    # failing with "database is locked" half-way; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "mia_cache",
    }
}
if envstr("REDIS_URL", ""):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": envstr("REDIS_URL", ""),
    }
# Rendered public pages, per process and for seconds only (see mia/core/page_cache.py).
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "mia-pages",
    "TIMEOUT": envint("MIA_PAGE_CACHE_SECONDS", 10),
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:start"
LOGOUT_REDIRECT_URL = "portal:home"

# Two-factor authentication for every staff role; off by default only in demo mode.
MIA_REQUIRE_2FA = envbool("MIA_REQUIRE_2FA", not DEMO)
OTP_TOTP_ISSUER = envstr("MIA_OTP_ISSUER", "MiA Migrationsagentur")

# Brute-force protection: lock a username on one address after repeated failures.
AXES_FAILURE_LIMIT = envint("MIA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("MIA_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
MIA_PROXY_COUNT = envint("MIA_PROXY_COUNT", 0)
AXES_IPWARE_PROXY_COUNT = MIA_PROXY_COUNT or None

LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("fa", "فارسی"),
    ("ps", "پښتو"),
    ("tr", "Türkçe"),
    ("ro", "Română"),
    ("pl", "Polski"),
    ("vi", "Tiếng Việt"),
    ("fr", "Français"),
]
LANGUAGES_BIDI = ["ar", "fa", "ps"]
LOCALE_PATHS = [BASE_DIR / "mia" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(envstr("MIA_MEDIA_ROOT", str(BASE_DIR / "media")))
# Client documents and consent scans: never under STATIC_ROOT or MEDIA_ROOT, never served directly.
MIA_PRIVATE_ROOT = Path(envstr("MIA_PRIVATE_ROOT", str(BASE_DIR / "private")))
MIA_UPLOAD_MAX_BYTES = envint("MIA_UPLOAD_MAX_MB", 10) * 1024 * 1024
# Client files need a second factor even where MIA_REQUIRE_2FA is off (e.g. the demo).
MIA_CLIENT_FILES_2FA = envbool("MIA_CLIENT_FILES_2FA", True)
# Teams whose data is never shared without the client's explicit consent, not even on a stated
# legal basis (youth office, SGB VIII § 65).
MIA_CONFIDENTIAL_TEAMS = envlist("MIA_CONFIDENTIAL_TEAMS", ["jugendamt"])
# Access to another team's data without consent lasts this long.
MIA_GRANT_HOURS = envint("MIA_GRANT_HOURS", 8)
# Unusual access for team leads: more client files than this a day, per person.
MIA_UNUSUAL_FILES_PER_DAY = envint("MIA_UNUSUAL_FILES_PER_DAY", 40)
# A client whose cases are all gone is anonymised after this many days without a visit.
MIA_CLIENT_KEEP_DAYS = envint("MIA_CLIENT_KEEP_DAYS", 3 * 365)

# Mail goes out through the task worker; the console backend prints it in demo mode.
EMAIL_HOST = envstr("EMAIL_HOST", "")
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "MiA Migrationsagentur <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": envstr("MIA_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Behind TLS (anything but the local demo) cookies are secure and HSTS is on.
HTTPS = envbool("MIA_HTTPS", not DEMO)
SECURE_SSL_REDIRECT = HTTPS and envbool("MIA_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("MIA_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and envbool("MIA_HSTS_PRELOAD", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if envbool("MIA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("MIA_SESSION_SECONDS", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# The portal's map (progressive enhancement over the directory's list): a tile URL template,
# or "off" for the list alone. The CSP lets images come from that tile host only.
MAP_TILES = envstr("MIA_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
if MAP_TILES.lower() in ("off", "none"):
    MAP_TILES = ""
MAP_ATTRIBUTION = envstr("MIA_MAP_ATTRIBUTION", "© OpenStreetMap contributors")
_tile_host = urlsplit(MAP_TILES.replace("{s}", "*"))
if MAP_TILES and (_tile_host.scheme not in ("http", "https") or not _tile_host.netloc):
    raise ImproperlyConfigured(f"MIA_MAP_TILES must be an http(s) URL template, not {MAP_TILES!r}")
MAP_TILE_SOURCES = [f"{_tile_host.scheme}://{_tile_host.netloc}"] if MAP_TILES else []

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *MAP_TILE_SOURCES],
        "script-src": [SELF],
        "style-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The ALTCHA widget's proof of work runs in a worker from our static files (the
        # widget's "external" build: no blob: workers, no inline styles), so 'self' is enough.
        "worker-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("MIA_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

FORM_RENDERER = "mia.core.forms.KernFormRenderer"

# Online appointments: how early and how far ahead people may book, how long a cancelled
# slot stays out of public reach (so appointments cannot be passed on by cancel-and-rebook),
# and how many active bookings one e-mail address or phone number may hold.
BOOKING_MIN_LEAD_MINUTES = envint("MIA_BOOKING_MIN_LEAD_MINUTES", 120)
BOOKING_MAX_DAYS = envint("MIA_BOOKING_MAX_DAYS", 60)
BOOKING_RELEASE_DELAY_MINUTES = envint("MIA_BOOKING_RELEASE_DELAY_MINUTES", 30)
BOOKING_MAX_ACTIVE_PER_CONTACT = envint("MIA_BOOKING_MAX_ACTIVE_PER_CONTACT", 3)
BOOKING_REMINDER_HOURS = envint("MIA_BOOKING_REMINDER_HOURS", 24)
# A time freed for the waitlist is held for the longest-waiting person this long (it ends at
# the latest an hour before the appointment).
WAITLIST_OFFER_HOURS = envint("MIA_WAITLIST_OFFER_HOURS", 12)

# Rate limits on public forms (per client address). MIA_RATE_LIMITS=off is for load tests and
# benchmarks only and is refused on a production configuration.
RATE_LIMITS = envbool("MIA_RATE_LIMITS", True)
if not RATE_LIMITS and not (DEBUG or DEMO):
    raise ImproperlyConfigured("MIA_RATE_LIMITS=off is only allowed with DEBUG or MIA_DEMO on")
BOOKING_RATE_LIMIT = envstr("MIA_BOOKING_RATE_LIMIT", "20/h")
# A booking sent without a solved ALTCHA (the form without JavaScript) is still taken, but it
# counts against this stricter limit as well (see mia/core/altcha.py).
BOOKING_RATE_LIMIT_NOJS = envstr("MIA_BOOKING_RATE_LIMIT_NOJS", "5/h")
# ALTCHA proof of work: PBKDF2 rounds per attempt; a browser makes 100-300 attempts, about a
# second on a cheap phone at the default.
ALTCHA_COST = envint("MIA_ALTCHA_COST", 1000)
if ALTCHA_COST < 1:
    raise ImproperlyConfigured("MIA_ALTCHA_COST must be at least 1")

# The kiosk opens visits without a login, so it answers only on the agency's own network
# (comma-separated networks, e.g. 10.20.0.0/16). In demo mode every address may use it.
KIOSK_NETWORKS = envlist("MIA_KIOSK_NETWORKS", ["0.0.0.0/0", "::/0"] if DEMO else [])
