"""A person's data requests under UU PDP: find everything held for an email, give it to them, erase it.

The email is matched against a person's own address and a parent's or guardian's contact.
Every step is recorded as a PersonalDataEvent with counts only: the record of an erasure
never repeats what was erased.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from wagtail.models import ModelLogEntry

from booking.models import (
    UPCOMING_STATUSES,
    Booking,
    BookingEmail,
    MissedSessionsFollowUp,
    WaitingListEmail,
    WaitingListEntry,
    WaitingListStatus,
)
from booking.services import bookings as booking_services
from booking.services import waitlist
from booking.services.retention import bookings_anonymise, waiting_entries_anonymise
from buddies import services as buddy_services
from buddies.models import BuddyEmail, BuddySignup, PairNote, SignupStatus
from buddies.retention import signups_anonymise
from core.localtime import format_local, format_local_range
from core.models import PersonalDataEvent
from core.spreadsheets import spreadsheets_held, spreadsheets_remove_all
from support import services as support_services
from support.models import ContactWay, HelpRequest, RequestKind, RequestStatus, SupportEmail
from support.retention import requests_anonymise


@dataclass
class PersonRecords:
    bookings: object
    waiting: object
    signups: object
    help_requests: object

    @property
    def emails(self):
        return (
            BookingEmail.objects.filter(booking__in=self.bookings).count()
            + WaitingListEmail.objects.filter(entry__in=self.waiting).count()
            + BuddyEmail.objects.filter(signup__in=self.signups).count()
            + SupportEmail.objects.filter(request__in=self.help_requests).count()
        )

    @property
    def history(self):
        entries = Q()
        for model, records in (
            (Booking, self.bookings),
            (WaitingListEntry, self.waiting),
            (BuddySignup, self.signups),
            (HelpRequest, self.help_requests),
        ):
            entries |= Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(pk) for pk in records.values_list("pk", flat=True)],
            )
        return ModelLogEntry.objects.filter(entries).count()

    @property
    def spreadsheet_files(self):
        """Exports staff asked for lately (kept a day) are not searched: any may hold the person."""
        return spreadsheets_held()

    def counts(self):
        return {
            "bookings": self.bookings.count(),
            "waiting_list": self.waiting.count(),
            "buddy_signups": self.signups.count(),
            "help_requests": self.help_requests.count(),
            "emails": self.emails,
            "history": self.history,
            "spreadsheet_files": self.spreadsheet_files,
        }

    @property
    def is_empty(self):
        return not (
            self.bookings.exists()
            or self.waiting.exists()
            or self.signups.exists()
            or self.help_requests.exists()
        )


def _matching(model, email):
    # The address is looked up once (no index serves a case-blind match of two columns); every
    # count, export and erasure after that reads the rows found by their keys.
    found = model.objects.filter(Q(email__iexact=email) | Q(guardian_contact__iexact=email)).filter(
        anonymised_at__isnull=True
    )
    return model.objects.filter(pk__in=list(found.values_list("pk", flat=True)))


def records_for_email(email, *, user):
    """Everything still held about this email; the search is recorded (counts only)."""
    email = email.strip()
    records = PersonRecords(
        bookings=_matching(Booking, email).select_related("session__offering").order_by("session__start"),
        waiting=_matching(WaitingListEntry, email)
        .select_related("session__offering")
        .order_by("session__start"),
        signups=_matching(BuddySignup, email).select_related("program").order_by("program__starts_on"),
        # A request is found by the email address the person gave to be contacted at. Reports of
        # bullying or violence are not: whoever reported is named to nobody outside the school
        # safety team, which answers data requests about reports itself.
        help_requests=HelpRequest.objects.filter(
            kind=RequestKind.REQUEST,
            contact_way=ContactWay.EMAIL,
            contact__iexact=email,
            anonymised_at__isnull=True,
        ).order_by("created_at"),
    )
    PersonalDataEvent.objects.create(
        user=user, action="data_request_search", subject="data request", details=records.counts()
    )
    return records


def _language(records):
    for queryset in (records.bookings, records.waiting, records.signups, records.help_requests):
        language = queryset.values_list("language", flat=True).last()
        if language:
            return language
    return translation.get_language()


def _details(record):
    """What a person told us, common to bookings and waiting-list entries, with its session."""
    return {
        "what": record.session.offering.localized_title,
        "when": format_local_range(record.session.start, record.session.end),
        "status": str(record.get_status_display()),
        "name": record.name,
        "email": record.email,
        "phone": record.phone,
        "class": record.school_class,
        "people_coming": record.people_coming,
        "age_group": str(record.get_age_group_display()),
        "guardian_name": record.guardian_name,
        "guardian_contact": record.guardian_contact,
        "topic": str(record.get_topic_display()),
        "preferred_contact": str(record.get_contact_channel_display()),
        "privacy_notice_version": record.privacy_notice_version,
        "consent_given_at": format_local(record.consented_at),
    }


def person_export(records, *, user):
    """Everything held, as a JSON-ready dict in the person's language (labels and local times)."""
    language = _language(records)
    with translation.override(language):
        data = {
            "language": language,
            "bookings": [
                {
                    **_details(booking),
                    "booked_at": format_local(booking.created_at),
                    "emails_sent": [
                        {"kind": str(n.get_kind_display()), "at": format_local(n.created_at)}
                        for n in booking.emails.order_by("created_at")
                    ],
                }
                for booking in records.bookings
            ],
            "waiting_list": [
                {**_details(entry), "joined_at": format_local(entry.created_at)} for entry in records.waiting
            ],
            "buddy_signups": [
                {
                    "program": signup.program.localized_title,
                    "side": str(signup.get_side_display()),
                    "status": str(signup.get_status_display()),
                    "first_name": signup.first_name,
                    "email": signup.email,
                    "class": signup.school_class,
                    "year": signup.year,
                    "age_group": str(signup.get_age_group_display()),
                    "guardian_name": signup.guardian_name,
                    "guardian_contact": signup.guardian_contact,
                    "languages": signup.languages,
                    "interests": signup.interests,
                    "free_periods": signup.free_periods,
                    "privacy_notice_version": signup.privacy_notice_version,
                    "consent_given_at": format_local(signup.consented_at),
                    "check_ins": [
                        {
                            "kind": str(check_in.get_kind_display()),
                            "sent_at": format_local(check_in.sent_at),
                            "answer": str(check_in.get_answer_display()),
                            "would_do_again": str(check_in.get_again_display()),
                            "in_your_words": check_in.comment,
                        }
                        for check_in in signup.check_ins.order_by("sent_at")
                    ],
                    "notes_about_your_pair": [
                        {"written_at": format_local(note.created_at), "note": note.text}
                        for note in PairNote.objects.filter(
                            Q(pair__buddy=signup) | Q(pair__mentee=signup)
                        ).order_by("created_at")
                    ],
                }
                for signup in records.signups
            ],
            "after_missed_sessions": [
                {
                    "raised_at": format_local(follow_up.created_at),
                    "why": str(follow_up.get_reason_display()),
                    "sessions_missed": follow_up.missed,
                    "done_at": format_local(follow_up.done_at) if follow_up.done_at else "",
                    "note": follow_up.note,
                }
                for follow_up in MissedSessionsFollowUp.objects.filter(
                    last_booking__in=records.bookings, anonymised_at__isnull=True
                ).order_by("created_at")
            ],
            "help_requests": [
                {
                    "kind": str(request.get_kind_display()),
                    "sent_at": format_local(request.created_at),
                    "for_whom": str(request.get_for_whom_display()),
                    "topic": str(request.get_topic_display()),
                    "in_your_words": request.details,
                    "name": request.name,
                    "class": request.school_class,
                    "contact": request.contact,
                    "good_times": request.good_times,
                    "urgent": request.is_urgent,
                    "no_parents": request.no_parents,
                    "status": str(request.get_status_display()),
                }
                for request in records.help_requests
            ],
        }
    PersonalDataEvent.objects.create(
        user=user, action="data_request_export", subject="data request", details=records.counts()
    )
    return data


def _end_what_is_running(records, *, user, now):
    """An erased person takes part in nothing more: they are sent nothing, hold no place, get no buddy.

    Upcoming places (held ones too) are cancelled and passed on to the waiting list, waiting
    lists left, buddy sign-ups withdrawn (a partner is told neutrally that the pair ended),
    open requests for help closed so that nobody goes on trying to reach them.
    """
    for booking_id in records.bookings.filter(
        status__in=UPCOMING_STATUSES, session__start__gt=now
    ).values_list("pk", flat=True):
        booking_services.booking_cancel(booking_id=booking_id, now=now, user=user, tell_person=False)
    for entry_id in records.waiting.filter(
        status__in=[WaitingListStatus.WAITING, WaitingListStatus.OFFERED]
    ).values_list("pk", flat=True):
        waitlist.waitlist_leave(entry_id=entry_id, now=now, user=user)
    for signup_id in records.signups.filter(status=SignupStatus.ACTIVE).values_list("pk", flat=True):
        buddy_services.signup_withdraw(signup_id=signup_id, now=now, user=user, tell_student=False)
    for request_id in records.help_requests.exclude(status=RequestStatus.CLOSED).values_list("pk", flat=True):
        support_services.request_close_on_erasure(request_id=request_id, user=user, now=now)


def person_erase(records, *, user, now):
    """End what is still running for the person, then remove their details from every record
    (history and outbox included) and the spreadsheet exports built before. Returns the counts."""
    counts = records.counts()
    with transaction.atomic():
        _end_what_is_running(records, user=user, now=now)
        bookings_anonymise(records.bookings, now=now)
        waiting_entries_anonymise(records.waiting, now=now)
        signups_anonymise(records.signups, now=now)
        requests_anonymise(records.help_requests, now=now)
        spreadsheets_remove_all()
        PersonalDataEvent.objects.create(
            user=user, action="data_request_erase", subject="data request", details=counts
        )
    return counts
