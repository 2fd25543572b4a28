import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar

from booking.models import Booking
from programs.models import ProgramPage
from tests import clock
from tests.booking.factories import OfferingFactory, SessionFactory

CATALOGS = sorted(Path(settings.BASE_DIR, "locale", "id", "LC_MESSAGES").glob("*.po"))


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def untranslated(path):
    return [
        entry.msgid
        for entry in polib.pofile(str(path))
        if entry.fuzzy or not (entry.msgstr or any(entry.msgstr_plural.values()))
    ]


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: path.name)
def test_indonesian_catalog_is_complete_and_compiled(catalog):
    assert untranslated(catalog) == []
    compiled = polib.mofile(str(catalog.with_suffix(".mo")))
    compiled_strings = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in compiled}
    for entry in polib.pofile(str(catalog)):
        expected = entry.msgstr or entry.msgstr_plural.get(0)
        assert compiled_strings.get((entry.msgctxt, entry.msgid)) == expected, (
            f"{catalog.name} is not compiled: {entry.msgid}"
        )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (.ci/run installs it)")
def test_catalog_covers_every_string_in_the_code(tmp_path):
    """Extract the strings from a copy of the project: a new string without a translation fails."""
    project = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    shutil.copytree(
        project,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "var", "media", "static_collected", "db.sqlite3", "__pycache__"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "id",
            "--no-obsolete",
            "--ignore",
            "tests/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert untranslated(copy / "locale" / "id" / "LC_MESSAGES" / "django.po") == []


@pytest.mark.django_db
def test_language_switcher_leads_to_the_same_page_in_the_other_language(client):
    page = ProgramPage.objects.get(slug="bimbingan-konseling")
    links = {a["hreflang"]: a["href"] for a in soup(client.get(page.url)).select(".language-switcher a")}
    assert links == {"en": "/en/services/guidance-counseling/"}
    back = {a["hreflang"]: a["href"] for a in soup(client.get(links["en"])).select(".language-switcher a")}
    assert back == {"id": "/id/layanan/bimbingan-konseling/"}


@pytest.mark.django_db
def test_switcher_falls_back_to_the_nearest_translated_ancestor(client, home_page):
    from home.models import StandardPage

    only_indonesian = StandardPage(title="Hanya Indonesia", slug="hanya-indonesia", body=[])
    home_page.add_child(instance=only_indonesian)
    only_indonesian.save_revision().publish()
    links = {
        a["hreflang"]: a["href"] for a in soup(client.get(only_indonesian.url)).select(".language-switcher a")
    }
    assert links == {"en": "/en/"}


@pytest.mark.django_db
def test_switcher_on_booking_pages_keeps_the_offering(client):
    OfferingFactory(slug="kelompok-bahasa")
    links = {
        a["hreflang"]: a["href"]
        for a in soup(client.get("/id/booking/kelompok-bahasa/")).select(".language-switcher a")
    }
    assert links == {"en": "/en/booking/kelompok-bahasa/"}


@pytest.mark.django_db
def test_pages_name_their_translations_for_search_engines(client):
    page = ProgramPage.objects.get(slug="layanan-psikososial")
    head = soup(client.get(page.url)).head
    alternates = {link["hreflang"]: link["href"] for link in head.select("link[rel=alternate]")}
    assert alternates == {
        "id": "http://testserver/id/layanan/layanan-psikososial/",
        "en": "http://testserver/en/services/psychosocial-services/",
        "x-default": "http://testserver/id/layanan/layanan-psikososial/",
    }


@pytest.mark.django_db
def test_interface_text_follows_the_language(client):
    indonesian = soup(client.get("/id/")).select_one(".crisis-bar__lead strong").get_text()
    english = soup(client.get("/en/")).select_one(".crisis-bar__lead strong").get_text()
    assert indonesian == "Dalam bahaya atau butuh bantuan sekarang?"
    assert english == "In danger or need help now?"


def test_dates_and_times_are_written_the_way_each_language_expects():
    moment = timezone.make_aware(timezone.datetime(2026, 12, 7, 15, 0))
    with translation.override("id"):
        assert date_format(moment, "DATETIME_FORMAT") == "Senin, 7 Desember 2026 pukul 15.00"
    with translation.override("en"):
        assert date_format(moment, "DATETIME_FORMAT") == "Monday, 7 December 2026 at 15:00"


@pytest.mark.django_db
def test_a_booking_made_in_english_gets_an_english_email(client, django_capture_on_commit_callbacks):
    offering = OfferingFactory(
        slug="english-group", title="Kelompok", title_en="Friendship group", location_en="Building A"
    )
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    data = {
        "session": str(session.pk),
        "name": "Maya",
        "email": "maya@example.org",
        "age_group": "18_plus",
        "contact_channel": "email",
        "privacy_consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/booking/english-group/", data)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.language == "en"
    (message,) = mail.outbox
    assert message.subject == "Your appointment is confirmed"
    assert "Friendship group" in message.body and "Building A" in message.body
    assert f"/en/booking/manage/{booking.manage_token}/" in message.body
    with translation.override("en"):
        assert date_format(timezone.localtime(start), "DATETIME_FORMAT") in message.body
    _filename, content, _mimetype = message.attachments[0]
    assert str(Calendar.from_ical(content).walk("VEVENT")[0]["summary"]) == "Appointment"
