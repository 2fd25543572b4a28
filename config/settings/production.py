"""Production: everything in ``base``, read from the environment, with HTTPS hardening.

Refuses to start without what it needs rather than inventing it: no SQLite fallback, no
``noreply@localhost``, no email links to 127.0.0.1. README.md lists every variable.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set {name} in the environment (see README.md, Production).")
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("DJANGO_ALLOWED_HOSTS").split(",") if host.strip()]

DATABASES = {
    "default": dj_database_url.parse(
        _required("DATABASE_URL"),
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
    )
}
# SQLite only when asked for by name (the benchmark's throwaway copy), never by default.
if (
    DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
    and os.environ.get("RANGKUL_ALLOW_SQLITE") != "1"
):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

RANGKUL_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or _required("RANGKUL_BASE_URL")
WAGTAILADMIN_BASE_URL = RANGKUL_BASE_URL = RANGKUL_BASE_URL.rstrip("/")
DEFAULT_FROM_EMAIL = _required("DJANGO_DEFAULT_FROM_EMAIL")
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = _required("DJANGO_EMAIL_HOST")

# Unhandled errors are emailed to ADMINS ("Name <address>, …"), besides the console log.
ADMINS = [
    (address.split("<")[0].strip() or address.strip(), address.split("<")[-1].rstrip("> ").strip())
    for address in os.environ.get("DJANGO_ADMINS", "").split(",")
    if address.strip()
]
if ADMINS:
    LOGGING["handlers"]["mail_admins"] = {  # noqa: F405
        "class": "core.logging.ErrorEmailHandler",
        "level": "ERROR",
        "filters": ["mask_tokens"],
    }
    LOGGING["loggers"]["django.request"]["handlers"].append("mail_admins")  # noqa: F405

# Rate-limit counters must be shared by every web process: Redis when REDIS_URL is set,
# else a table in the database (`manage.py createcachetable`). Cached pages may stay in
# each process (their keys carry the content version, so none is ever stale) unless Redis
# is there to share them too; sessions live in the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "ratelimit": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "rangkul_cache"},
    }
RATELIMIT_USE_CACHE = "ratelimit"

# Uploads in S3-compatible object storage when RANGKUL_S3_BUCKET is set (django-storages).
# Served from the bucket's own address, an uploaded SVG runs nothing as this site.
if os.environ.get("RANGKUL_S3_BUCKET"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["RANGKUL_S3_BUCKET"],
            "access_key": _required("RANGKUL_S3_ACCESS_KEY_ID"),
            "secret_key": _required("RANGKUL_S3_SECRET_ACCESS_KEY"),
            "endpoint_url": os.environ.get("RANGKUL_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("RANGKUL_S3_REGION") or None,
            "custom_domain": os.environ.get("RANGKUL_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    RANGKUL_SERVE_MEDIA = False
    media_origin = os.environ.get("RANGKUL_S3_CUSTOM_DOMAIN") or os.environ.get(
        "RANGKUL_S3_ENDPOINT_URL", "https://*.amazonaws.com"
    )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(  # noqa: F405
        media_origin if "://" in media_origin else f"https://{media_origin}"
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD", "1") == "1"
