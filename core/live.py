"""Live fragments: parts of a cached page that are rendered fresh on every request.

An app registers a renderer by name (booking registers "offerings": the next free times
on a program page). Its template tag wraps what it renders in markers; the page cache
keeps the page without the inside of the markers and fills them again per request.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

_renderers = {}
MARKED = re.compile(r"<!--live:(?P<name>[\w-]+):(?P<argument>[\w-]*)-->.*?<!--/live-->", re.DOTALL)


def register(name, renderer):
    """``renderer(request, argument) -> str`` renders the fragment ``name`` for ``argument``."""
    _renderers[name] = renderer


def mark(name, argument, html):
    return mark_safe(f"<!--live:{name}:{escape(argument)}-->{html}<!--/live-->")  # noqa: S308 - argument escaped


def shell(html):
    """The page with every live fragment emptied, ready to keep in a cache."""
    return MARKED.sub(lambda match: f"<!--live:{match['name']}:{match['argument']}--><!--/live-->", html)


def fill(html, request):
    """The page with every live fragment rendered now."""

    def render(match):
        fresh = _renderers[match["name"]](request, match["argument"])
        return f"<!--live:{match['name']}:{match['argument']}-->{fresh}<!--/live-->"

    return MARKED.sub(render, html)
