"""The second sign-in step, setting up a device, and resetting a lost one (see staff.two_factor)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.log_actions import log

from staff import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": gettext_lazy("Enter the code.")},
    )


def _locked(request):
    return TemplateResponse(
        request,
        "admin/locked_out.html",
        {"cooloff_timedelta": two_factor.settings.AXES_COOLOFF_TIME},
        status=429,
    )


@never_cache
def setup(request):
    """Add an authenticator app: a QR code and the key; the first code confirms it, then the backup codes."""
    user = request.user
    if two_factor.confirmed_device(user) and not user.is_verified():
        # Only someone past the second step may replace a device: a password alone is not enough.
        return redirect(reverse("staff_two_factor_verify") + "?next=" + reverse("wagtailadmin_home"))
    if two_factor.is_locked_out(request, user):
        return _locked(request)
    device = two_factor.device_being_set_up(user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            codes = two_factor.confirm_device(request, device, form.cleaned_data["code"])
            if codes is not None:
                return TemplateResponse(
                    request,
                    "staff/two_factor/backup_codes.html",
                    {"codes": codes, "next": two_factor.safe_next(request, reverse("wagtailadmin_home"))},
                )
            if two_factor.is_locked_out(request, user):
                return _locked(request)
            form.add_error(
                "code", _("That code is not right. Check the time on your phone and try the newest code.")
            )
        status = 400
    picture, key = two_factor.setup_picture(device, user)
    return TemplateResponse(
        request,
        "staff/two_factor/setup.html",
        {"form": form, "picture": picture, "key": key, "next": two_factor.safe_next(request, "")},
        status=status,
    )


@never_cache
def verify(request):
    """The second step of signing in: a code from the app, or one of the backup codes."""
    user = request.user
    if not two_factor.confirmed_device(user):
        return redirect("staff_two_factor_setup")
    if two_factor.is_locked_out(request, user):
        return _locked(request)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if two_factor.verify(request, form.cleaned_data["code"]):
                return redirect(two_factor.safe_next(request, reverse("wagtailadmin_home")))
            if two_factor.is_locked_out(request, user):
                return _locked(request)
            form.add_error("code", _("That code is not right. Try the newest code, or a backup code."))
        status = 400
    return TemplateResponse(
        request,
        "staff/two_factor/verify.html",
        {"form": form, "next": two_factor.safe_next(request, "")},
        status=status,
    )


def overview(request):
    """One's own two-factor state; for coordinators and superusers, every staff member's, with reset."""
    staff = two_factor.staff_and_devices() if two_factor.may_reset_devices(request.user) else []
    return TemplateResponse(
        request,
        "staff/two_factor/overview.html",
        {
            "has_device": bool(two_factor.confirmed_device(request.user)),
            "may_reset": two_factor.may_reset_devices(request.user),
            "required": two_factor.must_use_two_factor(request.user),
            "staff": staff,
        },
    )


def reset(request, user_id):
    """Forget someone's lost device (asks first): their next sign-in sets up a new one."""
    if not two_factor.may_reset_devices(request.user):
        raise PermissionDenied
    member = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        two_factor.devices_reset(member)
        log(instance=member, action="staff.two_factor_reset", user=request.user)
        messages.success(
            request, _("%(name)s sets up two-factor sign-in again when they next sign in.") % {"name": member}
        )
        return redirect("staff_two_factor_overview")
    return TemplateResponse(request, "staff/two_factor/confirm_reset.html", {"member": member})
