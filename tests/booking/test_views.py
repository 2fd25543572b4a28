import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar

from booking.models import Booking, BookingStatus, Session
from tests import clock
from tests.booking.factories import BookingFactory, CounselorFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering():
    return OfferingFactory(
        slug="kelompok-uji", title="Kelompok uji", title_en="Test group", places_per_session=2
    )


@pytest.fixture
def session(offering):
    start = clock.now() + datetime.timedelta(days=3)
    return SessionFactory(offering=offering, start=start, original_start=start)


def form_data(target, **overrides):
    data = {
        "session": str(target.pk),
        "name": "Ayu",
        "email": "ayu@contoh.id",
        "phone": "",
        "school_class": "9A",
        "age_group": "18_plus",
        "guardian_name": "",
        "guardian_contact": "",
        "topic": "",
        "contact_channel": "email",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def post(client, django_capture_on_commit_callbacks, url, data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, data)


def test_booking_page_lists_sessions_by_day_with_places_left(client, session):
    page = soup(client.get("/id/booking/kelompok-uji/"))
    day = page.select_one(".session-day")
    with translation.override("id"):
        expected_day = date_format(timezone.localtime(session.start).date(), "l, j F Y")
    assert day.h3.get_text(strip=True) == expected_day
    option = day.select_one(f"input[name=session][value='{session.pk}']")
    assert option is not None
    assert "2 tempat tersisa" in day.get_text()
    assert page.select_one(".notice--safety a[href='tel:112']")
    assert page.select_one("meta[name=robots]")["content"] == "noindex"


@pytest.fixture
def week_of_times(offering):
    """Two times on one day and one on the next (local WIB days, whatever the clock says now)."""
    zone = timezone.get_current_timezone()
    first_day = timezone.localtime(clock.now() + datetime.timedelta(days=3), zone).date()
    times = []
    for day, hour in [(first_day, 9), (first_day, 13), (first_day + datetime.timedelta(days=1), 10)]:
        start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
        times.append(SessionFactory(offering=offering, start=start, original_start=start))
    return times


def test_the_picker_lists_days_with_their_free_times_and_shows_one_days_times(client, week_of_times):
    first, second, next_day = week_of_times
    page = soup(client.get("/id/booking/kelompok-uji/"))
    links = page.select(".day-list a")
    assert [link.select_one(".day-link__count").get_text() for link in links] == [
        "2 waktu kosong",
        "1 waktu kosong",
    ]
    assert links[0]["aria-current"] == "true" and not links[1].has_attr("aria-current")
    shown = [radio["value"] for radio in page.select("#times input[name=session]")]
    assert shown == [str(first.pk), str(second.pk)]
    assert page.select_one(f"input[value='{first.pk}']").has_attr("checked")  # the soonest, ready to go
    assert page.select_one("#id_name") is None  # the details come once a time is chosen

    other_day = soup(client.get("/id/booking/kelompok-uji/" + links[1]["href"].split("#")[0]))
    assert [radio["value"] for radio in other_day.select("#times input[name=session]")] == [str(next_day.pk)]
    assert other_day.select(".day-list a")[1]["aria-current"] == "true"


def test_a_chosen_time_opens_the_details_form_with_just_that_time(client, week_of_times):
    chosen = week_of_times[1]
    page = soup(client.get(f"/id/booking/kelompok-uji/?session={chosen.pk}"))
    form = page.select_one("form#details")
    assert form["method"] == "post"
    assert [radio["value"] for radio in form.select("input[name=session]")] == [str(chosen.pk)]
    assert form.select_one(f"#time-{chosen.pk} input").has_attr("checked")
    assert form.select_one("#id_name") is not None
    assert "Pilih waktu lain" in form.get_text()


def test_a_time_no_longer_free_falls_back_to_the_days_with_a_notice(client, week_of_times, offering):
    taken = week_of_times[0]
    BookingFactory(session=taken)
    BookingFactory(session=taken)
    offering.waiting_list = "off"
    offering.save()
    page = soup(client.get(f"/id/booking/kelompok-uji/?session={taken.pk}"))
    assert "Waktu itu sudah tidak tersedia" in page.select_one(".booking-step").get_text()
    assert page.select_one(f"input[value='{taken.pk}']") is None
    for hostile in ["abc", "1' OR 1=1", "<b>x</b>"]:
        response = client.get("/id/booking/kelompok-uji/", {"session": hostile, "day": hostile})
        assert response.status_code == 200 and b"<b>x</b>" not in response.content


def test_a_full_booking_journey_in_indonesian(client, session, django_capture_on_commit_callbacks):
    response = post(
        client, django_capture_on_commit_callbacks, "/id/booking/kelompok-uji/", form_data(session)
    )
    assert response.status_code == 302
    assert response["Location"] == "/id/booking/confirmed/"
    assert "ayu@contoh.id" not in response["Location"]

    confirmation = soup(client.get(response["Location"]))
    assert "Cek emailmu" in confirmation.get_text()

    booking = Booking.objects.get()
    (message,) = mail.outbox
    assert booking.language == "id"
    assert f"/id/booking/manage/{booking.manage_token}/" in message.body

    manage = client.get(f"/id/booking/manage/{booking.manage_token}/")
    assert manage.status_code == 200
    ics = client.get(f"/id/booking/manage/{booking.manage_token}/calendar/")
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics["Content-Disposition"] == 'attachment; filename="janji-temu.ics"'
    assert booking.manage_token not in ics.content.decode()
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event["uid"] == f"{booking.calendar_uid}@rangkul"

    cancel = post(
        client,
        django_capture_on_commit_callbacks,
        f"/id/booking/manage/{booking.manage_token}/cancel/",
        {"confirm": "on"},
    )
    assert cancel.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert Session.objects.with_places_taken().get(pk=session.pk).places_left == 2
    assert len(mail.outbox) == 2


def test_errors_are_shown_next_to_fields_with_a_summary_and_nothing_typed_is_lost(client, session):
    response = client.post(
        "/id/booking/kelompok-uji/",
        form_data(session, email="bukan-email", age_group="13_15", privacy_consent=None, name="Rina"),
    )
    assert response.status_code == 400
    page = soup(response)
    summary_links = {a["href"] for a in page.select(".error-summary a")}
    assert {
        "#id_email",
        "#id_guardian_name",
        "#id_guardian_contact",
        "#id_guardian_consent",
        "#id_privacy_consent",
    } <= summary_links
    email_field = page.select_one("#id_email").find_parent(class_="form-field")
    assert "form-field--error" in email_field["class"]
    assert (
        email_field.select_one(".field-error")
        .get_text(strip=True)
        .endswith("Isi alamat email seperti nama@contoh.id.")
    )
    assert page.select_one("#id_name")["value"] == "Rina"
    assert page.select_one("#id_email")["value"] == "bukan-email"
    assert page.select_one(f"input[name=session][value='{session.pk}']").has_attr("checked")
    assert not Booking.objects.exists()


def test_a_tampered_or_stale_session_id_is_a_clear_400(client, session):
    for bad in ["999999", "abc", ""]:
        response = client.post("/id/booking/kelompok-uji/", form_data(session, session=bad))
        assert response.status_code == 400
        text = soup(response).select_one(".error-summary").get_text()
        assert "Waktu itu sudah tidak tersedia" in text or "Pilih waktu" in text


def test_without_a_waiting_list_a_full_session_disappears_and_posting_it_is_a_400(client, session):
    session.offering.waiting_list = "off"
    session.offering.save()
    BookingFactory(session=session)
    BookingFactory(session=session)
    page = soup(client.get("/id/booking/kelompok-uji/"))
    assert page.select_one(f"input[name=session][value='{session.pk}']") is None
    response = client.post("/id/booking/kelompok-uji/", form_data(session))
    assert response.status_code == 400


def test_a_broken_rule_found_in_the_transaction_is_a_409_next_to_the_field(client, session):
    client.get("/id/booking/kelompok-uji/")  # the page, as the person saw it
    while Booking.objects.filter(session=session).count() < session.places:
        BookingFactory(session=session)  # others take the last places meanwhile
    response = client.post("/id/booking/kelompok-uji/", form_data(session, name="Rina"))
    assert response.status_code == 409
    field = soup(response).select_one("#id_session_0").find_parent(class_="form-field")
    assert "sesi ini baru saja penuh" in field.get_text()
    assert soup(response).select_one("#id_name")["value"] == "Rina"


def test_phone_contact_needs_a_phone_number(client, session):
    response = client.post("/id/booking/kelompok-uji/", form_data(session, contact_channel="whatsapp"))
    assert response.status_code == 400
    assert soup(response).select_one("#id_phone").find_parent(class_="form-field").select_one(".field-error")


def test_booking_page_introduces_the_counselors_in_the_visitors_language(client, offering):
    from tests.booking.factories import CounselorFactory

    offering.counselors.add(
        CounselorFactory(
            name="Ibu Ratna", role="Konselor BK", role_en="School counselor", bio="Suka mendengarkan."
        )
    )
    offering.counselors.add(CounselorFactory(name="Pak Lama", is_active=False))
    indonesian = soup(client.get("/id/booking/kelompok-uji/")).select_one("#counselors-heading").parent
    assert [h.get_text() for h in indonesian.select(".counselor__name")] == ["Ibu Ratna"]
    assert "Konselor BK · S.Pd. Bimbingan dan Konseling" in indonesian.get_text()
    english = soup(client.get("/en/booking/kelompok-uji/")).select_one("#counselors-heading").parent
    assert "School counselor" in english.get_text()
    assert "Suka mendengarkan." in english.get_text()  # no English bio yet: the Indonesian one stands in


def test_fields_say_when_they_are_needed(client, session):
    page = soup(client.get(f"/id/booking/kelompok-uji/?session={session.pk}"))
    assert "(opsional)" in page.select_one("label[for=id_school_class]").get_text()
    assert "(opsional)" not in page.select_one("label[for=id_email]").get_text()
    for guardian_field in ("id_guardian_name", "id_guardian_contact"):
        label = page.select_one(f"label[for={guardian_field}]").get_text()
        assert "(wajib jika kamu di bawah 18 tahun)" in label and "opsional" not in label
    assert (
        "(wajib jika kami perlu menelepon atau mengirim pesan)"
        in page.select_one("label[for=id_phone]").get_text()
    )


def test_unknown_manage_token_is_404(client):
    assert client.get("/id/booking/manage/not-a-real-token/").status_code == 404
    assert client.post("/id/booking/manage/not-a-real-token/cancel/", {"confirm": "on"}).status_code == 404


def test_cancel_without_confirming_is_a_400_and_keeps_the_booking(client, session):
    booking = BookingFactory(session=session)
    response = client.post(f"/id/booking/manage/{booking.manage_token}/cancel/", {})
    assert response.status_code == 400
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_too_late_to_cancel_online(client, offering):
    start = clock.now() + datetime.timedelta(hours=2)
    booking = BookingFactory(session=SessionFactory(offering=offering, start=start, original_start=start))
    page = soup(client.get(f"/id/booking/manage/{booking.manage_token}/"))
    assert page.select_one("form[action$='/cancel/']") is None
    response = client.post(f"/id/booking/manage/{booking.manage_token}/cancel/", {"confirm": "on"})
    assert response.status_code == 409


def test_confirmation_page_needs_a_booking_in_this_browser(client):
    assert client.get("/id/booking/confirmed/").status_code == 404


def test_unknown_or_inactive_offering_is_404(client, offering):
    assert client.get("/id/booking/tidak-ada/").status_code == 404
    offering.is_active = False
    offering.save()
    assert client.get("/id/booking/kelompok-uji/").status_code == 404


def test_program_page_lists_its_offerings_with_next_free_times(client, session):
    page = soup(client.get("/id/layanan/bimbingan-konseling/"))
    titles = [h.get_text(strip=True) for h in page.select("#booking .card__title")]
    assert "Kelompok uji" in titles
    assert page.select_one(
        f"#booking a[href='/id/booking/kelompok-uji/?session={session.pk}#time-{session.pk}']"
    )
    english = soup(client.get("/en/services/guidance-counseling/"))
    assert "Test group" in [h.get_text(strip=True) for h in english.select("#booking .card__title")]


def test_booking_pages_of_a_flagged_program_offer_the_exit_button(client):
    from programs.models import ProgramPage

    OfferingFactory(slug="sesi-aman", program_page=ProgramPage.objects.get(slug="layanan-psikososial"))
    assert soup(client.get("/id/booking/sesi-aman/")).select_one("a[data-exit-this-page]") is not None
    OfferingFactory(slug="sesi-biasa")
    assert soup(client.get("/id/booking/sesi-biasa/")).select_one("a[data-exit-this-page]") is None


def test_confirmation_page_is_shown_to_the_browser_that_booked_only(
    client, session, django_capture_on_commit_callbacks
):
    from django.test import Client

    post(client, django_capture_on_commit_callbacks, "/id/booking/kelompok-uji/", form_data(session))
    booking = Booking.objects.get()
    page = soup(client.get("/id/booking/confirmed/"))
    assert "Kami sedang mengirim rincian" in page.get_text() and booking.email in page.get_text()
    # The link travels by email only: the page looks the same for an email that was already booked.
    assert booking.manage_token not in str(page)
    assert f"/id/booking/manage/{booking.manage_token}/" in mail.outbox[-1].body
    assert Client().get("/id/booking/confirmed/").status_code == 404


def test_the_booking_form_never_reveals_whether_an_email_is_booked(
    session, django_capture_on_commit_callbacks
):
    from django.test import Client

    first, second = Client(), Client()
    new = post(first, django_capture_on_commit_callbacks, "/id/booking/kelompok-uji/", form_data(session))
    again = post(
        second,
        django_capture_on_commit_callbacks,
        "/id/booking/kelompok-uji/",
        form_data(session, name="Orang lain", email="AYU@contoh.id"),
    )
    assert (new.status_code, new["Location"]) == (again.status_code, again["Location"])
    pages = [
        soup(browser.get("/id/booking/confirmed/")).select_one("main").get_text()
        for browser in (first, second)
    ]
    assert pages[0] == pages[1].replace("AYU@contoh.id", "ayu@contoh.id")  # each shows what it typed
    assert Booking.objects.count() == 1
    told = mail.outbox[-1]
    assert told.to == ["ayu@contoh.id"] and "sudah punya tempat" in told.body
    assert Booking.objects.get().manage_token in told.body


def test_confirmation_page_expires(client, session, django_capture_on_commit_callbacks, monkeypatch):
    post(client, django_capture_on_commit_callbacks, "/id/booking/kelompok-uji/", form_data(session))
    later = clock.now() + datetime.timedelta(minutes=31)
    monkeypatch.setattr("booking.views.timezone.now", lambda: later)
    assert client.get("/id/booking/confirmed/").status_code == 404


def test_booking_with_someone_elses_email_shows_none_of_their_booking(
    offering, django_capture_on_commit_callbacks
):
    from django.test import Client

    ratna = CounselorFactory(name="Ratna Wulandari", role="Konselor sekolah")
    dimas = CounselorFactory(name="Dimas Prasetyo", role="Psikolog")
    budis_start = clock.now() + datetime.timedelta(days=3, hours=1)
    budis = SessionFactory(offering=offering, start=budis_start, original_start=budis_start, counselor=ratna)
    eves_start = clock.now() + datetime.timedelta(days=6, hours=2)
    eves = SessionFactory(offering=offering, start=eves_start, original_start=eves_start, counselor=dimas)
    post(
        Client(),
        django_capture_on_commit_callbacks,
        "/id/booking/kelompok-uji/",
        form_data(budis, name="Budi", email="budi@contoh.id"),
    )

    stranger = Client()
    post(
        stranger,
        django_capture_on_commit_callbacks,
        "/id/booking/kelompok-uji/",
        form_data(eves, name="Eve", email="budi@contoh.id"),
    )
    page = soup(stranger.get("/id/booking/confirmed/")).select_one("main").get_text(" ", strip=True)
    with translation.override("id"):
        budis_day = date_format(timezone.localtime(budis.start), "l, j F Y")
        eves_day = date_format(timezone.localtime(eves.start), "l, j F Y")
    assert eves_day in page and "Dimas Prasetyo" in page and "budi@contoh.id" in page
    assert budis_day not in page and "Ratna Wulandari" not in page and "Budi" not in page
    assert Booking.objects.get().session == budis  # nothing was booked for Eve
    told = mail.outbox[-1]
    assert told.to == ["budi@contoh.id"] and "sudah punya tempat" in told.body


def test_confirmation_page_says_an_email_is_on_its_way_and_what_it_holds(offering, client, session):
    client.post("/id/booking/kelompok-uji/", form_data(session))
    text = soup(client.get("/id/booking/confirmed/")).get_text(" ", strip=True)
    assert "Kami sedang mengirim rincian" in text and "file kalender" in text

    offering.confirm_within_minutes = 30
    offering.save()
    other = SessionFactory(offering=offering)
    client.post("/id/booking/kelompok-uji/", form_data(other, email="sari@contoh.id"))
    text = soup(client.get("/id/booking/confirmed/")).get_text(" ", strip=True)
    # The email asking to confirm carries no calendar file: the page promises it for later.
    assert "30 menit" in text and "Setelah kamu mengonfirmasi" in text


def test_a_busy_database_answers_503_and_keeps_what_was_typed(client, session, monkeypatch):
    from django.db import OperationalError

    def locked(session_id):
        raise OperationalError("database is locked")

    monkeypatch.setattr("booking.services.places.lock_session", locked)
    response = client.post("/id/booking/kelompok-uji/", form_data(session, name="Rina"))
    assert response.status_code == 503
    assert "Silakan coba lagi" in soup(response).select_one(".error-summary").get_text()
    assert soup(response).select_one("#id_name")["value"] == "Rina"


def test_a_counselors_title_is_not_repeated_after_their_name(
    client, offering, django_capture_on_commit_callbacks
):
    dimas = CounselorFactory(
        name="Dimas Prasetyo, M.Psi., Psikolog",
        role="Psikolog",
        role_en="Psychologist",
        qualifications="Psikolog klinis dengan STR dan SIPP",
    )
    offering.counselors.add(dimas)
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start, counselor=dimas)
    card = soup(client.get("/id/booking/kelompok-uji/")).select_one(".counselor").get_text(" ", strip=True)
    assert card.count("Psikolog") == 2  # the title in the name, and the qualification
    post(client, django_capture_on_commit_callbacks, "/id/booking/kelompok-uji/", form_data(session))
    confirmed = soup(client.get("/id/booking/confirmed/")).select_one("main").get_text(" ", strip=True)
    assert "Dimas Prasetyo, M.Psi., Psikolog" in confirmed and "Psikolog, Psikolog" not in confirmed
    english = soup(client.get("/en/booking/confirmed/")).select_one("main").get_text(" ", strip=True)
    assert "Psychologist" not in english


def test_a_family_session_asks_how_many_come_and_staff_see_it(
    client, admin_client, django_capture_on_commit_callbacks
):
    family = OfferingFactory(
        slug="sesi-keluarga", title="Sesi keluarga", audience="families", places_per_session=4
    )
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=family, start=start, original_start=start)
    assert soup(client.get("/id/booking/kelompok-uji/")).select_one("input[name=people_coming]") is None
    page = soup(client.get(f"/id/booking/sesi-keluarga/?session={session.pk}"))
    assert page.select_one("label[for=id_people_coming]").get_text(strip=True) == "Berapa orang yang datang?"

    refused = client.post("/id/booking/sesi-keluarga/", form_data(session, people_coming="40"))
    assert refused.status_code == 400
    assert "sampai 10 orang" in soup(refused).select_one("#id_people_coming_error").get_text()
    assert soup(refused).select_one("input[name=name]")["value"] == "Ayu"  # nothing typed is lost
    post(
        client,
        django_capture_on_commit_callbacks,
        "/id/booking/sesi-keluarga/",
        form_data(session, people_coming="3"),
    )
    booking = Booking.objects.get()
    assert booking.people_coming == 3
    attendees = soup(admin_client.get(f"/admin/booking/sessions/{session.pk}/attendees/")).get_text(
        " ", strip=True
    )
    assert "3 orang datang" in attendees


def test_an_email_longer_than_the_column_is_a_clear_400_not_a_500(client, session):
    long_address = "a" * 250 + "@contoh.id"
    response = client.post("/id/booking/kelompok-uji/", form_data(session, email=long_address))
    assert response.status_code == 400
    assert "paling banyak 254 karakter" in soup(response).select_one("#id_email_error").get_text()
    assert not Booking.objects.exists()
