from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from core.content_version import cached_for_version
from core.content_version import content_version as read_content_version
from core.selectors import linked_page_urls, site_settings_for_request


def content_version(request):
    """``content_version`` for ``{% cache %}`` keys of site-wide fragments; read only if a template uses it."""
    return {"content_version": SimpleLazyObject(lambda: read_content_version(request))}


def site_settings(request):
    """``site_settings`` (kept until settings change) and ``site_links`` (the linked pages in the
    active language, kept per content version)."""
    host = request.get_host()
    language = get_language()
    return {
        "site_settings": SimpleLazyObject(lambda: site_settings_for_request(request)),
        "site_links": SimpleLazyObject(
            lambda: cached_for_version(
                f"site-links:{host}:{language}", lambda: linked_page_urls(request), request=request
            )
        ),
    }
