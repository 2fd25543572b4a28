"""Secret links never reach a log in full: Django's request log, the dev server's and gunicorn's access log."""

import io
import logging
import runpy
from logging.config import dictConfig
from pathlib import Path

import pytest
from django.conf import settings

from tests.booking.factories import BookingFactory

TOKEN = "Zx" * 21 + "Q"  # 43 URL-safe characters, like secrets.token_urlsafe(32)


@pytest.fixture
def log_output():
    """What the configured console handler writes, while the test runs."""
    handler = logging.getLogger("django.request").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_request_for_a_secret_link_is_logged_without_its_token(client, log_output):
    response = client.get(f"/id/booking/manage/{TOKEN}/")
    assert response.status_code == 404
    logging.getLogger("django.server").info('"GET /id/booking/waiting/%s/ HTTP/1.1" 200 512', TOKEN)
    written = log_output.getvalue()
    assert "/id/booking/manage/[token]/" in written
    assert "/id/booking/waiting/[token]/" in written
    assert TOKEN not in written


@pytest.mark.django_db
def test_a_real_manage_link_is_masked_too(client, log_output):
    booking = BookingFactory()
    logging.getLogger("django.request").warning(
        "Bad Request: /id/booking/manage/%s/cancel/", booking.manage_token
    )
    assert booking.manage_token not in log_output.getvalue()


def test_gunicorns_access_log_uses_the_same_filter():
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"))["logconfig_dict"]
    dictConfig(config)
    access = logging.getLogger("gunicorn.access")
    stream = io.StringIO()
    access.handlers[0].setStream(stream)
    access.info(
        '%(h)s "%(r)s" %(s)s', {"h": "10.0.0.1", "r": f"GET /en/buddy/manage/{TOKEN}/ HTTP/1.1", "s": "200"}
    )
    assert "/en/buddy/manage/[token]/" in stream.getvalue()
    assert TOKEN not in stream.getvalue()


@pytest.mark.django_db
def test_a_search_in_the_admin_or_on_the_site_is_logged_without_what_was_searched(log_output):
    logging.getLogger("django.server").info(
        '"GET /admin/booking/bookings/?status=booked&q=siti.rahma%%40example.com HTTP/1.1" 200 512'
    )
    logging.getLogger("django.request").warning("Not Found: /id/search/?q=dibully+di+kelas")
    written = log_output.getvalue()
    assert "siti.rahma" not in written and "dibully" not in written
    assert "/admin/booking/bookings/?status=booked&q=[search]" in written


@pytest.mark.django_db
def test_a_refused_form_on_a_secret_link_is_logged_without_its_token(log_output):
    from django.test import Client

    booking = BookingFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/id/booking/manage/{booking.manage_token}/cancel/", {})
    assert response.status_code == 403
    written = log_output.getvalue()
    assert "Forbidden (CSRF" in written
    assert booking.manage_token not in written


def test_an_error_email_to_admins_carries_the_traceback_but_nothing_a_person_typed(rf, settings, mailoutbox):
    import sys

    from core.logging import ErrorEmailHandler

    settings.ADMINS = [("Tim IT", "it@sekolah.example")]
    settings.DEBUG = False
    request = rf.post(
        f"/id/booking/manage/{TOKEN}/cancel/?q=dibully",
        {"name": "Siti Rahma", "email": "siti.rahma@contoh.id", "topic": "bullying"},
    )

    def booking_that_fails(person_email):
        raise ValueError("the database said no")

    try:
        booking_that_fails(request.POST["email"])
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), sys.exc_info()
        )
    record.request = request
    ErrorEmailHandler().emit(record)

    (message,) = mailoutbox
    assert "ValueError" in message.body and "booking_that_fails" in message.body
    for typed in ("Siti", "siti.rahma", "bullying", "dibully", TOKEN):
        assert typed not in message.body and typed not in message.subject
