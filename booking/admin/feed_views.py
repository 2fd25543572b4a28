"""A staff member's own calendar feed: the address to subscribe to, and a new one when it leaked."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from booking.models import CalendarFeedSettings
from booking.services import feeds
from core.admin_access import sees_everything


class RenewFeedForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, make a new address: calendars using the old one stop updating"),
        error_messages={"required": gettext_lazy("Tick the box to make a new address.")},
    )


def my_calendar_feed(request):
    if not feeds.may_have_a_feed(request.user):
        raise PermissionDenied
    form = RenewFeedForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            feeds.feed_renew(request.user)
            messages.success(
                request, _("Your calendar has a new address. Subscribe to it again on your phone.")
            )
            return redirect("booking_my_calendar_feed")
        status = 400
    feed = feeds.feed_for(request.user)
    address = request.build_absolute_uri(reverse("staff_calendar_feed", kwargs={"token": feed.token}))
    return TemplateResponse(
        request,
        "booking/admin/calendar_feed.html",
        {
            "address": address,
            "webcal": "webcal://" + address.split("://", 1)[1],
            "all_sessions": sees_everything(request.user),
            "show_names": CalendarFeedSettings.load().show_names,
            "form": form,
        },
        status=status,
    )
