"""Admin pages of core: a large spreadsheet export while it is built, and its download.

Each file is its requester's alone: anyone else gets a 404, as for a file that was never there.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.models import SpreadsheetFile, SpreadsheetStatus
from core.spreadsheets import XLSX_CONTENT_TYPE


def _own_files(request):
    return SpreadsheetFile.objects.filter(requested_by=request.user)


@never_cache
@require_GET
def spreadsheet(request, pk):
    """Where the file stands (waiting, being built, ready, failed); the page refreshes itself with
    JavaScript, and without it staff check again with a button."""
    spreadsheet = get_object_or_404(_own_files(request).defer("content"), pk=pk)
    return TemplateResponse(
        request,
        "core/spreadsheet.html",
        {
            "spreadsheet": spreadsheet,
            "listing_url": f"{spreadsheet.listing_path}?{spreadsheet.listing_query}"
            if spreadsheet.listing_query
            else spreadsheet.listing_path,
            "removed_at": spreadsheet.created_at
            + datetime.timedelta(hours=settings.RANGKUL_SPREADSHEET_KEEP_HOURS),
            "others": _own_files(request)
            .filter(status=SpreadsheetStatus.READY)
            .exclude(pk=pk)
            .defer("content"),
        },
    )


@never_cache
@require_GET
def spreadsheet_download(request, pk):
    spreadsheet = get_object_or_404(_own_files(request), pk=pk, status=SpreadsheetStatus.READY)
    response = HttpResponse(bytes(spreadsheet.content), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=spreadsheet.filename
    )
    return response
