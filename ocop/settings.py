"""Settings for the OCOP system, read from the environment (12-factor).

DATABASE_URL   database (default: embedded SQLite in var/ocop.sqlite3)
SECRET_KEY     required when DEBUG is off
DEBUG          "1" for development (``make run`` sets it)
ALLOWED_HOSTS  comma-separated host names
CSRF_TRUSTED_ORIGINS  comma-separated origins, e.g. https://ocop.example.gov.vn
SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS  HTTPS hardening (on by default when DEBUG is off)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("OCOP_TESTING", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off (see docs/operations.md).")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "ninja",  # its bundled Swagger UI for /api/v1/docs (else it loads from a CDN)
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "ocop.core",
    "ocop.accounts",
    "ocop.geo",
    "ocop.registry",
    "ocop.evaluation",
    "ocop.certification",
    "ocop.activities",
    "ocop.monitoring",
    "ocop.exchange",
    "django_tasks_db",  # the database backend of background tasks (its task table)
    "ocop.portal",
    "ocop.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ocop.urls"
WSGI_APPLICATION = "ocop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'ocop.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
if TESTING:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # live-server threads must not keep test databases open
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Vietnamese first, English switchable; dates dd/mm/yyyy; Vietnam time.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ocop.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# HTTPS hardening: on whenever DEBUG is off, so ``manage.py check --deploy`` is clean.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not TESTING)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = not TESTING
    CSRF_COOKIE_SECURE = not TESTING
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
if TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "OCOP <no-reply@ocop.localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Page sizes and the labels of the interface.
OCOP_PAGE_SIZE = 25
OCOP_API_MAX_PAGE_SIZE = 500
OCOP_SITE_TITLE = _("Hệ thống quản lý, giám sát sản phẩm OCOP")

# Readings of the legal text that are settings (see docs/decisions/).
# Cap the star at the highest level whose minimum marks (***, ****, *****) are all met.
OCOP_APPLY_MINIMUM_MARKS = env_bool("OCOP_APPLY_MINIMUM_MARKS", True)
# Default for new councils: a member deviating from the mean by more points than this is flagged.
OCOP_SPREAD_THRESHOLD = 10
# A council result needs at least this many counted (submitted, not conflicted) score sheets.
OCOP_COUNCIL_MIN_SCORERS = 3
# A certificate is shown as "expiring" when this few days or fewer remain.
OCOP_EXPIRING_WINDOW_DAYS = 180

# Background tasks (django-tasks): run at once in development and tests; in production the database
# backend queues them and ``manage.py db_worker`` runs them (docs/operations.md).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if os.environ.get("OCOP_TASKS_BACKEND") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# Imports from Excel: files larger than this many bytes or rows are refused; above BACKGROUND_ROWS
# rows the check and the commit run as a background task.
OCOP_IMPORT_MAX_BYTES = int(os.environ.get("OCOP_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
OCOP_IMPORT_MAX_ROWS = int(os.environ.get("OCOP_IMPORT_MAX_ROWS", "50000"))
OCOP_IMPORT_BACKGROUND_ROWS = int(os.environ.get("OCOP_IMPORT_BACKGROUND_ROWS", "2000"))

# Public verification answers kept in each server process, dropped after every commit that could change
# one (ocop/certification/verify_cache.py); off when unset. "file:///var/lib/ocop/verify-generation" when
# all server processes run on one machine, "redis://host:6379/1" when they run on several.
OCOP_VERIFY_CACHE = os.environ.get("OCOP_VERIFY_CACHE", "")
