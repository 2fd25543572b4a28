"""Emails about requests for help. None names the topic or repeats what the person wrote: an
inbox may be shared, read over a shoulder or by a parent."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from core.outbox import outbox_send
from core.selectors import crisis_hotlines
from support.models import SupportEmail, SupportEmailKind

PERSON_SUBJECT = gettext_lazy("We have your message")
STAFF_SUBJECTS = {
    True: gettext_lazy("A new report for the school safety team"),
    False: gettext_lazy("An urgent request for help"),
}


def status_url(request):
    with translation.override(request.language):
        path = reverse("support:status", kwargs={"token": request.status_token})
    return settings.RANGKUL_BASE_URL.rstrip("/") + path


def admin_url(request):
    return settings.RANGKUL_BASE_URL.rstrip("/") + reverse("support_request", args=[request.pk])


def build_message(email):
    request = email.request
    if email.kind == SupportEmailKind.STAFF_ALERT:
        # Staff read the admin in their own language setting; the alert is in the site's first language.
        with translation.override(settings.LANGUAGE_CODE):
            subject = str(STAFF_SUBJECTS[request.is_report])
            text = render_to_string(
                "support/email/staff_alert.txt",
                {"request": request, "admin_url": admin_url(request)},
            )
        return EmailMultiAlternatives(subject=subject, body=text, to=[email.staff_member.email])
    with translation.override(request.language):
        subject = str(PERSON_SUBJECT)
        text = render_to_string(
            "support/email/received.txt",
            {"request": request, "status_url": status_url(request), "hotlines": crisis_hotlines()},
        )
    return EmailMultiAlternatives(subject=subject, body=text, to=[request.reply_email])


def support_email_send(*, email_id):
    return outbox_send(SupportEmail, email_id, build_message)
