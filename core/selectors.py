"""Reads that every page needs: navigation, crisis hotlines, translations.

Each is a fixed number of queries, whatever the tree holds; where several parts of a page need
the same rows (the page's ancestors, its translations), they are read once per page.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site

from core.content_version import cached_for_site_wide
from core.models import Hotline, SiteSettings

_locale_ids = {}


def locale_id(language_code):
    """The id of a language's locale, read once per process.

    A process forgets them when a locale is saved or deleted (core.signals); another process
    learns of a removed locale at its next start (Wagtail removes a locale only with its pages).
    """
    if language_code not in _locale_ids:
        _locale_ids[language_code] = (
            Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()
        )
    return _locale_ids[language_code]


def forget_locales(**kwargs):
    _locale_ids.clear()


def site_for_request(request):
    """Wagtail's ``Site.find_for_request``, kept until a site changes (Wagtail asks the database
    on every request); later calls in the request, Wagtail's own included, get the same site."""
    if not hasattr(request, "_wagtail_site"):
        # Where Wagtail keeps the request's site (documented in Site.find_for_request).
        request._wagtail_site = cached_for_site_wide(
            f"site:{request.get_host()}:{request.get_port()}",
            lambda: Site.find_for_request(request),
            request=request,
        )
    return request._wagtail_site


def site_settings_for_request(request):
    """``SiteSettings.for_request``, kept until the settings or a site change; later calls in the
    request get the same settings."""
    found = cached_for_site_wide(
        f"site-settings:{request.get_host()}:{request.get_port()}",
        lambda: SiteSettings.for_request(request),
        request=request,
    )
    found._request = request  # as Wagtail's for_request: page URLs from the request's site
    setattr(request, SiteSettings.get_cache_attr_name(), found)
    return found


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def _restricted():
    """Is the outer page, or one of its ancestors, behind a view restriction? (a subquery)"""
    return Exists(
        PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    )


def public(pages):
    """Wagtail's ``.public()`` as one subquery: Wagtail reads every view restriction first, a query each time."""
    return pages.exclude(_restricted())


def hotlines(*, crisis_bar_only=False):
    """The hotlines in their order; each shows its text in the active language."""
    found = Hotline.objects.all()
    return list(found.filter(show_in_crisis_bar=True) if crisis_bar_only else found)


def crisis_hotlines():
    """The hotlines shown in the crisis bar on every page, in their order."""
    return hotlines(crisis_bar_only=True)


def page_hotlines(*, request, crisis_bar_only=False):
    """As ``hotlines``, for the parts of a page: every hotline read once until one changes."""
    every = cached_for_site_wide("hotlines", lambda: hotlines(), request=request)
    return [hotline for hotline in every if hotline.show_in_crisis_bar] if crisis_bar_only else every


def localized_home_path(site):
    """The ``url_path`` of the site's home page in the active language, or None if it has no
    translation in it (Wagtail keeps the sites' root paths in each language in the cache)."""
    language = get_language()
    return next(
        (
            root.root_path
            for root in Site.get_site_root_paths()
            if root.site_id == site.pk and root.language_code == language
        ),
        None,
    )


def localized_home(*, request, page=None):
    """The site's home page in the active language (the site's own home if it has no such live
    translation). Found among ``page`` and its ancestors when it is one of them (no query)."""
    site = site_for_request(request)
    if site is None:
        return None
    home_path = localized_home_path(site)
    if page is not None and home_path is not None:
        for candidate in [*ancestors_of(page), page]:
            if candidate.url_path == home_path and candidate.live:
                return candidate
    homes = Page.objects.filter(Q(pk=site.root_page_id) | Q(url_path=home_path or "", live=True))
    found = {home.pk: home for home in homes}
    own = found.pop(site.root_page_id, None)
    return next(iter(found.values()), own)


def menu_pages(*, home):
    return list(public(home.get_children().live().in_menu()).order_by("path"))


def ancestors_of(page):
    """The page's ancestors, root first, read once per page object (breadcrumbs and the language links share them)."""
    if not hasattr(page, "_rangkul_ancestors"):
        page._rangkul_ancestors = list(page.get_ancestors())
    return page._rangkul_ancestors


def chain_translations(page):
    """The live translations of the page and of its ancestors below the root (themselves included),
    deepest first, each with ``is_restricted`` (behind a view restriction) and what the page's
    ``chain_annotations()`` add; read once per page object (the language links, the page's
    alternates and its exit button share them)."""
    if not hasattr(page, "_rangkul_chain_translations"):
        keys = {
            candidate.translation_key for candidate in [*ancestors_of(page), page] if candidate.depth >= 2
        }
        page._rangkul_chain_translations = list(
            Page.objects.live()
            .filter(translation_key__in=keys)
            .annotate(is_restricted=_restricted(), **getattr(page, "chain_annotations", dict)())
            .select_related("locale")
            .order_by("-depth")
        )
    return page._rangkul_chain_translations


def _nearest_translations(page):
    """{language code: the live translation of the page, or of its nearest ancestor that has one}."""
    nearest = {}
    for translation in chain_translations(page):
        nearest.setdefault(translation.locale.language_code, translation)
    return nearest


def language_links(*, request, page=None):
    """One link per site language that leads to the same content in that language."""
    current = get_language()
    nearest = _nearest_translations(page) if page is not None else {}
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = nearest.get(code)
            url = target.get_url(request) if target else translate_url(request.path, code)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links


def linked_page_urls(request):
    """{"crisis": url, "privacy": url, "safety": url} of the settings' linked pages in the active language."""
    site_settings = site_settings_for_request(request)
    linked = {name: getattr(site_settings, f"{name}_page_id") for name in ("crisis", "privacy", "safety")}
    chosen = [pk for pk in linked.values() if pk is not None]
    if not chosen:
        return {}
    active = locale_id(get_language())
    pages = list(
        Page.objects.filter(
            Q(pk__in=chosen)
            | Q(
                translation_key__in=Page.objects.filter(pk__in=chosen).values("translation_key"),
                locale_id=active,
                live=True,
            )
        )
    )
    by_pk = {page.pk: page for page in pages}
    translated = {page.translation_key: page for page in pages if page.locale_id == active and page.live}
    links = {}
    for name, pk in linked.items():
        if pk in by_pk:
            original = by_pk[pk]
            # As Wagtail's ``localized``: the original where the translation is missing or a draft.
            links[name] = translated.get(original.translation_key, original).get_url(request)
    return links
