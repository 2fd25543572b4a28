"""The content version: read once per request, raised whenever published content changes.

A second number, site-wide, grows only when what every page shares changes (sites, site
settings, hotlines, locales): what is read from those alone stays cached when a page is published.

Beside it, availability stamps: one per scope of free times (an offering, a program page),
raised after each change to places in that scope, so short-lived caches of "next free times"
are exact and a booking renews only the free times it changed. One site-wide availability
number covers changes to every offering at once: sessions generated, and edits of what free
times show (offerings, counselors, closures, buddy programs). Free times do not depend on the
content number, so publishing a page leaves them cached.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import F

from core.models import AvailabilityStamp, ContentVersion

REQUEST_ATTRIBUTE = "_rangkul_versions"
VERSIONS_SQL = (
    f"SELECT number, availability, site_wide, stamps FROM {connection.ops.quote_name(ContentVersion._meta.db_table)} "  # noqa: S608
    "WHERE id = 1"
)


def _versions(request):
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    # Every anonymous page view runs this: plain SQL skips the ORM's query building.
    with connection.cursor() as cursor:
        cursor.execute(VERSIONS_SQL)
        versions = cursor.fetchone() or (0, 0, 0, 0)
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, versions)
    return versions


def content_version(request=None):
    """The current content number; one query for every number, remembered on the request."""
    return _versions(request)[0]


def _raise(*fields):
    if not ContentVersion.objects.filter(pk=1).update(**{field: F(field) + 1 for field in fields}):
        ContentVersion.objects.get_or_create(pk=1, defaults=dict.fromkeys(fields, 1))


def content_changed(**kwargs):
    """Raise the version (a signal receiver: published, unpublished, moved, deleted, saved)."""
    _raise("number")


def availability_changed():
    """Raise the site-wide availability number (every offering's free times); call after the change has committed."""
    _raise("availability")


def site_wide_content_changed(**kwargs):
    """Raise the version and the site-wide number (a signal receiver: a site, its settings, a hotline, a locale)."""
    _raise("number", "site_wide")


def free_times_content_changed(**kwargs):
    """Raise both numbers (a signal receiver): what free times show was edited, and pages show it too."""
    _raise("number", "availability")


def scopes_changed(scopes):
    """Raise the stamp of each scope, then the stamps number; call after the change has committed.

    One short statement per scope, in a fixed order, outside any transaction: two bookings
    renewing the same scopes never wait on each other for long, and never deadlock. The stamps
    number grows last, so a process that reads it already sees the stamps it covers.
    """
    for scope in sorted(set(scopes)):
        if not AvailabilityStamp.objects.filter(scope=scope).update(number=F("number") + 1):
            _stamp, created = AvailabilityStamp.objects.get_or_create(scope=scope, defaults={"number": 1})
            if not created:
                AvailabilityStamp.objects.filter(scope=scope).update(number=F("number") + 1)
    _raise("stamps")


# The stamps this process has read since the stamps number last changed: while it stays the
# same (no booking anywhere), a cached page's free times need no query of their own.
_known_stamps = {"number": None, "stamps": {}}


def forget_stamps():
    _known_stamps.update(number=None, stamps={})


def _stamps(scopes, request):
    """The stamps of ``scopes`` in their order: read again only after a stamp has changed."""
    number = _versions(request)[3]
    if _known_stamps["number"] != number:
        _known_stamps.update(number=number, stamps={})
    known = _known_stamps["stamps"]
    missing = [scope for scope in scopes if scope not in known]
    if missing:
        found = dict(AvailabilityStamp.objects.filter(scope__in=missing).values_list("scope", "number"))
        known.update({scope: found.get(scope, 0) for scope in missing})
    return [known[scope] for scope in scopes]


def program_page_scope(translation_key):
    """The scope of the free times a program page shows (in every language): its offerings and buddy programs."""
    return f"page:{translation_key}"


def cached_for_version(name, build, *, request=None, timeout=24 * 60 * 60):
    """``build()``'s result, kept until the content version changes (for reads that only an edit changes)."""
    return _cached(f"content:{content_version(request)}:{name}", build, timeout)


def cached_for_site_wide(name, build, *, request=None, timeout=24 * 60 * 60):
    """``build()``'s result, kept until a site, its settings, a hotline or a locale changes
    (``build`` reads only those): publishing a page leaves it cached."""
    return _cached(f"site-wide:{_versions(request)[2]}:{name}", build, timeout)


def cached_for_availability(name, build, *, now, scopes, request=None, seconds=60):
    """``build()``'s result for what depends on places and on the clock: kept until the site-wide
    availability or the stamp of one of ``scopes`` changes, and within the minute of ``now`` only
    (booking windows move with time). ``build`` may read only what raises one of those when it
    changes: places, sessions, and the models connected with ``free_times_content_changed``."""
    availability = _versions(request)[1]
    stamps = ".".join(str(stamp) for stamp in _stamps(list(scopes), request))
    return _cached(
        f"availability:{availability}:{stamps}:{int(now.timestamp() // seconds)}:{name}",
        build,
        seconds,
    )


def _cached(key, build, timeout):
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
