"""Times as people here read them: local (WIB by default) with the zone, whatever the server's zone."""

from django import template

from core.localtime import format_local, format_local_range

register = template.Library()


@register.filter
def local_datetime(moment):
    return format_local(moment)


@register.filter
def local_time(moment):
    return format_local(moment, "TIME_FORMAT")


@register.simple_tag
def local_range(start, end):
    return format_local_range(start, end)


@register.simple_tag
def local_time_range(start, end):
    return format_local_range(start, end, with_date=False)
