"""Rate limits and sign-in throttling count the same client address, behind a proxy too.

Behind one reverse proxy every request arrives from the proxy's address: without
RANGKUL_PROXY_COUNT five wrong passwords from anyone would lock every admin out, and the
whole site would share one booking limit. A forged X-Forwarded-For never counts.
"""

import pytest

from booking.models import Booking
from tests.security.test_abuse import booking_data

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def sign_in(client, username, forwarded_for):
    return client.post(
        "/admin/login/",
        {"username": username, "password": "salah"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_an_attackers_wrong_passwords_lock_only_the_attacker(
    client, settings, django_user_model
):
    settings.RANGKUL_PROXY_COUNT = 1
    django_user_model.objects.create_superuser(
        username="koordinator", email="k@contoh.id", password="benar-sekali"
    )
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"tebakan-{_attempt}", "203.0.113.66")
    assert sign_in(client, "tebakan-lagi", "203.0.113.66").status_code == 429
    # A colleague behind the same proxy, from their own address, still signs in.
    colleague = client.post(
        "/admin/login/",
        {"username": "koordinator", "password": "benar-sekali"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert colleague.status_code == 302


def test_a_forged_header_in_front_of_the_proxys_entry_does_not_escape_the_lock(client, settings):
    settings.RANGKUL_PROXY_COUNT = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The proxy appends the real address; what the attacker wrote stays on the left.
        sign_in(client, f"tebakan-{attempt}", f"192.0.2.{attempt}, 203.0.113.66")
    assert sign_in(client, "tebakan-lagi", "192.0.2.200, 203.0.113.66").status_code == 429


def test_without_a_proxy_setting_the_header_is_ignored(client, settings):
    settings.RANGKUL_PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"tebakan-{attempt}", f"203.0.113.{attempt}")
    # Every try came from the one connection address, whatever the header said.
    assert sign_in(client, "tebakan-lagi", "203.0.113.250").status_code == 429


def test_booking_limits_count_each_client_behind_the_proxy(client, settings, slots):
    settings.RANGKUL_PROXY_COUNT = 1

    def book(session, number, address):
        data = booking_data(session, f"murid{number}@contoh.id")
        return client.post("/id/booking/konseling/", data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)

    statuses = [book(slots[0], number, "203.0.113.10").status_code for number in range(61)]
    assert statuses[0] == 302 and 429 not in statuses[:60] and statuses[60] == 429
    # Another student behind the same proxy is not held back by the first one's burst.
    assert book(slots[9], 99, "203.0.113.11").status_code == 302
    assert Booking.objects.count() == 2


def test_a_request_without_an_address_is_stored_without_one(rf, settings):
    # django-axes records each sign-in's address in an inet column: PostgreSQL refuses anything else.
    from core.client_address import client_address

    request = rf.get("/admin/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) is None
    settings.RANGKUL_PROXY_COUNT = 1
    request.META["HTTP_X_FORWARDED_FOR"] = "not-an-address"
    assert client_address(request) is None
