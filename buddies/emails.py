"""Emails about buddy sign-ups and pairs, in the student's language; core.outbox sends each once.

A pairing email names the other person by first name and says how they will meet, and
nothing else about them.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from buddies.models import BuddyEmail, BuddyEmailKind, ContactPreference, Side
from core.outbox import outbox_send
from core.selectors import crisis_hotlines

SUBJECTS = {
    BuddyEmailKind.SIGNED_UP: gettext_lazy("We have your sign-up"),
    BuddyEmailKind.WITHDRAWN: gettext_lazy("Your sign-up is withdrawn"),
    BuddyEmailKind.PAIRED: gettext_lazy("You have been paired"),
    BuddyEmailKind.PAIR_ENDED: gettext_lazy("News about your buddy pair"),
    BuddyEmailKind.ALREADY_SIGNED_UP: gettext_lazy("About your sign-up"),
    BuddyEmailKind.CHECK_IN: gettext_lazy("How is it going with your buddy?"),
    BuddyEmailKind.CLOSING: gettext_lazy("How did your buddy pair go?"),
}
# A parent or guardian is written to about their child, not as if they were the student.
GUARDIAN_SUBJECTS = {
    BuddyEmailKind.PAIRED: gettext_lazy("Your child has a buddy"),
    BuddyEmailKind.PAIR_ENDED: gettext_lazy("News about your child's buddy pair"),
}


def manage_url(signup):
    with translation.override(signup.language):
        path = reverse("buddies:manage", kwargs={"token": signup.manage_token})
    return settings.RANGKUL_BASE_URL.rstrip("/") + path


def check_in_url(check_in):
    with translation.override(check_in.signup.language):
        path = reverse("buddies:check_in", kwargs={"token": check_in.token})
    return settings.RANGKUL_BASE_URL.rstrip("/") + path


def how_to_meet(pair):
    """The agreed channel: by school email only if both chose it; otherwise the counselor introduces them."""
    choices = {pair.buddy.contact_preference, pair.mentee.contact_preference}
    if choices == {ContactPreference.SCHOOL_EMAIL}:
        return ContactPreference.SCHOOL_EMAIL.label
    return ContactPreference.AT_SCHOOL.label


def build_message(email):
    signup = email.signup
    pair = email.pair
    other = None
    if pair is not None:
        other = pair.mentee if signup.side == Side.BUDDY else pair.buddy
    with translation.override(signup.language):
        context = {
            "signup": signup,
            "program": signup.program,
            "kind": email.kind,
            "to_guardian": email.to_guardian,
            "other_first_name": other.first_name if other else "",
            "how_to_meet": how_to_meet(pair) if pair else "",
            "manage_url": manage_url(signup),
            "check_in_url": check_in_url(email.check_in) if email.check_in_id else "",
            "hotlines": crisis_hotlines(),
        }
        subject = str((GUARDIAN_SUBJECTS if email.to_guardian else SUBJECTS)[email.kind])
        text = render_to_string("buddies/email/buddy_email.txt", context)
    recipient = signup.guardian_contact if email.to_guardian else signup.email
    message = EmailMultiAlternatives(subject=subject, body=text, to=[recipient])
    return message


def buddy_email_send(*, email_id):
    return outbox_send(BuddyEmail, email_id, build_message)
