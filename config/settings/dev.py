"""Local development: debug on, mail written to var/mail, background work run inline."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-rangkul"  # noqa: S105 - never used outside a local copy
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"  # noqa: F405
TASKS["background"] = {  # noqa: F405
    "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    "QUEUES": ["email", "periodic", "exports"],
}
RANGKUL_CREATE_DEV_ADMIN = True

# Serve static files from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The local copy's demo admin signs in with a password only; production asks staff for a code too.
RANGKUL_TWO_FACTOR_REQUIRED = False
