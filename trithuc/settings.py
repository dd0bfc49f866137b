"""Settings for trithuc, read from environment variables.

No variable at all gives a working, demo-safe install: SQLite under ``var/`` and keys derived from a
generated secret kept in ``var/secret_key``. ``DATABASE_URL=postgres://…`` switches to PostgreSQL.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("TRITHUC_VAR_DIR", BASE_DIR.parent / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _persistent_secret(name: str) -> str:
    """A random secret kept in var/, so that a fresh machine needs no configuration."""
    path = VAR_DIR / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("TRITHUC_SECRET_KEY") or _persistent_secret("secret_key")
DEBUG = _env_bool("TRITHUC_DEBUG", False)
ALLOWED_HOSTS = os.environ.get("TRITHUC_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

# CCCD numbers are encrypted with one key and looked up by an HMAC under another, so that a leaked
# lookup index does not reveal the numbers. Both default to keys kept in var/.
CCCD_ENCRYPTION_KEY = os.environ.get("TRITHUC_CCCD_KEY") or _persistent_secret("cccd_key")
CCCD_HASH_KEY = os.environ.get("TRITHUC_CCCD_HASH_KEY") or _persistent_secret("cccd_hash_key")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "trithuc.core",
    "trithuc.accounts",
    "trithuc.orgunits",
    "trithuc.people",
    "trithuc.workforce",
    "trithuc.science",
    "trithuc.programs",
    "trithuc.tasks",
    "trithuc.imports",
    "trithuc.reports",
    "trithuc.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are served by the application itself: closed networks often have no separate
    # web server in front, and nothing is ever loaded from a CDN.
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
    # Axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trithuc.urls"
WSGI_APPLICATION = "trithuc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'trithuc.sqlite3'}"),
        conn_max_age=int(os.environ.get("TRITHUC_DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before a request uses it, so a database restart costs no
        # failed request (tests/reliability/test_database_restart.py).
        conn_health_checks=_env_bool("TRITHUC_DB_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; a busy timeout instead of "locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "people:person_list"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: after AXES_FAILURE_LIMIT failures for one username from one address, that pair
# is locked out for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = int(os.environ.get("TRITHUC_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("TRITHUC_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

SESSION_COOKIE_AGE = int(os.environ.get("TRITHUC_SESSION_SECONDS", str(8 * 3600)))
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _env_bool("TRITHUC_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded evidence (minh chứng) stays on the agency's own server, beside the database.
MEDIA_URL = "tep/"
MEDIA_ROOT = Path(os.environ.get("TRITHUC_MEDIA_DIR", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the app folders as well, so a checkout works before collectstatic runs.
WHITENOISE_USE_FINDERS = True

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# Program rules that are policy, not law: kept as settings so that an office can change them.
# "Cán bộ trẻ" in ĐA 01-ĐA/TU: under this age on the day asked.
TRITHUC_YOUNG_AGE_LIMIT = int(os.environ.get("TRITHUC_YOUNG_AGE_LIMIT", "35"))
# Age bands offered by the person list filter, as (label, lowest age, highest age) inclusive.
TRITHUC_AGE_BANDS = [
    ("duoi-30", "Dưới 30", 0, 29),
    ("30-39", "30–39", 30, 39),
    ("40-49", "40–49", 40, 49),
    ("50-59", "50–59", 50, 59),
    ("tu-60", "Từ 60", 60, 200),
]
PEOPLE_PAGE_SIZE = 50
# "Hầu hết các lĩnh vực" (program 45, I.2): the share of level-2 S&T fields that must have an expert.
TRITHUC_MOST_FIELDS_SHARE = float(os.environ.get("TRITHUC_MOST_FIELDS_SHARE", "0.8"))
# Dashboard colours: a yearly target is "on track" when the year-to-date figure reaches this share
# of the minimum pro rata to the days gone, "at risk" below it.
TRITHUC_ON_TRACK_SHARE = float(os.environ.get("TRITHUC_ON_TRACK_SHARE", "0.9"))
# "Cán bộ chủ chốt cấp xã" (ĐA 01-ĐA/TU): position titles that mark one, matched case-insensitively.
TRITHUC_KEY_COMMUNE_POSITIONS = [
    words.strip()
    for words in os.environ.get(
        "TRITHUC_KEY_COMMUNE_POSITIONS",
        "Bí thư,Phó Bí thư,Chủ tịch,Phó Chủ tịch",
    ).split(",")
    if words.strip()
]
# Units are reminded this many days before a report is due.
TRITHUC_REPORT_REMINDER_DAYS = int(os.environ.get("TRITHUC_REPORT_REMINDER_DAYS", "7"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TRITHUC_LOG_LEVEL", "WARNING")},
}

# Consent to the processing of personal data (Decree 13/2023/ND-CP): the notice's version is
# recorded with each consent; bump it when the notice text changes. How long data is kept after
# consent ends is the agency's decision, so it is a setting (default 5 years).
TRITHUC_CONSENT_NOTICE_VERSION = os.environ.get("TRITHUC_CONSENT_NOTICE_VERSION", "2026-1")
TRITHUC_CONSENT_RETENTION_YEARS = int(os.environ.get("TRITHUC_CONSENT_RETENTION_YEARS", "5"))
