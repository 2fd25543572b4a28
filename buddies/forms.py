from django import forms
from django.utils.translation import gettext_lazy as _

from buddies.models import AgainAnswer, CheckInAnswer, ContactPreference, FreePeriod, Interest, Language, Side
from core.forms import GuardianForm, HoneypotForm, PersonEmailField, PersonNameField
from core.people import AgeGroup


class BuddySignupForm(HoneypotForm, GuardianForm):
    first_name = PersonNameField(
        label=_("Your first name"),
        max_length=60,
        help_text=_("Only your first name is shared with the person you are paired with."),
        error_messages={"required": _("Enter your first name.")},
    )
    email = PersonEmailField()
    school_class = forms.CharField(
        label=_("Class"),
        max_length=10,
        help_text=_("For example 7B."),
        error_messages={"required": _("Enter your class.")},
    )
    year = forms.TypedChoiceField(
        label=_("Year"), coerce=int, error_messages={"required": _("Choose your year.")}
    )
    age_group = forms.ChoiceField(
        label=_("Age"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an age group.")},
    )
    guardian_consent = forms.BooleanField(
        label=_("I am the parent or guardian, or they agree to this sign-up."), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    interests = forms.MultipleChoiceField(
        label=_("What you like"),
        help_text=_("Helps us find someone you get along with."),
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    free_periods = forms.MultipleChoiceField(
        label=_("When you are free to meet"),
        choices=FreePeriod.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one time you are free.")},
    )
    contact_preference = forms.ChoiceField(
        label=_("How would you like to meet?"),
        choices=ContactPreference.choices,
        initial=ContactPreference.AT_SCHOOL,
        widget=forms.RadioSelect,
    )
    motivation = forms.CharField(
        label=_("Why would you like to be a buddy?"),
        help_text=_("A sentence or two is enough."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell us in a sentence why you would like to be a buddy.")},
    )
    training_completed = forms.BooleanField(
        label=_("I have completed the peer-supporter training."),
        help_text=_("Not yet? Sign up anyway: the counselor will invite you to the next training."),
        required=False,
    )
    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my details are used to find a buddy."),
        error_messages={
            "required": _("Tick the box to agree to the privacy notice, or we cannot sign you up.")
        },
    )

    field_order = [
        "first_name",
        "email",
        "school_class",
        "year",
        "age_group",
        "guardian_name",
        "guardian_contact",
        "guardian_consent",
        "languages",
        "interests",
        "free_periods",
        "contact_preference",
        "motivation",
        "training_completed",
        "privacy_consent",
    ]

    def __init__(self, *args, program, side, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Choose your year"))] + [
            (year, str(year)) for year in program.years(side)
        ]
        if side == Side.MENTEE:
            del self.fields["motivation"]
            del self.fields["training_completed"]

    def clean(self):
        cleaned = super().clean()
        self.check_guardian(cleaned)
        return cleaned


class StaffSignupForm(BuddySignupForm):
    """Staff sign a student up (from a paper form, a conversation): the same questions, asked by staff."""

    language = forms.ChoiceField(
        label=_("Language of their emails"),
        choices=[("id", _("Bahasa Indonesia")), ("en", _("English"))],
        initial="id",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        del self.fields["privacy_consent"]
        self.fields["guardian_consent"].label = _(
            "A parent or guardian agrees to this sign-up (staff have asked)."
        )
        if "training_completed" in self.fields:
            self.fields["training_completed"].label = _("Has completed the peer-supporter training")
            self.fields["training_completed"].help_text = ""


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, withdraw my sign-up"),
        error_messages={"required": _("Tick the box to confirm that you want to withdraw.")},
    )


class CheckInForm(forms.Form):
    """One tap: the answer is the button pressed; the line of text is optional."""

    answer = forms.ChoiceField(
        label=_("How is it going?"),
        choices=CheckInAnswer.choices,
        error_messages={
            "required": _("Choose one of the answers."),
            "invalid_choice": _("Choose one of the answers."),
        },
    )
    comment = forms.CharField(
        label=_("Anything you would like to add?"),
        help_text=_("Only the program's counselor reads it."),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ClosingForm(CheckInForm):
    answer = forms.ChoiceField(
        label=_("How did it go?"),
        choices=[
            (CheckInAnswer.GOING_WELL, _("It went well")),
            (CheckInAnswer.OKAY, _("It was okay")),
            (CheckInAnswer.HELP, _("It was hard")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it went.")},
    )
    again = forms.ChoiceField(
        label=_("Would you take part in a buddy pair again?"),
        choices=AgainAnswer.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    field_order = ["answer", "again", "comment"]
