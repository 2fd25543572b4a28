"""What makes cached pages and fragments out of date: connected in the apps' ready()."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.content_version import content_changed, site_wide_content_changed
from core.models import Hotline, SiteSettings
from core.selectors import forget_locales


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        content_changed()


def connect_content_models(models, *, receiver=content_changed):
    """Saving or deleting a row of these models changes what public pages show; ``receiver``
    raises the numbers of core.content_version that depend on them."""
    for model in models:
        if model._meta.auto_created:  # a many-to-many table: its rows change through m2m_changed
            m2m_changed.connect(
                receiver, sender=model, dispatch_uid=f"rangkul-content-m2m-{model._meta.label}"
            )
            continue
        post_save.connect(receiver, sender=model, dispatch_uid=f"rangkul-content-save-{model._meta.label}")
        post_delete.connect(
            receiver, sender=model, dispatch_uid=f"rangkul-content-delete-{model._meta.label}"
        )


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"rangkul-content-{id(signal)}")
    post_delete.connect(page_deleted, dispatch_uid="rangkul-content-page-deleted")
    connect_content_models([Hotline, SiteSettings, Site, Locale], receiver=site_wide_content_changed)
    for signal in (post_save, post_delete):
        signal.connect(forget_locales, sender=Locale, dispatch_uid=f"rangkul-locales-{id(signal)}")
