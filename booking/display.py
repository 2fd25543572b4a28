"""What the public booking pieces show, prepared in Python once instead of tag by tag in templates.

Every text here is in the active language and every time is local with its zone.
"""

import itertools
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats
from django.utils.translation import ngettext

from core.localtime import format_local, format_local_range, local_zone


def places_left_text(places_left):
    return ngettext("%(left)d place left", "%(left)d places left", places_left) % {"left": places_left}


def minutes_text(minutes):
    return ngettext("%(minutes)d minute", "%(minutes)d minutes", minutes) % {"minutes": minutes}


@dataclass
class TimeChoice:
    session_id: int
    label: str
    counselor: str
    places: str
    url: str = ""

    @property
    def value(self):
        return str(self.session_id)


@dataclass
class Day:
    label: str
    times: list = field(default_factory=list)


@dataclass
class OfferingCard:
    offering: object
    facts: str
    booking_url: str
    next_times: list


def _places(session, offering):
    return "" if offering.is_individual else places_left_text(session.places_left)


def session_days(sessions, offering):
    """The sessions grouped by local day, ready for the time picker."""
    zone = local_zone()
    days = []
    for day, group in itertools.groupby(sessions, key=lambda s: s.start.astimezone(zone).date()):
        days.append(
            Day(
                label=formats.date_format(day, "l, j F Y"),
                times=[
                    TimeChoice(
                        session_id=session.pk,
                        label=format_local_range(session.start, session.end, with_date=False),
                        counselor=session.counselor.name if session.counselor_id else "",
                        places=_places(session, offering),
                    )
                    for session in group
                ],
            )
        )
    return days


def offering_facts(offering):
    return f"{offering.get_kind_display()} · {offering.get_audience_display()} · {minutes_text(offering.duration_minutes)}"


def offering_cards(offerings, sessions_by_offering):
    """One card per offering with its next free times, each linking to the booking form with it chosen."""
    cards = []
    for offering in offerings:
        booking_url = reverse("booking:offering", kwargs={"slug": offering.slug})
        cards.append(
            OfferingCard(
                offering=offering,
                facts=offering_facts(offering),
                booking_url=booking_url,
                next_times=[
                    TimeChoice(
                        session_id=session.pk,
                        label=format_local(session.start),
                        counselor="",
                        places=_places(session, offering),
                        url=f"{booking_url}?session={session.pk}",
                    )
                    for session in sessions_by_offering[offering.pk]
                ],
            )
        )
    return cards
