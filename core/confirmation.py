"""What a confirmation page may show: only what this browser just submitted, and not for long."""

import datetime

from django.http import Http404

CONFIRMATION_PAGE_MINUTES = 30


def remember_confirmation(request, key, value, *, now):
    """Keep ``value`` (JSON: an id, or what the person typed) for this browser's confirmation page."""
    request.session[key] = {"value": value, "at": now.isoformat()}


def remembered_confirmation(request, key, *, now):
    """The value remembered for this browser under ``key``, or 404 if there is none or it is too old."""
    confirmed = request.session.get(key) or {}
    shown_since = datetime.datetime.fromisoformat(confirmed["at"]) if "at" in confirmed else None
    if (
        shown_since is None
        or "value" not in confirmed
        or now - shown_since > datetime.timedelta(minutes=CONFIRMATION_PAGE_MINUTES)
    ):
        request.session.pop(key, None)
        raise Http404
    return confirmed["value"]
