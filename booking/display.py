"""What the public booking pieces show, prepared in Python once instead of tag by tag in templates.

Every text here is in the active language and every time is local with its zone.
"""

import itertools
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

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
    full: bool = False

    @property
    def value(self):
        return str(self.session_id)


@dataclass
class Day:
    label: str
    iso: str = ""
    short_label: str = ""
    times: list = field(default_factory=list)

    @property
    def free_count(self):
        return sum(1 for time in self.times if not time.full)

    @property
    def count_text(self):
        if not self.free_count:
            return gettext("Full — waiting list")
        return ngettext("%(count)d free time", "%(count)d free times", self.free_count) % {
            "count": self.free_count
        }

    def only(self, time_value):
        """This day with just the one time, for a page where that time is already chosen."""
        return Day(
            label=self.label,
            iso=self.iso,
            short_label=self.short_label,
            times=[time for time in self.times if time.value == time_value],
        )


@dataclass
class OfferingCard:
    offering: object
    facts: str
    booking_url: str
    next_times: list


def _places(session, offering):
    if getattr(session, "is_full", False):
        return gettext("Full — join the waiting list")
    return "" if offering.is_individual else places_left_text(session.places_left)


def session_days(sessions, offering):
    """The sessions grouped by local day, ready for the time picker."""
    zone = local_zone()
    days = []
    for day, group in itertools.groupby(sessions, key=lambda s: s.start.astimezone(zone).date()):
        days.append(
            Day(
                label=formats.date_format(day, "l, j F Y"),
                iso=day.isoformat(),
                short_label=formats.date_format(day, "D j M"),
                times=[
                    TimeChoice(
                        session_id=session.pk,
                        label=format_local_range(session.start, session.end, with_date=False),
                        counselor=session.counselor.name if session.counselor_id else "",
                        places=_places(session, offering),
                        full=getattr(session, "is_full", False),
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
                        # Opens the booking page at that time, already chosen: one tap from the program page.
                        url=f"{booking_url}?session={session.pk}#time-{session.pk}",
                    )
                    for session in sessions_by_offering[offering.pk]
                ],
            )
        )
    return cards


def time_picker_html(days, chosen):
    """The time picker's days and radio buttons as HTML, built in one pass (a page may offer dozens).

    The first radio button has the id ``id_session_0`` so that the error summary can link to it.
    """
    first = True
    parts = []
    for day in days:
        options = []
        for time in day.times:
            input_id = "id_session_0" if first else f"id_session_{time.value}"
            first = False
            extra = format_html(" · {}", time.counselor) if time.counselor else ""
            places = format_html(' <span class="places">· {}</span>', time.places) if time.places else ""
            options.append(
                format_html(
                    '<li class="session-option choice{}" id="time-{}"><input type="radio" name="session" value="{}" '
                    'id="{}"{}><label for="{}">{}{}{}</label></li>',
                    " session-option--full" if time.full else "",
                    time.value,
                    time.value,
                    input_id,
                    mark_safe(" checked") if time.value == chosen else "",
                    input_id,
                    time.label,
                    extra,
                    places,
                )
            )
        parts.append(
            format_html(
                '<div class="session-day"><h3>{}</h3><ul class="session-list">{}</ul></div>',
                day.label,
                format_html_join("", "{}", ((option,) for option in options)),
            )
        )
    return format_html_join("\n", "{}", ((part,) for part in parts))
