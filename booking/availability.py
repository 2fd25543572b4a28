"""Which cached free times a change to places makes out of date: connected in BookingConfig.ready().

A booking, a waiting-list offer or a staff edit of a session changes the free times of its
offering and of its program page; when the session has a counselor, also those of every
one-to-one offering that counselor gives (they cannot be in two places, and a weekly cap counts
across offerings). They are renewed once the change commits.
"""

from functools import partial

from django.db import transaction
from django.db.models import Q

from booking.models import Offering, OfferingKind, Session
from core.content_version import program_page_scope, scopes_changed


def offering_scope(offering_id):
    return f"offering:{offering_id}"


def renew_after_commit(*, session_id=None, offering_id=None, counselor_id=None):
    """Renew the free times a change touches once it commits (never, if it rolls back)."""
    transaction.on_commit(
        partial(_renew, session_id=session_id, offering_id=offering_id, counselor_id=counselor_id)
    )


def _renew(*, session_id, offering_id, counselor_id):
    if session_id is not None:
        found = Session.objects.filter(pk=session_id).values_list("offering_id", "counselor_id").first()
        if found is None:
            return
        offering_id, counselor_id = found
    touched = Q(pk=offering_id)
    if counselor_id is not None:
        touched |= Q(kind=OfferingKind.INDIVIDUAL, sessions__counselor_id=counselor_id)
    scopes = set()
    for changed_id, translation_key in (
        Offering.objects.filter(touched).values_list("pk", "program_page__translation_key").distinct()
    ):
        scopes |= {offering_scope(changed_id), program_page_scope(translation_key)}
    scopes_changed(scopes)


def place_changed(sender, instance, **kwargs):
    """A booking or waiting-list entry was saved or deleted: its session's free places may differ."""
    if sender._meta.get_field("session").is_cached(instance):
        session = instance.session
        renew_after_commit(offering_id=session.offering_id, counselor_id=session.counselor_id)
    else:
        renew_after_commit(session_id=instance.session_id)


def session_changed(sender, instance, **kwargs):
    """A session was saved or deleted (moved, cancelled, its places or counselor changed)."""
    renew_after_commit(offering_id=instance.offering_id, counselor_id=instance.counselor_id)
