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


def format_local_short_range(start, end):
    """A start and end short enough for a phone's select box: "Sen 7 Des, 13.45–14.30 WIB"."""
    local_start = start.astimezone(local_zone())
    return f"{formats.date_format(local_start, 'D j M')}, {format_local_range(start, end, with_date=False)}"


def format_local_range(start, end, *, with_date=True):
    """A start and end on one line: "Senin, 7 Desember 2026 pukul 15.00–16.00 WIB" (or "15.00–16.00 WIB")."""
    local_start, local_end = start.astimezone(local_zone()), end.astimezone(local_zone())
    start_text = formats.date_format(local_start, "DATETIME_FORMAT" if with_date else "TIME_FORMAT")
    return f"{start_text}–{formats.time_format(local_end, 'TIME_FORMAT')} {local_end.tzname()}"
