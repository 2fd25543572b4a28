import datetime

import pytest
from django.utils import timezone

from booking.services.bookings import Person

# A fixed "now": Monday 30 November 2026, 09:00 in Jakarta.
NOW = datetime.datetime(2026, 11, 30, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def person():
    return Person(name="Ayu", email="Ayu@Contoh.id", age_group="18_plus")


@pytest.fixture
def minor():
    return Person(
        name="Rina",
        email="rina@contoh.id",
        age_group="13_15",
        school_class="8B",
        guardian_name="Ibu Sri",
        guardian_contact="0812-0000-0000",
        guardian_consent=True,
    )


def local(*args):
    return datetime.datetime(*args, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service call as if its transaction committed, so after-commit emails go out."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run
