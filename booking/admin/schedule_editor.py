"""The schedule editor staff use: Wagtail's own labelled controls, stored as django-recurrence's value.

django-recurrence keeps the rule and expands it (booking.services.scheduling); only its widget is
replaced. The editor shows one repeating rule (how often, every how many, on which
weekdays), extra dates and dates to skip. The last day is the schedule's own "last day"
field: a rule's UNTIL from the old widget is folded into it, so there is one end date.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from recurrence import DAILY, MONTHLY, WEEKLY, Recurrence, Rule
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel
from wagtail.admin.widgets import AdminDateInput

from booking.models import Closure
from booking.services.scheduling import closed_dates, picked_date, schedule_dates
from core.localtime import format_local_range, local_zone

ONLY_LISTED_DATES = "dates"
FREQUENCIES = {"weekly": WEEKLY, "daily": DAILY, "monthly": MONTHLY}
FREQUENCY_CHOICES = [
    ("weekly", _("Every week, on the days ticked below")),
    ("daily", _("Every day")),
    ("monthly", _("Every month, on the same date as the first day")),
    (ONLY_LISTED_DATES, _("Only on the extra dates listed below")),
]
BLANK_DATE_ROWS = 2
MOST_DATES = 100
PREVIEW_COUNT = 10


class DateListWidget(forms.Widget):
    """A list of date fields with Wagtail's date picker: the dates so far and two empty rows.

    Every row has its own label; saving with the empty rows filled in gives two more.
    """

    use_fieldset = True
    row_label = _("Date %(number)d")

    def __init__(self, attrs=None, row_label=None):
        super().__init__(attrs)
        if row_label:
            self.row_label = row_label

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])

    def value_omitted_from_data(self, data, files, name):
        return False

    def format_value(self, value):
        return [item.isoformat() if isinstance(item, datetime.date) else str(item) for item in value or []]

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_

    def render(self, name, value, attrs=None, renderer=None):
        base_id = (attrs or {}).get("id") or f"id_{name}"
        values = self.format_value(value) + [""] * BLANK_DATE_ROWS
        date_input = AdminDateInput(format="%Y-%m-%d")
        rows = []
        for index, item in enumerate(values):
            row_id = f"{base_id}_{index}"
            rows.append(
                (
                    row_id,
                    self.row_label % {"number": index + 1},
                    date_input.render(name, item, attrs={"id": row_id}, renderer=renderer),
                )
            )
        return format_html(
            '<ul class="date-list">{}</ul>',
            format_html_join("", '<li class="date-list__row"><label for="{}">{}</label> {}</li>', rows),
        )

    @property
    def media(self):
        return AdminDateInput().media


class DateListField(forms.Field):
    widget = DateListWidget
    default_error_messages = {
        "invalid_date": _("“%(value)s” is not a date. Use the date picker, or write it as 2026-12-31."),
        "too_many": _("At most %(most)d dates."),
    }

    def to_python(self, value):
        day_field = forms.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"])
        dates = set()
        for item in value or []:
            item = str(item).strip()
            if not item:
                continue
            try:
                dates.add(day_field.clean(item[:40]))
            except forms.ValidationError:
                raise forms.ValidationError(
                    self.error_messages["invalid_date"], code="invalid_date", params={"value": item[:40]}
                ) from None
        if len(dates) > MOST_DATES:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"most": MOST_DATES}
            )
        return sorted(dates)


def _stored_date(day):
    # Midnight UTC is read back as that same calendar date by booking.services.scheduling.picked_date.
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def editor_values(recurrence, valid_until):
    """What the editor shows for a stored value; ``fits`` is False if it holds more than the editor can show."""
    rules = list(recurrence.rrules) if recurrence else []
    values = {
        "frequency": ONLY_LISTED_DATES,
        "interval": 1,
        "weekdays": [],
        "extra_dates": sorted({picked_date(value) for value in recurrence.rdates}) if recurrence else [],
        "excluded_dates": sorted({picked_date(value) for value in recurrence.exdates}) if recurrence else [],
        "valid_until": valid_until,
    }
    frequency = {number: name for name, number in FREQUENCIES.items()}
    fits = len(rules) <= 1 and not (recurrence and recurrence.exrules)
    if rules:
        rule = rules[0]
        fits = fits and rule.freq in frequency and not (rule.bymonthday or rule.bysetpos or rule.count)
        values["frequency"] = frequency.get(rule.freq, "weekly")
        values["interval"] = rule.interval or 1
        values["weekdays"] = [str(getattr(day, "number", day)) for day in rule.byday or []]
        if rule.until:
            until = picked_date(rule.until)
            values["valid_until"] = min(until, valid_until) if valid_until else until
    return values, fits


class ScheduleForm(WagtailAdminModelForm):
    frequency = forms.ChoiceField(label=_("How often"), choices=FREQUENCY_CHOICES, initial="weekly")
    interval = forms.IntegerField(
        label=_("Repeat every"),
        min_value=1,
        max_value=52,
        initial=1,
        help_text=_("1 is every week (or day, or month); 2 is every other one."),
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On these days"),
        choices=[(str(number), name) for number, name in WEEKDAYS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For a weekly schedule."),
    )
    extra_dates = DateListField(
        label=_("Extra dates"),
        required=False,
        widget=DateListWidget(row_label=_("Extra date %(number)d")),
        help_text=_("Dates with a session outside the repeating pattern, such as a make-up day."),
    )
    excluded_dates = DateListField(
        label=_("Dates to skip"),
        required=False,
        widget=DateListWidget(row_label=_("Date to skip %(number)d")),
        help_text=_("Dates with no session, such as a public holiday. Closures apply to every schedule."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        values, fits = editor_values(self.instance.recurrences, self.instance.valid_until)
        if self.instance.pk:
            self.initial.update(values)
        if not fits:
            self.fields["frequency"].help_text = _(
                "This schedule was made with rules this editor cannot show. "
                "Saving replaces them with what you see here: check the dates below first."
            )

    def clean(self):
        cleaned = super().clean()
        frequency = cleaned.get("frequency")
        if frequency == "weekly" and not cleaned.get("weekdays"):
            self.add_error("weekdays", _("Tick at least one day."))
        if (
            frequency == ONLY_LISTED_DATES
            and not cleaned.get("extra_dates")
            and "extra_dates" not in self.errors
        ):
            self.add_error(
                "extra_dates", _("Add at least one date, or choose how often the schedule repeats.")
            )
        if not self.errors:
            self.instance.recurrences = self.recurrence_from(cleaned)
        return cleaned

    @staticmethod
    def recurrence_from(cleaned):
        rules = []
        if cleaned["frequency"] in FREQUENCIES:
            weekly = cleaned["frequency"] == "weekly"
            rules.append(
                Rule(
                    FREQUENCIES[cleaned["frequency"]],
                    interval=cleaned["interval"],
                    byday=[int(day) for day in cleaned["weekdays"]] if weekly else [],
                )
            )
        return Recurrence(
            rrules=rules,
            rdates=[_stored_date(day) for day in cleaned["extra_dates"]],
            exdates=[_stored_date(day) for day in cleaned["excluded_dates"]],
        )


def schedule_preview(schedule, *, today, count=PREVIEW_COUNT):
    """The schedule's next ``count`` dates from today, as local times with their zone (closures skipped)."""
    if not (schedule.valid_from and schedule.start_time and schedule.recurrences):
        return []
    zone = local_zone()
    last_day = today + datetime.timedelta(days=366 * 2)
    closures = Closure.objects.filter(end_date__gte=today, start_date__lte=last_day)
    dates = schedule_dates(
        schedule, first_day=today, last_day=last_day, closed=closed_dates(closures, today, last_day)
    )[:count]
    end_time = (
        schedule.end_time
        or (
            datetime.datetime.combine(today, schedule.start_time)
            + datetime.timedelta(minutes=schedule.offering.duration_minutes)
        ).time()
    )
    return [
        format_local_range(
            datetime.datetime.combine(day, schedule.start_time, tzinfo=zone),
            datetime.datetime.combine(day, end_time, tzinfo=zone),
        )
        for day in dates
    ]


class SchedulePreviewPanel(Panel):
    """The next ten dates in plain words, and a button that shows them for unsaved changes."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "booking/admin/schedule_preview_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            checked = not self.form.is_bound or not self.form.errors
            context["checked"] = checked
            context["previewed"] = self.request.method == "POST" and "preview" in self.request.POST
            context["dates"] = (
                schedule_preview(self.instance, today=timezone.localdate(timezone=local_zone()))
                if checked
                else []
            )
            return context
