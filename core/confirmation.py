"""A confirmation page that shows a manage link: only to the browser that made the change, and not for long."""

import datetime

from django.http import Http404

CONFIRMATION_PAGE_MINUTES = 30


def remember_confirmation(request, key, pk, *, now):
    request.session[key] = {"pk": pk, "at": now.isoformat()}


def confirmed_pk(request, key, *, now):
    """The id remembered for this browser under ``key``, or 404 if there is none or it is too old."""
    confirmed = request.session.get(key) or {}
    shown_since = datetime.datetime.fromisoformat(confirmed["at"]) if "at" in confirmed else None
    if shown_since is None or now - shown_since > datetime.timedelta(minutes=CONFIRMATION_PAGE_MINUTES):
        request.session.pop(key, None)
        raise Http404
    return confirmed["pk"]
