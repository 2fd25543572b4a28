"""Form pieces every public form shares."""

import re
import unicodedata

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from core.people import UNDER_18

# A name goes into emails the site sends: no links or markup, so nobody can use the forms
# to send their own message to someone else's address.
NOT_A_NAME = re.compile(r"://|www\.|[<>{}\[\]@/\\]|\.(com|net|org|id|ru|xyz|info)\b", re.IGNORECASE)


# Alphabets whose letters look alike: one word mixing them is a disguise, not a name.
LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def _hidden_characters(value):
    """Control and format characters: right-to-left overrides, zero-width spaces, BOMs."""
    return [char for char in value if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn")]


def _mixes_lookalike_scripts(value):
    for word in value.split():
        scripts = {
            unicodedata.name(char, "").split(" ")[0] for char in word if char.isalpha()
        } & LOOKALIKE_SCRIPTS
        if len(scripts) > 1:
            return True
    return False


def validate_person_name(value):
    if NOT_A_NAME.search(value):
        raise forms.ValidationError(
            _("Write just a name: no web addresses, email addresses or symbols such as < > / @."),
            code="not_a_name",
        )
    if _hidden_characters(value) or _mixes_lookalike_scripts(value):
        raise forms.ValidationError(
            _(
                "Write the name with ordinary letters: hidden characters, or letters from two alphabets in one word, are not accepted."
            ),
            code="hidden_characters",
        )


class PersonNameField(forms.CharField):
    """A name that staff will read in the admin and emails will greet: normalised, shown as typed."""

    def __init__(self, **kwargs):
        super().__init__(validators=[validate_person_name], **kwargs)

    def to_python(self, value):
        # NFKC turns full-width and other compatibility forms into ordinary letters, and
        # runs of spaces become one.
        value = super().to_python(value)
        return " ".join(unicodedata.normalize("NFKC", value).split())


PHONE = re.compile(r"\+?[0-9][0-9 ().-]*")
PHONE_DIGITS = (6, 15)


def validate_phone(value):
    digits = sum(char.isdigit() for char in value)
    if not PHONE.fullmatch(value) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
        raise forms.ValidationError(
            _("Enter a phone number with digits only, for example 0812 3456 7890 or +62 812 3456 7890."),
            code="not_a_phone",
        )


def validate_phone_or_email(value):
    """One phone number or one email address, never a list or a line break."""
    if "@" in value:
        try:
            validate_email(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Enter one email address like name@example.com, or one phone number."), code="not_one_email"
            ) from None
    else:
        validate_phone(value)


class HoneypotForm(forms.Form):
    """A field people never see or reach; form-filling robots fill it in and are refused.

    Rendered by components/honeypot.html: off screen, hidden from screen readers and out of
    the tab order. The refusal is a general error, so a robot learns nothing from it.
    """

    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("Sorry, we could not take this form. Please try again, or ask us for help."),
                code="honeypot",
            )
        return cleaned


class PersonEmailField(forms.EmailField):
    """The address a person gives on a public form: at most 254 characters, as the columns hold."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Email address"))
        kwargs.setdefault("help_text", _("We send the confirmation here. Use an address only you read."))
        super().__init__(max_length=254, **kwargs)
        self.error_messages.update(
            {
                "required": _("Enter your email address."),
                "invalid": _("Enter an email address like name@example.com."),
                "max_length": _("An email address has at most 254 characters."),
            }
        )


class GuardianForm(forms.Form):
    """The parent or guardian questions that under-18s answer, with the rule that checks them."""

    guardian_name = PersonNameField(label=_("Parent or guardian's name"), max_length=120, required=False)
    guardian_contact = forms.CharField(
        label=_("Parent or guardian's phone or email"),
        max_length=120,
        required=False,
        validators=[validate_phone_or_email],
    )
    guardian_consent = forms.BooleanField(
        label=_("I am the parent or guardian, or they agree to this booking."), required=False
    )
    # Fields that are needed only in some cases say so instead of "(optional)".
    needed_when = {
        "guardian_name": _("needed if you are under 18"),
        "guardian_contact": _("needed if you are under 18"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, condition in self.needed_when.items():
            self.fields[name].needed_when = condition

    def check_guardian(self, cleaned):
        if cleaned.get("age_group") not in UNDER_18:
            return
        if not cleaned.get("guardian_name", "").strip():
            self.add_error("guardian_name", _("Enter the name of a parent or guardian."))
        if not cleaned.get("guardian_contact", "").strip():
            self.add_error("guardian_contact", _("Enter a phone number or email for the parent or guardian."))
        if not cleaned.get("guardian_consent"):
            self.add_error("guardian_consent", _("Under 18s need a parent or guardian to agree."))
