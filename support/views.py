"""Public pages: ask someone to contact me, report bullying or violence, and the status link."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.confirmation import remember_confirmation, remembered_confirmation
from core.errors import RuleError
from core.ratelimits import limit_posts
from support import services
from support.chooser import localized, parse_answers, suggestion_order
from support.emails import status_url
from support.forms import HelpRequestForm
from support.models import HelpChooser, HelpRequest, RequestKind

SENT_SESSION_KEY = "support_sent"


def _form_page(request, kind):
    form = HelpRequestForm(request.POST or None, kind=kind)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            data = form.cleaned_data
            # A field the form leaves out for this kind (a report has no topic) keeps Asking's default.
            asking = services.Asking(
                kind=kind, **{name: data[name] for name in ASKING_FIELDS if name in data}
            )
            try:
                help_request = services.request_create(asking=asking, language=get_language())
            except RuleError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error.message))
                status = 409
            else:
                remember_confirmation(request, SENT_SESSION_KEY, help_request.pk, now=timezone.now())
                return redirect("support:sent")
    return TemplateResponse(
        request,
        "support/form.html",
        {"form": form, "is_report": kind == RequestKind.REPORT},
        status=status,
    )


ASKING_FIELDS = [
    "for_whom",
    "topic",
    "details",
    "is_urgent",
    "is_anonymous",
    "name",
    "school_class",
    "contact_way",
    "contact",
    "good_times",
    "no_parents",
]


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts("help_request")
def ask(request):
    return _form_page(request, RequestKind.REQUEST)


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts("help_request")
def report(request):
    return _form_page(request, RequestKind.REPORT)


@never_cache
def sent(request):
    """Shown once to this browser: the status link, which for an anonymous report is the only way back."""
    pk = remembered_confirmation(request, SENT_SESSION_KEY, now=timezone.now())
    help_request = get_object_or_404(HelpRequest, pk=pk)
    return TemplateResponse(
        request, "support/sent.html", {"help_request": help_request, "status_url": status_url(help_request)}
    )


@never_cache
def status(request, token):
    help_request = get_object_or_404(HelpRequest, status_token=token)
    return TemplateResponse(request, "support/status.html", {"help_request": help_request})


# Changes nothing and stores nothing (each step only says which screen comes next), so there is
# nothing a forged request could do; exempting it keeps the first screen cacheable and token-free.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def which_help(request):
    chooser = HelpChooser.load(request_or_site=request)
    questions = list(chooser.questions)
    context = {
        "chooser": chooser,
        "intro": localized({"intro": chooser.intro, "intro_en": chooser.intro_en}, "intro"),
    }
    if request.method == "GET":
        return TemplateResponse(request, "support/which_help.html", {**context, "screen": "danger"})
    if request.POST.get("danger") == "yes":
        return TemplateResponse(request, "support/which_help.html", {**context, "screen": "crisis"})
    answers = parse_answers(request.POST.get("answers", ""), questions)
    going_back = "back" in request.POST
    chosen = "" if going_back else request.POST.get("answer", "")
    if answers is not None and chosen:
        answers = parse_answers(",".join(map(str, [*answers, chosen])), questions)
    if answers is None:
        return TemplateResponse(request, "support/which_help.html", {**context, "screen": "lost"}, status=400)
    if going_back:
        if not answers:
            return TemplateResponse(request, "support/which_help.html", {**context, "screen": "danger"})
        answers = answers[:-1]
    if len(answers) < len(questions):
        question = questions[len(answers)].value
        return TemplateResponse(
            request,
            "support/which_help.html",
            {
                **context,
                "screen": "question",
                "number": len(answers) + 1,
                "count": len(questions),
                "question": localized(question, "question"),
                "hint": localized(question, "hint") if question["hint"] else "",
                "choices": [
                    (index, localized(answer, "label")) for index, answer in enumerate(question["answers"])
                ],
                "answers": ",".join(map(str, answers)),
            },
        )
    suggestions = [
        _suggestion_shown(block.value) for block in suggestion_order(questions, chooser.suggestions, answers)
    ]
    return TemplateResponse(
        request,
        "support/which_help.html",
        {
            **context,
            "screen": "result",
            "best": suggestions[0] if suggestions else None,
            "others": suggestions[1:],
            "answers": ",".join(map(str, answers)),
        },
    )


FORM_OF_KIND = {"contact": "support:ask", "report": "support:report"}


def _suggestion_shown(value):
    page = value["page"]
    # "Someone contacts me" and "telling the school safety team" lead to their own forms.
    url = page.localized.url if page is not None else reverse(FORM_OF_KIND.get(value["kind"], "support:ask"))
    return {
        "title": localized(value, "title"),
        "text": localized(value, "text"),
        "link_label": localized(value, "link_label"),
        "url": url,
    }
