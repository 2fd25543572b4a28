from django import forms
from django.utils.translation import gettext_lazy as _


class DataRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("The person's email address"),
        help_text=_("Their own address, or a parent's or guardian's address they gave."),
        error_messages={
            "required": _("Enter an email address."),
            "invalid": _("Enter a valid email address."),
        },
    )


class EraseForm(DataRequestForm):
    confirm = forms.BooleanField(
        label=_("I have checked the person's identity, and they asked for their data to be erased."),
        error_messages={"required": _("Tick the box to confirm, or nothing is erased.")},
    )
