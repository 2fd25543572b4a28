"""XLSX exports built by a task worker: asked for in a listing, built through that listing, kept a day.

An XLSX file is written whole before its first byte can leave, so a large one would keep a
web worker busy past any sensible request time. Past ``RANGKUL_XLSX_IN_REQUEST_MOST_ROWS``
rows the listing records what was asked (its path and filters) and queues
``core.tasks.build_spreadsheet``; the worker calls the same admin view as the staff member,
so their permissions, their filters and the export record are exactly as for a direct download.
"""

import datetime
import logging

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.urls import resolve
from django.utils import timezone, translation

from core.models import SpreadsheetFile, SpreadsheetStatus

logger = logging.getLogger(__name__)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_ask(*, request, subject, filename, rows):
    """Record an XLSX export of the listing ``request`` is on, for ``core.tasks.build_spreadsheet`` to build."""
    query = request.GET.copy()
    query.pop("export", None)
    return SpreadsheetFile.objects.create(
        requested_by=request.user,
        subject=subject,
        listing_path=request.path,
        listing_query=query.urlencode(),
        filename=filename,
        language=translation.get_language(),
        rows=rows,
    )


class _BuildRequest(HttpRequest):
    """The staff member's request again, as the worker replays it: the listing, its filters, ``export=xlsx``."""

    def __init__(self, spreadsheet):
        super().__init__()
        self.method = "GET"
        self.path = self.path_info = spreadsheet.listing_path
        query = QueryDict(spreadsheet.listing_query, mutable=True)
        query["export"] = "xlsx"
        self.GET = query
        self.user = spreadsheet.requested_by
        self.building_spreadsheet = spreadsheet
        self.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80", "REQUEST_METHOD": "GET"}


def spreadsheet_build(spreadsheet_id):
    """Build a file through its listing; its status after. A file already built (or given up) is left alone;
    one whose build a stopped worker left half done is built again."""
    started = SpreadsheetFile.objects.filter(
        pk=spreadsheet_id, status__in=[SpreadsheetStatus.QUEUED, SpreadsheetStatus.BUILDING]
    ).update(status=SpreadsheetStatus.BUILDING)
    if not started:
        return None
    spreadsheet = SpreadsheetFile.objects.select_related("requested_by").get(pk=spreadsheet_id)
    try:
        with translation.override(spreadsheet.language):
            response = resolve(spreadsheet.listing_path).func(_BuildRequest(spreadsheet))
            content = b"".join(response.streaming_content) if response.streaming else b""
        if response.status_code != 200 or response.get("Content-Type") != XLSX_CONTENT_TYPE:
            # The listing said no (the staff member lost the permission, the filters no longer apply).
            raise ValueError(f"the listing answered {response.status_code}")
    except Exception:
        # Logged without the listing's filters, which may hold a searched name.
        logger.exception("Spreadsheet %s could not be built", spreadsheet_id)
        SpreadsheetFile.objects.filter(pk=spreadsheet_id).update(
            status=SpreadsheetStatus.FAILED, finished_at=timezone.now()
        )
        return SpreadsheetStatus.FAILED
    SpreadsheetFile.objects.filter(pk=spreadsheet_id).update(
        status=SpreadsheetStatus.READY, content=content, finished_at=timezone.now()
    )
    return SpreadsheetStatus.READY


def spreadsheet_build_started(spreadsheet_id, *, rows):
    """The rows the worker is about to write, counted as it reads them."""
    SpreadsheetFile.objects.filter(pk=spreadsheet_id).update(rows=rows, rows_written=0)


def spreadsheet_progress(spreadsheet_id, rows_written):
    SpreadsheetFile.objects.filter(pk=spreadsheet_id).update(rows_written=rows_written)


def spreadsheets_held():
    """Files asked for and not yet removed: any of them may hold rows about anyone."""
    return SpreadsheetFile.objects.count()


def spreadsheets_remove_all():
    """Remove every file asked for, built or not (after an erasure: they may hold the person)."""
    SpreadsheetFile.objects.all().delete()


def spreadsheets_remove_old(*, now):
    """Remove files asked for more than ``RANGKUL_SPREADSHEET_KEEP_HOURS`` ago, built or not. How many."""
    kept_from = now - datetime.timedelta(hours=settings.RANGKUL_SPREADSHEET_KEEP_HOURS)
    removed, _ = SpreadsheetFile.objects.filter(created_at__lt=kept_from).delete()
    return removed
