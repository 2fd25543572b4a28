"""Anonymous visitors get Wagtail pages from a cache, with live fragments rendered fresh.

A page is kept only if its ``serve`` said it may be (``CacheablePageMixin``): public,
no password or login restriction, a plain GET without a query string, no session cookie
(so a signed-in editor always sees the page built for them). Entries are keyed by the
content version, so a publish, move, deletion or a changed hotline or setting shows at
once everywhere. Content pages are compressed here (they carry no secret, so BREACH does
not apply); booking, manage and admin pages never come through this path.

The ETag is the hash of the page as built (before compression, with "-gzip" on the compressed
copy, as the two are different bytes), so it stays the same across requests and seconds; a
browser that has the page gets a 304 before anything is compressed, and a page that reads the
same as last time is not compressed again.
"""

import functools
import gzip
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

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


MINIMUM_TO_COMPRESS = 1024


@functools.lru_cache(maxsize=256)
def _compressed(body):
    # mtime=0: gzip would otherwise write the current second into its header, and the bytes change.
    return gzip.compress(body, compresslevel=6, mtime=0)


def _etag(body, request):
    tag = hashlib.md5(body, usedforsecurity=False).hexdigest()
    return f'"{tag}-gzip"' if _compresses(body, request) else f'"{tag}"'


def _compresses(body, request):
    return "gzip" in request.headers.get("Accept-Encoding", "") and len(body) > MINIMUM_TO_COMPRESS


def _public_response(response, request):
    """Any cache may keep it but must ask again each time (the ETag makes that cheap); compressed if asked."""
    body = response.content
    response["ETag"] = _etag(body, request)
    not_modified = get_conditional_response(request, etag=response["ETag"], response=response)
    if not_modified is not response:
        response = not_modified
    elif _compresses(body, request):
        response.content = _compressed(body)
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
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
            return _public_response(response, request)
        return _public_response(HttpResponse(live.fill(page_shell, request)), request)
