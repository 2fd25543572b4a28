"""Spreadsheet exports in the admin: times as local time with the zone, never UTC."""

import datetime

from core.localtime import format_local


class LocalTimeExportMixin:
    """For an admin index view: exported datetimes read "…pukul 15.00 WIB" in the admin's language."""

    custom_value_preprocess = {
        datetime.datetime: {"csv": format_local, "xlsx": format_local},
        (datetime.date, datetime.time): {"xlsx": None},
    }
