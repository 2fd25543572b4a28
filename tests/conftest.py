import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from wagtail.models import Locale

from core.content_version import forget_stamps
from tests import clock
from tests.factories import build_site


def pytest_configure(config):
    config.addinivalue_line("markers", "empty_site: start from an empty database, without the test site")


def pytest_report_header(config):
    moment = clock.sweep_moment()
    return f"clock: {moment.isoformat() if moment else 'real'} (RANGKUL_TEST_CLOCK)"


@pytest.fixture(autouse=True)
def _clock():
    """Every test starts at the sweep's moment (RANGKUL_TEST_CLOCK), and the clock ticks on from there."""
    moment = clock.sweep_moment()
    if moment is None:
        yield
        return
    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture
def clock_stopped(_clock):
    """The clock held still at this moment, for tests that count in one-minute windows.

    django-ratelimit counts in fixed windows (one minute, at an offset per address): a burst
    that a ticking clock carries across a window's end would start counting again halfway.
    Free times are kept within the minute too: a test that counts the queries of a cached
    page would see them read afresh when its minute ends.
    """
    with time_machine.travel(clock.now(), tick=False):
        yield


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test's database starts again from the same content version: cached pages must not carry over.

    Content types too: a transactional test empties the database and they come back with new ids;
    and the availability stamps this process read (each test starts them again from nothing).
    """
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()
    forget_stamps()


@pytest.fixture(autouse=True)
def _test_site(request, _clock):
    """Database tests start from the small bilingual site of ``tests.factories`` (never the starter content)."""
    if request.node.get_closest_marker("django_db") and not request.node.get_closest_marker("empty_site"):
        request.getfixturevalue("site_tree")


@pytest.fixture
def site_tree(db):
    return build_site()


@pytest.fixture
def site(site_tree):
    return site_tree.site


@pytest.fixture
def home_page(site_tree):
    return site_tree.id.home


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="staff", email="staff@example.org", password="pw"
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
