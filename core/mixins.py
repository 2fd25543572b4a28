"""Abstract page behaviour shared by the page types of every app."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import PageViewRestriction

from core.selectors import chain_translations, locale_id


class SafetyPageMixin(models.Model):
    """A page that may be about violence or abuse, and so may offer "Exit this page"."""

    show_exit_button = models.BooleanField(
        _("show “Exit this page”"),
        default=False,
        help_text=_(
            "Turn on for pages about violence, abuse or other topics someone may need to hide "
            "quickly. Adds a button (and Shift pressed three times) that leaves for a neutral site. "
            "Switched on for the Bahasa Indonesia page, it shows on its translations too."
        ),
    )

    safety_panels = [FieldPanel("show_exit_button")]

    class Meta:
        abstract = True

    @cached_property
    def exit_button_shown(self):
        """On for this page, or for its Bahasa Indonesia original: the switch carries to translations."""
        if self.show_exit_button or self.locale_id == locale_id(settings.LANGUAGE_CODE):
            return self.show_exit_button
        return any(
            translation.shows_exit_button
            for translation in chain_translations(self)
            if translation.translation_key == self.translation_key
            and translation.locale.language_code == settings.LANGUAGE_CODE
        )

    def chain_annotations(self):
        """What core.selectors.chain_translations reads beside each translation (in the same query)."""
        return {
            "shows_exit_button": Exists(type(self).objects.filter(pk=OuterRef("pk"), show_exit_button=True))
        }


class SeoMixin:
    """Meta description and Open Graph text taken from the page's own search fields."""

    def meta_description(self):
        return self.search_description or getattr(self, "summary", "") or getattr(self, "intro", "")

    def language_alternates(self, request=None):
        """This page in every language it is published in, as absolute URLs."""
        translations = [
            page
            for page in chain_translations(self)
            if page.translation_key == self.translation_key and not page.is_restricted
        ]
        alternates = []
        for page in sorted(translations, key=lambda page: page.locale.language_code):
            url = page.get_url(request)
            location = request.build_absolute_uri(url) if request else page.get_full_url()
            alternates.append({"lang_code": page.locale.language_code, "location": location})
        default = next((a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None)
        if default:
            alternates.append({"lang_code": "x-default", "location": default["location"]})
        return alternates

    def get_sitemap_urls(self, request=None):
        """One entry per language, each naming its translations (hreflang in the sitemap)."""
        alternates = self.language_alternates(request)
        lastmod = self.last_published_at or self.latest_revision_created_at
        return [
            {"location": alternate["location"], "lastmod": lastmod, "alternates": alternates}
            for alternate in alternates
            if alternate["lang_code"] != "x-default"
        ]


class CacheablePageMixin:
    """A page anonymous visitors may get from the page cache (see core.page_cache)."""

    def get_view_restrictions(self):
        """Wagtail's restrictions (on this page, its ancestors, or the originals of those that are
        aliases) in one query instead of two: every view of the page asks, cached or not."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            response.public_cacheable = True
        return response
