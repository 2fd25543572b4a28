"""Text that exists once per row with an English variant beside the Indonesian one."""

from django.conf import settings
from django.utils.translation import get_language


class TranslatedField:
    """Reads the English variant of a field when English is active, else the Indonesian one.

    Counselors and offerings are one row each whatever the language, so that sessions,
    places and bookings are never split between languages; only their public text has
    an English variant.
    """

    def __init__(self, indonesian_field, english_field):
        self.indonesian_field = indonesian_field
        self.english_field = english_field

    def __get__(self, instance, owner):
        if instance is None:
            return self
        english = getattr(instance, self.english_field)
        if get_language() == "en" and english:
            return english
        return getattr(instance, self.indonesian_field)


def staff_language(user):
    """The site language a staff member reads, from their admin preference (Wagtail's "id-id" is "id")."""
    # Imported here: core.models imports this module while the apps are still loading.
    from wagtail.users.models import UserProfile

    preferred = UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE
    return "en" if preferred.startswith("en") else "id"
