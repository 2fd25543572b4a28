import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import Hotline, SiteSettings
from programs.models import ProgramPage

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Page.objects.values_list("locale__language_code", "url_path")),
        sorted(Hotline.objects.values_list("locale__language_code", "name")),
    )


def test_running_again_duplicates_nothing():
    before = snapshot()
    call_command("load_initial_data", verbosity=0)
    assert snapshot() == before
    assert len(before[0]) == 21  # root + 10 pages in each language
    assert len(before[1]) == 10


def test_running_again_overwrites_no_editor_change(site):
    page = ProgramPage.objects.get(slug="bimbingan-konseling")
    page.summary = "Diubah oleh editor"
    page.save_revision().publish()
    settings = SiteSettings.for_site(site)
    settings.contact_email = "editor@sekolah.sch.id"
    settings.save()

    call_command("load_initial_data", verbosity=0)

    assert ProgramPage.objects.get(slug="bimbingan-konseling").summary == "Diubah oleh editor"
    assert SiteSettings.for_site(site).contact_email == "editor@sekolah.sch.id"


def test_english_pages_are_translations_of_the_indonesian_ones():
    for page in ProgramPage.objects.filter(locale__language_code="id"):
        english = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
        assert english.live
        assert english.service == page.service


def test_hotlines_carry_a_last_verified_date():
    numbers = set(Hotline.objects.filter(locale__language_code="id").values_list("number", flat=True))
    assert numbers == {"112", "110", "119", "129", "184"}
    assert not Hotline.objects.filter(last_verified__isnull=True).exists()
    sapa = Hotline.objects.get(locale__language_code="id", number="129")
    assert sapa.whatsapp_href == "https://wa.me/628111129129"


def test_production_settings_never_create_the_local_admin(django_user_model):
    call_command("load_initial_data", verbosity=0)
    assert not django_user_model.objects.filter(username="admin").exists()
