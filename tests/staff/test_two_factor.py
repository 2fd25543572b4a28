"""Two-factor sign-in: a code from an app after the password, for every role that sees people's records."""

import contextlib
import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.roles import COORDINATOR, COUNSELOR, EDITORS
from tests import clock
from tests.staff.test_permission_matrix import refused

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.RANGKUL_TWO_FACTOR_REQUIRED = True


def signed_in(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="kata-sandi-panjang")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": "kata-sandi-panjang"})
    assert response.status_code == 302
    return user, client


@contextlib.contextmanager
def retyped():
    """A few seconds later, as someone types a code again (django-otp waits a little after a wrong one)."""
    with time_machine.travel(clock.now() + datetime.timedelta(seconds=5), tick=True):
        yield


def current_code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_a_counselor_sets_up_a_device_after_the_password_and_gets_backup_codes(django_user_model):
    user, client = signed_in(django_user_model, "konselor", COUNSELOR)
    first = client.get("/admin/")
    assert first.status_code == 302 and first["Location"].startswith("/admin/two-factor/setup/")
    setup = client.get(first["Location"])
    page = setup.content.decode()
    assert (
        setup.status_code == 200
        and "<svg" in page
        and "https://" not in page.split("<svg", 1)[1].split("</svg>")[0]
    )
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(
        "/admin/two-factor/setup/", {"code": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 400 and client.get("/admin/bookings/").status_code == 302
    with retyped():
        device.refresh_from_db()
        done = client.post("/admin/two-factor/setup/", {"code": current_code(device)})
    codes = done.context["codes"]
    assert done.status_code == 200 and len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200


def test_the_next_sign_in_asks_for_a_code_and_a_backup_code_works_once(django_user_model):
    user, client = signed_in(django_user_model, "koordinator", COORDINATOR)
    device = TOTPDevice.objects.create(user=user, name="Rangkul", confirmed=True)
    from staff.two_factor import backup_codes_renew

    backup = backup_codes_renew(user)[0]
    step = client.get("/admin/booking/missed-sessions/")
    assert step["Location"].startswith("/admin/two-factor/verify/")
    assert client.post("/admin/two-factor/verify/", {"code": "12345"}).status_code == 400
    with retyped():
        signed = client.post(
            "/admin/two-factor/verify/",
            {"code": current_code(device), "next": "/admin/booking/missed-sessions/"},
        )
    assert signed["Location"] == "/admin/booking/missed-sessions/"
    assert client.get("/admin/booking/missed-sessions/").status_code == 200
    # A backup code signs in once.
    with retyped():
        for attempt in range(2):
            other = Client()
            other.post("/admin/login/", {"username": "koordinator", "password": "kata-sandi-panjang"})
            answer = other.post("/admin/two-factor/verify/", {"code": backup})
            assert answer.status_code == (302 if attempt == 0 else 400)
    # A password alone cannot replace the device.
    stranger = Client()
    stranger.post("/admin/login/", {"username": "koordinator", "password": "kata-sandi-panjang"})
    assert stranger.get("/admin/two-factor/setup/")["Location"].startswith("/admin/two-factor/verify/")


def test_editors_are_not_asked_unless_they_add_a_device(django_user_model):
    _user, client = signed_in(django_user_model, "editor", EDITORS)
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_count_with_the_passwords_for_django_axes(django_user_model, settings):
    user, client = signed_in(django_user_model, "konselor", COUNSELOR)
    device = TOTPDevice.objects.create(user=user, name="Rangkul", confirmed=True)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    statuses = [
        client.post("/admin/two-factor/verify/", {"code": wrong}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[:-1] == [400] * (settings.AXES_FAILURE_LIMIT - 1) and statuses[-1] == 429
    locked = client.post("/admin/two-factor/verify/", {"code": current_code(device)})
    assert locked.status_code == 429


def test_a_coordinator_resets_a_lost_device_and_a_counselor_cannot(django_user_model):
    counselor, counselor_client = signed_in(django_user_model, "konselor", COUNSELOR)
    TOTPDevice.objects.create(user=counselor, name="Rangkul", confirmed=True)
    coordinator, coordinator_client = signed_in(django_user_model, "koordinator", COORDINATOR)
    coordinator_device = TOTPDevice.objects.create(user=coordinator, name="Rangkul", confirmed=True)
    coordinator_client.post("/admin/two-factor/verify/", {"code": current_code(coordinator_device)})
    page = coordinator_client.get("/admin/sign-in-security/").content.decode()
    assert f"/admin/sign-in-security/{counselor.pk}/reset/" in page
    asks_first = coordinator_client.get(f"/admin/sign-in-security/{counselor.pk}/reset/")
    assert asks_first.status_code == 200 and TOTPDevice.objects.filter(user=counselor).exists()
    coordinator_client.post(f"/admin/sign-in-security/{counselor.pk}/reset/")
    assert not TOTPDevice.objects.filter(user=counselor).exists()
    fresh = Client()
    fresh.post("/admin/login/", {"username": "konselor", "password": "kata-sandi-panjang"})
    assert fresh.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")
    # A counselor past the second step still may not reset anyone.
    device = TOTPDevice.objects.create(user=counselor, name="Rangkul", confirmed=True)
    fresh.post("/admin/two-factor/verify/", {"code": current_code(device)})
    assert refused(fresh.post(f"/admin/sign-in-security/{coordinator.pk}/reset/"))
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_the_staff_list_reads_in_the_same_number_of_queries_for_any_staff_size(django_user_model, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.RANGKUL_TWO_FACTOR_REQUIRED = False  # the list itself is measured, not the second step
    coordinator, client = signed_in(django_user_model, "koordinator", COORDINATOR)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/sign-in-security/").status_code == 200
        return len(captured)

    for number in range(2):
        member = django_user_model.objects.create_user(username=f"staf{number}")
        member.groups.add(Group.objects.get(name=COUNSELOR))
    few = queries()
    for number in range(2, 8):
        member = django_user_model.objects.create_user(username=f"staf{number}")
        member.groups.add(Group.objects.get(name=COUNSELOR))
        TOTPDevice.objects.create(user=member, name="Rangkul", confirmed=True)
    page = client.get("/admin/sign-in-security/").content.decode()
    assert page.count("/reset/") == 6
    assert queries() == few
