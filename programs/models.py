from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock, TableSectionBlock
from core.mixins import CacheablePageMixin, SafetyPageMixin, SeoMixin
from core.selectors import public


class Service(models.TextChoices):
    PEER = "peer", _("Peer support")
    COUNSELING = "counseling", _("Guidance & counseling")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial services")


class ProgramIndexPage(CacheablePageMixin, SeoMixin, Page):
    """Lists the three services and shows how they differ and work together."""

    intro = models.TextField(_("introduction"))
    comparison = StreamField(
        [("table", TableSectionBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("comparison table"),
        help_text=_("Who helps, how formal it is and the main strength of each service."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("more content"),
        help_text=_("For example, how the services connect and how to choose."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("comparison"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programs.ProgramPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("services index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = program_pages_for_locale(locale_id=self.locale_id)
        return context


class ProgramPage(CacheablePageMixin, SafetyPageMixin, SeoMixin, Page):
    """One service: what it is, its aims, what it does, examples and how to join."""

    service = models.CharField(
        _("service"),
        max_length=20,
        choices=Service.choices,
        help_text=_("Which of the three services this page describes."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=240,
        help_text=_("One or two sentences for the cards on the home and services pages."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("service"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + SafetyPageMixin.safety_panels
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("service"),
    ]

    parent_page_types = ["programs.ProgramIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("program page")

    @property
    def illustration(self):
        return f"images/service-{self.service}.svg"


def program_pages_for_locale(*, locale_id):
    """The live, public program pages of one language, in their page-tree order."""
    return list(
        public(ProgramPage.objects.live().filter(locale_id=locale_id)).order_by("path").defer_streamfields()
    )
