"""Spreadsheet exports in the admin: local times, and a record of every export of personal data."""

import datetime
import itertools
import operator
import re

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.functional import cached_property
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.localtime import local_zone, local_zone_name
from core.models import PersonalDataEvent
from core.spreadsheets import spreadsheet_ask, spreadsheet_build_started, spreadsheet_progress
from core.tasks import build_spreadsheet

EXPORT_PERMISSION = "core.export_personal_data"
# Query parameters that are not filters; a search term may be a name, so only its use is recorded.
NOT_FILTERS = {"export", "q", "p", "ordering"}


def _local_naive(moment):
    return timezone.make_naive(moment, local_zone())


def _local_minute(moment):
    return moment.astimezone(local_zone()).strftime("%Y-%m-%d %H:%M")


def _is_datetime_field(model, path):
    """Whether ``path`` ("created_at", "session.start") names a date-time field of ``model``."""
    *relations, name = path.split(".")
    try:
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        return isinstance(model._meta.get_field(name), models.DateTimeField)
    except (FieldDoesNotExist, AttributeError):
        return False


CHOICE_LABEL = re.compile(r"^get_(?P<name>\w+)_display$")
ROWS_READ_AT_ONCE = 2000
CSV_ROWS_PER_WRITE = 500


# A spreadsheet runs a cell that starts like this as a formula (=HYPERLINK(…) sends data away).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    """Text as a spreadsheet shows it, never runs it: a leading formula sign is quoted with '."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def xlsx_text(value):
    """Text an XLSX file can hold: control characters (which stop openpyxl) become a space."""
    return ILLEGAL_CHARACTERS_RE.sub(" ", str(value))


class LocalTimeExportMixin:
    """For an admin index view: exports in the admin's language, with date-times a spreadsheet can
    sort, in local time (their column headings name the zone: "Booked at (WIB)"), and text that
    a spreadsheet shows as written, never as a formula."""

    # The fields an export reads, where the rows are many: each row then builds its models from
    # these columns only (a booking, its session and its offering hold dozens more).
    export_only = ()

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            "csv": _local_minute,
            "xlsx": _local_naive,
        },
        str: {"csv": csv_text, "xlsx": xlsx_text},
    }

    def write_csv_response(self, queryset):
        response = super().write_csv_response(_ReadInChunks(queryset))
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        if _is_datetime_field(queryset.model, field):
            return f"{heading} ({local_zone_name(timezone.now())})"
        return heading

    def get(self, request, *args, **kwargs):
        # An export needs only the rows: the listing's page would first build its table around
        # every one of them (and count them by loading them all).
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        queryset = self.get_queryset()
        if self.export_only:
            queryset = queryset.only(*self.export_only)
        self.export_rows = queryset.count()
        export_format = request.GET.get("export")
        if (
            export_format == self.FORMAT_XLSX
            and self.export_rows > settings.RANGKUL_XLSX_IN_REQUEST_MOST_ROWS
            and not hasattr(request, "building_spreadsheet")
        ):
            self.check_may_export()
            spreadsheet = spreadsheet_ask(
                request=request,
                subject=str(self.model._meta.verbose_name_plural),
                filename=f"{self.get_filename()}.xlsx",
                rows=self.export_rows,
            )
            build_spreadsheet.enqueue(spreadsheet.pk)
            return redirect("core_spreadsheet", spreadsheet.pk)
        return self.as_spreadsheet(queryset, export_format)

    def check_may_export(self):
        """Raise PermissionDenied where the staff member may not export this listing."""

    @cached_property
    def choice_labels(self):
        """For each ``get_x_display`` column, the labels of x's choices, looked up once per export:
        Django's own ``get_x_display`` rebuilds (and translates) every label on every call."""
        labels = {}
        for path in self.list_export:
            match = CHOICE_LABEL.match(path)
            if match is None:
                continue
            try:
                field = self.model._meta.get_field(match["name"])
            except FieldDoesNotExist:
                continue
            if field.choices:
                labels[path] = (field.attname, {value: str(label) for value, label in field.flatchoices})
        return labels

    def get_preprocess_function(self, field, value, export_format):
        # Wagtail looks the function up through every value class for every cell; it depends only
        # on the column, the value's type and the format, so each is looked up once per export.
        key = (field, type(value), export_format)
        if key not in self.preprocess_functions:
            self.preprocess_functions[key] = super().get_preprocess_function(field, value, export_format)
        return self.preprocess_functions[key]

    @cached_property
    def preprocess_functions(self):
        return {}

    def to_row_dict(self, item):
        row = {}
        for path in self.list_export:
            if path in self.choice_labels:
                attname, labels = self.choice_labels[path]
                value = getattr(item, attname)
                row[path] = labels.get(value, value)
            else:
                value = self.value_getters[path](item)
                row[path] = value() if callable(value) else value
        return row

    @cached_property
    def value_getters(self):
        """A getter per column ("session.start" reads item.session.start), built once per export:
        Wagtail's multigetattr splits and walks the path again for every cell."""
        return {path: operator.attrgetter(path) for path in self.list_export}

    def stream_csv(self, queryset):
        # The rows are written after the view has returned, when the admin's language is no
        # longer active: they are written in the language of the request again. They leave a few
        # hundred at a time, as one write each: a write per row costs more than the row.
        return _in_batches(super().stream_csv(queryset), translation.get_language())

    def write_xlsx_response(self, queryset):
        spreadsheet = getattr(self.request, "building_spreadsheet", None)
        if spreadsheet is None:
            return super().write_xlsx_response(_ReadInChunks(queryset))
        spreadsheet_build_started(spreadsheet.pk, rows=self.export_rows)
        return super().write_xlsx_response(
            _ReadInChunks(queryset, progress=lambda rows: spreadsheet_progress(spreadsheet.pk, rows))
        )


class _ReadInChunks:
    """A queryset as Wagtail's export writers use it (its model, then its rows), read a few thousand
    rows at a time: the first line of a CSV leaves before the last row is read, and a year of rows
    is never in memory at once."""

    def __init__(self, queryset, *, progress=None):
        self.queryset = queryset
        self.model = queryset.model
        self.progress = progress

    def __iter__(self):
        if self.progress is None:
            yield from self.queryset.iterator(chunk_size=ROWS_READ_AT_ONCE)
            return
        for read, item in enumerate(self.queryset.iterator(chunk_size=ROWS_READ_AT_ONCE), start=1):
            yield item
            if read % ROWS_READ_AT_ONCE == 0:
                self.progress(read)


def _in_batches(rows, language):
    while True:
        with translation.override(language):
            lines = b"".join(itertools.islice(rows, CSV_ROWS_PER_WRITE))
        if not lines:
            return
        yield lines


def may_export_personal_data(user):
    return not settings.RANGKUL_RESTRICT_EXPORTS or user.has_perm(EXPORT_PERMISSION)


class PersonalDataExportMixin(LocalTimeExportMixin):
    """Exports of people's records: only for those allowed (RANGKUL_RESTRICT_EXPORTS), and each one recorded."""

    @property
    def show_export_buttons(self):
        return bool(self.list_export) and may_export_personal_data(self.request.user)

    def check_may_export(self):
        if not may_export_personal_data(self.request.user):
            raise PermissionDenied

    def as_spreadsheet(self, queryset, spreadsheet_format):
        self.check_may_export()
        PersonalDataEvent.objects.create(
            user=self.request.user,
            action="export",
            subject=str(self.model._meta.verbose_name_plural),
            details={
                "format": spreadsheet_format,
                "rows": self.export_rows,
                "filters": {
                    name: self.request.GET.getlist(name)
                    for name in self.request.GET
                    if name not in NOT_FILTERS
                },
                "searched": bool(self.request.GET.get("q")),
            },
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)
