"""What an attacker tried: bursts of bookings, robots filling forms, one address hoarding slots."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from booking.models import Booking, BookingStatus
from booking.services import bookings
from booking.services.bookings import Person
from buddies.models import BuddySignup
from core.errors import RuleError
from tests import clock
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory
from tests.booking.test_views import form_data
from tests.buddies.factories import BuddyProgramFactory
from tests.buddies.test_views import form_data as buddy_form_data

pytestmark = pytest.mark.django_db


def booking_data(session, email, **overrides):
    return form_data(session, email=email, **overrides)


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_a_script_from_one_address_is_stopped_at_the_classroom_ceiling(client, slots):
    # 70 tries from one address in one go, each with a new email: the 30 slots go, then "no
    # place" — and from the 61st try in ten minutes, 429, whatever the form would have said.
    statuses = [
        client.post(
            "/id/booking/konseling/", booking_data(slots[number % 30], f"s{number}@contoh.id")
        ).status_code
        for number in range(70)
    ]
    assert 429 not in statuses[:60] and set(statuses[60:]) == {429}
    assert Booking.objects.count() == 30
    refused = client.post("/id/booking/konseling/", booking_data(slots[-1], "lagi@contoh.id"))
    assert refused["Retry-After"] == "600"
    assert "Terlalu banyak percobaan" in text(refused) and "sekitar 10 menit" in text(refused)
    assert "bukan layanan darurat" in text(refused)
    assert "lagi@contoh.id" not in refused.content.decode()
    assert "Too many tries" in text(
        client.post("/en/booking/konseling/", booking_data(slots[-1], "x@contoh.id"))
    )


def test_a_classroom_behind_one_address_all_sign_up_for_buddies(client):
    program = BuddyProgramFactory(slug="buddy-kelas", mentee_places=50)
    statuses = [
        client.post(
            "/id/buddy/buddy-kelas/mentee/",
            buddy_form_data(email=f"murid{number}@sekolah.sch.id", first_name=f"Murid{number}"),
        ).status_code
        for number in range(40)
    ]
    assert statuses == [302] * 40
    assert program.signups.count() == 40


def test_the_schools_own_address_gets_a_higher_ceiling(client, slots, site):
    from core.models import SiteSettings

    school = SiteSettings.for_site(site)
    school.trusted_addresses = "203.0.113.0/28\n198.51.100.7"
    school.save()
    statuses = [
        client.post(
            "/id/booking/konseling/",
            booking_data(slots[number % 30], f"t{number}@contoh.id"),
            REMOTE_ADDR="203.0.113.5",
        ).status_code
        for number in range(80)
    ]
    assert 429 not in statuses
    # An address outside the school's networks keeps the classroom ceiling.
    outside = [
        client.post(
            "/id/booking/konseling/",
            booking_data(slots[0], f"o{number}@contoh.id"),
            REMOTE_ADDR="203.0.113.99",
        ).status_code
        for number in range(61)
    ]
    assert outside[-1] == 429 and 429 not in outside[:60]


def test_a_wrong_line_in_the_schools_addresses_is_refused_next_to_the_field():
    from django.core.exceptions import ValidationError

    from core.models import validate_address_list

    validate_address_list("203.0.113.0/28\n2001:db8::1")
    with pytest.raises(ValidationError) as error:
        validate_address_list("203.0.113.0/28\nsekolah.sch.id")
    assert "sekolah.sch.id" in str(error.value)


def test_one_email_from_many_addresses_is_limited_too(client, slots):
    statuses = [
        client.post(
            "/id/booking/konseling/",
            booking_data(session, "sama@contoh.id"),
            REMOTE_ADDR=f"10.0.0.{number}",
        ).status_code
        for number, session in enumerate(slots[:5])
    ]
    assert statuses[3:] == [429, 429]


def test_reading_pages_is_never_limited(client, slots):
    assert {client.get("/id/booking/konseling/").status_code for _ in range(20)} == {200}


def test_limits_can_be_turned_off_where_bursts_are_wanted(client, slots, settings):
    settings.RANGKUL_RATE_LIMITS_ENABLED = False
    statuses = {
        client.post("/id/booking/konseling/", booking_data(session, f"s{number}@contoh.id")).status_code
        for number, session in enumerate(slots[:12])
    }
    assert statuses == {302}


def test_the_manage_links_are_limited_per_address(client, slots):
    booking = BookingFactory(session=slots[0])
    statuses = [
        client.post(f"/id/booking/manage/{booking.manage_token}/move/", {"session": "nope"}).status_code
        for _ in range(62)
    ]
    assert statuses[:60] == [400] * 60 and statuses[60:] == [429, 429]


def test_a_robot_filling_the_hidden_field_is_refused_and_nothing_is_saved(client, slots):
    page = BeautifulSoup(client.get(f"/id/booking/konseling/?session={slots[0].pk}").content, "html.parser")
    trap = page.select_one(".form-trap")
    assert trap["aria-hidden"] == "true" and trap.select_one("input")["tabindex"] == "-1"
    response = client.post(
        "/id/booking/konseling/", booking_data(slots[0], "robot@contoh.id", website="http://spam.example")
    )
    assert response.status_code == 400
    assert "tidak bisa menerima formulir ini" in text(response)
    assert not Booking.objects.exists() and mail.outbox == []
    BuddyProgramFactory(slug="buddy-baru")
    buddy = client.post("/id/buddy/buddy-baru/mentee/", buddy_form_data(website="http://spam.example"))
    assert buddy.status_code == 400 and not BuddySignup.objects.exists()


def test_one_upcoming_one_to_one_appointment_per_email(client, slots, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/id/booking/konseling/", booking_data(slots[0], "ayu@contoh.id"))
        second = client.post("/id/booking/konseling/", booking_data(slots[1], "AYU@contoh.id"))
    # The same answer as a new booking (it never reveals that the address is booked) …
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"]
    # … and that address is told where its appointment is.
    booking = Booking.objects.get()
    assert booking.session == slots[0]
    assert mail.outbox[-1].to == ["ayu@contoh.id"]
    assert f"/id/booking/manage/{booking.manage_token}/" in mail.outbox[-1].body


def test_the_limit_is_kept_in_the_transaction_and_frees_up_after_a_cancellation(slots):
    now = clock.now()
    person = Person(name="Ayu", email="ayu@contoh.id", age_group="18_plus")
    first = bookings.booking_create(session_id=slots[0].pk, person=person, language="id", now=now)
    with pytest.raises(RuleError) as error:
        bookings.booking_create(session_id=slots[1].pk, person=person, language="id", now=now)
    assert error.value.code == "open_booking_limit"
    bookings.booking_cancel(booking_id=first.pk, now=now)
    second = bookings.booking_create(session_id=slots[1].pk, person=person, language="id", now=now)
    assert second.status == BookingStatus.CONFIRMED


def test_a_group_without_a_limit_takes_one_person_every_week(slots):
    group = OfferingFactory(
        slug="kelompok", kind="group", places_per_session=8, open_bookings_per_person=None
    )
    weeks = [
        SessionFactory(
            offering=group,
            start=slots[0].start + datetime.timedelta(weeks=week),
            original_start=slots[0].start + datetime.timedelta(weeks=week),
        )
        for week in range(3)
    ]
    person = Person(name="Ayu", email="ayu@contoh.id", age_group="18_plus")
    for session in weeks:
        bookings.booking_create(session_id=session.pk, person=person, language="id", now=clock.now())
    assert Booking.objects.filter(email="ayu@contoh.id").count() == 3


@pytest.mark.parametrize(
    "name",
    [
        "Menangkan hadiah di https://spam.example",
        "www.promo.example",
        "<b>Ayu</b>",
        "ayu@spam.example",
        "klik bit.ly/x",
    ],
)
def test_a_name_cannot_carry_a_link_or_markup_into_an_email(client, slots, name):
    response = client.post("/id/booking/konseling/", booking_data(slots[0], "ayu@contoh.id", name=name))
    assert response.status_code == 400
    assert not Booking.objects.exists() and mail.outbox == []
    assert "Tulis nama saja" in text(response)


@pytest.mark.parametrize(
    "name",
    [
        "Siti\u202eahmaR",  # a right-to-left override: shown as "Siti Rahma" backwards
        "Si\u200bti",  # a zero-width space
        "\u2066Budi\u2069",  # directional isolates
        "Ayu\x07",  # a control character
        "Sіti",  # a Cyrillic і among Latin letters
    ],
)
def test_a_name_with_hidden_characters_or_lookalike_letters_is_refused(client, slots, name):
    response = client.post("/id/booking/konseling/", booking_data(slots[0], "ayu@contoh.id", name=name))
    assert response.status_code == 400
    assert not Booking.objects.exists()
    assert "huruf biasa" in text(response)


def test_a_name_typed_in_wide_letters_is_kept_in_ordinary_ones(client, slots):
    response = client.post(
        "/id/booking/konseling/", booking_data(slots[0], "ayu@contoh.id", name="Ｓｉｔｉ   Ｒａｈｍａ")
    )
    assert response.status_code == 302
    assert Booking.objects.get().name == "Siti Rahma"


@pytest.mark.parametrize(
    "contact",
    [
        "ibu@contoh.id, ayah@contoh.id",
        "ibu@contoh.id\r\nBcc: semua@contoh.id",
        "ibu@contoh.id ayah@contoh.id",
        "hubungi ibu",
    ],
)
def test_a_guardian_contact_is_one_phone_number_or_one_email_address(client, slots, contact):
    data = booking_data(
        slots[0],
        "ayu@contoh.id",
        age_group="13_15",
        guardian_name="Ibu Ayu",
        guardian_contact=contact,
        guardian_consent="on",
    )
    response = client.post("/id/booking/konseling/", data)
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_a_buddy_sign_up_takes_one_guardian_address_not_a_list(client):
    BuddyProgramFactory(slug="buddy-baru")
    listed = client.post(
        "/id/buddy/buddy-baru/mentee/", buddy_form_data(guardian_contact="sri@contoh.id,\r\nlain@contoh.id")
    )
    assert listed.status_code == 400 and not BuddySignup.objects.exists()
    assert "satu alamat email" in text(listed)
    assert client.post("/id/buddy/buddy-baru/mentee/", buddy_form_data()).status_code == 302


@pytest.mark.parametrize("phone", ["0812\x0b\x01", "=1+1", "0812 3456 7890 atau 0813"])
def test_a_phone_number_is_digits(client, slots, phone):
    response = client.post("/id/booking/konseling/", booking_data(slots[0], "ayu@contoh.id", phone=phone))
    assert response.status_code == 400
    assert "nomor telepon" in text(response).lower()


def test_plus_addresses_count_as_the_one_inbox_they_reach(client, slots):
    statuses = [
        client.post(
            "/id/booking/konseling/",
            booking_data(session, f"sama+{number}@contoh.id"),
            REMOTE_ADDR=f"10.0.0.{number}",
        ).status_code
        for number, session in enumerate(slots[:5])
    ]
    assert statuses[3:] == [429, 429]


@pytest.mark.parametrize(
    "name",
    ["Ayu", "Siti Nur'aini", "Budi S.", "Made Ayu-Lestari", "Ni Luh (Ayu)", "محمد علي", "Nguyễn Thị Hà"],
)
def test_real_names_are_welcome(client, slots, name, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/id/booking/konseling/", booking_data(slots[0], "ayu@contoh.id", name=name))
    assert response.status_code == 302
