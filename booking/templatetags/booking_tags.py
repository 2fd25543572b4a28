"""Booking's own fragments for content pages: page models never import booking."""

from django import template

from booking.fragments import render_program_offerings
from core import live

register = template.Library()


@register.simple_tag(takes_context=True)
def program_offerings(context, program_page):
    """Rendered live even inside a cached page: availability is never served stale."""
    key = str(program_page.translation_key)
    return live.mark("offerings", key, render_program_offerings(context.get("request"), key))
