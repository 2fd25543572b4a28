"""Tests: fast hashing, plain static storage, in-memory mail and cache, inline tasks."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS["background"] = {  # noqa: F405
    "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    "QUEUES": ["email", "periodic", "exports"],
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Serve static files from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests sign staff in directly (force_login); tests/staff/test_two_factor.py turns the second step on.
RANGKUL_TWO_FACTOR_REQUIRED = False
