"""Schedules in plain words for staff: "Setiap Selasa dan Kamis, 15.00", not "RRULE:FREQ=WEEKLY;…"."""

import datetime

from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from recurrence import DAILY, MONTHLY, WEEKLY, YEARLY

from core.localtime import local_zone_name

# django-recurrence counts weekdays from Monday = 0, as Django's WEEKDAYS does.


def _weekdays(rule):
    return [str(WEEKDAYS[int(getattr(day, "number", day))]) for day in rule.byday or []]


def rule_in_words(rule):
    days = get_text_list(_weekdays(rule), _("and"))
    interval = rule.interval or 1
    if rule.freq == WEEKLY and days:
        if interval == 1:
            return _("Every %(days)s") % {"days": days}
        return ngettext("Every %(count)d week on %(days)s", "Every %(count)d weeks on %(days)s", interval) % {
            "count": interval,
            "days": days,
        }
    if interval == 1:
        every = {
            DAILY: _("Every day"),
            WEEKLY: _("Every week"),
            MONTHLY: _("Every month"),
            YEARLY: _("Every year"),
        }
        if rule.freq in every:
            return every[rule.freq]
    every_n = {
        DAILY: _("Every %(count)d days"),
        WEEKLY: _("Every %(count)d weeks"),
        MONTHLY: _("Every %(count)d months"),
        YEARLY: _("Every %(count)d years"),
    }
    if rule.freq in every_n:
        return every_n[rule.freq] % {"count": interval}
    return rule.to_text()


def schedule_in_words(schedule):
    """The schedule's rules and local start (and slot window), in the active language."""
    parts = [rule_in_words(rule) for rule in schedule.recurrences.rrules]
    if schedule.recurrences.rdates:
        parts.append(
            ngettext("%(count)d extra date", "%(count)d extra dates", len(schedule.recurrences.rdates))
            % {"count": len(schedule.recurrences.rdates)}
        )
    start = formats.time_format(
        datetime.datetime.combine(datetime.date.today(), schedule.start_time), "TIME_FORMAT"
    )
    if schedule.end_time:
        end = formats.time_format(
            datetime.datetime.combine(datetime.date.today(), schedule.end_time), "TIME_FORMAT"
        )
        when = f"{start}–{end}"
    else:
        when = start
    text = "; ".join(parts) or _("Only on the dates added")
    if schedule.recurrences.exdates:
        text += "; " + (
            ngettext("%(count)d date skipped", "%(count)d dates skipped", len(schedule.recurrences.exdates))
            % {"count": len(schedule.recurrences.exdates)}
        )
    return f"{text}, {when} {local_zone_name(timezone.now())}"
