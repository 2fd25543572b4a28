"""An English page or email has no Indonesian left in it, and an Indonesian one no English.

Each page type and every email is rendered in both languages and read for a few marker
words that only one of the two languages uses. Text marked with another ``lang`` (the
language switcher names each language in itself) is left out.
"""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from booking.emails.messages import booking_email_send
from booking.models import Booking, BookingEmail, BookingEmailKind, FeedbackInvitation
from booking.services import bookings
from tests import clock
from tests.booking.factories import BookingFactory, CounselorFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db

MARKERS = {
    "id": [
        "yang",
        "untuk",
        "kamu",
        "dengan",
        "tempat",
        "pukul",
        "Senin",
        "Selasa",
        "Rabu",
        "Kamis",
        "Jumat",
        "opsional",
        "Beranda",
        "Cari",
        "contoh.id",
        "janji-temu",
        "jam",
        "Sesi",
        "teman",
        "konseling",
    ],
    "en": [
        "the",
        "and",
        "you",
        "your",
        "with",
        "places",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "optional",
        "Home",
        "Search",
        "example.com",
        "appointment",
        "hours",
        "Session",
    ],
}


def words(text):
    return set(re.findall(r"[\w.\-]+", text))


def leftovers(text, language):
    other = "en" if language == "id" else "id"
    return sorted(words(text) & set(MARKERS[other]))


def page_text(response, language):
    soup = BeautifulSoup(response.content, "html.parser")
    for foreign in soup.select("[lang]"):
        if foreign.name != "html" and foreign["lang"] != language:
            foreign.decompose()
    for hidden in soup.select("script, style"):
        hidden.decompose()
    return soup.body.get_text(" ")


@pytest.fixture
def booking_setup():
    counselor = CounselorFactory(
        role="Konselor BK", role_en="School counselor", qualifications_en="Counselor"
    )
    offering = OfferingFactory(
        slug="kelompok-bahasa",
        title="Kelompok bahasa",
        title_en="Language group",
        description="Kelompok kecil untuk berlatih bersama.",
        description_en="A small group to practise together.",
        location="Gedung A",
        location_en="Building A",
    )
    offering.counselors.add(counselor)
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start, counselor=counselor)
    return session


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_type_speaks_one_language(
    client, site_tree, booking_setup, language, django_capture_on_commit_callbacks
):
    pages = getattr(site_tree, language)
    urls = [pages.home.url, pages.services.url, pages.counseling.url, pages.privacy.url]
    urls += [
        f"/{language}/search/?q=zzzz",
        f"/{language}/booking/kelompok-bahasa/",
        f"/{language}/tidak-ada/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert leftovers(page_text(response, language), language) == [], url

    data = {
        "session": str(booking_setup.pk),
        "name": "Maya",
        "email": "maya@example.org",
        "age_group": "18_plus",
        "contact_channel": "email",
        "privacy_consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{language}/booking/kelompok-bahasa/", data)
    booking = Booking.objects.get()
    for url in (f"/{language}/booking/confirmed/", f"/{language}/booking/manage/{booking.manage_token}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert leftovers(page_text(response, language), language) == [], url
    invalid = client.post(f"/{language}/booking/kelompok-bahasa/", {**data, "email": "x"})
    assert leftovers(page_text(invalid, language), language) == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_email_speaks_one_language(booking_setup, language, admin_user):
    booking = BookingFactory(session=booking_setup, language=language, name="Maya")
    FeedbackInvitation.objects.create(booking=booking, sent_at=booking.created_at)
    for kind in BookingEmailKind:
        mail.outbox.clear()
        booking_email = BookingEmail.objects.create(booking=booking, kind=kind)
        assert booking_email_send(email_id=booking_email.pk)
        (message,) = mail.outbox
        html = BeautifulSoup(message.alternatives[0][0], "html.parser").get_text(" ")
        filenames = [attachment[0] for attachment in message.attachments]
        for text in (message.subject, message.body, html, *filenames):
            assert leftovers(text, language) == [], (kind, text)
    bookings.booking_cancel(booking_id=booking.pk, now=clock.now(), user=admin_user)


@pytest.mark.parametrize("language", ["id", "en"])
def test_buddy_pages_and_emails_speak_one_language(
    client, site_tree, language, django_capture_on_commit_callbacks
):
    from buddies.emails import buddy_email_send
    from buddies.models import BuddyEmail, BuddyEmailKind, BuddySignup
    from buddies.services import pair_propose
    from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory

    program = BuddyProgramFactory(slug="buddy-bahasa")
    form = {
        "first_name": "Maya",
        "email": "maya@example.org",
        "school_class": "7A",
        "year": "7",
        "age_group": "18_plus",
        "languages": ["id"],
        "free_periods": ["lunch"],
        "contact_preference": "at_school",
        "privacy_consent": "on",
    }
    for url in (f"/{language}/buddy/buddy-bahasa/", f"/{language}/buddy/buddy-bahasa/buddy/"):
        assert leftovers(page_text(client.get(url), language), language) == [], url
    invalid = client.post(f"/{language}/buddy/buddy-bahasa/mentee/", {**form, "email": "x", "languages": []})
    assert invalid.status_code == 400
    assert leftovers(page_text(invalid, language), language) == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{language}/buddy/buddy-bahasa/mentee/", form)
    signup = BuddySignup.objects.get()
    for url in (f"/{language}/buddy/confirmed/", f"/{language}/buddy/manage/{signup.manage_token}/"):
        assert leftovers(page_text(client.get(url), language), language) == [], url

    buddy = BuddySignupFactory(
        program=program,
        side="buddy",
        year=8,
        school_class="8A",
        language=language,
        approved=True,
        training_completed=True,
    )
    pair = pair_propose(program_id=program.pk, buddy_id=buddy.pk, mentee_id=signup.pk, user=None)
    for kind in BuddyEmailKind:
        mail.outbox.clear()
        email = BuddyEmail.objects.create(signup=signup, pair=pair, kind=kind)
        assert buddy_email_send(email_id=email.pk)
        (message,) = mail.outbox
        for text in (message.subject, message.body):
            assert leftovers(text, language) == [], (kind, text)
