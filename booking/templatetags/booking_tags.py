"""Booking's own fragments for content pages: page models never import booking."""

from django import template
from django.utils import timezone

from booking import selectors

register = template.Library()


@register.inclusion_tag("booking/program_offerings.html", takes_context=True)
def program_offerings(context, program_page):
    """The offerings of a program page with their next free times, in any language version of it."""
    now = timezone.now()
    return {
        "offerings": [
            (offering, selectors.open_sessions(offering=offering, now=now, limit=3))
            for offering in selectors.offerings_for_program(program_page=program_page)
        ],
        "request": context.get("request"),
    }
