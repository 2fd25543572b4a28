from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = _("Booking")

    def ready(self):
        from django.db.models.signals import post_delete

        from booking.fragments import render_program_offerings
        from booking.models import (
            Booking,
            BookingEmail,
            Closure,
            Counselor,
            MissedSessionsFollowUp,
            Offering,
            Session,
            SessionFeedback,
            WaitingListEmail,
            WaitingListEntry,
        )
        from booking.services import periodic as booking_periodic
        from booking.tasks import send_booking_email, send_waiting_list_email
        from core import live, outbox, periodic, signals
        from core.admin_access import register_counselor_path

        live.register("offerings", render_program_offerings)
        for name, step in booking_periodic.STEPS:
            periodic.register_due(name, step)
        outbox.register_outbox(BookingEmail, send_booking_email)
        outbox.register_outbox(WaitingListEmail, send_waiting_list_email)
        signals.connect_content_models([Offering, Counselor, Closure, Offering.counselors.through])
        # Booking services renew cached free times themselves; a row deleted by hand frees a place too.
        post_delete.connect(
            signals.availability_changed_after_commit, sender=Booking, dispatch_uid="rangkul-booking-deleted"
        )
        for model, path in (
            (Session, "counselor"),
            (Booking, "session__counselor"),
            (BookingEmail, "booking__session__counselor"),
            (WaitingListEntry, "session__counselor"),
            (WaitingListEmail, "entry__session__counselor"),
            (MissedSessionsFollowUp, "counselor"),
            (SessionFeedback, "counselor"),
        ):
            register_counselor_path(model, path)
