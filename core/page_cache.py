"""Anonymous visitors get Wagtail pages from a cache, with live fragments rendered fresh.

A page is kept only if its ``serve`` said it may be (``CacheablePageMixin``): public,
no password or login restriction, a plain GET without a query string, no session cookie
(so a signed-in editor always sees the page built for them). Entries are keyed by the
content version, so a publish, move, deletion or a changed hotline or setting shows at
once everywhere. Content pages are compressed here (they carry no secret, so BREACH does
not apply); booking, manage and admin pages never come through this path.
"""

import gzip
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from core import live
from core.content_version import content_version

CACHE_SECONDS = 24 * 60 * 60
RESPONSE_ATTRIBUTE = "public_cacheable"


def _key(request, version):
    # Hashed: a visitor's path may be long or hold any character, and cache keys may not.
    where = hashlib.sha256(f"{request.get_host()}{request.path}".encode()).hexdigest()
    return f"page:{version}:{where}"


LANGUAGE_PREFIXES = {code for code, _name in settings.LANGUAGES}


def _anonymous_plain_get(request):
    # Only pages under a language prefix: /healthz, robots.txt and the sitemap answer on their own.
    return (
        request.method in ("GET", "HEAD")
        and request.path_info.split("/")[1] in LANGUAGE_PREFIXES
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.RANGKUL_PAGE_CACHE
    )


def _public_headers(response, request):
    """Any cache may keep it but must ask again each time (ETag makes that cheap); compressed if asked."""
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    if "gzip" in request.headers.get("Accept-Encoding", "") and len(response.content) > 1024:
        response.content = gzip.compress(response.content, compresslevel=6)
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
    response["Vary"] = "Accept-Encoding"
    return response


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches["default"]

    def __call__(self, request):
        if not _anonymous_plain_get(request):
            return self.get_response(request)
        key = _key(request, content_version(request))
        page_shell = self.cache.get(key)
        if page_shell is None:
            response = self.get_response(request)
            if not (
                getattr(response, RESPONSE_ATTRIBUTE, False)
                and response.status_code == 200
                and not response.cookies
            ):
                return response
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            html = response.content.decode(response.charset)
            self.cache.set(key, live.shell(html), CACHE_SECONDS)
            return _public_headers(response, request)
        return _public_headers(HttpResponse(live.fill(page_shell, request)), request)
