from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotForm, PersonNameField, validate_phone
from support.models import ContactWay, ForWhom, RequestKind, RequestStatus, Topic

FOR_WHOM_IN_A_REPORT = [
    (ForWhom.MYSELF, _("It happened to me")),
    (ForWhom.FRIEND, _("It happened to someone else, and I saw or heard about it")),
]


class HelpRequestForm(HoneypotForm):
    """Ask someone to contact me, or (``kind=report``) tell the school about bullying or violence."""

    for_whom = forms.ChoiceField(
        label=_("Who is this for?"),
        choices=ForWhom.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who this is for.")},
    )
    topic = forms.ChoiceField(
        label=_("What is it about?"),
        help_text=_("You don't have to say. Choose the last option if you'd rather tell someone in person."),
        choices=Topic.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    details = forms.CharField(
        label=_("Anything you want us to know"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    is_anonymous = forms.BooleanField(
        label=_("Send this report without my name"),
        help_text=_(
            "Then we cannot contact you: the link on the next page is the only way to see what happens."
        ),
        required=False,
    )
    name = PersonNameField(label=_("Your name or nickname"), max_length=60, required=False)
    school_class = forms.CharField(
        label=_("Class"), max_length=10, required=False, help_text=_("For example 7B.")
    )
    contact_way = forms.ChoiceField(
        label=_("How may we reach you?"), choices=ContactWay.choices, widget=forms.RadioSelect, required=False
    )
    contact = forms.CharField(
        label=_("Your email address or number"),
        max_length=254,
        required=False,
        help_text=_("Only for email, phone or WhatsApp. Use one only you read."),
    )
    good_times = forms.CharField(
        label=_("When is a good time?"),
        max_length=120,
        required=False,
        help_text=_("For example: break time, after school, not during maths."),
    )
    no_parents = forms.BooleanField(label=_("Please don't contact my parents or guardian"), required=False)
    is_urgent = forms.BooleanField(label=_("This is urgent"), required=False)

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == RequestKind.REPORT:
            self.fields["for_whom"].label = _("What happened, and to whom?")
            self.fields["for_whom"].choices = FOR_WHOM_IN_A_REPORT
            self.fields["details"].label = _("What happened, where and when")
            self.fields["details"].help_text = _(
                "Write as much or as little as you like. You can leave out names."
            )
            del self.fields["topic"], self.fields["is_urgent"]
        else:
            del self.fields["is_anonymous"]
        for name in ("name", "contact_way"):
            if kind == RequestKind.REPORT:
                self.fields[name].needed_when = _("needed unless you send it without your name")
            else:
                self.fields[name].required = True
        self.fields["name"].error_messages["required"] = _(
            "Enter your name or a nickname the counselor will know you by."
        )
        self.fields["contact_way"].error_messages["required"] = _("Choose how we may reach you.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_anonymous"):
            for name in ("name", "school_class", "contact_way", "contact", "good_times"):
                cleaned[name] = ""
            return cleaned
        for name in ("name", "contact_way"):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        way = cleaned.get("contact_way")
        contact = cleaned.get("contact", "").strip()
        if way == ContactWay.AT_SCHOOL:
            if not cleaned.get("school_class", "").strip():
                self.add_error("school_class", _("Enter your class, so we can find you at school."))
            cleaned["contact"] = ""
        elif way and not contact:
            self.add_error("contact", _("Enter the email address or number we should use."))
        elif way == ContactWay.EMAIL:
            try:
                validate_email(contact)
            except forms.ValidationError:
                self.add_error("contact", _("Enter an email address like name@example.com."))
        elif way:
            try:
                validate_phone(contact)
            except forms.ValidationError as error:
                self.add_error("contact", error)
        return cleaned


class TakeForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Give it to"), queryset=None, required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What has happened?"),
        choices=[(value, label) for value, label in RequestStatus.choices if value != RequestStatus.NEW],
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(label=_("How did it end?"), required=False)

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "—"), *outcomes]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Add a note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
