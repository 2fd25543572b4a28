"""The one client address that rate limits and sign-in throttling both count.

Behind ``RANGKUL_PROXY_COUNT`` trusted reverse proxies, each appends the address it was
reached from to ``X-Forwarded-For``, so the client is the entry that many places from the
right; anything further left was written by the client and may be forged. Without proxies
the header is ignored and the connection's address counts.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    """The client's address as a string, or None when the request carries none (django-axes stores it)."""
    proxies = settings.RANGKUL_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            candidate = hops[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or None
