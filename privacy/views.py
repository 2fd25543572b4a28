"""Admin pages for data requests. The email is always sent in the form body, never in the address."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from privacy.forms import DataRequestForm, EraseForm
from privacy.requests import person_erase, person_export, records_for_email

PERMISSION = "core.handle_data_requests"


def _page(request, template, *, status=200, **context):
    return TemplateResponse(request, f"privacy/{template}", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def data_request(request):
    """Find everything held for an email; from the results, export it or go on to erase it."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method == "GET":
        return _page(request, "data_request.html", form=DataRequestForm())
    form = DataRequestForm(request.POST)
    if not form.is_valid():
        return _page(request, "data_request.html", form=form, status=400)
    email = form.cleaned_data["email"]
    records = records_for_email(email, user=request.user)
    action = request.POST.get("action")
    if action == "export" and not records.is_empty:
        data = person_export(records, user=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="rangkul-data.json"'
        return response
    if action == "confirm_erase" and not records.is_empty:
        return _page(request, "confirm_erase.html", form=EraseForm(initial={"email": email}), records=records)
    return _page(request, "data_request.html", form=form, records=records, searched=True)


@never_cache
@require_http_methods(["POST"])
def data_erase(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = EraseForm(request.POST)
    if not form.is_valid():
        email = request.POST.get("email", "")
        records = records_for_email(email, user=request.user) if "@" in email else None
        return _page(request, "confirm_erase.html", form=form, records=records, status=400)
    records = records_for_email(form.cleaned_data["email"], user=request.user)
    counts = person_erase(records, user=request.user, now=timezone.now())
    messages.success(
        request,
        _(
            "Erased: %(bookings)d bookings, %(waiting_list)d waiting-list entries, %(buddy_signups)d buddy sign-ups, "
            "%(help_requests)d requests for help."
        )
        % counts,
    )
    return redirect("privacy_data_request")
