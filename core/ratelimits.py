"""Limits on public forms, per client address and per email, counted in the shared cache.

django-ratelimit does the counting; every limit is named in ``settings.RANGKUL_RATE_LIMITS``
and on unless ``RANGKUL_RATE_LIMITS_ENABLED`` is turned off (tests that need bursts do so).
The per-email limits carry the weight. Most Indonesian schools put every student behind one
public address, so the per-address limit is a coarse ceiling sized for a classroom signing up
at once; the school's own addresses (Site settings) get ``RANGKUL_RATE_LIMITS_TRUSTED_IP``.
Emails are only ever part of a hashed cache key, never stored or logged.
"""

import ipaddress
from functools import wraps

from django.conf import settings
from django.template.response import TemplateResponse
from django_ratelimit.core import is_ratelimited

from core.client_address import client_address
from core.models import SiteSettings, address_networks


def _client_address(group, request):
    return client_address(request) or "unknown"


def _email(group, request):
    # name+1@, name+2@ … reach the same inbox: counted as one address.
    address = request.POST.get("email", "").strip().lower()[:254]
    local, at, domain = address.rpartition("@")
    return f"{local.split('+')[0]}@{domain}" if at else address


KEYS = {"ip": _client_address, "trusted_ip": _client_address, "email": _email}
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def period_seconds(rate):
    """ "8/m" → 60, "10/5m" → 300: the window a rate counts in."""
    period = rate.split("/")[1]
    return int(period[:-1] or 1) * UNIT_SECONDS[period[-1]]


def from_a_trusted_address(request):
    """Whether the client is on one of the school's own networks listed in Site settings."""
    address = client_address(request)
    if not address:
        return False
    try:
        networks = address_networks(SiteSettings.for_request(request).trusted_addresses)
    except ValueError:
        return False  # the form refuses a wrong line; one saved before that changes nothing
    client = ipaddress.ip_address(address)
    return any(client in network for network in networks)


def limits_exceeded(request, scope, method="POST"):
    """Count this POST against the scope's limits; the longest period of any limit now exceeded, or 0."""
    if not settings.RANGKUL_RATE_LIMITS_ENABLED:
        return 0
    wait = 0
    for key, rates in settings.RANGKUL_RATE_LIMITS[scope].items():
        if key == "email" and not _email(None, request):
            continue
        if key == "ip" and from_a_trusted_address(request):
            key, rates = "trusted_ip", settings.RANGKUL_RATE_LIMITS_TRUSTED_IP
        for rate in rates:
            if is_ratelimited(
                request,
                group=f"{scope}:{key}:{rate}",
                key=KEYS[key],
                rate=rate,
                method=method,
                increment=True,
            ):
                wait = max(wait, period_seconds(rate))
    return wait


def limit_requests(scope, method="POST"):
    """Answer a ``method`` request over the scope's limits with a 429 page in the person's language."""

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            wait = limits_exceeded(request, scope, method) if request.method == method else 0
            if wait:
                response = TemplateResponse(request, "429.html", {"minutes": max(1, wait // 60)}, status=429)
                response["Retry-After"] = str(wait)
                return response
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def limit_posts(scope):
    """Answer a POST over the scope's limits with a 429 page in the person's language."""
    return limit_requests(scope, "POST")
