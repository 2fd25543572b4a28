import hashlib
import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve
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
    # The search backends read quotes, dashes and the like as operators (SQLite's FTS5 fails
    # on an unbalanced quote): only the words are searched for.
    words = " ".join(re.findall(r"\w+", search_query))
    results = search_results(request, words) if words else []
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


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when not; no details either way."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("unavailable\n", content_type="text/plain", status=503)
    return HttpResponse("ok\n", content_type="text/plain")


# Uploads (an editor's SVG included) are shown in <img>, where scripts never run; opened on
# their own they are sandboxed too, so a script inside one cannot act as the site.
MEDIA_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"


@require_GET
def media_file(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = MEDIA_POLICY
    return response


# Django's own 400 and 500 handlers run the CSRF check first, which reads the broken body
# again (a form declared utf-16, say) and turns a bad request into an empty 500. These
# read nothing from the request and render pages that need no context.
def bad_request(request, exception):
    return HttpResponseBadRequest(render_to_string("400.html"))


def server_error(request):
    return HttpResponseServerError(render_to_string("500.html"))
