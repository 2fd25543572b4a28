"""gunicorn settings for production: ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

Its access log goes through the same filter as Django's logs, so the token in a manage or
waiting-list link never lands in a log file.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
# Chosen, not gunicorn's default 30 s: a worker stuck for longer than this is restarted. Public
# pages answer in milliseconds; the slowest staff requests are CSV exports (bench/RESULTS.md): ten
# years' bookings stream in about 20 s. A large XLSX file is built by a task worker, never in a
# web request. Workers get as long to finish on a restart.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = timeout
accesslog = "-"
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_tokens": {"()": "core.logging.MaskTokensFilter"}},
    "formatters": {"generic": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["mask_tokens"],
            "stream": "ext://sys.stdout",
        },
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["mask_tokens"],
            "stream": "ext://sys.stderr",
        },
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
