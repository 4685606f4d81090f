"""Django settings for Simpul. Everything deploy-specific comes from the environment.

Secure by default: DEBUG only with SIMPUL_DEBUG=1, secrets never in the repo,
strict CSP, secure cookies, HSTS, idle timeout. See docs/configuration.md.
"""

from __future__ import annotations

import sys

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from simpul.conf import BASE_DIR, VAR_DIR, env_bool, env_int, env_list, env_str, secret

TESTING = env_bool("SIMPUL_TESTING") or "pytest" in sys.modules
DEMO = env_bool("SIMPUL_DEMO")
DEBUG = env_bool("SIMPUL_DEBUG")
# Secrets are generated under var/ only for a local demo, development or tests.
GENERATE_SECRETS = DEMO or DEBUG or TESTING

SECRET_KEY = secret("SIMPUL_SECRET_KEY", generate=GENERATE_SECRETS, filename="secret_key")
# Old keys still accepted for signatures and reporters' PINs after a key change (comma-separated; docs/intake.md).
SECRET_KEY_FALLBACKS = env_list("SIMPUL_SECRET_KEY_FALLBACKS")
# Bearer token of the Prometheus scraper for GET /metrics; empty = no metrics endpoint (404).
SIMPUL_METRICS_TOKEN = env_str("SIMPUL_METRICS_TOKEN")
SIMPUL_KEYS_FILE = env_str("SIMPUL_KEYS_FILE", str(VAR_DIR / "keys.json"))
SIMPUL_GENERATE_KEYS = GENERATE_SECRETS

ALLOWED_HOSTS = env_list("SIMPUL_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("SIMPUL_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    # Simpul modules: one app per module (docs/architecture.md).
    "simpul.core",
    "simpul.regions",
    "simpul.accounts",
    "simpul.access",
    "simpul.audit",
    "simpul.api",
    "simpul.crypto",
    "simpul.files",
    "simpul.people",
    "simpul.privacy",
    "simpul.intake",
    "simpul.cases",
    "simpul.stats",
    "simpul.prevention",
    "simpul.outreach",
    "simpul.coordination",
    "simpul.notify",
    "simpul.messaging",
    "simpul.synth",
    "simpul.guide",
    "simpul.ops",
    "simpul.webhooks",
]

MIDDLEWARE = [
    "simpul.ops.metrics.MetricsMiddleware",  # first: counts every answer (docs/operations.md)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML and JSON compressed (static files come pre-compressed from WhiteNoise): Django's
    # GZipMiddleware pads each response with random bytes against BREACH (docs/security.md).
    "simpul.core.middleware.CompressTextMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "simpul.accounts.middleware.IdleTimeoutMiddleware",
    "simpul.accounts.middleware.SecondFactorRequiredMiddleware",
    "simpul.accounts.middleware.OrganisationTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simpul.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "simpul.urls"
WSGI_APPLICATION = "simpul.wsgi.application"

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
                "csp.context_processors.nonce",
                "simpul.core.context_processors.simpul",
            ],
        },
    },
]

# --- Database: SQLite (WAL, busy timeout, IMMEDIATE transactions) unless DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("SIMPUL_DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SIMPUL_SQLITE_PATH", str(VAR_DIR / "simpul.sqlite3")),
            # Persistent connections: opening one per request (PRAGMAs, mmap, a cold page cache)
            # cost more than the request itself.
            "CONN_MAX_AGE": env_int("SIMPUL_DB_CONN_MAX_AGE", 60),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;PRAGMA cache_size=-65536;PRAGMA mmap_size=268435456;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: shared between workers (database table) unless SIMPUL_REDIS_URL.
REDIS_URL = env_str("SIMPUL_REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "simpul_cache"}}

# --- Auth
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout (django-axes): per account OR per IP, after N failures, for a cool-off.
AXES_FAILURE_LIMIT = env_int("SIMPUL_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("SIMPUL_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful sign-in must not wipe an address's failures (one valid account would otherwise
# let an attacker keep guessing other accounts from the same address).
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "simpul.accounts.views.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_IPWARE_PROXY_COUNT = env_int("SIMPUL_PROXY_COUNT", 0)

# Second factor
OTP_TOTP_ISSUER = "Simpul"
OTP_TOTP_THROTTLE_FACTOR = 1

# --- Sessions: server-side, idle timeout, secure cookies.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SIMPUL_IDLE_TIMEOUT_MINUTES = env_int("SIMPUL_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_AGE = env_int("SIMPUL_SESSION_MAX_HOURS", 12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "simpul_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "simpul.core.views.csrf_failure"
# Plain-HTTP cookies only for a local demo on loopback (make demo): never in production.
INSECURE_HTTP = env_bool("SIMPUL_INSECURE_HTTP") and (DEMO or DEBUG or TESTING)
SESSION_COOKIE_SECURE = not INSECURE_HTTP
CSRF_COOKIE_SECURE = not INSECURE_HTTP
LANGUAGE_COOKIE_SECURE = not INSECURE_HTTP
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Transport and headers
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SIMPUL_BEHIND_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("SIMPUL_SSL_REDIRECT", not (DEMO or DEBUG or TESTING))
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SIMPUL_HSTS_SECONDS", 31536000)  # only sent over HTTPS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict CSP: only our own origin, no inline script, no third-party host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- i18n: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "simpul_lang"
USE_I18N = True
TIME_ZONE = env_str("SIMPUL_TIME_ZONE", "Asia/Jakarta")
USE_TZ = True
LOCALE_PATHS: list[str] = []  # each app keeps its own locale/ directory

# --- Static files (npm assets are vendored by `make assets`, served by WhiteNoise).
# `collectstatic` (run by `simpul serve`) writes fingerprinted names with gzip and brotli copies;
# WhiteNoise serves them cached for a year, immutable (simpul/core/storage.py, docs/performance.md).
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [("vendor", BASE_DIR / "simpul" / "static_vendor")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "simpul.core.storage.StaticStorage"},
}
# Files not collected yet (a new file before the next collectstatic) are still found in the apps.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "attachments"

# --- Background tasks (django-tasks, database backend; `simpul worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- E-mail (notifications). Console backend unless configured.
EMAIL_BACKEND = env_str("SIMPUL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("SIMPUL_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SIMPUL_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("SIMPUL_EMAIL_FROM", "simpul@localhost")
# The address users open Simpul at: the only link notification e-mails carry.
SIMPUL_BASE_URL = env_str("SIMPUL_BASE_URL", "http://127.0.0.1:8000")

# --- Logging: no request bodies, no identifying data; errors to stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SIMPUL_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

ADMINS: list[tuple[str, str]] = []
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

SIMPUL_DEMO_PASSWORD = env_str("SIMPUL_DEMO_PASSWORD")
# Privacy (docs/privacy.md), attachments (docs/crypto.md), public statistics (docs/statistics.md).
SIMPUL_RETENTION_YEARS = env_int("SIMPUL_RETENTION_YEARS", 10)
SIMPUL_DSR_DEFAULT_DAYS = env_int("SIMPUL_DSR_DEFAULT_DAYS", 14)
SIMPUL_ATTACHMENT_MAX_MB = env_int("SIMPUL_ATTACHMENT_MAX_MB", 20)
SIMPUL_SUPPRESSION_THRESHOLD = env_int("SIMPUL_SUPPRESSION_THRESHOLD", 5)
SIMPUL_WEBHOOK_SECRET = env_str("SIMPUL_WEBHOOK_SECRET")
SIMPUL_API_TOKEN_MAX_DAYS = env_int("SIMPUL_API_TOKEN_MAX_DAYS", 365)
# Outbound webhooks (docs/webhooks.md): https only and public addresses only unless allowed
# (tests and demos on one machine); attempts before the dead-letter list; seconds per attempt.
SIMPUL_WEBHOOKS_ALLOW_HTTP = env_bool("SIMPUL_WEBHOOKS_ALLOW_HTTP", False)
SIMPUL_WEBHOOKS_ALLOW_PRIVATE = env_bool("SIMPUL_WEBHOOKS_ALLOW_PRIVATE", False)
SIMPUL_WEBHOOKS_MAX_ATTEMPTS = env_int("SIMPUL_WEBHOOKS_MAX_ATTEMPTS", 8)
SIMPUL_WEBHOOKS_TIMEOUT = env_int("SIMPUL_WEBHOOKS_TIMEOUT", 10)
SIMPUL_WEBHOOKS_BACKOFF_SECONDS = env_int("SIMPUL_WEBHOOKS_BACKOFF_SECONDS", 30)
