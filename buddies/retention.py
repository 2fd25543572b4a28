"""Removing students' details from buddy sign-ups while keeping what statistics need.

A sign-up keeps its program, side, year and status, and its pairs stay, so the number of
active pairs per week is still right; names, addresses, classes and preferences go.
"""

from booking.retention import REMOVED
from buddies.models import BuddyEmail, BuddySignup
from core.audit import history_scrub

FIELDS = [
    "first_name",
    "email",
    "school_class",
    "guardian_name",
    "guardian_contact",
    "languages",
    "interests",
    "free_periods",
    "anonymised_at",
]


def signups_anonymise(signups, *, now):
    """Remove the students' details from these sign-ups (a queryset); returns how many."""
    rows = list(signups.filter(anonymised_at__isnull=True))
    for signup in rows:
        signup.first_name = REMOVED
        signup.email = f"buddysignup-{signup.pk}@anonymised.invalid"
        signup.school_class = REMOVED
        if signup.guardian_name or signup.guardian_contact:
            signup.guardian_name = REMOVED
            signup.guardian_contact = REMOVED
        signup.languages, signup.interests, signup.free_periods = [], [], []
        signup.anonymised_at = now
    BuddySignup.objects.bulk_update(rows, FIELDS)
    ids = [row.pk for row in rows]
    history_scrub(BuddySignup, ids)
    BuddyEmail.objects.filter(signup_id__in=ids).delete()
    return len(rows)
