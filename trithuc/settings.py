"""Settings for trithuc, read from environment variables.

No variable at all gives a working, demo-safe install: SQLite under ``var/`` and keys derived from a
generated secret kept in ``var/secret_key``. ``DATABASE_URL=postgres://…`` switches to PostgreSQL.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

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


# TRITHUC_ENV=production turns on what a server reached over the network needs (secure cookies,
# HTTPS redirect, HSTS, two-factor sign-in); without it the install is the embedded, demo-safe one.
TRITHUC_ENV = os.environ.get("TRITHUC_ENV", "development").strip().lower()
PRODUCTION = TRITHUC_ENV == "production"

SECRET_KEY = os.environ.get("TRITHUC_SECRET_KEY") or _persistent_secret("secret_key")
DEBUG = _env_bool("TRITHUC_DEBUG", False) and not PRODUCTION
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
    # Django's own widget templates, found through TEMPLATES (see FORM_RENDERER).
    "django.forms",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
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
    "trithuc.engagement",
    "trithuc.api",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Static files are served by the application itself: closed networks often have no separate
    # web server in front, and nothing is ever loaded from a CDN.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Session timeouts and compulsory two-factor sign-in (accounts/security.py): after messages,
    # so that they can say why the user was sent to sign in again.
    "trithuc.accounts.security.SessionTimeoutMiddleware",
    "trithuc.accounts.security.MFARequiredMiddleware",
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
                "trithuc.core.context_processors.nav",
                "csp.context_processors.nonce",
                "trithuc.privacy.signals.privacy_menu",
            ],
        },
    },
]

# Widgets render through the project's template settings, so a widget's template may live in
# trithuc/templates like any page (the person picker's does); a plain drop-down is written in
# Python instead (core/renderers.py: a unit list holds hundreds of options).
FORM_RENDERER = "trithuc.core.renderers.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'trithuc.sqlite3'}"),
        conn_max_age=int(os.environ.get("TRITHUC_DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before a request uses it, so a database restart costs no
        # failed request (tests/reliability/test_database_restart.py).
        conn_health_checks=_env_bool("TRITHUC_DB_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not _env_bool(
    "TRITHUC_POSTGRES_JIT", False
):
    # PostgreSQL compiles a query to machine code when its plan looks dear enough (above
    # jit_above_cost): 5 ms of compiling for a page of a search far down the name order, which
    # then reads in 20 ms (benchmarks/README.md, search). The queries here are short; the recount
    # of every figure at a million people took the same time without it.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; a busy timeout instead of "locked".
    # The connection is kept across requests, as PostgreSQL's is (CONN_MAX_AGE above), so the
    # pages a search reads stay in its cache and its memory map; SQLite's own cache is 2 MiB and a
    # registry of a million people is 1.7 GB (benchmarks/README.md, «sqlite_cache.py»).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA cache_size=-{int(os.environ.get('TRITHUC_SQLITE_CACHE_MB', '64')) * 1024}; "
            f"PRAGMA mmap_size={int(os.environ.get('TRITHUC_SQLITE_MMAP_MB', '1024')) * 2**20};"
        ),
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

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
    # Django's ModelBackend, reading the signed-in user from the user cache (accounts/usercache.py)
    "trithuc.accounts.backends.CachedModelBackend",
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

# Sessions end TRITHUC_SESSION_SECONDS after sign-in whatever happens (absolute), and after
# TRITHUC_SESSION_IDLE_SECONDS without a request (idle); see accounts/security.py.
# Sessions are read from the shared cache and written through to the database, which keeps them
# when the cache is emptied: one query less on every page (benchmarks/README.md, load.py).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = int(os.environ.get("TRITHUC_SESSION_SECONDS", str(8 * 3600)))
TRITHUC_SESSION_IDLE_SECONDS = int(os.environ.get("TRITHUC_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _env_bool("TRITHUC_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Transport security for production. Behind a TLS-terminating proxy set
# TRITHUC_PROXY_SSL_HEADER=1 so that Django trusts X-Forwarded-Proto from it.
SECURE_SSL_REDIRECT = _env_bool("TRITHUC_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("TRITHUC_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
if _env_bool("TRITHUC_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features the system never uses are switched off (accounts/security.py sends this).
TRITHUC_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Content Security Policy (django-csp): only this server's own scripts, styles and images; no inline
# code except a tag carrying the per-response nonce; no framing; forms post only here.
# The nonce appears in the header only on responses whose template used ``request.csp_nonce``.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Two-factor sign-in (django-otp, TOTP plus single-use recovery codes). Required for the roles that
# read other people's data in bulk and so may export it (SUBTREE_READ_ROLES: program office,
# administrators, agency and unit officers, leaders) and for staff accounts. On in production; off
# in the embedded demo and in tests (the MFA tests turn it on).
TRITHUC_MFA_REQUIRED = _env_bool("TRITHUC_MFA_REQUIRED", PRODUCTION)
TRITHUC_MFA_ISSUER = os.environ.get("TRITHUC_MFA_ISSUER", "trithuc")
TRITHUC_MFA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = TRITHUC_MFA_ISSUER

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
# The person list counts at most this many matches and then says "more than" (core/paginator.py).
PEOPLE_COUNT_LIMIT = 1_000
# The scope rule of a user whose units keep at most this many people, and at most this share of
# the registry, is the list of those people's ids, not a probe per person (people/keepers.py).
# A limit of 0 always probes. Only speed depends on them.
PEOPLE_KEPT_LIST_LIMIT = int(os.environ.get("TRITHUC_PEOPLE_KEPT_LIST_LIMIT", "20000"))
PEOPLE_KEPT_LIST_SHARE = float(os.environ.get("TRITHUC_PEOPLE_KEPT_LIST_SHARE", "0.25"))
# How long a process keeps its judgement of a reach (small or not) before counting again.
PEOPLE_KEPT_LIST_SECONDS = int(os.environ.get("TRITHUC_PEOPLE_KEPT_LIST_SECONDS", "300"))
# How long a process keeps what it read to choose a search's plan (people/search.py: the share of
# the registry each word matches, by the database's statistics, and where the first entries of
# the name order end) before reading them again. Only speed depends on it.
PEOPLE_SEARCH_STATS_SECONDS = int(os.environ.get("TRITHUC_PEOPLE_SEARCH_STATS_SECONDS", "300"))
# Reads a page may run on a second connection beside its own, at once, per process (core/beside.py:
# on PostgreSQL, a search's first page is walked while its matches are counted). Each keeps a
# connection of its own; 0 turns it off. Only speed depends on it.
TRITHUC_READS_BESIDE = int(os.environ.get("TRITHUC_READS_BESIDE", "2"))
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

# Mail leaves only through the agency's own SMTP server, named in the environment; with none named,
# mail is written to the console log and nothing leaves the machine.
if os.environ.get("TRITHUC_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["TRITHUC_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("TRITHUC_SMTP_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("TRITHUC_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("TRITHUC_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("TRITHUC_SMTP_TLS", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("TRITHUC_MAIL_FROM", "trithuc@localhost")

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

# How many matches a person picker offers at a time (the search narrows the rest).
TRITHUC_PERSON_PICKER_LIMIT = int(os.environ.get("TRITHUC_PERSON_PICKER_LIMIT", "30"))
# Columns of a consultation's synthesis table (keys of engagement.synthesis.COLUMNS), in order.
TRITHUC_SYNTHESIS_COLUMNS = [
    key.strip()
    for key in os.environ.get(
        "TRITHUC_SYNTHESIS_COLUMNS", "stt,section,comment,contributor,response,result"
    ).split(",")
    if key.strip()
]
# REST API (docs/api.md). Tokens last 90 days unless asked otherwise, never more than a year.
TRITHUC_API_TOKEN_DAYS = int(os.environ.get("TRITHUC_API_TOKEN_DAYS", "90"))
TRITHUC_API_TOKEN_MAX_DAYS = int(os.environ.get("TRITHUC_API_TOKEN_MAX_DAYS", "365"))
TRITHUC_API_PAGE_MAX = 200
# Roles that may read a whole CCCD through the API, within their reach (docs/decisions.md).
_CCCD_REVEAL_DEFAULT = "unit_officer,agency_officer,program_office"
TRITHUC_CCCD_REVEAL_ROLES = frozenset(
    os.environ.get("TRITHUC_CCCD_REVEAL_ROLES", _CCCD_REVEAL_DEFAULT).split(",")
)
# Personal-data protection (Decree 13/2023/ND-CP; Law on Personal Data Protection 2025). See
# docs/decisions.md for the source of each default.
# Purposes offered when exporting personal data; "khac" asks for the purpose in words.
TRITHUC_EXPORT_PURPOSES = [
    ("bao-cao", "Tổng hợp, báo cáo theo Chương trình"),
    ("quy-hoach", "Quy hoạch, đào tạo, bồi dưỡng cán bộ"),
    ("thi-dua", "Thi đua, khen thưởng"),
    ("kiem-tra", "Kiểm tra, thanh tra, giám sát"),
    ("khac", "Khác (ghi rõ)"),
]
# Days within which a data subject's request (see, correct, delete) must be answered: 72 hours in
# Decree 13/2023/ND-CP art. 14-16 as we read them (docs/decisions.md).
TRITHUC_SUBJECT_REQUEST_DAYS = int(os.environ.get("TRITHUC_SUBJECT_REQUEST_DAYS", "3"))
# Hours from detecting a breach to notifying the authority (Decree 13/2023/ND-CP art. 23).
TRITHUC_BREACH_NOTIFY_HOURS = int(os.environ.get("TRITHUC_BREACH_NOTIFY_HOURS", "72"))
# Records of people who left are anonymised this many years after they left.
TRITHUC_RETENTION_YEARS_AFTER_LEAVING = int(
    os.environ.get("TRITHUC_RETENTION_YEARS_AFTER_LEAVING", "5")
)

# Cache shared by every web worker on this server (the rendered dashboard, see
# programs/dashboard_cache.py). A file cache needs no extra service; several servers need a
# shared cache instead (docs/scaling.md).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# How long a rendered dashboard may be served. Figures invalidate it at once when they change;
# this bounds how long task statuses and targets (which do not) can lag. 0 turns the cache off.
TRITHUC_DASHBOARD_CACHE_SECONDS = int(os.environ.get("TRITHUC_DASHBOARD_CACHE_SECONDS", "300"))
# How long a process may keep the org structure it read when nothing told it of a change (the
# services do, at once; the admin and SQL do not). 0 reads it on every request.
TRITHUC_STRUCTURE_CACHE_SECONDS = int(os.environ.get("TRITHUC_STRUCTURE_CACHE_SECONDS", "60"))
# How long the signed-in user and their assignments may be kept (accounts/usercache.py). Saving or
# deleting the user or an assignment drops the kept copy at once; this bounds changes made with
# SQL. 0 reads them on every request.
TRITHUC_USER_CACHE_SECONDS = int(os.environ.get("TRITHUC_USER_CACHE_SECONDS", "300"))
