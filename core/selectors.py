"""Reads that every page needs: navigation, crisis hotlines, translations."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from core.models import Hotline, SiteSettings


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def hotlines(*, crisis_bar_only=False):
    """The hotlines in their order; each shows its text in the active language."""
    found = Hotline.objects.all()
    return list(found.filter(show_in_crisis_bar=True) if crisis_bar_only else found)


def crisis_hotlines():
    """The hotlines shown in the crisis bar on every page, in their order."""
    return hotlines(crisis_bar_only=True)


def localized_home(*, request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized.specific


def menu_pages(*, home):
    return list(home.get_children().live().public().in_menu().order_by("path"))


def page_in_language(*, page, language_code):
    """The page's live translation, or the nearest ancestor that has one."""
    for candidate in page.get_ancestors(inclusive=True).reverse():
        if candidate.depth < 2:
            break
        translation = (
            Page.objects.live()
            .filter(translation_key=candidate.translation_key, locale__language_code=language_code)
            .first()
        )
        if translation:
            return translation
    return None


def language_links(*, request, page=None):
    """One link per site language that leads to the same content in that language."""
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = page_in_language(page=page, language_code=code)
            url = target.get_url(request) if target else translate_url(request.path, code)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links


def linked_page_urls(request):
    """{"crisis": url, "privacy": url, "safety": url} of the settings' linked pages in the active language."""
    site_settings = SiteSettings.for_request(request)
    links = {}
    for name in ("crisis", "privacy", "safety"):
        page = getattr(site_settings, f"{name}_page")
        if page is not None:
            links[name] = page.localized.get_url(request)
    return links
