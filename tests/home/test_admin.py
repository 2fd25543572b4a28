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
    assert admin_client.get("/admin/snippets/core/hotline/").status_code == 200
    response = admin_client.get(f"/admin/settings/core/sitesettings/{site.id}/")
    assert response.status_code == 200
    assert "exit_url" in response.content.decode()


def test_editors_translate_a_new_page_into_english_in_the_admin(admin_client, home_page, english):
    from home.models import StandardPage

    page = StandardPage(title="Jadwal ujian", slug="jadwal-ujian", body=[])
    home_page.add_child(instance=page)
    page.save_revision().publish()

    response = admin_client.post(f"/admin/translation/submit/page/{page.id}/", {"locales": [english.id]})

    assert response.status_code == 302
    translation = page.get_translation(english)
    assert translation.get_parent().specific == home_page.get_translation(english)


def test_correcting_a_hotline_number_once_corrects_both_languages(admin_client, client):
    from core.models import Hotline

    hotline = Hotline.objects.get(number="119")
    edit_url = f"/admin/snippets/core/hotline/edit/{hotline.pk}/"
    form = admin_client.get(edit_url).context["form"]
    data = {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}
    data.update(number="119", extension="9", show_in_crisis_bar="on", name_en="Mental health line")
    assert admin_client.post(edit_url, data).status_code == 302

    for url, name in (("/id/", "Kesehatan jiwa"), ("/en/", "Mental health line")):
        bar = BeautifulSoup(client.get(url).content, "html.parser").select_one("aside.crisis-bar")
        link = bar.select_one("a[href^='tel:119']")
        assert link["href"] == "tel:119,9"
        assert link.get_text(strip=True).startswith(name)
