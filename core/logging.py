"""Keep secret links and searches out of logs.

Manage, waiting-list and buddy links carry a token in their path; a search (``?q=``, in the
admin a person's name or email) says who was looked for. The filter rewrites a record's
message before any handler writes it: Django's request, CSRF and development-server logs,
gunicorn's access log (config/gunicorn.conf.py) and anything else that prints a path.
Tokens are 43 URL-safe characters (``secrets.token_urlsafe(32)``).
"""

import logging
import re

TOKEN_IN_PATH = re.compile(r"/(manage|waiting)/[A-Za-z0-9_-]{20,}")
MASK = r"/\1/[token]"
SEARCH_IN_QUERY = re.compile(r"([?&]q=)[^&\s\"']*")
SEARCH_MASK = r"\1[search]"


def mask_tokens(text):
    return SEARCH_IN_QUERY.sub(SEARCH_MASK, TOKEN_IN_PATH.sub(MASK, text))


class MaskTokensFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
