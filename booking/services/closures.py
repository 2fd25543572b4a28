"""Closures: days with no sessions at all. Indonesia's national holidays come from the holidays library.

Collective leave (cuti bersama) and a school's own holidays are decided each year by the
government and the school: staff add those by hand.
"""

import holidays
from django.db import transaction

from booking.models import Closure
from booking.services.scheduling import sessions_generate


def national_holidays(year):
    """[(date, name in Bahasa Indonesia)] of Indonesia's national holidays in ``year``."""
    return sorted(holidays.country_holidays("ID", years=year, language="id").items())


def national_holidays_to_add(year):
    """[(date, name, already closed)] for ``year``: a day inside an existing closure is not added again."""
    closures = list(Closure.objects.filter(start_date__year__lte=year, end_date__year__gte=year))
    return [
        (day, name, any(closure.start_date <= day <= closure.end_date for closure in closures))
        for day, name in national_holidays(year)
    ]


def closures_add_national_holidays(*, year, now):
    """Add each of ``year``'s national holidays not yet closed as a one-day closure; sessions are
    regenerated after commit (a booked session on a new closure is flagged for staff). Returns how many."""
    with transaction.atomic():
        added = Closure.objects.bulk_create(
            Closure(title=name, start_date=day, end_date=day)
            for day, name, closed in national_holidays_to_add(year)
            if not closed
        )
        transaction.on_commit(lambda: sessions_generate(now=now))
    return len(added)
