from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core.selectors import active_locale

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    search_query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if search_query:
        results = Page.objects.live().public().filter(locale=active_locale()).specific().search(search_query)
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
