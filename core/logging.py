"""Keep secret links out of logs: manage, waiting-list and buddy links carry a token in their path.

The filter rewrites a record's message before any handler writes it: Django's request and
development-server logs, gunicorn's access log (config/gunicorn.conf.py) and anything else
that prints a path. Tokens are 43 URL-safe characters (``secrets.token_urlsafe(32)``).
"""

import logging
import re

TOKEN_IN_PATH = re.compile(r"/(manage|waiting)/[A-Za-z0-9_-]{20,}")
MASK = r"/\1/[token]"


def mask_tokens(text):
    return TOKEN_IN_PATH.sub(MASK, text)


class MaskTokensFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
