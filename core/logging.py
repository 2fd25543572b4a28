"""Keep secret links and searches out of logs.

Manage, waiting-list, buddy, check-in, feedback, help-request status and calendar-feed links carry a token
in their path; a search (``?q=``, in the admin a person's name or email) says who was looked for. The filter rewrites a record's
message before any handler writes it: Django's request, CSRF and development-server logs,
gunicorn's access log (config/gunicorn.conf.py) and anything else that prints a path.
Tokens are 43 URL-safe characters (``secrets.token_urlsafe(32)``).
"""

import logging
import re
from copy import copy

from django.utils.log import AdminEmailHandler
from django.views.debug import SafeExceptionReporterFilter

TOKEN_IN_PATH = re.compile(r"/(manage|waiting|status|check-in|feedback|calendar)/[A-Za-z0-9_-]{20,}")
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


class NoPersonalDataFilter(SafeExceptionReporterFilter):
    """Error reports (the email to ADMINS) keep the traceback and drop what a person typed.

    Django's own filter hides only what is marked sensitive; here every form field and every
    local variable of the traceback is replaced, since either may hold a child's name,
    email or the topic they wrote about. With DEBUG on (a developer's machine) it shows all.
    """

    def get_post_parameters(self, request):
        if not self.is_active(request) or request is None:
            return super().get_post_parameters(request)
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        if not self.is_active(request):
            return super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class ErrorEmailHandler(AdminEmailHandler):
    """Emails ADMINS an unhandled error without the request: its path may carry a manage token,
    its query a search, its cookies a session. The log line's path is masked (MaskTokensFilter)."""

    def emit(self, record):
        without_request = copy(record)
        without_request.request = None
        super().emit(without_request)
