"""The home page and general pages. Shared blocks, mixins, hotlines and settings live in ``core``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.mixins import CacheablePageMixin, SafetyPageMixin, SeoMixin
from programs.models import program_pages_for_locale


class HomePage(CacheablePageMixin, SeoMixin, Page):
    """The front page: what Rangkul is, the three services, and where to get help now."""

    intro = models.TextField(
        _("introduction"), help_text=_("One or two sentences that welcome families and students.")
    )
    services_heading = models.CharField(_("services heading"), max_length=120)
    help_heading = models.CharField(_("“where to get help” heading"), max_length=120)
    danger_text = models.TextField(_("in danger now"), help_text=_("Shown above the emergency hotlines."))
    counselor_text = models.TextField(
        _("talk to a counselor soon"), help_text=_("Shown with the link to book a counselor.")
    )
    peer_text = models.TextField(
        _("talk to a peer"), help_text=_("Shown with the link to the peer support page.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more content"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("services_heading"),
        MultiFieldPanel(
            [
                FieldPanel("help_heading"),
                FieldPanel("danger_text"),
                FieldPanel("counselor_text"),
                FieldPanel("peer_text"),
            ],
            heading=_("Where to get help"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["programs.ProgramIndexPage", "home.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programs = program_pages_for_locale(locale_id=self.locale_id)
        context["programs"] = programs
        context["counseling_page"] = next((p for p in programs if p.service == "counseling"), None)
        context["peer_page"] = next((p for p in programs if p.service == "peer"), None)
        return context


class StandardPage(CacheablePageMixin, SafetyPageMixin, SeoMixin, Page):
    """A general page: about us, contact, privacy notice, staying safe online, crisis help."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    settings_panels = Page.settings_panels + SafetyPageMixin.safety_panels
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
