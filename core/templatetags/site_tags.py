from django import template

from core import selectors

register = template.Library()


@register.inclusion_tag("components/crisis_bar.html", takes_context=True)
def crisis_bar(context):
    return {
        "hotlines": selectors.page_hotlines(request=context.get("request"), crisis_bar_only=True),
        "settings": context.get("settings"),
        "request": context.get("request"),
    }


@register.inclusion_tag("components/hotline_list.html", takes_context=True)
def hotline_list(context, heading_level="h2", crisis_only=False):
    return {
        "hotlines": selectors.page_hotlines(request=context.get("request"), crisis_bar_only=crisis_only),
        "heading_level": heading_level,
    }


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = selectors.localized_home(request=request, page=context.get("page"))
    current_path = context["page"].path if context.get("page") else ""
    items = [
        {
            "page": item,
            "is_current": item.path == current_path,
            "is_ancestor": current_path.startswith(item.path),
        }
        for item in (selectors.menu_pages(home=home) if home else [])
    ]
    return {"home": home, "items": items, "is_home": home is not None and home.path == current_path}


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if page is not None:
        ancestors = [p for p in selectors.ancestors_of(page) if p.live and p.depth > 1]
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


@register.inclusion_tag("navigation/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    return {"links": selectors.language_links(request=request, page=context.get("page"))}


@register.simple_tag(takes_context=True)
def page_alternates(context, page):
    return page.language_alternates(context["request"])
