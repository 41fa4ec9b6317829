"""Settings for the KPS platform, read from environment variables.

With nothing set, the platform runs embedded: SQLite in ``var/`` and Celery
tasks executed in-process. ``DATABASE_URL`` and ``REDIS_URL`` switch to
PostgreSQL and a Redis broker with real workers. ``kps.settings.production``
adds what a region's deployment needs on top.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("KPS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Development only: production.py refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "dev-only-insecure-key-not-for-production-use"
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "organisation",
    "planning",
    "followup",
    "waitlists",
    "imports",
    "rollout",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kps.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kps.urls"
WSGI_APPLICATION = "kps.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisation.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kps.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Imports write while pages read; WAL keeps readers from blocking.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # Tests put this database in a file, not in memory: tests/conftest.py says where and why.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "kps.api.schema.KpsAutoSchema",
    # One error body for every 4xx, in the user's language.
    "EXCEPTION_HANDLER": "kps.api.exceptions.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "kps.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 200,
    # JSON only. The browsable API's HTML forms list the choices of every related field
    # unfiltered (every clinic, plan and user name in the region), even on a 404; the
    # Swagger UI under /api/docs/ is the way to explore the API instead.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KPS API",
    "DESCRIPTION": "Kapacitets- och produktionsstyrning: organisation, plans, follow-up, waiting lists.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files: hospitals may run without internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several apps have a "status" field; each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeStatusEnum": "rollout.status.ProgrammeStatus",
        "ImportRunStatusEnum": "imports.models.RunStatus",
        "PlanStatusEnum": "planning.models.PlanStatus",
        "ActionStatusEnum": "followup.models.ActionStatus",
    },
}

# Celery: a Redis broker when REDIS_URL is set, otherwise tasks run in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE


def _cron(env_name: str, default: str) -> crontab:
    minute, hour, day_of_month, month, day_of_week = os.environ.get(env_name, default).split()
    return crontab(minute, hour, day_of_week, day_of_month, month)


# The nightly import; each schedule can be overridden with a five-field cron string.
CELERY_BEAT_SCHEDULE = {
    "nightly-import": {
        "task": "imports.tasks.import_drop_folder",
        "schedule": _cron("KPS_IMPORT_CRON", "15 2 * * *"),
        "options": {"expires": 6 * 3600},
    },
    "stale-import-runs": {"task": "imports.tasks.fail_stale_runs", "schedule": 3600.0},
}

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
# Sessions are read from the cache (Redis in production, the process's memory when embedded)
# and written through to the database, so a cache restart logs nobody out: every page saves
# the session query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Keyed hash for personal identity numbers. Production refuses the default.
KPS_PSEUDONYM_KEY = os.environ.get("KPS_PSEUDONYM_KEY") or "dev-only-pseudonym-key"
KPS_DROP_FOLDER = Path(os.environ.get("KPS_DROP_FOLDER", VAR_DIR / "drop"))
# Share of rejected rows above which a whole extract file is refused.
KPS_IMPORT_MAX_REJECT_SHARE = float(os.environ.get("KPS_IMPORT_MAX_REJECT_SHARE", "0.05"))
# Pages warn that data is stale when a kind has had no successful import for this many hours.
KPS_IMPORT_LATE_HOURS = float(os.environ.get("KPS_IMPORT_LATE_HOURS", "30"))
# Capacity check traffic light: yellow from this share of available hours, red above the second.
KPS_CAPACITY_YELLOW = float(os.environ.get("KPS_CAPACITY_YELLOW", "0.90"))
KPS_CAPACITY_RED = float(os.environ.get("KPS_CAPACITY_RED", "1.00"))
# One-click demo logins on the login page: only ever set by the demo script.
KPS_DEMO_LOGIN = env_bool("KPS_DEMO_LOGIN", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KPS_LOG_LEVEL", "INFO")},
}

# whitenoise warns at every start when STATIC_ROOT is missing, as it is before collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
