from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = _("Booking")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from booking import availability
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
        from core.content_version import free_times_content_changed

        live.register("offerings", render_program_offerings)
        for name, step in booking_periodic.STEPS:
            periodic.register_due(name, step)
        outbox.register_outbox(BookingEmail, send_booking_email)
        outbox.register_outbox(WaitingListEmail, send_waiting_list_email)
        signals.connect_content_models(
            [Offering, Counselor, Closure, Offering.counselors.through], receiver=free_times_content_changed
        )
        for model, receiver in (
            (Booking, availability.place_changed),
            (WaitingListEntry, availability.place_changed),
            (Session, availability.session_changed),
        ):
            for action, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(
                    receiver, sender=model, dispatch_uid=f"rangkul-availability-{action}-{model._meta.label}"
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
