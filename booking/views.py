"""Public booking pages: thin views around booking.selectors and booking.services.bookings."""

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from booking import rules, selectors
from booking.availability import offering_scope
from booking.display import offering_facts, session_days, time_picker_html
from booking.emails.calendar import booking_calendar, staff_feed
from booking.forms import (
    BookingForm,
    CancelBookingForm,
    ClaimPlaceForm,
    ConfirmBookingForm,
    FeedbackForm,
    LeaveWaitingListForm,
    RescheduleForm,
)
from booking.models import (
    Booking,
    BookingStatus,
    FeedbackInvitation,
    Offering,
    Session,
    WaitingListEntry,
    WaitingListMode,
)
from booking.services import bookings, feeds, follow_up, holds, waitlist
from core.confirmation import remember_confirmation, remembered_confirmation
from core.content_version import cached_for_availability, cached_for_version
from core.errors import RuleError
from core.i18n import staff_language
from core.ratelimits import limit_posts, limit_requests

CONFIRMED_SESSION_KEY = "booking_confirmed"
WAITING_SESSION_KEY = "booking_waiting_confirmed"


def _error_status(error):
    return 503 if error.code == "busy" else 409


def _chosen_session(form):
    return str(form["session"].value() or "")


def _page_link(request, page):
    return {"title": page.title, "url": page.get_url(request)}


def _picker_step(request, form, days):
    """Which step the page shows, the day, the times its picker lists and the time chosen.

    Without a chosen time the page shows the days and one day's times, its first free time
    chosen (a GET form: no JavaScript needed); with one, the details form holds just that time.
    A time refused on posting lists every time again inside the details form, so nothing typed
    is lost.
    """
    chosen = _chosen_session(form)
    day_of = {time.value: day for day in days for time in day.times}
    if chosen in day_of and not form.errors.get("session"):
        return "details", day_of[chosen], [day_of[chosen].only(chosen)], chosen
    if form.is_bound:
        return "details", None, days, chosen
    wanted = request.GET.get("day", "")
    day = next((day for day in days if day.iso == wanted), days[0] if days else None)
    if day is None:
        return "choose", None, [], ""
    first_free = next((time.value for time in day.times if not time.full), day.times[0].value)
    return "choose", day, [day], first_free


def _booking_page(request, offering, form, sessions, status=200):
    days = cached_for_availability(
        f"session-days:{offering.pk}:{get_language()}",
        lambda: session_days(sessions, offering),
        now=timezone.now(),
        scopes=[offering_scope(offering.pk)],
        request=request,
    )
    step, day, listed, chosen = _picker_step(request, form, days)
    # Each step's picker is kept like the days; a refused time (any id a visitor typed) is built afresh.
    time_picker = (
        time_picker_html(listed, chosen)
        if form.errors.get("session")
        else cached_for_availability(
            f"time-picker:{offering.pk}:{get_language()}:{step}:{day.iso if day else ''}:{chosen}",
            lambda: time_picker_html(listed, chosen),
            now=timezone.now(),
            scopes=[offering_scope(offering.pk)],
            request=request,
        )
    )
    chosen_time = listed[0].times[0] if step == "details" and day else None
    return TemplateResponse(
        request,
        "booking/offering_booking.html",
        {
            "offering": offering,
            "form": form,
            "step": step,
            "days": days,
            "day": day,
            "chosen_time": chosen_time,
            "time_no_longer_free": bool(request.GET.get("session")) and step == "choose",
            "time_picker": time_picker,
            "some_full": (
                chosen_time.full if chosen_time else any(time.full for d in listed for time in d.times)
            ),
            "facts": offering_facts(offering),
            "program_page_link": cached_for_version(
                f"program-page-link:{offering.program_page_id}:{get_language()}",
                lambda: _page_link(request, offering.program_page.localized),
                request=request,
            ),
            "counselors": offering.counselors.filter(is_active=True).select_related("photo"),
            "show_exit_button": offering.show_exit_button,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts("booking")
def offering_booking(request, slug):
    # Not the whole program page (its body is large): only the switch this page needs.
    offering = get_object_or_404(
        Offering.objects.annotate(show_exit_button=F("program_page__show_exit_button")),
        slug=slug,
        is_active=True,
    )
    now = timezone.now()
    sessions = selectors.open_sessions(
        offering=offering, now=now, request=request, with_full=offering.has_waiting_list
    )
    if request.method == "GET":
        form = BookingForm(
            sessions=sessions, offering=offering, initial={"session": request.GET.get("session")}
        )
        return _booking_page(request, offering, form, sessions)

    form = BookingForm(request.POST, sessions=sessions, offering=offering)
    if not form.is_valid():
        return _booking_page(request, offering, form, sessions, status=400)
    data = form.cleaned_data
    person = bookings.Person(
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        school_class=data["school_class"],
        people_coming=data.get("people_coming") or 1,
        age_group=data["age_group"],
        guardian_name=data["guardian_name"],
        guardian_contact=data["guardian_contact"],
        guardian_consent=data["guardian_consent"],
        topic=data["topic"],
        contact_channel=data["contact_channel"],
    )
    session_id = int(data["session"])
    # The same form joins the waiting list when the time chosen was listed as full.
    joining = any(session.pk == session_id and session.is_full for session in sessions)
    language = get_language()
    try:
        if joining:
            waitlist.waitlist_join(session_id=session_id, person=person, language=language, now=now)
        else:
            booking = bookings.booking_create(
                session_id=session_id, person=person, language=language, now=now
            )
    except RuleError as error:
        if error.code in ("duplicate", "open_booking_limit"):
            # Answer exactly as for a new booking; the details go to that address by email.
            return _already_known(request, session_id, person.email, joining=joining, now=now)
        form.add_error(error.field or "session", str(error.message))
        # List the sessions as they are now: the one chosen may just have filled up.
        return _booking_page(
            request,
            offering,
            form,
            selectors.open_sessions(
                offering=offering, now=now, request=request, with_full=offering.has_waiting_list
            ),
            status=_error_status(error),
        )
    if joining:
        return _waiting_confirmed_redirect(request, session_id, now=now)
    return _confirmed_redirect(request, booking.session_id, person.email, now=now)


def _confirmed_redirect(request, session_id, email, *, now):
    """The page after booking shows only what was typed: the time chosen and the email given."""
    remember_confirmation(request, CONFIRMED_SESSION_KEY, {"session": session_id, "email": email}, now=now)
    return redirect("booking:confirmed")


def _waiting_confirmed_redirect(request, session_id, *, now):
    remember_confirmation(request, WAITING_SESSION_KEY, session_id, now=now)
    return redirect("booking:waiting_confirmed")


def _already_known(request, session_id, email, *, joining, now):
    """The email already has a place (or is already waiting): tell that address, answer as if new."""
    notice = bookings.booking_tell_already_booked(session_id=session_id, email=email, now=now)
    if joining:
        if notice is None:
            waitlist.waitlist_tell_already_waiting(session_id=session_id, email=email)
        return _waiting_confirmed_redirect(request, session_id, now=now)
    if notice is None:  # the place was given up a moment ago: the times are shown afresh
        return redirect(request.path)
    return _confirmed_redirect(request, session_id, email, now=now)


@never_cache
def booking_confirmed(request):
    """The same page for a new booking and for an email that already had a place.

    It shows the time this browser chose and the address it typed, never what the database
    holds for that address: someone typing another student's email learns nothing here.
    """
    typed = remembered_confirmation(request, CONFIRMED_SESSION_KEY, now=timezone.now())
    session = get_object_or_404(
        Session.objects.select_related("offering__program_page", "counselor"), pk=typed["session"]
    )
    return TemplateResponse(
        request,
        "booking/booking_confirmed.html",
        {
            "email": typed["email"],
            "session": session,
            "offering": session.offering,
            "show_exit_button": session.offering.program_page.show_exit_button,
        },
    )


def _booking_for_token(token):
    return get_object_or_404(
        Booking.objects.select_related("session__offering__program_page", "session__counselor"),
        manage_token=token,
    )


def _manage_page(request, booking, form, status=200, reschedule_form=None):
    now = timezone.now()
    offering = booking.session.offering
    can_change = rules.may_change_online(booking, now=now)
    held = rules.hold_open(booking, now=now)
    if can_change and reschedule_form is None:
        other_times = [
            s
            for s in selectors.open_sessions(offering=offering, now=now, request=request)
            if s.pk != booking.session_id
        ]
        reschedule_form = RescheduleForm(sessions=other_times) if other_times else None
    return TemplateResponse(
        request,
        "booking/booking_manage.html",
        {
            "booking": booking,
            "session": booking.session,
            "offering": offering,
            "form": form,
            "can_cancel": can_change or held,
            "held": held,
            "reschedule_form": reschedule_form if can_change else None,
            "show_exit_button": offering.program_page.show_exit_button,
            "cutoff": rules.change_cutoff(booking.session),
        },
        status=status,
    )


@never_cache
def booking_manage(request, token):
    return _manage_page(request, _booking_for_token(token), CancelBookingForm())


@never_cache
@require_POST
@limit_posts("manage")
def booking_cancel(request, token):
    booking = _booking_for_token(token)
    form = CancelBookingForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, booking, form, status=400)
    try:
        bookings.booking_cancel(booking_id=booking.pk, now=timezone.now())
    except RuleError as error:
        form.add_error(None, str(error.message))
        return _manage_page(request, booking, form, status=_error_status(error))
    messages.success(request, _("Your booking is cancelled. We have sent you an email."))
    return redirect("booking:manage", token=token)


@never_cache
@require_POST
@limit_posts("manage")
def booking_confirm(request, token):
    """The link in the email only shows the page (mail scanners open links); this button confirms."""
    booking = _booking_for_token(token)
    form = ConfirmBookingForm(request.POST)
    form.is_valid()
    try:
        holds.booking_confirm(booking_id=booking.pk, now=timezone.now())
    except RuleError as error:
        form.add_error(None, str(error.message))
        return _manage_page(request, booking, form, status=_error_status(error))
    messages.success(request, _("Your booking is confirmed. We have sent you an email with a calendar file."))
    return redirect("booking:manage", token=token)


@never_cache
def booking_calendar_file(request, token):
    booking = _booking_for_token(token)
    ical = booking_calendar(booking, cancelled=booking.status == BookingStatus.CANCELLED)
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_("appointment.ics")}"'
    return response


@never_cache
@require_POST
@limit_posts("manage")
def booking_reschedule(request, token):
    booking = _booking_for_token(token)
    now = timezone.now()
    other_times = [
        s
        for s in selectors.open_sessions(offering=booking.session.offering, now=now)
        if s.pk != booking.session_id
    ]
    form = RescheduleForm(request.POST, sessions=other_times)
    if not form.is_valid():
        return _manage_page(request, booking, CancelBookingForm(), status=400, reschedule_form=form)
    try:
        bookings.booking_reschedule(
            booking_id=booking.pk, new_session_id=int(form.cleaned_data["session"]), now=now
        )
    except RuleError as error:
        form.add_error("session", str(error.message))
        return _manage_page(
            request, booking, CancelBookingForm(), status=_error_status(error), reschedule_form=form
        )
    messages.success(request, _("Your booking has moved. We have sent you an email with the new time."))
    return redirect("booking:manage", token=token)


def _entry_for_token(token):
    return get_object_or_404(
        WaitingListEntry.objects.select_related("session__offering__program_page", "session__counselor"),
        manage_token=token,
    )


def _waiting_page(request, entry, *, form=None, claim_form=None, status=200):
    offering = entry.session.offering
    now = timezone.now()
    in_turn = offering.waiting_list == WaitingListMode.IN_TURN
    offer_open = rules.offer_open(entry, now=now)
    may_book_free_place = (
        not in_turn
        and entry.is_waiting
        and any(
            s.pk == entry.session_id and not s.is_full
            for s in selectors.open_sessions(offering=offering, now=now)
        )
    )
    return TemplateResponse(
        request,
        "booking/waiting_manage.html",
        {
            "entry": entry,
            "session": entry.session,
            "offering": offering,
            "in_turn": in_turn,
            "people_ahead": selectors.waiting_people_ahead(entry),
            "offer_open": offer_open,
            "offer_ran_out": rules.offer_ran_out(entry, now=now),
            "may_book": offer_open or may_book_free_place,
            "form": form or LeaveWaitingListForm(),
            "claim_form": claim_form,
            "show_exit_button": offering.program_page.show_exit_button,
        },
        status=status,
    )


@never_cache
def waiting_confirmed(request):
    """The same page whether the email joined now, was already waiting or already had a place."""
    session = get_object_or_404(
        Session.objects.select_related("offering__program_page", "counselor"),
        pk=remembered_confirmation(request, WAITING_SESSION_KEY, now=timezone.now()),
    )
    return TemplateResponse(
        request,
        "booking/waiting_confirmed.html",
        {
            "session": session,
            "offering": session.offering,
            "show_exit_button": session.offering.program_page.show_exit_button,
        },
    )


@never_cache
def waiting_manage(request, token):
    return _waiting_page(request, _entry_for_token(token))


@never_cache
@require_POST
@limit_posts("manage")
def waiting_claim(request, token):
    entry = _entry_for_token(token)
    now = timezone.now()
    claim_form = ClaimPlaceForm(request.POST)
    claim_form.is_valid()
    try:
        booking = waitlist.waitlist_claim(entry_id=entry.pk, now=now)
    except RuleError as error:
        claim_form.add_error(None, str(error.message))
        entry.refresh_from_db()
        return _waiting_page(request, entry, claim_form=claim_form, status=_error_status(error))
    # The waiting link belongs to this person: the page may name the address it was sent to.
    return _confirmed_redirect(request, booking.session_id, booking.email, now=now)


@never_cache
@require_POST
@limit_posts("manage")
def waiting_leave(request, token):
    entry = _entry_for_token(token)
    form = LeaveWaitingListForm(request.POST)
    if not form.is_valid():
        return _waiting_page(request, entry, form=form, status=400)
    try:
        waitlist.waitlist_leave(entry_id=entry.pk, now=timezone.now())
    except RuleError as error:
        form.add_error(None, str(error.message))
        return _waiting_page(request, entry, form=form, status=_error_status(error))
    messages.success(request, _("You have left the waiting list."))
    return redirect("booking:waiting", token=token)


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts("manage")
def session_feedback(request, token):
    """The optional feedback form from the email the day after a session; answers are stored without a name."""
    invitation = get_object_or_404(
        FeedbackInvitation.objects.select_related("booking__session__offering"), token=token
    )
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST" and not invitation.is_answered:
        if not form.is_valid():
            status = 400
        else:
            try:
                follow_up.feedback_answer(token=token, **form.cleaned_data)
            except RuleError as error:
                form.add_error(None, str(error.message))
                status = _error_status(error)
            else:
                return redirect("booking:feedback", token=token)
    invitation.refresh_from_db()
    return TemplateResponse(
        request,
        "booking/feedback.html",
        {"invitation": invitation, "offering": invitation.booking.session.offering, "form": form},
        status=status,
    )


@never_cache
@limit_requests("calendar_feed", method="GET")
def staff_calendar_feed(request, token):
    """A staff member's sessions for their phone's calendar, at their secret address (no sign-in)."""
    user = feeds.feed_owner(token)
    if user is None:
        raise Http404
    sessions, names = feeds.feed_sessions(user, now=timezone.now())
    with translation.override(staff_language(user)):
        body = staff_feed(sessions, names=names)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="rangkul.ics"'
    return response
