"""The content version: read once per request, raised whenever published content changes.

Beside it, an availability number that booking raises after every change to places, so
short-lived caches of "next free times" are exact.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import F

from core.models import ContentVersion

REQUEST_ATTRIBUTE = "_rangkul_versions"
VERSIONS_SQL = (
    f"SELECT number, availability FROM {connection.ops.quote_name(ContentVersion._meta.db_table)} "  # noqa: S608
    "WHERE id = 1"
)


def _versions(request):
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    # Every anonymous page view runs this: plain SQL skips the ORM's query building.
    with connection.cursor() as cursor:
        cursor.execute(VERSIONS_SQL)
        versions = cursor.fetchone() or (0, 0)
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, versions)
    return versions


def content_version(request=None):
    """The current content number; one query for both numbers, remembered on the request."""
    return _versions(request)[0]


def _raise(field):
    if not ContentVersion.objects.filter(pk=1).update(**{field: F(field) + 1}):
        ContentVersion.objects.get_or_create(pk=1, defaults={field: 1})


def content_changed(**kwargs):
    """Raise the version (a signal receiver: published, unpublished, moved, deleted, saved)."""
    _raise("number")


def availability_changed():
    """Raise the availability number; call after the change has committed."""
    _raise("availability")


def cached_for_version(name, build, *, request=None, timeout=24 * 60 * 60):
    """``build()``'s result, kept until the content version changes (for reads that only an edit changes)."""
    return _cached(f"content:{content_version(request)}:{name}", build, timeout)


def cached_for_availability(name, build, *, now, request=None, seconds=60):
    """``build()``'s result for what depends on places and on the clock: kept until content or
    availability changes, and within the minute of ``now`` only (booking windows move with time)."""
    number, availability = _versions(request)
    return _cached(
        f"availability:{number}:{availability}:{int(now.timestamp() // seconds)}:{name}", build, seconds
    )


def _cached(key, build, timeout):
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
