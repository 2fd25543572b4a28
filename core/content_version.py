"""The content version: read once per request, raised whenever published content changes."""

from django.core.cache import cache
from django.db.models import F

from core.models import ContentVersion

REQUEST_ATTRIBUTE = "_rangkul_content_version"


def content_version(request=None):
    """The current number; one query, remembered on the request."""
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    number = ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, number)
    return number


def content_changed(**kwargs):
    """Raise the version (a signal receiver: published, unpublished, moved, deleted, saved)."""
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def cached_for_version(name, build, *, request=None, timeout=24 * 60 * 60):
    """``build()``'s result, kept until the content version changes (for reads that only an edit changes)."""
    key = f"content:{content_version(request)}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
