"""Removing students' details from buddy sign-ups while keeping what statistics need (core.retention).

A sign-up keeps its program, side, year and status, and its pairs and check-in answers stay,
so the pair figures are still right; names, addresses, classes, preferences, the students'
words in check-ins and staff's notes about the pair go.
"""

from buddies.models import BuddyEmail, BuddySignup, PairCheckIn, PairNote
from core.retention import REMOVED, anonymised_address, guardian_scrub, records_anonymise

SCRUBBED_FIELDS = [
    "first_name",
    "email",
    "school_class",
    "guardian_name",
    "guardian_contact",
    "languages",
    "interests",
    "free_periods",
]


def signups_anonymise(signups, *, now):
    """Remove the students' details from these sign-ups (a queryset); returns how many."""
    rows = list(signups.filter(anonymised_at__isnull=True))
    for signup in rows:
        signup.first_name = REMOVED
        signup.email = anonymised_address(signup)
        signup.school_class = REMOVED
        guardian_scrub(signup)
        signup.languages, signup.interests, signup.free_periods = [], [], []
        signup.anonymised_at = now
    ids = [signup.pk for signup in rows]
    # Check-in answers stay for the pair-health figures; the students' own words and staff's notes go.
    PairCheckIn.objects.filter(signup_id__in=ids).update(comment="")
    PairNote.objects.filter(pair__mentee_id__in=ids).delete()
    PairNote.objects.filter(pair__buddy_id__in=ids).delete()
    return records_anonymise(
        BuddySignup, rows, SCRUBBED_FIELDS, emails_of=lambda ids: BuddyEmail.objects.filter(signup_id__in=ids)
    )
