"""Fast pages: query budgets that do not grow with the data, caching that is never stale."""

import datetime
import gzip
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from booking.models import Closure, OfferingKind
from booking.services import bookings
from core import page_cache
from core.content_version import content_changed
from core.localtime import local_zone
from core.models import SiteSettings
from core.selectors import forget_locales
from tests import clock
from tests.booking.factories import CounselorFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12


@pytest.fixture
def offering(site_tree):
    return make_offerings(site_tree, 1)[0]


def make_offerings(site_tree, count):
    offerings = []
    for number in range(count):
        offering = OfferingFactory(program_page=site_tree.id.counseling, slug=f"kelompok-{number}-{count}")
        for day in range(3, 6):
            start = clock.now() + datetime.timedelta(days=day, hours=number % 5)
            SessionFactory(offering=offering, start=start, original_start=start)
        offerings.append(offering)
    return offerings


def page_urls(site_tree, offering):
    return {
        "home": site_tree.id.home.url,
        "services index": site_tree.id.services.url,
        "program page": site_tree.id.counseling.url,
        "standard page": site_tree.id.privacy.url,
        "english program page": site_tree.en.counseling.url,
        "search": "/id/search/?q=konseling",
        "booking page": f"/id/booking/{offering.slug}/",
    }


def queries_for(client, url, *, warm=True, clear=True):
    if warm:
        client.get(url)
    elif clear:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("warm", [True, False], ids=["warm", "cold"])
def test_every_public_page_keeps_its_query_budget_whatever_the_data(
    client, site_tree, offering, warm, clock_stopped
):
    # A process reads a few things once, at its first page (content types, the locales' ids).
    for url in page_urls(site_tree, offering).values():
        client.get(url)
    few = {name: queries_for(client, url, warm=warm) for name, url in page_urls(site_tree, offering).items()}
    make_offerings(site_tree, 30)
    many = {name: queries_for(client, url, warm=warm) for name, url in page_urls(site_tree, offering).items()}
    assert many == few
    if warm:
        assert max(few.values()) <= QUERY_BUDGET, few


def a_publish_then_a_new_process():
    """What a web worker that has just started meets after an editor publishes: the shared cache
    keeps what the publish did not change (free times, settings, hotlines), the process knows nothing."""
    content_changed()
    ContentType.objects.clear_cache()
    forget_locales()


def test_the_first_view_after_a_publish_keeps_the_budget_even_in_a_new_process(
    client, site_tree, offering, clock_stopped
):
    def after_a_publish():
        measured = {}
        for name, url in page_urls(site_tree, offering).items():
            client.get(url)
            a_publish_then_a_new_process()
            measured[name] = queries_for(client, url, warm=False, clear=False)
        return measured

    few = after_a_publish()
    make_offerings(site_tree, 30)
    assert after_a_publish() == few
    assert max(few.values()) <= QUERY_BUDGET, few


def test_a_cached_program_page_with_free_times_answers_in_one_query(
    client, site_tree, offering, clock_stopped
):
    url = site_tree.id.counseling.url
    client.get(url)
    assert queries_for(client, url) == 1  # the version row; its free times' stamps are known


def test_anonymous_content_pages_are_cacheable_and_compressed(client, site_tree):
    response = client.get(site_tree.id.counseling.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "public" in response["Cache-Control"] and "must-revalidate" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    assert response.has_header("ETag")
    assert "Bimbingan Konseling" in gzip.decompress(response.content).decode()
    time.sleep(1.1)  # gzip writes the current second into its header unless told not to
    again = client.get(
        site_tree.id.counseling.url, HTTP_IF_NONE_MATCH=response["ETag"], HTTP_ACCEPT_ENCODING="gzip"
    )
    assert again.status_code == 304
    assert again.content == b""


def test_a_cached_page_is_compressed_once_and_a_304_not_at_all(client, site_tree, monkeypatch):
    compressions = []
    real_compress = gzip.compress
    monkeypatch.setattr(
        gzip, "compress", lambda data, **options: compressions.append(1) or real_compress(data, **options)
    )
    page_cache._compressed.cache_clear()
    url = site_tree.id.counseling.url
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert [client.get(url, HTTP_ACCEPT_ENCODING="gzip").content for _ in range(3)] == [first.content] * 3
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert len(compressions) == 1
    # The uncompressed page is another set of bytes, with another ETag.
    plain = client.get(url)
    assert "Content-Encoding" not in plain and plain["ETag"] != first["ETag"]
    assert gzip.decompress(first.content) == plain.content


def test_booking_and_manage_pages_are_never_cached_nor_compressed(client, offering):
    response = client.get(f"/id/booking/{offering.slug}/", HTTP_ACCEPT_ENCODING="gzip")
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert not response.has_header("Content-Encoding")


def test_a_signed_in_editor_is_never_served_the_anonymous_copy(client, admin_client, site_tree):
    client.get(site_tree.id.home.url)  # fills the cache for anonymous visitors
    response = admin_client.get(site_tree.id.home.url)
    assert "public" not in response.get("Cache-Control", "")
    assert BeautifulSoup(response.content, "html.parser").select_one(
        "wagtail-userbar, [data-wagtail-userbar]"
    )


def test_an_editors_publish_is_visible_at_once(client, site_tree):
    page = site_tree.id.counseling
    client.get(page.url)
    client.get(site_tree.id.home.url)
    page.title = "Konseling Sekolah"
    page.save_revision().publish()
    assert "Konseling Sekolah" in client.get(page.url).content.decode()
    home_menu_and_cards = client.get(site_tree.id.home.url).content.decode()
    assert "Konseling Sekolah" in home_menu_and_cards


def test_a_changed_hotline_shows_at_once_on_cached_pages(client, site_tree):
    from core.models import Hotline

    client.get(site_tree.id.home.url)
    hotline = Hotline.objects.get(number="112")
    hotline.number = "911"
    hotline.save()
    assert 'href="tel:911"' in client.get(site_tree.id.home.url).content.decode()


def test_an_offering_edit_shows_at_once_in_the_free_times_of_its_page(client, offering, site_tree):
    assert offering.title in client.get(site_tree.id.counseling.url).content.decode()
    offering.title = "Kelompok Berbagi Cerita"
    offering.save()
    assert "Kelompok Berbagi Cerita" in client.get(site_tree.id.counseling.url).content.decode()


def test_a_closure_takes_its_days_off_the_cached_free_times_at_once(client, offering, site_tree):
    session = offering.sessions.order_by("start").first()
    link = f"?session={session.pk}"
    assert link in client.get(site_tree.id.counseling.url).content.decode()
    day = timezone.localtime(session.start, local_zone()).date()
    Closure.objects.create(title="Libur sekolah", start_date=day, end_date=day)
    assert link not in client.get(site_tree.id.counseling.url).content.decode()
    assert link not in client.get(f"/id/booking/{offering.slug}/").content.decode()


def test_changed_site_settings_show_at_once_after_pages_kept_them(client, site_tree):
    client.get(site_tree.id.home.url)
    site_tree.id.counseling.save_revision().publish()  # pages are rebuilt, the settings kept
    client.get(site_tree.id.home.url)
    settings = SiteSettings.objects.get()
    settings.organisation_name = "Ruang Dengar SMA 7"
    settings.save()
    assert "Ruang Dengar SMA 7" in client.get(site_tree.id.home.url).content.decode()


def test_free_times_on_a_cached_program_page_follow_every_booking(
    client, site_tree, django_capture_on_commit_callbacks
):
    offering = OfferingFactory(program_page=site_tree.id.counseling, places_per_session=1, slug="satu-tempat")
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    link = f"/id/booking/satu-tempat/?session={session.pk}"
    assert link in client.get(site_tree.id.counseling.url).content.decode()

    person = bookings.Person(name="Ayu", email="ayu@contoh.id", age_group="18_plus")
    with django_capture_on_commit_callbacks(execute=True):
        booking = bookings.booking_create(
            session_id=session.pk, person=person, language="id", now=clock.now()
        )
    assert link not in client.get(site_tree.id.counseling.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        bookings.booking_cancel(booking_id=booking.pk, now=clock.now())
    assert link in client.get(site_tree.id.counseling.url).content.decode()


def test_a_booking_renews_the_free_times_of_its_own_pages_only(
    client, site_tree, django_capture_on_commit_callbacks, clock_stopped
):
    booked = OfferingFactory(program_page=site_tree.id.counseling, places_per_session=1, slug="satu-tempat")
    other = OfferingFactory(program_page=site_tree.id.psychosocial, slug="lain")
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=booked, start=start, original_start=start)
    SessionFactory(offering=other, start=start, original_start=start)
    for url in (site_tree.id.counseling.url, site_tree.id.psychosocial.url, f"/id/booking/{other.slug}/"):
        client.get(url)
    unchanged = {
        url: queries_for(client, url)
        for url in (site_tree.id.psychosocial.url, f"/id/booking/{other.slug}/", site_tree.id.counseling.url)
    }

    person = bookings.Person(name="Ayu", email="ayu@contoh.id", age_group="18_plus")
    with django_capture_on_commit_callbacks(execute=True):
        bookings.booking_create(session_id=session.pk, person=person, language="id", now=clock.now())

    # The other program's page and booking page keep their free times: only their stamps are read
    # again (one query), no session.
    for url in (site_tree.id.psychosocial.url, f"/id/booking/{other.slug}/"):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) == unchanged[url] + 1, url
        assert not [query for query in queries if '"booking_session"' in query["sql"]], url
        assert queries_for(client, url, warm=False, clear=False) == unchanged[url], url
    assert (
        queries_for(client, site_tree.id.counseling.url, warm=False, clear=False)
        > unchanged[site_tree.id.counseling.url]
    )
    assert f"?session={session.pk}" not in client.get(site_tree.id.counseling.url).content.decode()


def test_a_counselors_appointment_renews_their_free_times_in_every_one_to_one_offering(
    client, site_tree, django_capture_on_commit_callbacks
):
    counselor = CounselorFactory()
    start = clock.now() + datetime.timedelta(days=3)
    sessions = {}
    for page, slug in ((site_tree.id.counseling, "konseling-a"), (site_tree.id.psychosocial, "konseling-b")):
        offering = OfferingFactory(
            program_page=page, slug=slug, kind=OfferingKind.INDIVIDUAL, places_per_session=1
        )
        offering.counselors.add(counselor)
        sessions[slug] = SessionFactory(
            offering=offering, start=start, original_start=start, counselor=counselor
        )
    elsewhere = f"?session={sessions['konseling-b'].pk}"
    assert elsewhere in client.get(site_tree.id.psychosocial.url).content.decode()

    person = bookings.Person(name="Ayu", email="ayu@contoh.id", age_group="18_plus")
    with django_capture_on_commit_callbacks(execute=True):
        bookings.booking_create(
            session_id=sessions["konseling-a"].pk, person=person, language="id", now=clock.now()
        )

    # The counselor cannot be in two rooms at once: the same hour is gone from the other offering.
    assert elsewhere not in client.get(site_tree.id.psychosocial.url).content.decode()
    assert elsewhere not in client.get("/id/booking/konseling-b/").content.decode()
