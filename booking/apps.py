from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = _("Booking")

    def ready(self):
        from booking.fragments import render_program_offerings
        from booking.models import Closure, Counselor, Offering
        from core import live, signals

        live.register("offerings", render_program_offerings)
        signals.connect_content_models([Offering, Counselor, Closure])
