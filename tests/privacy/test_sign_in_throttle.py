"""Admin sign-in is throttled per account and per address, with a clear message in the admin's language."""

import pytest

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, address="10.0.0.5"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_lock_the_account_and_the_address(client, django_user_model, settings):
    django_user_model.objects.create_superuser(
        username="koordinator", email="k@contoh.id", password="benar-sekali"
    )
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "koordinator", "salah").status_code == 200  # the form again, with its error
    locked = sign_in(client, "koordinator", "salah")
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()
    assert "15 menit" in locked.content.decode()
    # Locked means locked: the right password does not get in, from here or from elsewhere.
    assert sign_in(client, "koordinator", "benar-sekali").status_code == 429
    assert sign_in(client, "koordinator", "benar-sekali", address="10.0.0.9").status_code == 429
    # And the address is locked for other accounts too.
    assert sign_in(client, "orang-lain", "apa-saja").status_code == 429


def test_a_right_password_before_the_limit_signs_in(client, django_user_model):
    django_user_model.objects.create_superuser(
        username="koordinator", email="k@contoh.id", password="benar-sekali"
    )
    sign_in(client, "koordinator", "salah")
    response = sign_in(client, "koordinator", "benar-sekali")
    assert response.status_code == 302 and response["Location"] == "/admin/"
