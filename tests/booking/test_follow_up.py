"""After a session: an anonymous feedback link the day after, and a kind answer to missed sessions."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from booking.emails.messages import feedback_url
from booking.models import (
    BookingEmail,
    BookingEmailKind,
    BookingStatus,
    FeedbackInvitation,
    FollowUpSettings,
    MissedReason,
    MissedSessionsFollowUp,
    SessionFeedback,
)
from booking.selectors import feedback_summary
from booking.services import bookings
from booking.services.follow_up import feedback_answer
from core.periodic import run_due
from staff.roles import COORDINATOR, COUNSELOR
from tests import clock
from tests.booking.factories import BookingFactory, CounselorFactory, OfferingFactory, SessionFactory
from tests.staff.test_permission_matrix import answer
from tests.staff.test_roles import staff_client

pytestmark = pytest.mark.django_db

WIB = clock.WIB


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), WIB)


def past_session(offering, *, day, counselor=None, hour=10):
    start = at(day, hour)
    return SessionFactory(offering=offering, start=start, original_start=start, counselor=counselor)


def marked(booking, status):
    return bookings.booking_mark(booking_id=booking.pk, status=status, user=None, now=clock.now())


@pytest.fixture
def yesterday():
    return clock.today() - datetime.timedelta(days=1)


def test_feedback_goes_the_day_after_to_those_who_came_once_and_never_late(yesterday):
    offering = OfferingFactory(asks_feedback=True)
    session = past_session(offering, day=yesterday)
    came = BookingFactory(session=session, status=BookingStatus.ATTENDED)
    BookingFactory(session=session, status=BookingStatus.NO_SHOW)
    BookingFactory(
        session=past_session(OfferingFactory(asks_feedback=False), day=yesterday), status="attended"
    )
    today = clock.today()
    assert run_due(now=at(yesterday, 23, 30))["feedback_requests"] == 0  # not on the same day
    assert run_due(now=at(today, 7, 59))["feedback_requests"] == 0  # not before eight in the morning
    assert run_due(now=at(today, 8, 0))["feedback_requests"] == 1
    assert run_due(now=at(today, 12, 0))["feedback_requests"] == 0  # once
    assert list(BookingEmail.objects.filter(kind=BookingEmailKind.FEEDBACK_REQUEST)) == [
        BookingEmail.objects.get(booking=came)
    ]
    late = BookingFactory(session=past_session(offering, day=yesterday - datetime.timedelta(days=3)))
    late.status = BookingStatus.ATTENDED
    late.save()
    assert run_due(now=at(today, 12, 0))["feedback_requests"] == 0


def test_the_feedback_page_stores_answers_without_a_name_and_answers_once(
    yesterday, client, django_capture_on_commit_callbacks
):
    offering = OfferingFactory(asks_feedback=True)
    booking = BookingFactory(session=past_session(offering, day=yesterday), status=BookingStatus.ATTENDED)
    with django_capture_on_commit_callbacks(execute=True):
        run_due(now=at(clock.today(), 9))
    (email,) = mail.outbox
    assert email.subject == "Bagaimana sesimu?" and "/feedback/" in email.body
    assert "Topik" not in email.body and not email.attachments
    path = "/" + feedback_url(booking).split("/", 3)[3]
    page = client.get(path)
    assert page.status_code == 200 and "tanpa namamu" in page.content.decode()
    assert client.post(path, {}).status_code == 400  # nothing answered
    assert client.post(path, {"listened": "9"}).status_code == 400
    response = client.post(path, {"listened": "5", "overall": "4", "comment": "Enak diajak ngobrol"})
    assert response.status_code == 302
    feedback = SessionFeedback.objects.get()
    assert (feedback.listened, feedback.what_mattered, feedback.overall) == (5, None, 4)
    assert feedback.offering == offering and feedback.comment == "Enak diajak ngobrol"
    assert not any(
        field.related_model and field.related_model.__name__ == "Booking"
        for field in SessionFeedback._meta.fields
    )
    client.post(path, {"listened": "1"})
    assert SessionFeedback.objects.count() == 1
    assert "Terima kasih" in client.get(path).content.decode()


def test_feedback_figures_appear_only_from_five_answers_and_counselors_see_their_own(
    django_user_model, yesterday
):
    user_a, client_a = staff_client(django_user_model, "konselor-a", COUNSELOR)
    user_b, _client_b = staff_client(django_user_model, "konselor-b", COUNSELOR)
    coordinator, coordinator_client = staff_client(django_user_model, "koordinator", COORDINATOR)
    offering = OfferingFactory(asks_feedback=True, title="Konseling Individu")
    for counselor_user, answers in ((user_a, 5), (user_b, 4)):
        counselor = CounselorFactory(user=counselor_user, name=f"Konselor {counselor_user.username}")
        for _answer in range(answers):
            booking = BookingFactory(
                session=past_session(offering, day=yesterday, counselor=counselor),
                status=BookingStatus.ATTENDED,
            )
            invitation = FeedbackInvitation.objects.create(booking=booking, sent_at=clock.now())
            feedback_answer(token=invitation.token, listened=4, overall=5)
    (own,) = feedback_summary(user_a)
    assert own.answers == 5 and own.averages == [4.0, None, None, 5.0]
    lines = {line.counselor: line for line in feedback_summary(coordinator)}
    assert lines["Konselor konselor-b"].answers == 4 and lines["Konselor konselor-b"].averages == [None] * 4
    page = client_a.get("/admin/booking/feedback/").content.decode()
    assert "konselor-b" not in page and "4.0" in page or "4,0" in page
    assert coordinator_client.get("/admin/booking/feedback/").status_code == 200


def test_missed_sessions_in_a_row_prompt_the_counselor_and_send_a_warm_email(
    django_user_model, django_capture_on_commit_callbacks
):
    user, counselor_client = staff_client(django_user_model, "konselor", COUNSELOR)
    counselor = CounselorFactory(user=user)
    _other, other_client = staff_client(django_user_model, "konselor-lain", COUNSELOR)
    offering = OfferingFactory()
    days = [clock.today() - datetime.timedelta(days=n) for n in (21, 14, 7)]
    first, second, third = (
        BookingFactory(
            session=past_session(offering, day=day, counselor=counselor), email="Rina@contoh.id", name="Rina"
        )
        for day in days
    )
    marked(first, BookingStatus.ATTENDED)
    marked(second, BookingStatus.NO_SHOW)
    assert not MissedSessionsFollowUp.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        marked(third, BookingStatus.NO_SHOW)
    follow_up = MissedSessionsFollowUp.objects.get()
    assert (follow_up.email, follow_up.reason, follow_up.missed) == (
        "rina@contoh.id",
        MissedReason.IN_A_ROW,
        2,
    )
    (email,) = mail.outbox
    assert email.subject == "Kami tetap ada untukmu" and "/booking/" in email.body
    prompt = "1 siswa tidak datang beberapa kali"
    assert prompt in counselor_client.get("/admin/").content.decode()
    assert prompt not in other_client.get("/admin/").content.decode()
    assert "Rina" not in other_client.get("/admin/booking/missed-sessions/").content.decode()
    assert (
        answer(
            other_client, "post", f"/admin/booking/missed-sessions/{follow_up.pk}/done/", note="x"
        ).status_code
        == 404
    )
    assert "Rina" in counselor_client.get("/admin/booking/missed-sessions/").content.decode()
    too_long = "Ngobrol di kelas. " * 60
    refused = counselor_client.post(
        f"/admin/booking/missed-sessions/{follow_up.pk}/done/", {"note": too_long}
    )
    assert refused.status_code == 400
    page = BeautifulSoup(refused.content, "html.parser")
    note = page.select_one(f"#note-{follow_up.pk}")
    error = page.select_one(f"#{note['aria-describedby']}")
    assert "1000" in error.get_text() and note.get_text() == too_long  # beside the field, the text kept
    follow_up.refresh_from_db()
    assert not follow_up.is_done
    counselor_client.post(
        f"/admin/booking/missed-sessions/{follow_up.pk}/done/", {"note": "Ngobrol di kelas"}
    )
    follow_up.refresh_from_db()
    assert follow_up.is_done and follow_up.done_by == user and follow_up.note == "Ngobrol di kelas"
    assert prompt not in counselor_client.get("/admin/").content.decode()
    # Booking again is never blocked; a new miss after the talk starts counting afresh.
    fourth = BookingFactory(
        session=past_session(offering, day=clock.today() - datetime.timedelta(days=1), counselor=counselor),
        email="rina@contoh.id",
    )
    marked(fourth, BookingStatus.NO_SHOW)
    assert MissedSessionsFollowUp.objects.filter(done_at__isnull=True).count() == 0


def test_missed_sessions_in_a_term_count_too_and_the_thresholds_are_a_setting(yesterday):
    settings = FollowUpSettings.load()
    settings.missed_in_a_row = 3
    settings.missed_in_a_term = 2
    settings.save()
    offering = OfferingFactory()
    # Three sessions on one day (one semester): missed, came, missed.
    first, between, second = (
        BookingFactory(session=past_session(offering, day=yesterday, hour=hour), email="tono@contoh.id")
        for hour in (8, 10, 12)
    )
    marked(first, BookingStatus.NO_SHOW)
    marked(between, BookingStatus.ATTENDED)
    assert not MissedSessionsFollowUp.objects.exists()
    marked(second, BookingStatus.NO_SHOW)
    follow_up = MissedSessionsFollowUp.objects.get()
    assert follow_up.reason == MissedReason.IN_A_TERM and follow_up.missed == 2
