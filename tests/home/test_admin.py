import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_editor_publishes_a_change_that_shows_on_the_site(admin_client, client, home_page):
    data = nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "intro": "Sekolah kami peduli pada setiap siswa.",
            "services_heading": home_page.services_heading,
            "help_heading": home_page.help_heading,
            "danger_text": home_page.danger_text,
            "counselor_text": home_page.counselor_text,
            "peer_text": home_page.peer_text,
            "body": streamfield([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{home_page.id}/edit/", data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(
        ".error-message"
    )
    assert HomePage.objects.get(id=home_page.id).intro == "Sekolah kami peduli pada setiap siswa."
    client.logout()
    assert "Sekolah kami peduli pada setiap siswa." in client.get("/id/").content.decode()


def test_hotlines_and_settings_are_editable_in_the_admin(admin_client, site):
    assert admin_client.get("/admin/snippets/home/hotline/").status_code == 200
    response = admin_client.get(f"/admin/settings/home/sitesettings/{site.id}/")
    assert response.status_code == 200
    assert "exit_url" in response.content.decode()
