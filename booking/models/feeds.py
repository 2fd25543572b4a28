"""Counselors' calendar feeds: a secret address per staff member, and what the feeds may show."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.people import new_manage_token


@register_setting(icon="date")
class CalendarFeedSettings(BaseGenericSetting):
    """Staff calendar feeds land in phone calendars others may see: names stay out unless turned on."""

    show_names = models.BooleanField(
        _("show students' names in staff calendar feeds"),
        default=False,
        help_text=_(
            "Off: a feed shows the offering, the place and how many are booked. On: also the first "
            "names of those booked. A phone's calendar is often seen by family or shared with others."
        ),
    )

    panels = [FieldPanel("show_names")]

    class Meta:
        verbose_name = _("staff calendar feeds")


class CalendarFeed(models.Model):
    """A staff member's secret feed address; a new token makes the old address stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    created_at = models.DateTimeField(_("address made at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.created_at)
