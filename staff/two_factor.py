"""Two-factor sign-in for staff who see people's records: a TOTP code (django-otp) after Wagtail's password.

Counselors, coordinators, the school safety team, the data protection officer and superusers
must use it; anyone else (editors) may, and once they have a device it is asked of them too.
The first sign-in sets a device up (a QR code drawn here, on the server, and the key in
letters), then shows ten one-time backup codes. A wrong code counts as a failed sign-in for
django-axes, so both steps share its limit. A coordinator or superuser can reset a lost device.
"""

import base64
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import get_user_model, signals
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.roles import COORDINATOR, COUNSELOR, DATA_PROTECTION_OFFICER, SAFETY_TEAM

REQUIRED_GROUPS = [COUNSELOR, COORDINATOR, SAFETY_TEAM, DATA_PROTECTION_OFFICER]
BACKUP_CODES = 10
ISSUER = "Rangkul"


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def must_use_two_factor(user):
    return (
        user.is_superuser
        or user.groups.filter(name__in=REQUIRED_GROUPS).exists()
        or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )


def staff_and_devices():
    """Every active staff member (in a group, or a superuser) with whether they have a device, in one query."""
    has_device = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__isnull=False))
        .distinct()
        .annotate(has_device=Exists(has_device))
        .order_by("username")
    )


def may_reset_devices(user):
    return user.is_superuser or user.groups.filter(name=COORDINATOR).exists()


def device_being_set_up(user):
    """The user's unconfirmed device (a new key the first time, the same key on a reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Rangkul", confirmed=False)


def setup_picture(device, user):
    """(the QR code as inline SVG, the key in letters) for an authenticator app; nothing leaves the server."""
    key = base64.b32encode(device.bin_key).decode()
    address = f"otpauth://totp/{ISSUER}:{user.get_username()}?" + urlencode(
        {"secret": key, "issuer": ISSUER, "digits": device.digits, "period": device.step}
    )
    svg = segno.make(address, error="m").svg_inline(scale=5, title=f"{ISSUER} · {user.get_username()}")
    return svg, " ".join(key[index : index + 4] for index in range(0, len(key), 4))


def _failed(request, user):
    signals.user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


def is_locked_out(request, user):
    return AxesProxyHandler.is_locked(request, credentials={"username": user.get_username()})


def confirm_device(request, device, code):
    """Check the first code from the app; then the device is the user's and ten backup codes are made.

    Returns the backup codes (shown once), or None for a wrong code.
    """
    if not device.verify_token(code):
        _failed(request, request.user)
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = backup_codes_renew(request.user)
    otp_login(request, device)
    return codes


def backup_codes_renew(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request, code):
    """The second step: a code from the app or one backup code (used up). True if it signs the user in."""
    code = code.strip().replace(" ", "")
    for device in [confirmed_device(request.user), *StaticDevice.objects.filter(user=request.user)]:
        if device is not None and device.verify_is_allowed()[0] and device.verify_token(code):
            otp_login(request, device)
            return True
    _failed(request, request.user)
    return False


def devices_reset(user):
    """Forget a staff member's app and backup codes: their next sign-in sets up a new device."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def safe_next(request, default):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


# Addresses a signed-in but not yet verified staff member may open: the second step itself,
# signing out, and what the sign-in pages load (the icon sprite and the admin's translations).
OPEN_ADDRESSES = (
    "/admin/two-factor/",
    "/admin/logout/",
    "/admin/login/",
    "/admin/password_reset/",
    "/admin/sprite/",
    "/admin/jsi18n/",
)


class TwoFactorMiddleware:
    """Sends staff who must use two-factor sign-in to the second step before any admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_second_step(request):
            user = request.user
            step = "staff_two_factor_verify" if confirmed_device(user) else "staff_two_factor_setup"
            return redirect(reverse(step) + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)

    @staticmethod
    def _needs_second_step(request):
        path = request.path
        if not settings.RANGKUL_TWO_FACTOR_REQUIRED or not path.startswith("/admin/"):
            return False
        if path.startswith(OPEN_ADDRESSES):
            return False
        user = request.user
        return user.is_authenticated and not user.is_verified() and must_use_two_factor(user)
