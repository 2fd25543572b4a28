"""django-recurrence's widget, made to work inside the Wagtail admin.

The stock widget loads Django admin's jQuery (which breaks Wagtail's own scripts), looks
for its translations at a URL Django removed, and only notices new fields inside an
element Wagtail does not have. This subclass loads the widget's plain scripts, the
translation catalog from our own URL, our own initialiser and a few style fixes.
"""

from django import forms
from django.urls import reverse_lazy
from recurrence.forms import RecurrenceWidget


class WagtailRecurrenceWidget(RecurrenceWidget):
    @property
    def media(self):
        return forms.Media(
            js=[
                reverse_lazy("booking_recurrence_jsi18n"),
                "recurrence/js/recurrence.js",
                "recurrence/js/recurrence-widget.js",
                "booking/recurrence-wagtail.js",
            ],
            css={"all": ["recurrence/css/recurrence.css", "booking/recurrence-wagtail.css"]},
        )
