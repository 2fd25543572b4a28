"""Settings shared by every environment.

This module is safe for production on its own: DEBUG is off, and the secret key,
allowed hosts and database come from the environment. ``dev`` and ``test`` relax it;
``production`` refuses to start without the secrets it needs.
"""

import datetime
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = [host for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if host]
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

INSTALLED_APPS = [
    "core",
    "home",
    "programs",
    "booking",
    "buddies",
    "support",
    "staff",
    "privacy",
    "starter",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "recurrence",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous visitors get content pages from here, before sessions or cookies are read.
    "core.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff who see people's records pass the second sign-in step before any admin page.
    "staff.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.routing.PageRoutingMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with our page.
    "axes.middleware.AxesMiddleware",
]

# Admin sign-in is throttled per account and per address (django-axes): after
# AXES_FAILURE_LIMIT wrong passwords either one is locked for AXES_COOLOFF_TIME.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
# Two-factor sign-in (staff.two_factor); off only where tests sign staff in directly.
RANGKUL_TWO_FACTOR_REQUIRED = os.environ.get("RANGKUL_TWO_FACTOR", "on") != "off"
OTP_TOTP_ISSUER = "Rangkul"
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy, RANGKUL_PROXY_COUNT says how many proxies add X-Forwarded-For;
# without one that header could be forged, so only the connection's address counts.
# Sign-in throttling and rate limits read the same address (core.client_address).
RANGKUL_PROXY_COUNT = int(os.environ.get("RANGKUL_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.content_version",
                "core.context_processors.site_settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ignores SELECT ... FOR UPDATE; taking the write lock when a transaction
    # starts serialises bookings instead, so the re-count inside it is always current.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Jakarta")

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Uploads served by Django itself, with a sandboxing policy (core.views.media_file). Set 0
# where a web server or object storage serves /media/ (with the same header).
RANGKUL_SERVE_MEDIA = os.environ.get("RANGKUL_SERVE_MEDIA", "1") == "1"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Public pages run only the site's own script and styles (no inline code); the Wagtail
# admin writes inline scripts, so it is left to Wagtail's own protections.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *os.environ.get("RANGKUL_MEDIA_ORIGINS", "").split()],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Features the site never uses are switched off for it and anything it embeds.
RANGKUL_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
)

# Email: SMTP from the environment. Development writes files, tests keep mail in memory.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_USE_TLS", "") == "1"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Rangkul <noreply@localhost>")

# Wagtail runs its own small jobs on "default" (inline). Our emails go to "background",
# a database queue worked by `manage.py worker --backend background --queue-name email`;
# large spreadsheet exports go to its "exports" queue, so they never hold up an email.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["email", "periodic", "exports"],
    },
}

# Error reports never carry what a person typed (core.logging.NoPersonalDataFilter).
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.logging.NoPersonalDataFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Links with a token in their path (manage, waiting list) never reach a log in full.
    "filters": {"mask_tokens": {"()": "core.logging.MaskTokensFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "booking": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

WAGTAIL_SITE_NAME = "Rangkul"
# Wagtail ships its Indonesian admin catalog as id_ID; staff choose a language in their account.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id-id", "Bahasa Indonesia"), ("en", "English")]
# Public forms: tries per email (the real limit) and per client address (django-ratelimit,
# counted in the shared cache). A whole class behind one school address shares the "ip"
# limit, so it is a ceiling a classroom never reaches (60 in ten minutes) but a script does;
# the school's own addresses (Site settings) get the trusted ceiling instead.
RANGKUL_RATE_LIMITS_ENABLED = os.environ.get("RANGKUL_RATE_LIMITS", "on") != "off"
RANGKUL_RATE_LIMITS = {
    "booking": {"ip": ["60/10m", "240/h"], "email": ["3/m", "10/h"]},
    "buddy_signup": {"ip": ["60/10m", "240/h"], "email": ["3/m", "10/h"]},
    "manage": {"ip": ["60/10m", "240/h"]},
    "help_request": {"ip": ["60/10m", "240/h"]},
    # Calendar apps fetch a feed every few minutes at most; more is someone trying addresses.
    "calendar_feed": {"ip": ["120/h"]},
}
RANGKUL_RATE_LIMITS_TRUSTED_IP = ["300/10m", "1200/h"]

# The public address, used in email links. Set it in production.
RANGKUL_BASE_URL = os.environ.get("RANGKUL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = RANGKUL_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff avatars are uploaded or initials, never Gravatar: the admin sends nothing about staff to
# another host (a Gravatar address is a hash of the staff member's email).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Whole-page cache of content pages for anonymous visitors (core.page_cache).
RANGKUL_PAGE_CACHE = True

# Booking
BOOKING_HORIZON_WEEKS = 12
RANGKUL_EMAIL_MAX_ATTEMPTS = 5
# Minutes to wait after the 1st, 2nd, … failed attempt (the last repeats).
RANGKUL_EMAIL_RETRY_MINUTES = [5, 30, 120, 720]
# A queued email not sent (or a send not finished) after this long is queued again.
RANGKUL_EMAIL_STALE_MINUTES = 15
# How long a booking waits for a row lock (PostgreSQL) before answering "busy, try again".
BOOKING_LOCK_TIMEOUT_MS = 5000
# A place offered from a waiting list is kept a quarter of the time left before bookings close,
# never less than the shortest nor more than the longest offer (no offer at all with less left).
BOOKING_WAITLIST_SHORTEST_OFFER_MINUTES = 30
BOOKING_WAITLIST_LONGEST_OFFER_HOURS = 24
# How often the periodic task (reminders, expired offers, minimum participants) runs.
BOOKING_PERIODIC_MINUTES = 5
RANGKUL_PRIVACY_NOTICE_VERSION = "2026-12"

# Personal data (UU PDP). Exports of people's records need the "export personal data"
# permission (the Coordinator group) unless this is False.
RANGKUL_RESTRICT_EXPORTS = True
# An XLSX file is built whole before its first byte leaves (a CSV streams any number of rows):
# past this many rows (about a second on two cores) a task worker builds it, on the "exports"
# queue, and the staff member downloads it when it is ready. Built files go after a day.
RANGKUL_XLSX_IN_REQUEST_MOST_ROWS = int(os.environ.get("RANGKUL_XLSX_IN_REQUEST_MOST_ROWS", "2000"))
RANGKUL_SPREADSHEET_KEEP_HOURS = 24
# Days after a session (or a buddy program) ends before people's details are removed from its
# records; counts and attendance stay. The privacy notice page states these periods.
# Requests for help count from when they were closed; reports are kept longer for the school's
# records of how violence was dealt with (Permendikbudristek 46/2023). Open ones are never removed.
RANGKUL_RETENTION_DAYS = {
    "bookings": 365,
    "waiting_list": 30,
    "buddy_signups": 365,
    "help_requests": 365,
    "reports": 1095,
}
