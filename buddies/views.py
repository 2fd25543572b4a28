"""Public buddy pages: thin views around buddies.selectors and buddies.services."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from buddies import follow_up, selectors, services
from buddies.forms import BuddySignupForm, CheckInForm, ClosingForm, WithdrawForm
from buddies.models import BuddyProgram, BuddySignup, PairCheckIn, Side
from core.confirmation import remember_confirmation, remembered_confirmation
from core.errors import RuleError
from core.ratelimits import limit_posts

CONFIRMED_SESSION_KEY = "buddy_confirmed"


def _program_or_404(slug):
    program = selectors.program_for_slug(slug)
    if program is None:
        raise Http404
    return program


def _context(program, **extra):
    return {
        "program": program,
        "program_page": program.program_page.localized,
        "show_exit_button": program.program_page.show_exit_button,
        **extra,
    }


@never_cache
def program_detail(request, slug):
    program = _program_or_404(slug)
    states = selectors.side_states(program, now=timezone.now())
    return TemplateResponse(
        request,
        "buddies/program.html",
        _context(program, mentee_problem=states[Side.MENTEE], buddy_problem=states[Side.BUDDY]),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts("buddy_signup")
def signup(request, slug, side):
    if side not in Side.values:
        raise Http404
    program = _program_or_404(slug)
    now = timezone.now()
    problem = selectors.side_states(program, now=now)[side]
    form = BuddySignupForm(request.POST or None, program=program, side=side)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            data = form.cleaned_data
            student = services.Student.from_form(data)
            try:
                services.signup_create(
                    program_id=program.pk, side=side, student=student, language=get_language(), now=now
                )
            except RuleError as error:
                if error.code == "duplicate":
                    # Answered exactly as a new sign-up; that address is told by email.
                    told = services.signup_tell_already_signed_up(
                        program_id=program.pk, side=side, email=student.email
                    )
                    if told is None:  # withdrawn a moment ago: the form is shown afresh
                        return redirect(request.path)
                    return _confirmed_redirect(request, program, student.email, now=now)
                form.add_error(error.field if error.field in form.fields else None, str(error.message))
                status = 503 if error.code == "busy" else 409
            else:
                return _confirmed_redirect(request, program, student.email, now=now)
    return TemplateResponse(
        request,
        "buddies/signup.html",
        _context(program, form=form, side=side, is_buddy=side == Side.BUDDY, problem=problem),
        status=status,
    )


def _confirmed_redirect(request, program, email, *, now):
    """The page after signing up shows only what was typed: the program and the address given."""
    remember_confirmation(request, CONFIRMED_SESSION_KEY, {"program": program.pk, "email": email}, now=now)
    return redirect("buddies:confirmed")


@never_cache
def signup_confirmed(request):
    """The same page for a new sign-up and for an address already signed up (nothing to tell apart)."""
    typed = remembered_confirmation(request, CONFIRMED_SESSION_KEY, now=timezone.now())
    program = get_object_or_404(BuddyProgram.objects.select_related("program_page"), pk=typed["program"])
    return TemplateResponse(request, "buddies/confirmed.html", _context(program, email=typed["email"]))


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts("manage")
def manage(request, token):
    signup = get_object_or_404(
        BuddySignup.objects.select_related("program__program_page"), manage_token=token
    )
    form = WithdrawForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            try:
                services.signup_withdraw(signup_id=signup.pk, now=timezone.now())
            except RuleError as error:
                form.add_error(None, str(error.message))
                status = 409
            else:
                messages.success(request, _("Your sign-up is withdrawn. We have sent you an email."))
                return redirect("buddies:manage", token=token)
    signup.refresh_from_db()
    return TemplateResponse(
        request, "buddies/manage.html", _context(signup.program, signup=signup, form=form), status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts("manage")
def check_in(request, token):
    """A check-in or the closing questions, from the private link in the student's email; no sign-in."""
    check_in = get_object_or_404(
        PairCheckIn.objects.select_related(
            "signup", "pair__program__program_page", "pair__buddy", "pair__mentee"
        ),
        token=token,
    )
    pair = check_in.pair
    form_class = ClosingForm if check_in.is_closing else CheckInForm
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST" and not check_in.is_answered:
        if not form.is_valid():
            status = 400
        else:
            try:
                follow_up.check_in_answer(token=token, now=timezone.now(), **form.cleaned_data)
            except RuleError as error:
                form.add_error(None, str(error.message))
                status = 409
            else:
                return redirect("buddies:check_in", token=token)
    other = pair.mentee if check_in.signup_id == pair.buddy_id else pair.buddy
    return TemplateResponse(
        request,
        "buddies/check_in.html",
        _context(pair.program, check_in=check_in, form=form, other_first_name=other.first_name),
        status=status,
    )
