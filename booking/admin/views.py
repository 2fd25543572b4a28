"""Staff views in the Wagtail admin that change bookings. Each calls booking.services.bookings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from booking import rules, selectors
from booking.forms import StaffBookingForm
from booking.models import (
    OPEN_WAITING_STATUSES,
    UPCOMING_STATUSES,
    Booking,
    Schedule,
    Session,
    WaitingListEntry,
)
from booking.services import bookings, closures, waitlist
from booking.services.places import PERSON_FIELDS, places_offered
from booking.services.scheduling import sessions_generate
from core.admin_access import RefuseDeleteInUseView, visible
from core.errors import RuleError


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def session_attendees(request, pk):
    _require(request, "booking.view_booking")
    session = get_object_or_404(
        visible(Session.objects.with_places_taken().with_places_offered(), request.user).select_related(
            "offering", "counselor"
        ),
        pk=pk,
    )
    now = timezone.now()
    may_change = request.user.has_perm("booking.change_booking")
    bookings_here = list(session.bookings.order_by("status", "name"))
    for booking in bookings_here:
        booking.session = session  # the rules read its start; the row is already loaded
        booking.may_record_attendance = may_change and rules.staff_may_record_attendance(booking, now=now)
        booking.may_cancel = may_change and rules.staff_may_cancel(booking)
    return TemplateResponse(
        request,
        "booking/admin/session_attendees.html",
        {
            "session": session,
            "bookings": bookings_here,
            "waiting": session.waiting_list.filter(status__in=OPEN_WAITING_STATUSES).order_by(
                "position", "pk"
            ),
            "may_cancel_session": request.user.has_perm("booking.change_session")
            and rules.staff_may_cancel_session(session, now=now),
            "may_add_people": may_change and rules.staff_may_add_people(session, now=now),
            "can_change_waiting": request.user.has_perm("booking.change_waitinglistentry"),
        },
    )


# What the booking rules say to the person, said to staff about the person they are adding.
STAFF_WORDS = {
    "duplicate": gettext_lazy("This email already has a place in this session."),
    "open_booking_limit": gettext_lazy(
        "This email already has as many upcoming bookings of this offering as one person may: move or "
        "cancel one first."
    ),
}


def session_add_person(request, pk):
    """Add a walk-in, a phoned-in or a referred student to a session, under the booking rules."""
    _require(request, "booking.change_booking")
    session = get_object_or_404(
        visible(Session.objects.with_places_taken(), request.user).select_related("offering", "counselor"),
        pk=pk,
    )
    is_full = session.places_taken + places_offered(session) >= session.places
    offer_waiting_list = is_full and session.offering.has_waiting_list
    # A form opened with a place free and posted once it has filled stays a booking: it is refused as full.
    posted_to_waiting_list = bool(request.POST.get("to_waiting_list"))
    form = StaffBookingForm(
        request.POST or None,
        offering=session.offering,
        to_waiting_list=posted_to_waiting_list if request.method == "POST" else offer_waiting_list,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            person = bookings.Person(
                **{
                    field: data[field]
                    for field in PERSON_FIELDS
                    if field in data and field != "people_coming"
                },
                people_coming=data.get("people_coming") or 1,
            )
            arguments = {
                "session_id": session.pk,
                "person": person,
                "language": data["language"],
                "now": timezone.now(),
                "added_by": request.user,
            }
            try:
                if posted_to_waiting_list:
                    entry = waitlist.waitlist_join(**arguments)
                    messages.success(
                        request, _("%(name)s is on the waiting list and emailed.") % {"name": entry.name}
                    )
                    return redirect("booking_session_attendees", pk=session.pk)
                booking = bookings.booking_create(**arguments, tell_person=data.get("tell_person", False))
            except RuleError as error:
                message = STAFF_WORDS.get(error.code, error.message)
                form.add_error(error.field if error.field in form.fields else None, str(message))
            else:
                if booking.email and data.get("tell_person"):
                    messages.success(request, _("%(name)s is added and emailed.") % {"name": booking.name})
                else:
                    messages.success(
                        request, _("%(name)s is added; nobody was emailed.") % {"name": booking.name}
                    )
                return redirect("booking_session_attendees", pk=session.pk)
        if posted_to_waiting_list != offer_waiting_list:
            # The session filled up or a place freed since the form was opened: it is drawn again
            # for what the session takes now, with what was typed and why it was refused.
            refused = form.non_field_errors()
            form = StaffBookingForm(
                request.POST, offering=session.offering, to_waiting_list=offer_waiting_list
            )
            for error in refused:
                form.add_error(None, error)
        status = 400
    return TemplateResponse(
        request,
        "booking/admin/session_add_person.html",
        {"session": session, "form": form, "offer_waiting_list": offer_waiting_list},
        status=status,
    )


@require_POST
def booking_attendance(request, pk):
    _require(request, "booking.change_booking")
    booking = get_object_or_404(visible(Booking.objects.all(), request.user), pk=pk)
    try:
        bookings.booking_mark(
            booking_id=booking.pk, status=request.POST.get("status"), user=request.user, now=timezone.now()
        )
        messages.success(request, _("Attendance saved."))
    except RuleError as error:
        messages.error(request, str(error.message))
    return redirect("booking_session_attendees", pk=booking.session_id)


def booking_cancel(request, pk):
    """Ask first, saying who will be emailed; cancel on POST."""
    _require(request, "booking.change_booking")
    booking = get_object_or_404(
        visible(Booking.objects.select_related("session__offering"), request.user), pk=pk
    )
    if request.method == "POST":
        try:
            bookings.booking_cancel(booking_id=booking.pk, now=timezone.now(), user=request.user)
            messages.success(request, _("Booking cancelled; the person has been emailed."))
        except RuleError as error:
            messages.error(request, str(error.message))
        return redirect("booking_session_attendees", pk=booking.session_id)
    return TemplateResponse(
        request, "booking/admin/confirm_booking_cancel.html", {"booking": booking, "session": booking.session}
    )


def session_cancel(request, pk):
    """Ask first, listing everyone who will be emailed; cancel the whole session on POST."""
    _require(request, "booking.change_session")
    session = get_object_or_404(
        visible(Session.objects.select_related("offering", "counselor"), request.user), pk=pk
    )
    now = timezone.now()
    if request.method == "GET" and not rules.staff_may_cancel_session(session, now=now):
        if session.end <= now:
            messages.error(request, _("A session that has ended cannot be cancelled."))
        else:
            messages.error(request, _("This session is already cancelled."))
        return redirect("booking_session_attendees", pk=pk)
    if request.method == "POST":
        try:
            _session, count = bookings.session_cancel(
                session_id=pk, user=request.user, now=timezone.now(), note=request.POST.get("note", "")[:300]
            )
            messages.success(
                request,
                ngettext(
                    "Session cancelled. %(count)d person has been emailed.",
                    "Session cancelled. %(count)d people have been emailed.",
                    count,
                )
                % {"count": count},
            )
        except RuleError as error:
            messages.error(request, str(error.message))
        return redirect("booking_session_attendees", pk=pk)
    return TemplateResponse(
        request,
        "booking/admin/confirm_session_cancel.html",
        {
            "session": session,
            "bookings": session.bookings.filter(status__in=UPCOMING_STATUSES).order_by("name"),
            "waiting": session.waiting_list.filter(status__in=OPEN_WAITING_STATUSES).order_by(
                "position", "pk"
            ),
        },
    )


@require_POST
def waiting_move(request, pk):
    _require(request, "booking.change_waitinglistentry")
    entry = get_object_or_404(visible(WaitingListEntry.objects.all(), request.user), pk=pk)
    try:
        waitlist.waitlist_move(entry_id=entry.pk, up=request.POST.get("direction") == "up", user=request.user)
        messages.success(request, _("The waiting list order is saved."))
    except RuleError as error:
        messages.error(request, str(error.message))
    return redirect("booking_session_attendees", pk=entry.session_id)


def waiting_remove(request, pk):
    """Ask first; take the person off the waiting list on POST (a place held for them goes to the next)."""
    _require(request, "booking.change_waitinglistentry")
    entry = get_object_or_404(
        visible(WaitingListEntry.objects.select_related("session__offering"), request.user), pk=pk
    )
    if request.method == "POST":
        try:
            waitlist.waitlist_leave(entry_id=entry.pk, now=timezone.now(), user=request.user)
            messages.success(request, _("Taken off the waiting list."))
        except RuleError as error:
            messages.error(request, str(error.message))
        return redirect("booking_session_attendees", pk=entry.session_id)
    return TemplateResponse(
        request, "booking/admin/confirm_waiting_remove.html", {"entry": entry, "session": entry.session}
    )


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


class SchedulePreviewMixin:
    """ "Show the next ten dates" checks the form and shows the dates of what is typed, saving nothing."""

    def post(self, request, *args, **kwargs):
        if "preview" not in request.POST:
            return super().post(request, *args, **kwargs)
        if not hasattr(self, "object"):
            self.object = self.get_object() if isinstance(self, generic.EditView) else None
        self.form = self.get_form()
        self.form.is_valid()
        return self.render_to_response(self.get_context_data(form=self.form))

    @cached_property
    def has_unsaved_changes(self):
        # Wagtail warns of unsaved edits after any post; a preview of an unchanged schedule has none.
        return self.form.is_bound and (getattr(self, "object", None) is None or self.form.has_changed())


class ScheduleCreateView(SchedulePreviewMixin, ScheduleRegenerateMixin, generic.CreateView):
    pass


class ScheduleEditView(SchedulePreviewMixin, ScheduleRegenerateMixin, generic.EditView):
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


class ServiceEditView(generic.EditView):
    """An edit view whose save goes through a booking service; a refused change is a form error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except RuleError as error:
            # A rule about one field is shown next to it; "busy, try again" above the form.
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class OfferingEditView(OfferingRegenerateMixin, ServiceEditView):
    template_name = "booking/admin/offering_edit.html"

    def get_context_data(self, **kwargs):
        # Said before saving: who a change of place emails.
        told = selectors.places_told_of_offering_change(self.object, now=timezone.now()).count()
        return super().get_context_data(**kwargs, people_told=told)

    def save_instance(self):
        instance = super().save_instance()
        bookings.offering_staff_update(
            offering=instance, changed_fields=self.form.changed_data, now=timezone.now()
        )
        return instance


class CounselorDeleteView(RefuseDeleteInUseView):
    in_use_message = gettext_lazy(
        "This counselor has sessions, so deleting them would erase the history of those bookings. "
        "Untick “active” instead: they will no longer be shown or booked."
    )


class OfferingDeleteView(RefuseDeleteInUseView):
    in_use_message = gettext_lazy(
        "This offering has sessions, so deleting it would erase the history of those bookings. "
        "Untick “open for booking” instead: it will no longer be shown or booked."
    )


class ClosureIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("booking.add_closure"):
            buttons.append(
                HeaderButton(
                    _("Add Indonesia's national holidays"),
                    url=reverse("booking_closures_add_holidays"),
                    icon_name="calendar-alt",
                )
            )
        return buttons


def closures_add_holidays(request):
    """Ask first (which days, for which year), then add a year's national holidays as closures."""
    _require(request, "booking.add_closure")
    this_year = timezone.localdate().year
    years = [this_year, this_year + 1]
    try:
        year = int(request.POST.get("year") or request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    if year not in years:
        year = this_year
    if request.method == "POST":
        added = closures.closures_add_national_holidays(year=year, now=timezone.now())
        messages.success(
            request,
            ngettext(
                "%(count)d national holiday of %(year)d was added as a closure.",
                "%(count)d national holidays of %(year)d were added as closures.",
                added,
            )
            % {"count": added, "year": year},
        )
        return redirect("booking_closures:index")
    return TemplateResponse(
        request,
        "booking/admin/confirm_add_holidays.html",
        {"year": year, "years": years, "holidays": closures.national_holidays_to_add(year)},
    )


class ClosureCreateView(RegenerateSessionsMixin, generic.CreateView):
    pass


class ClosureEditView(RegenerateSessionsMixin, generic.EditView):
    pass


class ClosureDeleteView(generic.DeleteView):
    def delete_action(self):
        super().delete_action()
        transaction.on_commit(lambda: sessions_generate(now=timezone.now()))


class SessionEditView(ServiceEditView):
    template_name = "booking/admin/session_edit.html"

    def get_context_data(self, **kwargs):
        # Said before saving: who a change of time or counselor emails.
        told = selectors.places_told_of_session_change(self.object)
        return super().get_context_data(**kwargs, places_told=told)

    def save_instance(self):
        return bookings.session_staff_update(
            session=self.form.instance,
            changed_fields=self.form.changed_data,
            user=self.request.user,
            now=timezone.now(),
        )


class BookingEditView(ServiceEditView):
    def save_instance(self):
        return bookings.booking_staff_update(
            booking=self.form.instance, changed_fields=self.form.changed_data, user=self.request.user
        )
