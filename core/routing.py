"""Wagtail's page routing in two queries, for the page types of this site.

Wagtail walks the tree one level at a time (a query for each child and another for its
specific type, after reading the active locale and the localized home page): five to seven
queries before a program page starts to render. Every page type here routes only to itself
(none overrides ``route``), so the page at a path is the one whose ``url_path`` is the
localized home's path plus that path. Anything else — no such page, a draft, a page type
that routes its own sub-paths — is left to Wagtail's walk, which answers as it always has.
"""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from wagtail import views as wagtail_views
from wagtail.models import Page, get_page_models
from wagtail.url_routing import RouteResult

from core.selectors import localized_home_path, site_for_request


@cache
def _every_page_routes_to_itself():
    return all(model.route is Page.route for model in get_page_models())


def page_at(request, path):
    """The live page at ``path`` (below the language prefix) of the request's site, or None."""
    site = site_for_request(request)
    if site is None:
        return None
    home_path = localized_home_path(site)
    if home_path is None:
        return None
    components = [component for component in path.split("/") if component]
    url_path = home_path + "".join(f"{component}/" for component in components)
    found = Page.objects.filter(url_path=url_path, live=True).values_list("pk", "content_type_id").first()
    if found is None:
        return None
    pk, content_type_id = found
    return ContentType.objects.get_for_id(content_type_id).model_class().objects.filter(pk=pk).first()


class PageRoutingMiddleware:
    """Finds the page for Wagtail's serve view before it walks the tree (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or not _every_page_routes_to_itself():
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        page = page_at(request, path)
        if page is not None:
            # Where Wagtail keeps its own route for this request (Page.route_for_request).
            request._wagtail_route_for_request = RouteResult(page)
        return None
