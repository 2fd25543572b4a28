"""The buddy programs on a program page: page models never import buddies."""

from django import template

from buddies.fragments import render_program_buddies
from core import live

register = template.Library()


@register.simple_tag(takes_context=True)
def program_buddies(context, program_page):
    key = str(program_page.translation_key)
    return live.mark("buddies", key, render_program_buddies(context.get("request"), key))
