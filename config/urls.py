from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", core_views.healthz, name="healthz"),
]

if settings.RANGKUL_SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", core_views.media_file, name="media"))

urlpatterns += i18n_patterns(
    path("search/", core_views.search, name="search"),
    path("booking/", include("booking.urls")),
    path("buddy/", include("buddies.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
