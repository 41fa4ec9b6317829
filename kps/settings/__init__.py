"""Settings for the KPS platform, read from environment variables.

With nothing set, the platform runs embedded: SQLite in ``var/`` and Celery
tasks executed in-process. ``DATABASE_URL`` and ``REDIS_URL`` switch to
PostgreSQL and a Redis broker with real workers. ``kps.settings.production``
adds what a region's deployment needs on top.
"""

import os
from datetime import timedelta
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
# A refused form gets the Swedish 403 page, not Django's English one.
CSRF_FAILURE_VIEW = "kps.error_pages.csrf_failure"

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
    "axes",
    "csp",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "organisation",
    "planning",
    "followup",
    "waitlists",
    "facts",
    "inpatient",
    "imports",
    "rollout",
    "theatre",
    "economics",
    "purchasing",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before anything below: they keep their long caching.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kps.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # With DEBUG on (the demo) a page's 404 is the styled page, not Django's technical one.
    "kps.error_pages.StyledNotFoundMiddleware",
    "kps.security.middleware.NoStoreForUsersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kps.security.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login's answer into the lockout page.
    "axes.middleware.AxesMiddleware",
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
    # Two PostgreSQL speed-ups SQLite lacks, said at every command otherwise: the covering
    # index's extra columns (W040) and a unique constraint with them, which SQLite does not
    # create at all (W039); embedded, the one writer of approved-plan sums keeps them unique.
    SILENCED_SYSTEM_CHECKS = ["models.W039", "models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id first, at OWASP's parameters (kps/security/hashers.py says why not Django's).
PASSWORD_HASHERS = [
    "kps.security.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user or address is refused before the password is checked.
    "kps.security.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
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
# collectstatic writes every file under a name with its content's hash, with a gzip and a brotli
# copy beside it; whitenoise answers a hashed name with a year-long, immutable Cache-Control and
# the smallest copy the browser accepts (plotly.js: 1.5 MB, 0.4 MB as brotli). Pages name the
# hashed files, so with debug off they need collectstatic first (the image build, scripts/demo
# and the benchmarks run it); with debug on they name the source files and need nothing.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# With debug on whitenoise serves the source folders, as they are, so an edited file shows at
# once. scripts/demo collects the files first and sets this, so the demo is served the
# compressed copies (a newcomer's first chart page is otherwise 4.9 MB). Only set when asked:
# whitenoise's default follows the final DEBUG, which production.py turns off after this file.
if env_bool("KPS_STATIC_COLLECTED", False):
    WHITENOISE_USE_FINDERS = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "kps.security.authentication.LockoutAwareBasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "kps.api.schema.KpsAutoSchema",
    # One error body for every 4xx, in the user's language.
    "EXCEPTION_HANDLER": "kps.api.exceptions.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "kps.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 200,
    "DEFAULT_THROTTLE_CLASSES": [
        "kps.security.throttling.AnonRateThrottle",
        "kps.security.throttling.UserRateThrottle",
    ],
    # Counted in the cache (Redis in production), per address without a login, else per user.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("KPS_API_THROTTLE_ANON", "60/minute"),
        "user": os.environ.get("KPS_API_THROTTLE_USER", "1200/minute"),
    },
    "NUM_PROXIES": int(os.environ.get("KPS_PROXY_COUNT", "0")) or None,
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
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI from our own static files: hospitals may run without internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several apps have a "status" field; each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeStatusEnum": "rollout.status.ProgrammeStatus",
        "ImportRunStatusEnum": "imports.choices.RunStatus",
        "PlanStatusEnum": "planning.choices.PlanStatus",
        "ActionStatusEnum": "followup.choices.ActionStatus",
    },
}

# Celery: a Redis broker when REDIS_URL is set, otherwise tasks run in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The in-memory broker with its host named, which kombu otherwise warns about at every task.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
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
    # The watchdog of imports whose worker died (imports/watchdog.py).
    "stale-import-runs": {
        "task": "imports.tasks.fail_stale_runs",
        "schedule": float(os.environ.get("KPS_IMPORT_WATCHDOG_SECONDS", "300")),
        "options": {"expires": 240},
    },
    "sweep-uploads": {
        "task": "imports.tasks.sweep_uploads",
        "schedule": 3600.0,
        "options": {"expires": 3000},
    },
}
# The region's aggregated waiting-list report for its neighbours, written to a folder their
# integration picks up from: only when a folder is set.
KPS_REGION_REPORT_FOLDER = os.environ.get("KPS_REGION_REPORT_FOLDER", "")
if KPS_REGION_REPORT_FOLDER:
    CELERY_BEAT_SCHEDULE["region-report"] = {
        "task": "waitlists.tasks.write_region_report",
        "schedule": _cron("KPS_REGION_REPORT_CRON", "45 5 * * *"),
        "options": {"expires": 6 * 3600},
    }


def redis_cache(url: str) -> dict:
    """The cache on Redis, which a lost Redis only slows down: its errors count as misses and are logged.

    django-redis' IGNORE_EXCEPTIONS does that; the short timeouts make a Redis that is
    down or unreachable cost milliseconds per request rather than seconds.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
            "IGNORE_EXCEPTIONS": True,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
# Sessions are read from the cache (Redis in production, the process's memory when embedded)
# and written through to the database, so a cache restart logs nobody out: every page saves
# the session query. With Redis down, sessions are read from the database (see redis_cache).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A session ends after this long without a request, and in any case this long after login
# (kps.security.middleware); the cookie lives no longer than the second.
KPS_SESSION_IDLE_SECONDS = int(float(os.environ.get("KPS_SESSION_IDLE_HOURS", "8")) * 3600)
KPS_SESSION_MAX_SECONDS = int(float(os.environ.get("KPS_SESSION_MAX_HOURS", "12")) * 3600)
SESSION_COOKIE_AGE = KPS_SESSION_MAX_SECONDS

# Brute force: django-axes locks a user name, and separately an address, after this many
# failed logins (form and the API's Basic authentication alike) until the cool-off ends or
# an administrator unlocks it (admin: Axes › Access attempts, or `manage.py axes_reset_username`).
# Behind a NAT every user shares one address: raise the limit there rather than drop it.
KPS_PROXY_COUNT = int(os.environ.get("KPS_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = int(os.environ.get("KPS_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("KPS_LOGIN_LOCKOUT_MINUTES", "60")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "kps.security.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "kps.security.lockout.lockout_response"
# Only failures are kept; who logged in successfully is not what axes is here for.
AXES_DISABLE_ACCESS_LOG = True

# Content-Security-Policy: scripts only from our own static files, nothing inline and nothing
# evaluated (JSON data reaches scripts through json_script and data attributes; plotly.js draws
# our charts without eval). Styles may be inline because plotly.js 4 cannot do without: it
# writes <style> rules per chart (the mode bar's colours, under an id per graph) and style
# attributes, and its CSP stylesheet is no longer built (plotly.js issue 7543). A style cannot
# run code; the script rule is what stops an injected script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Keyed hash for personal identity numbers. Production refuses the default.
KPS_PSEUDONYM_KEY = os.environ.get("KPS_PSEUDONYM_KEY") or "dev-only-pseudonym-key"
KPS_DROP_FOLDER = Path(os.environ.get("KPS_DROP_FOLDER", VAR_DIR / "drop"))
# Share of rejected rows above which a whole extract file is refused.
KPS_IMPORT_MAX_REJECT_SHARE = float(os.environ.get("KPS_IMPORT_MAX_REJECT_SHARE", "0.05"))
# An Excel extract is refused beyond this size unpacked, this many rows or this long to read:
# a small .xlsx can unpack to hundreds of megabytes (a zip bomb). Large extracts come as CSV.
KPS_EXCEL_MAX_UNPACKED_MB = float(os.environ.get("KPS_EXCEL_MAX_UNPACKED_MB", "100"))
KPS_EXCEL_MAX_ROWS = int(os.environ.get("KPS_EXCEL_MAX_ROWS", "500000"))
KPS_EXCEL_MAX_SECONDS = float(os.environ.get("KPS_EXCEL_MAX_SECONDS", "300"))
# Uploaded extracts an import never finished with are deleted after this long (hourly sweep);
# every finished import deletes its upload at once.
KPS_UPLOAD_KEEP_HOURS = float(os.environ.get("KPS_UPLOAD_KEEP_HOURS", "6"))
# Counts below this are suppressed in the region's waiting-list report to its neighbours.
KPS_REGION_REPORT_MIN_COUNT = int(os.environ.get("KPS_REGION_REPORT_MIN_COUNT", "5"))
# A neighbour's report older than this many days has not been delivered for the month.
KPS_REGION_REPORT_MAX_AGE_DAYS = int(os.environ.get("KPS_REGION_REPORT_MAX_AGE_DAYS", "31"))
# The regions of the collaboration expected to deliver reports (county codes, comma-separated);
# empty: every region that has delivered one.
KPS_COLLABORATION_COUNTIES = os.environ.get("KPS_COLLABORATION_COUNTIES", "")
# Pages warn that data is stale when a kind has had no successful import for this many hours.
KPS_IMPORT_LATE_HOURS = float(os.environ.get("KPS_IMPORT_LATE_HOURS", "30"))
# Capacity check traffic light: yellow from this share of available hours, red above the second.
KPS_CAPACITY_YELLOW = float(os.environ.get("KPS_CAPACITY_YELLOW", "0.90"))
KPS_CAPACITY_RED = float(os.environ.get("KPS_CAPACITY_RED", "1.00"))
# Bed plan check: red when more admissions than this share would find the ward full (Erlang B),
# yellow when only the occupancy the plan implies is above the second.
KPS_BED_BLOCKING_TARGET = float(os.environ.get("KPS_BED_BLOCKING_TARGET", "0.01"))
KPS_BED_OCCUPANCY_TARGET = float(os.environ.get("KPS_BED_OCCUPANCY_TARGET", "0.85"))
# The operating-room council's proposal: the whole sessions per week each operating clinic keeps
# at least (unless its rooms cannot hold them); the council may set another per clinic.
KPS_THEATRE_MIN_SESSIONS_PER_WEEK = float(os.environ.get("KPS_THEATRE_MIN_SESSIONS_PER_WEEK", "1"))
# One-click demo logins on the login page: only ever set by the demo script.
KPS_DEMO_LOGIN = env_bool("KPS_DEMO_LOGIN", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KPS_LOG_LEVEL", "INFO")},
    # Tasks run in-process (embedded): a line per task that succeeded fills the console of the
    # command or server that queued it (the demo build queues about 80). A failure is raised
    # where the task was queued, and logged; a worker (REDIS_URL) logs every task as usual.
    "loggers": {"celery.app.trace": {"level": "WARNING"}} if CELERY_TASK_ALWAYS_EAGER else {},
}

# whitenoise warns at every start when STATIC_ROOT is missing, as it is before collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
