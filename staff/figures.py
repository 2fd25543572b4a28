"""The Reports page's figures for a term: counts and rates only, never anything about a person.

Each figure is computed in a fixed number of queries, counted per local (WIB) week or per
service in the database where the rows are many (bookings, sessions); labels are in the
active language.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Case, Count, IntegerField, Q, Sum, Value, When
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from booking.models import (
    FEEDBACK_ITEMS,
    Booking,
    BookingStatus,
    MissedSessionsFollowUp,
    Session,
    SessionFeedback,
    SessionStatus,
    WaitingListEntry,
    WaitingListStatus,
)
from booking.rules import local_week
from booking.selectors import FEEDBACK_THRESHOLD
from buddies.models import BuddyPair, CheckInAnswer, CheckInKind, EndReason, PairCheckIn
from core.localtime import local_zone
from programs.models import ProgramPage
from support import selectors as support_selectors
from support.models import RequestKind


@dataclass
class Figure:
    """One chart: categories along one axis, one or more named series of numbers."""

    key: str
    title: str
    categories: list
    series: dict  # {series name: [value per category]}
    unit: str = "count"  # "count" or "percent"
    stacked: bool = False
    notes: list = field(default_factory=list)

    @property
    def rows(self):
        """(category, [value per series]) for the table beside the chart."""
        return [
            (category, [values[index] for values in self.series.values()])
            for index, category in enumerate(self.categories)
        ]

    @property
    def is_empty(self):
        return not any(any(values) for values in self.series.values())


def term_bounds(first_day, last_day):
    zone = local_zone()
    return (
        datetime.datetime.combine(first_day, datetime.time(), zone),
        datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(), zone),
    )


def term_weeks(first_day, last_day):
    """The Mondays of the weeks the term touches."""
    monday = first_day - datetime.timedelta(days=first_day.weekday())
    weeks = []
    while monday <= last_day:
        weeks.append(monday)
        monday += datetime.timedelta(days=7)
    return weeks


def week_label(monday):
    return formats.date_format(monday, "j M")


def service_names():
    """{program page id: the service's title in the active language}, for the three services in tree order.

    Offerings belong to the Bahasa Indonesia pages; the title comes from the page of the same
    translation key in the active language, if there is one. Two queries, whatever the number.
    """
    sources = list(
        ProgramPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .defer_streamfields()
    )
    titles = dict(
        ProgramPage.objects.filter(
            locale__language_code=translation.get_language(),
            translation_key__in=[page.translation_key for page in sources],
        ).values_list("translation_key", "title")
    )
    return {page.pk: titles.get(page.translation_key, page.title) for page in sources}


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


def week_of(field, weeks):
    """The index in ``weeks`` of the local week a moment falls in, worked out by the database.

    WIB has no daylight saving, so each local Monday starts at a fixed instant: comparing with
    those instants buckets the rows in SQL on any database, with no date arithmetic per row.
    """
    zone = local_zone()
    mondays = [datetime.datetime.combine(monday, datetime.time(), zone) for monday in weeks[1:]]
    return Case(
        *(When(**{f"{field}__lt": monday}, then=Value(index)) for index, monday in enumerate(mondays)),
        default=Value(len(mondays)),
        output_field=IntegerField(),
    )


def bookings_per_week(start, end, weeks, services):
    counts = Counter(
        {
            (week, page_id): count
            for week, page_id, count in Booking.objects.taking_a_place()
            .filter(session__start__gte=start, session__start__lt=end)
            .annotate(week=week_of("session__start", weeks))
            .values_list("week", "session__offering__program_page_id")
            .annotate(count=Count("pk"))
            .order_by()
        }
    )
    return Figure(
        key="bookings",
        title=_("Bookings per week, by service"),
        categories=[week_label(week) for week in weeks],
        series={
            name: [counts[(index, page_id)] for index in range(len(weeks))]
            for page_id, name in services.items()
        },
        stacked=True,
    )


def fill_rate_per_week(start, end, weeks):
    per_week = {
        week: (offered, taken)
        for week, offered, taken in Session.objects.with_places_taken()
        .filter(start__gte=start, start__lt=end, status=SessionStatus.SCHEDULED)
        .annotate(week=week_of("start", weeks))
        .values_list("week")
        .annotate(offered=Sum("places"), taken=Sum("places_taken"))
        .values_list("week", "offered", "taken")
        .order_by()
    }
    return Figure(
        key="fill_rate",
        title=_("Places filled per week"),
        categories=[week_label(week) for week in weeks],
        series={
            _("Places filled (%)"): [
                _percent(taken, offered)
                for offered, taken in (per_week.get(index, (0, 0)) for index in range(len(weeks)))
            ]
        },
        unit="percent",
    )


def attendance_by_service(start, end, services, now):
    rows = Booking.objects.taking_a_place().filter(
        session__start__gte=start, session__start__lt=min(end, now), session__status=SessionStatus.SCHEDULED
    )
    counts = Counter(
        {
            (page_id, status): count
            for page_id, status, count in rows.values_list("session__offering__program_page_id", "status")
            .annotate(count=Count("pk"))
            .order_by()
        }
    )
    attended = {page_id: counts[(page_id, BookingStatus.ATTENDED)] for page_id in services}
    no_show = {page_id: counts[(page_id, BookingStatus.NO_SHOW)] for page_id in services}
    recorded = {page_id: attended[page_id] + no_show[page_id] for page_id in services}
    unrecorded = sum(counts[(page_id, BookingStatus.CONFIRMED)] for page_id in services)
    figure = Figure(
        key="attendance",
        title=_("Attendance and no-shows, by service"),
        categories=list(services.values()),
        series={
            _("Came (%)"): [_percent(attended[page_id], recorded[page_id]) for page_id in services],
            _("Did not come (%)"): [_percent(no_show[page_id], recorded[page_id]) for page_id in services],
        },
        unit="percent",
    )
    if unrecorded:
        figure.notes.append(
            _("%(count)d past bookings have no attendance recorded and are left out.") % {"count": unrecorded}
        )
    return figure


def waiting_list_demand(start, end, services):
    counts = Counter()
    rows = WaitingListEntry.objects.filter(session__start__gte=start, session__start__lt=end)
    for page_id, status in rows.values_list("session__offering__program_page_id", "status"):
        counts[(page_id, "joined")] += 1
        if status == WaitingListStatus.BOOKED:
            counts[(page_id, "booked")] += 1
    return Figure(
        key="waiting_list",
        title=_("Waiting-list demand, by service"),
        categories=list(services.values()),
        series={
            _("Joined a waiting list"): [counts[(page_id, "joined")] for page_id in services],
            _("Got a place from it"): [counts[(page_id, "booked")] for page_id in services],
        },
    )


def buddy_pairs_per_week(weeks):
    pairs = list(
        BuddyPair.objects.filter(activated_at__isnull=False)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__date__gte=weeks[0]))
        .values_list("activated_at", "ended_at")
    )
    zone = local_zone()
    active = []
    for week in weeks:
        week_start = datetime.datetime.combine(week, datetime.time(), zone)
        week_end = week_start + datetime.timedelta(days=7)
        active.append(
            sum(1 for since, until in pairs if since < week_end and (until is None or until >= week_start))
        )
    return Figure(
        key="buddy_pairs",
        title=_("Buddy pairs active per week"),
        categories=[week_label(week) for week in weeks],
        series={_("Active pairs"): active},
    )


def requests_per_week(start, end, weeks):
    counts = Counter()
    hours = {kind: [] for kind in RequestKind.values}
    for received, kind, responded_after in support_selectors.received_between(start, end):
        counts[(local_week(received), kind)] += 1
        hours[kind].append(responded_after)
    figure = Figure(
        key="requests",
        title=_("Requests for help and reports, per week"),
        categories=[week_label(week) for week in weeks],
        series={label: [counts[(week, kind)] for week in weeks] for kind, label in RequestKind.choices},
        stacked=True,
    )
    for kind, label in RequestKind.choices:
        median = support_selectors.median_hours(hours[kind])
        unanswered = hours[kind].count(None)
        if median is not None:
            figure.notes.append(
                _("%(kind)s: half had a first response within %(hours)s hours.")
                % {"kind": label, "hours": formats.number_format(median, 1)}
            )
        if unanswered:
            figure.notes.append(
                _("%(kind)s: %(count)d not answered yet.") % {"kind": label, "count": unanswered}
            )
    return figure


def pair_health(start, end):
    """Check-ins sent and answered, "I'd like help", and pairs ended in the term by reason."""
    check_ins = PairCheckIn.objects.filter(kind=CheckInKind.CHECK_IN, sent_at__gte=start, sent_at__lt=end)
    counts = check_ins.aggregate(
        sent=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        help=Count("pk", filter=Q(answer=CheckInAnswer.HELP)),
        pairs_helped=Count("pair", distinct=True, filter=Q(answer=CheckInAnswer.HELP)),
    )
    ended = Counter(
        BuddyPair.objects.filter(ended_at__gte=start, ended_at__lt=end).values_list("end_reason", flat=True)
    )
    figure = Figure(
        key="pair_health",
        title=_("Buddy pairs: check-ins and endings"),
        categories=[
            _("Check-ins sent"),
            _("Check-ins answered"),
            _("“I'd like help” answers"),
            _("Pairs that asked for help"),
            *[label for _reason, label in EndReason.choices],
        ],
        series={
            _("Count"): [
                counts["sent"],
                counts["answered"],
                counts["help"],
                counts["pairs_helped"],
                *[ended[reason] for reason in EndReason.values],
            ]
        },
    )
    if counts["sent"]:
        figure.notes.append(
            _("%(percent)d%% of check-ins were answered.")
            % {"percent": _percent(counts["answered"], counts["sent"])}
        )
    early = sum(count for reason, count in ended.items() if reason and reason != EndReason.PROGRAM_ENDED)
    if early:
        figure.notes.append(_("%(count)d pairs ended before their program did.") % {"count": early})
    return figure


def after_sessions(start, end):
    """Feedback answers (averages only from the threshold up) and missed-session follow-ups raised and done."""
    feedback = SessionFeedback.objects.filter(week__gte=start.date(), week__lt=end.date()).aggregate(
        answers=Count("pk"), **{code: Avg(code) for code, _label in FEEDBACK_ITEMS}
    )
    follow_ups = MissedSessionsFollowUp.objects.filter(created_at__gte=start, created_at__lt=end).aggregate(
        raised=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False))
    )
    figure = Figure(
        key="after_sessions",
        title=_("After sessions: feedback and missed-session follow-ups"),
        categories=[_("Feedback answers"), _("Follow-ups after missed sessions"), _("Follow-ups done")],
        series={_("Count"): [feedback["answers"], follow_ups["raised"], follow_ups["done"]]},
    )
    if feedback["answers"] >= FEEDBACK_THRESHOLD:
        for code, label in FEEDBACK_ITEMS:
            if feedback[code] is not None:
                figure.notes.append(
                    _("“%(item)s”: %(average)s of 5 on average.")
                    % {"item": label, "average": formats.number_format(feedback[code], 1)}
                )
    elif feedback["answers"]:
        figure.notes.append(
            _("Averages are shown from %(threshold)d answers.") % {"threshold": FEEDBACK_THRESHOLD}
        )
    return figure


def term_figures(first_day, last_day, *, now):
    """Every figure of the Reports page for the term from ``first_day`` to ``last_day`` (local dates)."""
    start, end = term_bounds(first_day, last_day)
    weeks = term_weeks(first_day, last_day)
    services = service_names()
    return [
        bookings_per_week(start, end, weeks, services),
        fill_rate_per_week(start, end, weeks),
        attendance_by_service(start, end, services, now),
        waiting_list_demand(start, end, services),
        buddy_pairs_per_week(weeks),
        requests_per_week(start, end, weeks),
        pair_health(start, end),
        after_sessions(start, end),
    ]
