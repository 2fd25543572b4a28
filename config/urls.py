from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from booking import views as booking_views
from core import views as core_views
from core.admin_access import OwnRowsSiteHistoryView


def admin_view(view):
    """Wrapped as Wagtail wraps its own admin views: signed-in staff only, never cached."""
    return never_cache(require_admin_access(view))


site_history = admin_view(OwnRowsSiteHistoryView.as_view())
site_history_results = admin_view(OwnRowsSiteHistoryView.as_view(results_only=True))

urlpatterns = [
    # Ahead of Wagtail's own site history, so the same address narrows to the rows a user may see.
    path("admin/reports/site-history/", site_history),
    path("admin/reports/site-history/results/", site_history_results),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", core_views.healthz, name="healthz"),
    # Outside the language prefix: a subscribed address must not change with the site's languages.
    path("calendar/<token:token>.ics", booking_views.staff_calendar_feed, name="staff_calendar_feed"),
]

if settings.RANGKUL_SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", core_views.media_file, name="media"))

urlpatterns += i18n_patterns(
    path("search/", core_views.search, name="search"),
    path("booking/", include("booking.urls")),
    path("buddy/", include("buddies.urls")),
    path("help/", include("support.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = core_views.bad_request
handler500 = core_views.server_error
