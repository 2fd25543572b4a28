"""Spreadsheet exports in the admin: local times, and a record of every export of personal data."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied

from core.localtime import format_local
from core.models import PersonalDataEvent

EXPORT_PERMISSION = "core.export_personal_data"
# Query parameters that are not filters; a search term may be a name, so only its use is recorded.
NOT_FILTERS = {"export", "q", "p", "ordering"}


class LocalTimeExportMixin:
    """For an admin index view: exported datetimes read "…pukul 15.00 WIB" in the admin's language."""

    custom_value_preprocess = {
        datetime.datetime: {"csv": format_local, "xlsx": format_local},
        (datetime.date, datetime.time): {"xlsx": None},
    }


def may_export_personal_data(user):
    return not settings.RANGKUL_RESTRICT_EXPORTS or user.has_perm(EXPORT_PERMISSION)


class PersonalDataExportMixin(LocalTimeExportMixin):
    """Exports of people's records: only for those allowed (RANGKUL_RESTRICT_EXPORTS), and each one recorded."""

    @property
    def show_export_buttons(self):
        return bool(self.list_export) and may_export_personal_data(self.request.user)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if not may_export_personal_data(self.request.user):
            raise PermissionDenied
        PersonalDataEvent.objects.create(
            user=self.request.user,
            action="export",
            subject=str(self.model._meta.verbose_name_plural),
            details={
                "format": spreadsheet_format,
                "rows": len(queryset),
                "filters": {
                    name: self.request.GET.getlist(name)
                    for name in self.request.GET
                    if name not in NOT_FILTERS
                },
                "searched": bool(self.request.GET.get("q")),
            },
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)
