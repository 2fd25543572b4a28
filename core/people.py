"""What every app asks of a young person: their age group, a parent or guardian's consent, a private link.

Bookings, waiting lists and buddy sign-ups all keep these the same way; the rule that an
under-18 has a parent or guardian's name, contact and consent is written here once, as a
check for the services and as a database constraint for the models.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.errors import RuleError


def new_manage_token():
    # 256 bits from the OS's secure generator; never derived from ids.
    return secrets.token_urlsafe(32)


class AgeGroup(models.TextChoices):
    UNDER_13 = "under_13", _("Under 13")
    AGE_13_15 = "13_15", _("13–15")
    AGE_16_17 = "16_17", _("16–17")
    ADULT = "18_plus", _("18 or older")


UNDER_18 = [AgeGroup.UNDER_13, AgeGroup.AGE_13_15, AgeGroup.AGE_16_17]

GUARDIAN_RULE = _("Under-18s need a parent or guardian's name, contact and consent.")


class GuardianDetails(models.Model):
    """A person's age group and, for under-18s, who their parent or guardian is and that they agree."""

    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    guardian_name = models.CharField(_("parent or guardian's name"), max_length=120, blank=True)
    guardian_contact = models.CharField(_("parent or guardian's phone or email"), max_length=120, blank=True)
    guardian_consent = models.BooleanField(_("parent or guardian consents"), default=False)

    class Meta:
        abstract = True

    @property
    def needs_guardian(self):
        return self.age_group in UNDER_18


def guardian_consent_constraint(name):
    """The guardian rule as a database constraint, for a model built on ``GuardianDetails``."""
    return models.CheckConstraint(
        condition=Q(age_group=AgeGroup.ADULT)
        | (Q(guardian_consent=True) & ~Q(guardian_name="") & ~Q(guardian_contact="")),
        name=name,
        violation_error_message=GUARDIAN_RULE,
    )


def guardian_problem(person):
    """The guardian rule for a service about to save ``person`` (any details with the
    ``GuardianDetails`` fields: a booking's, a waiting list's or a buddy sign-up's): a RuleError, or None."""
    if person.age_group in UNDER_18 and not (
        person.guardian_consent and person.guardian_name and person.guardian_contact
    ):
        return RuleError(
            _("For anyone under 18, a parent or guardian must give their name, contact and consent."),
            code="guardian",
            field="guardian_consent",
        )
    return None
