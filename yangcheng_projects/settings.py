"""Settings for the Yangcheng County key-project system.

Every value that differs between a laptop, CI and production is read from the
environment here and nowhere else. A value that is present but malformed stops
start-up with a message naming the variable: a silent fallback would let a
production server run with DEBUG on or mail going nowhere.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _load_local_env(path: Path) -> None:
    """Read KEY=VALUE lines from a git-ignored `local.env` (written by `make setup` with DEBUG=true),
    so that `manage.py` works on a developer's machine. Real environment variables win."""
    if not path.exists():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key.strip(), value.strip())


_load_local_env(BASE_DIR / "local.env")


def env_str(name: str, default: str) -> str:
    """The variable's value; unset or empty gives the default (as for the other helpers), so that
    docker-compose's `NAME: ${NAME:-}` passes nothing rather than an empty value."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false/1/0), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("ALLOW_INSECURE_SECRET_KEY", False):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it (production) or set DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105  # DEBUG or explicitly allowed only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "accounts.admin_apps.CountyAdminConfig",  # django.contrib.admin, its site requiring a second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",  # before audit: the audit trail's login receivers read what axes decided
    "csp",
    # The project's apps, lowest layer first (ARCHITECTURE.md; `make lint` checks the imports).
    "accounts",
    "audit",
    "workdays",
    "projects",
    "files",
    "notifications",
    "problems",
    "maps",
    "opendata",
    "taskforces",
    "cycles",
    "campaigns",
    "bulletins",
    "dashboard",
    "demo",
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
    # Refuses an oversized request by its Content-Length before anything reads the body (CSRF's check,
    # which reads the form, runs after every middleware's request phase).
    "core.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "audit.middleware.AuditMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # The gates, in order (accounts/middleware.py): login, session limits, second factor, password, role.
    "accounts.middleware.LoginRequiredEverywhereMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "accounts.middleware.PasswordChangeDueMiddleware",
    "accounts.middleware.RoleConfinementMiddleware",
    # Last: turns axes' lockout into the Chinese lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "yangcheng_projects.urls"

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
                "projects.context_processors.navigation",
                "notifications.context_processors.notifications",
                "accounts.context_processors.security_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "yangcheng_projects.wsgi.application"

# Default: a SQLite file in the project so a fresh clone runs with nothing installed.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
except ValueError as exc:  # dj_database_url's ParseError and UnknownSchemeError are ValueErrors
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite under a web server, a worker and beat at once: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

AUTH_USER_MODEL = "projects.User"
AUTHENTICATION_BACKENDS = [
    # First: a locked account or address is refused here, before any password is hashed.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Admin-site permissions from roles (the system administrator's), authenticating no one.
    "accounts.backends.RolePermissionBackend",
]

# --- identification (GB/T 22239-2019 level 3): password policy, lockout, sessions, second factor ---
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 10)
PASSWORD_HISTORY_COUNT = env_int("PASSWORD_HISTORY_COUNT", 5)
# A password older than this must be changed at the next request (0: never expires).
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90)
if PASSWORD_MIN_LENGTH < 8 or PASSWORD_HISTORY_COUNT < 1 or PASSWORD_MAX_AGE_DAYS < 0:
    raise ImproperlyConfigured("PASSWORD_MIN_LENGTH ≥ 8, PASSWORD_HISTORY_COUNT ≥ 1, PASSWORD_MAX_AGE_DAYS ≥ 0")
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "accounts.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.PasswordHistoryValidator", "OPTIONS": {"keep": PASSWORD_HISTORY_COUNT}},
]

# Lockout (django-axes, accounts/lockout.py): LOGIN_FAILURE_LIMIT failures within LOGIN_FAILURE_WINDOW_MINUTES
# lock the username and, separately, the address for LOGIN_LOCKOUT_MINUTES, or until the security
# administrator lifts the lock.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 30)
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_HANDLER = "accounts.lockout.WindowedLockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # each failure with its time: the window is counted from these
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refused attempts do not extend a lock
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"  # the Chinese page, status 429
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_ENABLE_ADMIN = False  # locks are lifted in the security console, which also clears the failure log
AXES_VERBOSE = False

# Sessions: ended after SESSION_IDLE_MINUTES without a request and SESSION_ABSOLUTE_HOURS after login
# (accounts.middleware.SessionLimitsMiddleware); the cookie lives no longer than the absolute limit.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12)
if SESSION_IDLE_MINUTES < 1 or SESSION_ABSOLUTE_HOURS < 1:
    raise ImproperlyConfigured("SESSION_IDLE_MINUTES and SESSION_ABSOLUTE_HOURS must be at least 1")
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Second factor (django-otp): TOTP apps (e.g. 微信/支付宝 小程序, Google/Microsoft Authenticator), with
# one-time recovery codes. Required for the three administrator roles, staff and superusers.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "阳城县重点工程")

# The security audit trail (audit app): kept at least 180 days (`manage.py audit_prune`).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 180)
if AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured("AUDIT_RETENTION_DAYS must be at least 180 (GB/T 22239-2019 keeps logs six months)")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese"))]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded photos and documents are private: they live outside the static tree and
# are streamed by views that check who may read the entry they belong to.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "uploads")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The largest Excel list an administrator may upload (bytes).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# Request bodies: uploads above 2.5 MB go to a temporary file instead of memory; a non-file body over
# 2.5 MB is refused (Django's defaults, said here). A request with no logged-in user (the login page
# included) whose Content-Length exceeds ANONYMOUS_MAX_BODY_BYTES is refused with 413 before its body is
# read (core.middleware); a logged-in one above REQUEST_MAX_BODY_BYTES likewise.
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
ANONYMOUS_MAX_BODY_BYTES = env_int("ANONYMOUS_MAX_BODY_BYTES", 64 * 1024)
REQUEST_MAX_BODY_BYTES = env_int("REQUEST_MAX_BODY_BYTES", 5 * max(IMPORT_MAX_BYTES, UPLOAD_MAX_BYTES))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console in development; SMTP in production via EMAIL_URL-style variables.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "重点工程调度系统 <noreply@yangcheng.local>")

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport so that a
# fresh clone runs a worker and beat with no broker installed.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND: str | None = REDIS_URL
else:
    _broker_dir = BASE_DIR / "var" / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True  # a task killed mid-run is redelivered; tasks are idempotent
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

# Optional group-chat robot (DingTalk / WeCom style JSON webhook) for reminders.
REMINDER_WEBHOOK_URL = env_str("REMINDER_WEBHOOK_URL", "")
if REMINDER_WEBHOOK_URL and not REMINDER_WEBHOOK_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("REMINDER_WEBHOOK_URL must be an http:// or https:// URL")
# Day of the month by which every project's monthly progress should be reported.
PROGRESS_REPORTING_DAY = env_int("PROGRESS_REPORTING_DAY", 25)
if not 1 <= PROGRESS_REPORTING_DAY <= 28:
    raise ImproperlyConfigured("PROGRESS_REPORTING_DAY must be between 1 and 28")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")


def env_date(name: str) -> date | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a date like 2024-11-20, got {raw!r}") from None


# A fixed "today" for the reporting clock (core.clock), e.g. 2024-11-20: the demo and `make run` use it so
# that the demo's periods and deadlines stay coherent. Never in production: the real date is the truth.
REPORTING_TODAY = env_date("REPORTING_TODAY")
if REPORTING_TODAY is not None and not DEBUG:
    raise ImproperlyConfigured(
        "REPORTING_TODAY fixes the date for development and the demo only; unset it in production."
    )

# The project map (maps): what lies under the projects and the township boundaries. "tianditu" is the
# national map service 天地图 (its browser key in TIANDITU_KEY); "none" is for intranets without internet,
# where the boundaries on a neutral background are the map.
MAP_BASE_LAYER = env_str("MAP_BASE_LAYER", "none")
if MAP_BASE_LAYER not in {"tianditu", "none"}:
    raise ImproperlyConfigured(f"MAP_BASE_LAYER must be tianditu or none, got {MAP_BASE_LAYER!r}")
TIANDITU_KEY = env_str("TIANDITU_KEY", "")
if MAP_BASE_LAYER == "tianditu" and not TIANDITU_KEY:
    raise ImproperlyConfigured("MAP_BASE_LAYER=tianditu needs TIANDITU_KEY (a 天地图 browser key)")

# Open data (opendata, OC4IDS): what the export leaves out, who publishes it, how projects are named.
OPEN_DATA_EXCLUDE = env_list("OPEN_DATA_EXCLUDE", "contacts,remarks")
_OPEN_DATA_PARTS = {"contacts", "remarks", "locations", "documents", "progress"}
if not set(OPEN_DATA_EXCLUDE) <= _OPEN_DATA_PARTS:
    raise ImproperlyConfigured(
        f"OPEN_DATA_EXCLUDE may name {', '.join(sorted(_OPEN_DATA_PARTS))}; got {', '.join(OPEN_DATA_EXCLUDE)}"
    )
OPEN_DATA_PUBLISHER = env_str("OPEN_DATA_PUBLISHER", "阳城县项目建设指挥部办公室")
# OC4IDS project identifiers begin with a registered prefix (oc4ids-xxxxxx-); set the county's once registered.
OPEN_DATA_ID_PREFIX = env_str("OPEN_DATA_ID_PREFIX", "yangcheng-key-project-")
OPEN_DATA_LICENSE = env_str("OPEN_DATA_LICENSE", "")

# County intranets often serve plain HTTP. Behind an HTTPS proxy (BEHIND_HTTPS_PROXY=true) the defaults
# become Secure cookies, HSTS for a year and a redirect to HTTPS; each can still be set on its own.
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", BEHIND_HTTPS_PROXY)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", BEHIND_HTTPS_PROXY)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_HTTPS_PROXY)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if BEHIND_HTTPS_PROXY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", BEHIND_HTTPS_PROXY)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading is a decision for the whole domain (browsers then refuse plain HTTP on it for good), not for
# one application on a county government's domain: off unless asked for, and its reminder silenced.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
# The health probe comes from inside the compose network over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# How many proxies in front append to X-Forwarded-For (core.http.client_ip); 0: REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_HTTPS_PROXY else 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts only from our own static files (no inline script, no
# eval); styles from our files plus inline style attributes, which templates and Chart.js use.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # 天地图's tiles when the map draws them (MAP_BASE_LAYER=tianditu).
        "img-src": ["'self'", "data:", *(["https://*.tianditu.gov.cn"] if MAP_BASE_LAYER == "tianditu" else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # axes logs each failure at WARNING (kept) and each success at INFO (the audit trail has those).
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
