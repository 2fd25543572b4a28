"""Form pieces every public form shares."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

# A name goes into emails the site sends: no links or markup, so nobody can use the forms
# to send their own message to someone else's address.
NOT_A_NAME = re.compile(r"://|www\.|[<>{}\[\]@/\\]|\.(com|net|org|id|ru|xyz|info)\b", re.IGNORECASE)


def validate_person_name(value):
    if NOT_A_NAME.search(value):
        raise forms.ValidationError(
            _("Write just a name: no web addresses, email addresses or symbols such as < > / @."),
            code="not_a_name",
        )


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
