"""The starter content in content/: the only tests that load it."""

import datetime
import itertools

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page

from booking.models import Counselor, Offering, Schedule
from core.models import Hotline, SiteSettings
from home.models import HomePage, StandardPage
from programs.models import ProgramIndexPage, ProgramPage
from tests import clock

pytestmark = [pytest.mark.django_db, pytest.mark.empty_site]


@pytest.fixture
def starter(db):
    call_command("load_initial_data", verbosity=0)


def snapshot():
    return (
        sorted(Page.objects.values_list("locale__language_code", "url_path")),
        sorted(Hotline.objects.values_list("number", "name", "name_en")),
    )


def test_running_again_duplicates_nothing(starter):
    before = snapshot()
    call_command("load_initial_data", verbosity=0)
    assert snapshot() == before
    assert len(before[0]) == 21  # root + 10 pages in each language
    assert len(before[1]) == 5


def test_running_again_overwrites_no_editor_change(starter):
    page = ProgramPage.objects.get(slug="bimbingan-konseling")
    page.summary = "Diubah oleh editor"
    page.save_revision().publish()
    site_settings = SiteSettings.objects.get()
    site_settings.contact_email = "editor@sekolah.sch.id"
    site_settings.save()

    call_command("load_initial_data", verbosity=0)

    assert ProgramPage.objects.get(slug="bimbingan-konseling").summary == "Diubah oleh editor"
    assert SiteSettings.objects.get().contact_email == "editor@sekolah.sch.id"


def test_every_starter_page_renders_in_both_languages(starter, client):
    pages = list(Page.objects.live().filter(depth__gt=1).specific())
    assert {page.locale.language_code for page in pages} == {"id", "en"}
    assert {type(page) for page in pages} == {HomePage, ProgramIndexPage, ProgramPage, StandardPage}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.html["lang"] == page.locale.language_code
        assert soup.h1.get_text(strip=True), page.url


def test_english_pages_are_translations_of_the_indonesian_ones(starter):
    english = Locale.objects.get(language_code="en")
    for page in ProgramPage.objects.filter(locale__language_code="id"):
        translation = page.get_translation(english)
        assert translation.live
        assert translation.service == page.service


def test_markdown_becomes_rich_text_with_links_and_lists(starter, client):
    privacy = StandardPage.objects.get(slug="kebijakan-privasi")
    soup = BeautifulSoup(client.get(privacy.url).content, "html.parser")
    main = soup.select_one("main")
    assert main.select_one("a[href='mailto:halo@rangkul.sch.id']")
    assert len(main.select("ul li")) >= 5
    assert "**" not in main.get_text() and "](" not in main.get_text()


def test_staying_safe_page_is_honest_about_browser_history(starter, client):
    page = StandardPage.objects.get(slug="aman-di-internet")
    assert "tidak menghapus riwayat browser" in client.get(page.url).content.decode()


def test_services_index_compares_the_three_services(starter, client):
    index = ProgramIndexPage.objects.get(locale__language_code="id")
    table = BeautifulSoup(client.get(index.url).content, "html.parser").select_one("table")
    assert table.caption.get_text(strip=True) == "Perbandingan tiga layanan"
    row_headers = [th.get_text(strip=True) for th in table.select("tbody th")]
    assert row_headers == ["Siapa yang mendampingi", "Seberapa formal", "Kekuatan utama"]


def test_hotlines_carry_a_last_verified_date(starter):
    numbers = set(Hotline.objects.values_list("number", flat=True))
    assert numbers == {"112", "110", "119", "129", "184"}
    assert not Hotline.objects.filter(last_verified__isnull=True).exists()
    assert not Hotline.objects.filter(name_en="").exists()
    sapa = Hotline.objects.get(number="129")
    assert sapa.whatsapp_href == "https://wa.me/628111129129"


def test_crisis_bar_follows_the_starter_order(starter, client):
    soup = BeautifulSoup(client.get("/id/").content, "html.parser")
    hrefs = [a["href"] for a in soup.select("aside.crisis-bar a[href^='tel:']")]
    assert hrefs == ["tel:112", "tel:119,8", "tel:129"]


def test_a_real_start_creates_no_demo_offerings_and_no_local_admin(starter, django_user_model):
    assert not Offering.objects.exists()
    assert not Counselor.objects.exists()
    assert not django_user_model.objects.filter(username="admin").exists()


def test_demo_flag_adds_bookable_offerings_once(starter):
    call_command("load_initial_data", demo=True, verbosity=0)
    call_command("load_initial_data", demo=True, verbosity=0)
    assert Offering.objects.count() == Schedule.objects.count() == 4
    assert Counselor.objects.count() == 3
    assert set(Offering.objects.values_list("program_page__service", flat=True)) == {
        "peer",
        "counseling",
        "psychosocial",
    }


def test_demo_closes_on_this_and_next_years_national_holidays_and_offers_no_session_then(starter):
    from booking.models import Closure, Session
    from booking.services.scheduling import sessions_generate

    call_command("load_initial_data", demo=True, verbosity=0)
    call_command("load_initial_data", demo=True, verbosity=0)
    year = clock.today().year
    for christmas in (datetime.date(year, 12, 25), datetime.date(year + 1, 12, 25)):
        assert Closure.objects.filter(start_date=christmas, title="Hari Raya Natal").count() == 1
    now = clock.now()
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=60))
    closed = Closure.objects.values_list("start_date", flat=True)
    starts = {timezone.localtime(start).date() for start in Session.objects.values_list("start", flat=True)}
    assert starts and not starts & set(closed)


def test_demo_adds_a_past_term_of_fictional_activity_once_that_fills_every_report(starter):

    from booking.models import Booking, Session
    from staff.figures import term_figures
    from staff.models import Term

    assert not Term.objects.exists()
    call_command("load_initial_data", demo=True, verbosity=0)
    sessions = Session.objects.count()
    call_command("load_initial_data", demo=True, verbosity=0)
    assert Session.objects.count() == sessions
    term = Term.objects.get()
    past = Booking.objects.filter(session__start__lt=clock.now())
    assert past.filter(status="attended").exists() and past.filter(status="no_show").exists()
    assert all(email.endswith("@contoh.invalid") for email in past.values_list("email", flat=True))
    figures = term_figures(term.start_date, term.end_date, now=clock.now())
    assert [figure.key for figure in figures if figure.is_empty] == []


def test_the_privacy_notice_states_the_keeping_periods_and_version_in_use(starter, settings):
    from home.models import StandardPage

    for language, unit in (("id", "hari"), ("en", "days")):
        page = StandardPage.objects.get(
            slug__in=["kebijakan-privasi", "privacy-notice"], locale__language_code=language
        )
        text = str(page.body) + page.intro
        assert settings.RANGKUL_PRIVACY_NOTICE_VERSION in page.intro
        for days in set(settings.RANGKUL_RETENTION_DAYS.values()):
            assert f"{days} {unit}" in text


def test_the_starter_chooser_leads_to_every_kind_of_help_in_both_languages(starter, client):
    import itertools

    from support.chooser import HelpKind, suggestion_order
    from support.models import HelpChooser

    chooser = HelpChooser.load()
    questions, suggestions = list(chooser.questions), list(chooser.suggestions)
    assert len(questions) >= 3
    assert {block.value["kind"] for block in suggestions} == set(HelpKind.values)
    for block in questions:
        assert block.value["question_en"] and all(answer["label_en"] for answer in block.value["answers"])
    for block in suggestions:
        assert block.value["title_en"] and block.value["text_en"] and block.value["link_label_en"]
    # Some set of answers makes each suggestion the first one shown.
    reached = {
        suggestion_order(questions, suggestions, answers)[0].value["kind"]
        for answers in itertools.product(*(range(len(block.value["answers"])) for block in questions))
    }
    assert reached == set(HelpKind.values)
    for language in ("id", "en"):
        result = client.post(f"/{language}/help/which/", {"answers": "0,1", "answer": "0"})
        assert result.status_code == 200
        link = BeautifulSoup(result.content, "html.parser").select_one(".chooser__best a.button")["href"]
        assert client.get(link).status_code == 200, link


def _heading_levels(html):
    return [
        int(heading.name[1])
        for heading in BeautifulSoup(html, "html.parser").find_all(["h1", "h2", "h3", "h4"])
    ]


def test_no_starter_page_skips_a_heading_level(starter, client):
    """An h1 is followed by an h2, never straight by an h3 (what the Nu HTML checker and screen readers' outlines expect)."""
    for page in Page.objects.live().filter(depth__gt=1):
        levels = _heading_levels(client.get(page.url).content)
        assert levels.count(1) == 1, page.url
        skips = [(before, after) for before, after in itertools.pairwise(levels) if after > before + 1]
        assert skips == [], (page.url, levels)


def test_the_booking_and_sign_up_pages_describe_themselves_and_every_field_hint_is_there(client):
    call_command("load_initial_data", demo=True, verbosity=0)
    from buddies.models import BuddyProgram

    program = BuddyProgram.objects.first()
    offering = Offering.objects.first()
    for address in [
        f"/id/booking/{offering.slug}/",
        f"/en/booking/{offering.slug}/",
        f"/id/buddy/{program.slug}/",
        f"/en/buddy/{program.slug}/buddy/",
        "/id/help/which/",
        "/en/help/ask/",
        "/id/help/report/",
    ]:
        soup = BeautifulSoup(client.get(address).content, "html.parser")
        description = soup.select_one("meta[name=description]")
        assert description is not None and len(description["content"]) > 40, address
        # A field that says it is described by a hint points at a hint on the page.
        described_by = {
            name
            for element in soup.select("[aria-describedby]")
            for name in element["aria-describedby"].split()
        }
        assert [name for name in described_by if soup.find(id=name) is None] == [], address
