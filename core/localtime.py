"""The site's own time zone (WIB by default), whoever is looking and wherever the server runs."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats


def local_zone():
    return ZoneInfo(settings.TIME_ZONE)


def local_zone_name(moment):
    """The zone's short name as people read it: WIB, WITA, WIT, or the abbreviation of another zone."""
    return moment.astimezone(local_zone()).tzname()


def format_local(moment, format_name="DATETIME_FORMAT"):
    """A moment in local time with its zone, in the active language: "Senin, 7 Desember 2026 pukul 15.00 WIB"."""
    if moment is None:
        return ""
    local = moment.astimezone(local_zone())
    return f"{formats.date_format(local, format_name)} {local.tzname()}"
