"""Staff views in the Wagtail admin that change bookings. Each calls booking.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic

from booking import services
from booking.models import Booking, BookingStatus, Schedule, Session
from booking.scheduling import sessions_generate


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def session_attendees(request, pk):
    _require(request, "booking.view_booking")
    session = get_object_or_404(Session.objects.select_related("offering", "counselor"), pk=pk)
    bookings = session.bookings.order_by("status", "name")
    return TemplateResponse(
        request,
        "booking/admin/session_attendees.html",
        {
            "session": session,
            "bookings": bookings,
            "has_started": session.start <= timezone.now(),
            "can_change": request.user.has_perm("booking.change_booking"),
        },
    )


@require_POST
def booking_status_change(request, pk):
    _require(request, "booking.change_booking")
    booking = get_object_or_404(Booking, pk=pk)
    action = request.POST.get("action")
    now = timezone.now()
    try:
        if action == "cancel":
            services.booking_cancel(booking_id=booking.pk, now=now, user=request.user)
            messages.success(request, _("Booking cancelled; the person has been emailed."))
        elif action in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW):
            services.booking_mark(booking_id=booking.pk, status=action, user=request.user, now=now)
            messages.success(request, _("Attendance saved."))
        else:
            messages.error(request, _("Unknown action."))
    except services.BookingError as error:
        messages.error(request, str(error.message))
    return redirect("booking_session_attendees", pk=booking.session_id)


@require_POST
def session_cancel(request, pk):
    _require(request, "booking.change_session")
    try:
        _session, count = services.session_cancel(
            session_id=pk, user=request.user, now=timezone.now(), note=request.POST.get("note", "")[:300]
        )
        messages.success(
            request, _("Session cancelled. %(count)d people have been emailed.") % {"count": count}
        )
    except services.BookingError as error:
        messages.error(request, str(error.message))
    return redirect("booking_session_attendees", pk=pk)


class RegenerateSessionsMixin:
    """After a schedule, offering or closure is saved, bring the sessions up to date."""

    def schedules_to_regenerate(self, instance):
        return Schedule.objects.all()

    def _regenerate_after_commit(self, instance):
        schedules = self.schedules_to_regenerate(instance)
        transaction.on_commit(lambda: sessions_generate(now=timezone.now(), schedules=schedules))

    def save_instance(self):
        instance = super().save_instance()
        self._regenerate_after_commit(instance)
        return instance


class ScheduleRegenerateMixin(RegenerateSessionsMixin):
    def schedules_to_regenerate(self, instance):
        return Schedule.objects.filter(pk=instance.pk)


class OfferingRegenerateMixin(RegenerateSessionsMixin):
    def schedules_to_regenerate(self, instance):
        return Schedule.objects.filter(offering=instance)


class ScheduleCreateView(ScheduleRegenerateMixin, generic.CreateView):
    pass


class ScheduleEditView(ScheduleRegenerateMixin, generic.EditView):
    pass


class ScheduleDeleteView(generic.DeleteView):
    def delete_action(self):
        super().delete_action()
        # Sessions of a deleted schedule: removed if unbooked, flagged for staff if booked.
        transaction.on_commit(
            lambda: sessions_generate(now=timezone.now(), schedules=Schedule.objects.none())
        )


class OfferingCreateView(OfferingRegenerateMixin, generic.CreateView):
    pass


class OfferingEditView(OfferingRegenerateMixin, generic.EditView):
    pass


class ClosureCreateView(RegenerateSessionsMixin, generic.CreateView):
    pass


class ClosureEditView(RegenerateSessionsMixin, generic.EditView):
    pass


class ClosureDeleteView(generic.DeleteView):
    def delete_action(self):
        super().delete_action()
        transaction.on_commit(lambda: sessions_generate(now=timezone.now()))


class ServiceEditView(generic.EditView):
    """An edit view whose save goes through a booking service; a refused change is a form error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.BookingError as error:
            form.add_error(error.field, str(error.message))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class SessionEditView(ServiceEditView):
    def save_instance(self):
        return services.session_staff_update(
            session=self.form.instance, changed_fields=self.form.changed_data, user=self.request.user
        )


class BookingEditView(ServiceEditView):
    def save_instance(self):
        return services.booking_staff_update(
            booking=self.form.instance, changed_fields=self.form.changed_data, user=self.request.user
        )
