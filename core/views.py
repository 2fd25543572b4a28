import hashlib

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core.content_version import cached_for_version
from core.selectors import active_locale

RESULTS_PER_PAGE = 10
MAX_RESULTS = 100


def search_results(request, search_query):
    """Title, address and description of the best matches in the active language, kept per content version.

    The cache key holds a hash of the words, never the words themselves.
    """
    locale = active_locale()
    digest = hashlib.sha256(search_query.casefold().encode()).hexdigest()

    def find():
        pages = (
            Page.objects.live().public().filter(locale=locale).specific().search(search_query)[:MAX_RESULTS]
        )
        return [
            {"title": page.title, "url": page.get_url(request), "description": page.meta_description()}
            for page in pages
        ]

    return cached_for_version(f"search:{locale.language_code}:{digest}", find, request=request)


@require_GET
def search(request):
    search_query = request.GET.get("q", "").strip()[:200]
    results = search_results(request, search_query) if search_query else []
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "search/search.html", {"search_query": search_query, "results": page_obj}
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /id/booking/manage/",
        "Disallow: /en/booking/manage/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
