from django import forms
from django.utils.translation import gettext_lazy as _

from booking.models import FEEDBACK_ITEMS, Audience, ContactChannel, FeedbackScore, Topic
from booking.models.sessions import MOST_PEOPLE_COMING
from booking.services.places import PERSON_FIELDS
from core.forms import (
    GuardianForm,
    HoneypotForm,
    PersonEmailField,
    PersonNameField,
    validate_phone,
)
from core.localtime import format_local_short_range
from core.people import AgeGroup


class SessionChoiceField(forms.ChoiceField):
    """Session ids offered on the page; a stale or tampered id gets a clear message."""

    default_error_messages = {
        "invalid_choice": _("That time is no longer available. Please choose another."),
        "required": _("Choose a time."),
    }


class BookingForm(HoneypotForm, GuardianForm):
    session = SessionChoiceField(label=_("Choose a time"), widget=forms.RadioSelect)
    name = PersonNameField(
        label=_("Your name"),
        max_length=120,
        help_text=_("A first name or nickname is fine."),
        error_messages={"required": _("Enter your name.")},
    )
    email = PersonEmailField()
    people_coming = forms.IntegerField(
        label=_("How many of you are coming?"),
        help_text=_("Count yourself too, for example 3 for you and two family members."),
        min_value=1,
        max_value=MOST_PEOPLE_COMING,
        initial=1,
        error_messages={
            "required": _("Enter how many of you are coming."),
            "min_value": _("At least one person comes: you."),
            "max_value": _("A place is for up to %(limit_value)s people. For more, please contact us."),
            "invalid": _("Enter a number, for example 3."),
        },
    )
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False, validators=[validate_phone]
    )
    school_class = forms.CharField(
        label=_("Class"),
        max_length=30,
        required=False,
        help_text=_("For example 8B. Leave empty if not a student."),
    )
    age_group = forms.ChoiceField(
        label=_("Age"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an age group.")},
    )
    topic = forms.ChoiceField(
        label=_("What would you like to talk about?"),
        help_text=_("Helps us prepare. You can choose not to say."),
        choices=[("", _("I would rather not say"))] + list(Topic.choices),
        required=False,
    )
    contact_channel = forms.ChoiceField(
        label=_("If something changes at short notice, how may the counselor reach you?"),
        help_text=_(
            "Everything about your booking comes by email. A call or a WhatsApp message, if you choose "
            "one, comes from the counselor in person: the site sends no WhatsApp messages."
        ),
        choices=ContactChannel.choices,
        initial=ContactChannel.EMAIL,
        widget=forms.RadioSelect,
    )
    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my details are used for this booking."),
        error_messages={"required": _("Tick the box to agree to the privacy notice, or we cannot book.")},
    )

    needed_when = {
        **GuardianForm.needed_when,
        "phone": _("needed if we should call or message you"),
    }
    field_order = ["session", *PERSON_FIELDS, "privacy_consent"]

    def __init__(self, *args, sessions, offering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [(str(session.pk), str(session.pk)) for session in sessions]
        if offering.audience != Audience.FAMILIES:
            del self.fields["people_coming"]  # only family sessions ask who comes along

    def clean(self):
        cleaned = super().clean()
        self.check_guardian(cleaned)
        if (
            cleaned.get("contact_channel") in (ContactChannel.PHONE, ContactChannel.WHATSAPP)
            and not cleaned.get("phone", "").strip()
        ):
            self.add_error("phone", _("Enter a phone number, or choose email as the way to contact you."))
        return cleaned


class ConfirmBookingForm(forms.Form):
    """The "confirm my booking" button: nothing to fill in, only where its answer is shown."""


class CancelBookingForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, cancel this booking"),
        error_messages={"required": _("Tick the box to confirm that you want to cancel.")},
    )


class RescheduleForm(forms.Form):
    session = SessionChoiceField(label=_("Move to"))

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [
            (str(session.pk), format_local_short_range(session.start, session.end)) for session in sessions
        ]


class LeaveWaitingListForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, take me off the waiting list"),
        error_messages={"required": _("Tick the box to confirm that you want to leave the waiting list.")},
    )


class ClaimPlaceForm(forms.Form):
    """Taking an offered place needs no answers; the form carries the error if it cannot be taken."""


class FeedbackForm(forms.Form):
    """Four items on a five-face scale, each optional, and a line of text; nothing that names anyone."""

    comment = forms.CharField(
        label=_("Anything else you would like to tell us?"),
        help_text=_(
            "Please do not write names. If something is wrong and you need help, talk to the counselor."
        ),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scores = {}
        for code, label in FEEDBACK_ITEMS:
            scores[code] = forms.TypedChoiceField(
                label=label,
                choices=FeedbackScore.choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "faces__choice"}),
            )
        self.fields = {**scores, **self.fields}

    @property
    def score_fields(self):
        return [self[code] for code, _label in FEEDBACK_ITEMS]

    def clean(self):
        cleaned = super().clean()
        if (
            not any(cleaned.get(code) for code, _label in FEEDBACK_ITEMS)
            and not cleaned.get("comment", "").strip()
        ):
            raise forms.ValidationError(_("Answer at least one question, or write a line."), code="empty")
        return cleaned


class StaffBookingForm(GuardianForm):
    """Staff add someone to a session: the booking form's questions, asked by staff, email optional."""

    name = PersonNameField(
        label=_("Name"), max_length=120, error_messages={"required": _("Enter their name.")}
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_(
            "Leave empty for someone without email: they get no emails, and staff move or cancel for them."
        ),
        error_messages={"invalid": _("Enter an email address like nama@contoh.id.")},
    )
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False, validators=[validate_phone]
    )
    school_class = forms.CharField(label=_("Class"), max_length=30, required=False)
    people_coming = forms.IntegerField(
        label=_("How many are coming?"), min_value=1, max_value=MOST_PEOPLE_COMING, initial=1
    )
    age_group = forms.ChoiceField(
        label=_("Age"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an age group.")},
    )
    topic = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("Not said"))] + list(Topic.choices), required=False
    )
    contact_channel = forms.ChoiceField(
        label=_("If something changes at short notice, how may the counselor reach them?"),
        choices=ContactChannel.choices,
        initial=ContactChannel.EMAIL,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of their emails"),
        choices=[("id", _("Bahasa Indonesia")), ("en", _("English"))],
        initial="id",
        widget=forms.RadioSelect,
    )
    tell_person = forms.BooleanField(
        label=_("Email them the confirmation, with their link to move or cancel"),
        required=False,
        initial=True,
    )

    field_order = [*PERSON_FIELDS, "language", "tell_person"]

    def __init__(self, *args, offering, to_waiting_list=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian_consent"].label = _(
            "A parent or guardian agrees to this booking (staff have asked)."
        )
        if offering.audience != Audience.FAMILIES:
            del self.fields["people_coming"]
        if to_waiting_list:
            # A place is offered from the waiting list by email, always: no confirmation to choose.
            del self.fields["tell_person"]
            self.fields["email"].required = True
            self.fields["email"].help_text = ""
            self.fields["email"].error_messages["required"] = _(
                "A place on the waiting list is offered by email: enter their email."
            )

    def clean(self):
        cleaned = super().clean()
        self.check_guardian(cleaned)
        if cleaned.get("tell_person") and not cleaned.get("email"):
            self.add_error("email", _("Enter their email, or untick “email them the confirmation”."))
        if (
            cleaned.get("contact_channel") in (ContactChannel.PHONE, ContactChannel.WHATSAPP)
            and not cleaned.get("phone", "").strip()
        ):
            self.add_error("phone", _("Enter a phone number, or choose email only."))
        return cleaned
